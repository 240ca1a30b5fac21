package org.lpsa.forms.mail;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lpsa.forms.Config;
import org.lpsa.forms.http.Json;
import org.lpsa.forms.http.Log;
import org.lpsa.forms.registration.RegistrationRepository;

/**
 * On a schedule: re-drives confirmations the stream could not finish (a retry now due, or a claim
 * abandoned by a function that died mid-send). The mailer's claim makes this safe to run beside it.
 */
public final class SweeperHandler implements RequestStreamHandler {
    private final RegistrationRepository registrations;
    private final Mailer mailer;

    public SweeperHandler() {
        this(Config.fromEnvironment());
    }

    private SweeperHandler(Config config) {
        this(new RegistrationRepository(new org.lpsa.forms.aws.AwsClients(config).dynamoDb(),
                config.require(Config.REGISTRATIONS_TABLE)), Mailer.fromConfig(config));
    }

    public SweeperHandler(RegistrationRepository registrations, Mailer mailer) {
        this.registrations = registrations;
        this.mailer = mailer;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String requestId = context == null ? "none" : context.getAwsRequestId();
        input.readAllBytes();
        Map<Mailer.Outcome, Integer> counts = new EnumMap<>(Mailer.Outcome.class);
        for (Map<String, String> key : registrations.unfinishedConfirmations()) {
            Mailer.Outcome outcome = mailer.sendConfirmation(key.get("eventId"), key.get("email"), requestId);
            counts.merge(outcome, 1, Integer::sum);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        counts.forEach((outcome, count) -> summary.put(outcome.name().toLowerCase(java.util.Locale.ROOT), count));
        Log.info(requestId, "sweep done", "counts", summary);
        output.write(Json.bytes(summary));
    }
}
