package org.lpsa.forms.outbox;

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
import org.lpsa.forms.Json;
import org.lpsa.forms.Log;
import org.lpsa.forms.aws.AwsClients;
import org.lpsa.forms.aws.Priming;
import org.lpsa.forms.aws.ScheduledRun;
import org.lpsa.forms.aws.TokenSecret;
import org.lpsa.forms.mail.Mailer;
import org.lpsa.forms.mail.OwedEmails;
import org.lpsa.forms.mail.PendingEmails;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * On a schedule: re-drives the emails the streams could not finish (a retry now due, or a claim
 * abandoned by a function that died mid-send), found through the index of due emails ({@link DueEmails}),
 * never by reading whole tables. The mailer's claim makes this safe to run beside it.
 */
public final class SweeperHandler implements RequestStreamHandler {
    private final PendingEmails pending;
    private final Mailer mailer;
    private final Priming priming;

    public SweeperHandler() {
        this(Config.fromEnvironment());
    }

    private SweeperHandler(Config config) {
        this(config, new AwsClients(config, AwsClients.Caller.BACKGROUND));
        priming.register();
    }

    /** The function as deployed, on the given clients (one set for the sweep and the mailer it drives). */
    public SweeperHandler(Config config, AwsClients clients) {
        this(config, clients, new TokenSecret(config, clients));
    }

    private SweeperHandler(Config config, AwsClients clients, TokenSecret secret) {
        this(new PendingEmails(clients.dynamoDb()), Outbox.mailer(config, clients, secret));
        Outbox.primeClients(priming, config, clients, secret);
    }

    public SweeperHandler(PendingEmails pending, Mailer mailer) {
        this.pending = pending;
        this.mailer = mailer;
        this.priming = new Priming("SweeperFunction", Priming.BACKGROUND_ROUNDS).step(mailer::rehearse);
    }

    public Priming priming() {
        return priming;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String requestId = context == null ? "none" : context.getAwsRequestId();
        input.readAllBytes();
        // a backlog (a burst, paced to SES's rate) is left for the next run well before the function's timeout,
        // so no email is cut off mid-claim
        long stopAt = ScheduledRun.stopAt(context);
        try (Log.Scope ignored = Log.request(requestId)) {
            output.write(sweep(requestId, stopAt));
        }
    }

    private byte[] sweep(String requestId, long stopAt) {
        Map<Mailer.Outcome, Integer> counts = new EnumMap<>(Mailer.Outcome.class);
        boolean leftSome = false;
        for (OwedEmails owed : mailer.owed()) {
            if (leftSome) {
                break;
            }
            String table = owed.table();
            for (Map<String, AttributeValue> key : pending.due(table, owed.keyNames(), mailer.now())) {
                if (System.currentTimeMillis() >= stopAt) {
                    leftSome = true;
                    break;
                }
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
        if (leftSome) {
            summary.put("leftForNextRun", true);
        }
        Log.info(requestId, "sweep done", "counts", summary);
        return Json.bytes(summary);
    }
}
