package org.lpsa.forms.mail;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lpsa.forms.Config;
import org.lpsa.forms.http.Json;
import org.lpsa.forms.http.Log;

/**
 * The Registrations stream (filtered to emailStatus = PENDING): one confirmation per record. Records
 * whose handling failed are reported in batchItemFailures, so Lambda retries only those.
 */
public final class MailerHandler implements RequestStreamHandler {
    private final Mailer mailer;

    public MailerHandler() {
        this(Mailer.fromConfig(Config.fromEnvironment()));
    }

    public MailerHandler(Mailer mailer) {
        this.mailer = mailer;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String requestId = context == null ? "none" : context.getAwsRequestId();
        List<Map<String, Object>> failures = new ArrayList<>();
        for (Object record : Json.list(Json.object(input).get("Records"))) {
            Map<String, Object> dynamodb = Json.map(Json.map(record).get("dynamodb"));
            Map<String, Object> keys = Json.map(dynamodb.get("Keys"));
            String eventId = (String) Json.map(keys.get("eventId")).get("S");
            String email = (String) Json.map(keys.get("email")).get("S");
            try {
                mailer.sendConfirmation(eventId, email, requestId);
            } catch (RuntimeException e) {
                Log.error(requestId, "stream record failed", e, "eventId", eventId);
                failures.add(Map.of("itemIdentifier", String.valueOf(dynamodb.get("SequenceNumber"))));
            }
        }
        output.write(Json.bytes(Map.of("batchItemFailures", failures)));
    }
}
