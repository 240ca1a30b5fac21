package org.lpsa.forms.mail;

import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lpsa.forms.aws.SignedCall;
import org.lpsa.forms.http.Json;
import software.amazon.awssdk.http.SdkHttpMethod;

/**
 * Sends through SESv2 SendEmail with Simple content (SES builds the MIME from parts, headers and
 * attachments), one signed call: the function sends nothing else, so the 2.7 MB SESv2 client stays out.
 */
public final class EmailSender {
    /** SES refused or could not be reached; the message was not sent. */
    public static final class SendFailure extends RuntimeException {
        private final String code;

        SendFailure(String code, String message, Throwable cause) {
            super(message, cause);
            this.code = code;
        }

        /** SES's error type (e.g. MessageRejected, TooManyRequestsException) or "Unreachable". */
        public String code() {
            return code;
        }
    }

    private final SignedCall calls;
    private final URI endpoint;
    private final String configurationSet;

    public EmailSender(SignedCall calls, URI endpoint) {
        this(calls, endpoint, null);
    }

    /** {@code configurationSet}: the SES configuration set that reports bounces and complaints (null: none). */
    public EmailSender(SignedCall calls, URI endpoint, String configurationSet) {
        this.calls = calls;
        this.endpoint = URI.create(endpoint.toString().replaceAll("/+$", "") + "/v2/email/outbound-emails");
        this.configurationSet = configurationSet;
    }

    /** Sends one email; returns the SES message id. */
    public String send(OutgoingEmail email) {
        byte[] body = Json.bytes(request(email, configurationSet));
        String text;
        int status;
        try (SignedCall.Response response = calls.send("ses", SdkHttpMethod.POST, endpoint, Map.of("Content-Type", "application/json"), body)) {
            status = response.status();
            text = response.text();
        } catch (UncheckedIOException | java.io.IOException unreachable) {
            throw new SendFailure("Unreachable", "SES could not be reached", unreachable);
        }
        Map<String, Object> answer = parse(text);
        if (status < 200 || status >= 300 || answer.get("MessageId") == null) {
            Object type = answer.getOrDefault("__type", answer.getOrDefault("code", "HTTP " + status));
            throw new SendFailure(String.valueOf(type), "SES refused the email with " + status, null);
        }
        return String.valueOf(answer.get("MessageId"));
    }

    static Map<String, Object> request(OutgoingEmail email, String configurationSet) {
        List<Map<String, Object>> headers = new ArrayList<>();
        email.headers().forEach((name, value) -> headers.add(Map.of("Name", name, "Value", value)));
        List<Map<String, Object>> attachments = new ArrayList<>();
        for (OutgoingEmail.Attachment a : email.attachments()) {
            attachments.add(Map.of("FileName", a.filename(), "ContentType", a.contentType(), "ContentDisposition", "ATTACHMENT",
                    "RawContent", Base64.getEncoder().encodeToString(a.content())));
        }
        Map<String, Object> simple = new LinkedHashMap<>();
        simple.put("Subject", utf8(email.subject()));
        simple.put("Body", Map.of("Text", utf8(email.text()), "Html", utf8(email.html())));
        if (!headers.isEmpty()) {
            simple.put("Headers", headers);
        }
        if (!attachments.isEmpty()) {
            simple.put("Attachments", attachments);
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("FromEmailAddress", email.from());
        request.put("Destination", Map.of("ToAddresses", email.to()));
        if (email.replyTo() != null) {
            request.put("ReplyToAddresses", List.of(email.replyTo()));
        }
        request.put("Content", Map.of("Simple", simple));
        if (configurationSet != null) {
            request.put("ConfigurationSetName", configurationSet);
        }
        return request;
    }

    private static Map<String, String> utf8(String data) {
        return Map.of("Data", data, "Charset", "UTF-8");
    }

    private static Map<String, Object> parse(String text) {
        try {
            return Json.map(Json.value(text));
        } catch (java.io.IOException | RuntimeException notJson) {
            return Map.of();
        }
    }
}
