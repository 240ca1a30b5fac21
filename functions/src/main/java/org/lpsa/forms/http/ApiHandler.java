package org.lpsa.forms.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The frame of every HTTP handler: decode the API Gateway event, let the subclass answer, encode.
 * A refused request is a 4xx naming the field; anything else is a 5xx with the request id, logged.
 */
public abstract class ApiHandler implements RequestStreamHandler {

    protected abstract ApiResponse handle(ApiRequest request);

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String requestId = context == null ? "none" : context.getAwsRequestId();
        ApiResponse response;
        try {
            ApiRequest request = ApiRequest.fromEvent(Json.object(input), requestId);
            response = handle(request);
        } catch (ApiException refused) {
            response = ApiResponse.errors(refused.status(), refused.errors());
        } catch (RuntimeException | IOException | Error failure) {
            Log.error(requestId, "request failed", failure);
            response = ApiResponse.serverError(requestId);
        }
        output.write(Json.bytes(response.toEvent()));
    }
}
