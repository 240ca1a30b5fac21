package org.lpsa.forms.mail;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lpsa.forms.Config;
import org.lpsa.forms.aws.AwsClients;
import org.lpsa.forms.http.Json;
import org.lpsa.forms.http.Log;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * On a schedule: re-drives the emails the streams could not finish (a retry now due, or a claim
 * abandoned by a function that died mid-send). The mailer's claim makes this safe to run beside it.
 */
public final class SweeperHandler implements RequestStreamHandler {
    private final PendingEmails pending;
    private final Mailer mailer;

    public SweeperHandler() {
        this(Config.fromEnvironment());
    }

    private SweeperHandler(Config config) {
        this(new PendingEmails(new AwsClients(config).dynamoDb()), Mailer.fromConfig(config));
    }

    public SweeperHandler(PendingEmails pending, Mailer mailer) {
        this.pending = pending;
        this.mailer = mailer;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String requestId = context == null ? "none" : context.getAwsRequestId();
        input.readAllBytes();
        Map<Mailer.Outcome, Integer> counts = new EnumMap<>(Mailer.Outcome.class);
        for (String table : List.of(mailer.tables().registrations(), mailer.tables().ideas())) {
            for (Map<String, AttributeValue> key : pending.unfinished(table, mailer.keyNames(table))) {
                try {
                    counts.merge(mailer.deliver(table, key, requestId), 1, Integer::sum);
                } catch (RuntimeException e) {
                    // one item's failure must not end the sweep; it stays unfinished for the next
                    Log.error(requestId, "sweep of one item failed", e, "table", table);
                }
            }
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        counts.forEach((outcome, count) -> summary.put(outcome.name().toLowerCase(java.util.Locale.ROOT), count));
        Log.info(requestId, "sweep done", "counts", summary);
        output.write(Json.bytes(summary));
    }
}
