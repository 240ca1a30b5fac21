package org.lpsa.forms.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lpsa.forms.Json;
import org.lpsa.forms.FieldError;
import org.lpsa.forms.Log;
import org.lpsa.forms.Refused;
import org.lpsa.forms.aws.AwsFailures;

/**
 * The frame of every HTTP handler: decode the API Gateway event, let the subclass answer, encode.
 * A refused request is a 4xx naming the field; AWS throttling or out of reach is a 503 with Retry-After;
 * anything else is a 500. Both 5xx carry the request id and are logged.
 * People posting a plain HTML form, and pages, get both as HTML; programs get JSON.
 */
public abstract class ApiHandler implements RequestStreamHandler {
    public static final String FORM = "application/x-www-form-urlencoded";

    protected abstract ApiResponse handle(ApiRequest request);

    /** Whether this request is answered with pages rather than JSON. */
    protected boolean answersWithPages(ApiRequest request) {
        return request.mediaType().equals(FORM);
    }

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String requestId = context == null ? "none" : context.getAwsRequestId();
        ApiRequest request = null;
        ApiResponse response;
        try (Log.Scope ignored = Log.request(requestId)) {
            try {
                Map<String, Object> event = Json.object(input);
                request = ApiRequest.fromEvent(event, requestId);
                response = handle(request);
            } catch (ApiException refused) {
                response = refusal(request, refused.status(), refused.errors());
            } catch (Refused refused) {
                response = refusal(request, status(refused), refused.errors());
                if (refused instanceof Refused.TooMany tooMany) {
                    response.headers().put("retry-after", Long.toString(tooMany.retryAfterSeconds()));
                }
            } catch (RuntimeException failure) {
                boolean pages = request != null && answersWithPages(request);
                if (AwsFailures.isUnavailable(failure)) {
                    // AWS throttled or was out of reach after the SDK's retries (the call itself is logged by AwsCallLog)
                    Log.warn(requestId, "AWS unavailable; answered 503", "error", failure.getClass().getSimpleName());
                    response = pages ? Pages.unavailable(requestId, AwsFailures.RETRY_AFTER_SECONDS)
                            : ApiResponse.unavailable(requestId, AwsFailures.RETRY_AFTER_SECONDS);
                } else {
                    Log.error(requestId, "request failed", failure);
                    response = pages ? Pages.serverError(requestId) : ApiResponse.serverError(requestId);
                }
            } catch (IOException | Error failure) {
                Log.error(requestId, "request failed", failure);
                response = request != null && answersWithPages(request) ? Pages.serverError(requestId) : ApiResponse.serverError(requestId);
            }
        }
        output.write(Json.bytes(response.toEvent()));
    }

    /**
     * Runs this handler once on a synthetic request, as SnapStart priming does: the whole path of a real
     * request (reading the event, the checks, the answer), with an input that stores and sends nothing.
     */
    protected final void rehearse(String method, String path, Map<String, String> pathParameters, Map<String, String> query,
                                  String contentType, String body) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "2.0");
        event.put("rawPath", path);
        event.put("headers", contentType == null ? Map.of() : Map.of("content-type", contentType));
        event.put("queryStringParameters", query);
        event.put("pathParameters", pathParameters);
        event.put("requestContext", Map.of("http", Map.of("method", method, "path", path, "sourceIp", "127.0.0.1")));
        event.put("body", body);
        event.put("isBase64Encoded", false);
        try {
            handleRequest(new ByteArrayInputStream(Json.bytes(event)), OutputStream.nullOutputStream(), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ApiResponse refusal(ApiRequest request, int status, java.util.List<FieldError> errors) {
        return request != null && answersWithPages(request) ? Pages.errors(status, errors, backLink(request))
                : ApiResponse.errors(status, errors);
    }

    /** The status code of what the rules refused. */
    static int status(Refused refused) {
        if (refused instanceof Refused.NotFound) {
            return 404;
        }
        if (refused instanceof Refused.Conflict) {
            return 409;
        }
        if (refused instanceof Refused.Gone) {
            return 410;
        }
        if (refused instanceof Refused.TooMany) {
            return 429;
        }
        return 400;
    }

    private static String backLink(ApiRequest request) {
        String referer = request.header("referer");
        return referer != null && (referer.startsWith("https://") || referer.startsWith("http://")) ? referer : "/";
    }
}
