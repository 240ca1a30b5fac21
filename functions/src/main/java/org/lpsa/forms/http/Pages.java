package org.lpsa.forms.http;

import java.util.List;
import org.lpsa.forms.FieldError;
import org.lpsa.forms.Templates;

/**
 * Small server-rendered pages for people using plain HTML forms: thank-you, errors, manage. Readable
 * on a phone and by a screen reader: one heading, one main region, real links and buttons.
 */
public final class Pages {
    private Pages() {}

    /** What the page of a refused form shows: each problem in the form's words, and the way back. */
    public record FormErrors(String title, String intro, List<Problem> problems, String back) {}

    public record Problem(String label, String message) {}

    /** The HTML template {@code template} filled from {@code model}, as a page answered with {@code status}. */
    public static ApiResponse page(int status, String template, Object model) {
        ApiResponse response = ApiResponse.html(status, Templates.html(template, model));
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
            return page(status, "http/templates/linkUnusable", errors.get(0).message());
        }
        String intro = errors.size() == 1 ? "Please fix this and send the form again:"
                : "Please fix these " + errors.size() + " things and send the form again:";
        List<Problem> problems = errors.stream().map(e -> new Problem(label(e.field()), e.message())).toList();
        return page(status, "http/templates/formErrors",
                new FormErrors(status == 400 ? "Some answers need fixing" : "The form could not be sent", intro, problems, back));
    }

    /** A failure of ours, as a page. */
    public static ApiResponse serverError(String requestId) {
        ApiResponse response = page(500, "http/templates/serverError", requestId);
        response.headers().put("x-request-id", requestId);
        return response;
    }

    /** AWS is throttling or out of reach, as a page: nothing saved, try again shortly. */
    public static ApiResponse unavailable(String requestId, int retryAfterSeconds) {
        ApiResponse response = page(503, "http/templates/unavailable", requestId);
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
            case "interests" -> "Which parts of the work programme interest you?";
            case "newsletter" -> "Newsletter";
            case "timeZone" -> "Time zone";
            case "invitedBy" -> "Who invited you";
            case "eventId" -> "Meeting";
            case "token" -> "Link";
            case "action" -> "Choice";
            case "confirm" -> "Confirmation";
            case "area" -> "Which area is your idea about?";
            case "title" -> "Title";
            case "text" -> "Your idea";
            case "submissionId", "formVersion" -> "Form";
            case "body" -> "Form";
            case "source" -> "Too many forms";
            default -> field;
        };
    }
}
