package org.lpsa.forms.http;

import org.lpsa.forms.Html;
import java.util.List;
import org.lpsa.forms.FieldError;

/**
 * Small server-rendered pages for people using plain HTML forms: thank-you, errors, manage. Readable
 * on a phone and by a screen reader: one heading, one main region, real links and buttons.
 */
public final class Pages {
    private static final String STYLE = "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;line-height:1.5;"
            + "margin:0;color:#1a1a1a;background:#fff;overflow-wrap:anywhere}main{max-width:40rem;margin:0 auto;padding:1rem}button{font-size:1rem;padding:.6rem 1.2rem;"
            + "margin:.25rem 0}form{margin:1rem 0}:focus-visible{outline:3px solid #1d5fbf;outline-offset:2px}";

    private Pages() {}

    /** A page; {@code bodyHtml} must already be escaped. */
    public static ApiResponse page(int status, String title, String bodyHtml) {
        String html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta name=\"robots\" content=\"noindex\"><title>" + Html.escape(title) + "</title><style>" + STYLE
                + "</style></head><body><main><h1>" + Html.escape(title) + "</h1>" + bodyHtml + "</main></body></html>";
        ApiResponse response = ApiResponse.html(status, html);
        response.headers().put("referrer-policy", "no-referrer");
        response.headers().put("x-frame-options", "DENY");
        return response;
    }

    /**
     * The refusal of a plain form post: each problem in words, and the way back. A link that cannot be
     * used (the only problem is its token) is said so, with no form to go back to.
     */
    public static ApiResponse errors(int status, List<FieldError> errors, String back) {
        if (errors.size() == 1 && errors.get(0).field().equals("token")) {
            return page(status, "This link cannot be used", "<p>" + Html.escape(errors.get(0).message()) + "</p>");
        }
        StringBuilder body = new StringBuilder("<p>")
                .append(errors.size() == 1 ? "Please fix this and send the form again:" : "Please fix these " + errors.size()
                        + " things and send the form again:")
                .append("</p><ul>");
        for (FieldError error : errors) {
            body.append("<li><strong>").append(Html.escape(label(error.field()))).append(":</strong> ")
                    .append(Html.escape(error.message())).append("</li>");
        }
        body.append("</ul><p>Your browser's Back button takes you to the form with what you typed kept. ")
                .append("<a href=\"").append(Html.escape(back)).append("\">Open the form again</a> (empty).</p>");
        return page(status, status == 400 ? "Some answers need fixing" : "The form could not be sent", body.toString());
    }

    /** A failure of ours, as a page. */
    public static ApiResponse serverError(String requestId) {
        ApiResponse response = page(500, "Something went wrong on our side",
                "<p>Nothing was saved. Please try again in a few minutes.</p><p>If it keeps happening, tell us this reference: <code>"
                        + Html.escape(requestId) + "</code></p>");
        response.headers().put("x-request-id", requestId);
        return response;
    }

    /** AWS is throttling or out of reach, as a page: nothing saved, try again shortly. */
    public static ApiResponse unavailable(String requestId, int retryAfterSeconds) {
        ApiResponse response = page(503, "We are very busy right now",
                "<p>We could not confirm that your form was saved. Please go back and send it again in a minute: sending it twice does no harm.</p>"
                        + "<p>If it keeps happening, tell us this reference: <code>" + Html.escape(requestId) + "</code></p>");
        response.headers().put("retry-after", Integer.toString(retryAfterSeconds));
        response.headers().put("x-request-id", requestId);
        return response;
    }

    /** The field names of the API in the words of the form. */
    static String label(String field) {
        return switch (field) {
            case "name" -> "Your name";
            case "email" -> "Email address";
            case "organization" -> "Organization";
            case "role" -> "Your role";
            case "country" -> "Country";
            case "interests" -> "Interests";
            case "newsletter" -> "Newsletter";
            case "timeZone" -> "Time zone";
            case "invitedBy" -> "Who invited you";
            case "eventId" -> "Meeting";
            case "token" -> "Link";
            case "action" -> "Choice";
            case "confirm" -> "Confirmation";
            case "area" -> "Area";
            case "title" -> "Title";
            case "text" -> "Your idea";
            case "submissionId", "formVersion" -> "Form";
            case "body" -> "Form";
            default -> field;
        };
    }
}
