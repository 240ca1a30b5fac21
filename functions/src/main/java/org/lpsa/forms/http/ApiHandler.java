package org.lpsa.forms.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * The frame of every HTTP handler: decode the API Gateway event, let the subclass answer, encode.
 * A refused request is a 4xx naming the field; anything else is a 5xx with the request id, logged.
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
        try {
            Map<String, Object> event = Json.object(input);
            request = ApiRequest.fromEvent(event, requestId);
            response = handle(request);
        } catch (ApiException refused) {
            response = request != null && answersWithPages(request)
                    ? Pages.errors(refused.status(), refused.errors(), backLink(request))
                    : ApiResponse.errors(refused.status(), refused.errors());
        } catch (RuntimeException | IOException | Error failure) {
            Log.error(requestId, "request failed", failure);
            response = request != null && answersWithPages(request) ? Pages.serverError(requestId) : ApiResponse.serverError(requestId);
        }
        output.write(Json.bytes(response.toEvent()));
    }

    private static String backLink(ApiRequest request) {
        String referer = request.header("referer");
        return referer != null && (referer.startsWith("https://") || referer.startsWith("http://")) ? referer : "/";
    }
}
