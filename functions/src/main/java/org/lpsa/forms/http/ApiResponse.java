package org.lpsa.forms.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lpsa.forms.FieldError;
import org.lpsa.forms.Json;

/** An API Gateway HTTP API (payload 2.0) response. */
public record ApiResponse(int status, Map<String, String> headers, String body) {
    private static final String JSON = "application/json; charset=utf-8";

    public static ApiResponse json(int status, Object body) {
        return new ApiResponse(status, headers(JSON), Json.write(body));
    }

    public static ApiResponse errors(int status, List<FieldError> errors) {
        return json(status, Map.of("errors", errors.stream().map(FieldError::toJson).toList()));
    }

    /** A failure of ours: the request id to quote, nothing internal. */
    public static ApiResponse serverError(String requestId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", "Something went wrong on our side and nothing was saved. Please try again in a few minutes.");
        body.put("requestId", requestId);
        ApiResponse response = json(500, body);
        response.headers().put("x-request-id", requestId);
        return response;
    }

    /** AWS is throttling or out of reach: the outcome is unknown, and sending again (idempotent) shortly should work. */
    public static ApiResponse unavailable(String requestId, int retryAfterSeconds) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", "We are very busy right now and could not confirm that your form was saved. Please send it again in a minute: sending it twice does no harm.");
        body.put("requestId", requestId);
        ApiResponse response = json(503, body);
        response.headers().put("retry-after", Integer.toString(retryAfterSeconds));
        response.headers().put("x-request-id", requestId);
        return response;
    }

    public static ApiResponse html(int status, String html) {
        return new ApiResponse(status, headers("text/html; charset=utf-8"), html);
    }

    public static ApiResponse seeOther(String location) {
        Map<String, String> headers = headers("text/plain; charset=utf-8");
        headers.put("location", location);
        return new ApiResponse(303, headers, "");
    }

    public Map<String, Object> toEvent() {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("statusCode", status);
        event.put("headers", headers);
        event.put("body", body);
        event.put("isBase64Encoded", false);
        return event;
    }

    private static Map<String, String> headers(String contentType) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", contentType);
        headers.put("cache-control", "no-store");
        return headers;
    }
}
