package org.lpsa.forms.mail;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lpsa.forms.Config;
import org.lpsa.forms.http.Json;
import org.lpsa.forms.http.Log;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The Registrations and Ideas streams (filtered to emailStatus = PENDING): one email per record. The
 * table comes from the record's stream ARN. Records whose handling failed are reported in
 * batchItemFailures, so Lambda retries only those.
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
        for (Object r : Json.list(Json.object(input).get("Records"))) {
            Map<String, Object> record = Json.map(r);
            Map<String, Object> dynamodb = Json.map(record.get("dynamodb"));
            String table = tableOf(String.valueOf(record.get("eventSourceARN")));
            try {
                Map<String, AttributeValue> key = new HashMap<>();
                Json.map(dynamodb.get("Keys")).forEach((name, value) -> key.put(name, AttributeValue.fromS(
                        String.valueOf(Json.map(value).get("S")))));
                mailer.deliver(table, key, requestId);
            } catch (RuntimeException e) {
                Log.error(requestId, "stream record failed", e, "table", table);
                failures.add(Map.of("itemIdentifier", String.valueOf(dynamodb.get("SequenceNumber"))));
            }
        }
        output.write(Json.bytes(Map.of("batchItemFailures", failures)));
    }

    /** "arn:aws:dynamodb:region:account:table/NAME/stream/LABEL" to NAME. */
    static String tableOf(String streamArn) {
        int start = streamArn.indexOf(":table/") + 7;
        int end = streamArn.indexOf("/stream/", start);
        return start < 7 ? streamArn : streamArn.substring(start, end < 0 ? streamArn.length() : end);
    }
}
