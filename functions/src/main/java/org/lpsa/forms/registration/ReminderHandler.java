package org.lpsa.forms.registration;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.lpsa.forms.Config;
import org.lpsa.forms.Json;
import org.lpsa.forms.Log;
import org.lpsa.forms.aws.AwsClients;
import org.lpsa.forms.aws.Priming;
import org.lpsa.forms.aws.ScheduledRun;
import org.lpsa.forms.aws.TokenSecret;
import org.lpsa.forms.contacts.ContactRepository;
import org.lpsa.forms.events.EventRepository;
import org.lpsa.forms.mail.EmailSender;
import org.lpsa.forms.mail.Mailer;

/**
 * ReminderFunction, on a schedule: the reminders due by the schedule's time (the event's {@code time},
 * which a local run may set), each sent at most once.
 */
public final class ReminderHandler implements RequestStreamHandler {
    private final ReminderService service;
    private final Clock clock;
    private final Priming priming;

    public ReminderHandler() {
        this(Config.fromEnvironment());
    }

    private ReminderHandler(Config config) {
        this(config, new AwsClients(config, AwsClients.Caller.BACKGROUND));
        priming.register();
    }

    /** The function as deployed, on the given clients. */
    public ReminderHandler(Config config, AwsClients clients) {
        this(config, clients, new TokenSecret(config, clients));
    }

    private ReminderHandler(Config config, AwsClients clients, TokenSecret secret) {
        this(new ReminderService(new RegistrationRepository(clients.dynamoDb(), config.require(Config.REGISTRATIONS_TABLE)),
                new EventRepository(clients.dynamoDb(), config.require(Config.EVENTS_TABLE), Clock.systemUTC()),
                new ContactRepository(clients.dynamoDb(), config.require(Config.CONTACTS_TABLE)),
                EmailSender.of(config, clients.sesV2(), clients.dynamoDb()), LinkTokens.of(secret),
                Mailer.Settings.fromConfig(config)), Clock.systemUTC());
        priming.read(clients.dynamoDb(), config.require(Config.REGISTRATIONS_TABLE), "eventId", "email")
                .read(clients.dynamoDb(), config.require(Config.EVENTS_TABLE), "eventId")
                .read(clients.dynamoDb(), config.require(Config.CONTACTS_TABLE), "email")
                .call(() -> clients.sesV2().getAccount(b -> { }))
                .step(secret::get)
                .onRestore(secret::expire);
    }

    public ReminderHandler(ReminderService service, Clock clock) {
        this.service = service;
        this.clock = clock;
        // a run long before anything could be due: the index is asked, nothing is found
        this.priming = new Priming("ReminderFunction", Priming.BACKGROUND_ROUNDS)
                .step(() -> service.run(Instant.EPOCH, "priming"));
    }

    public Priming priming() {
        return priming;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String requestId = context == null ? "none" : context.getAwsRequestId();
        Instant now = ScheduledRun.time(input, clock);
        try (Log.Scope ignored = Log.request(requestId)) {
            ReminderService.Summary summary = service.run(now, requestId, ScheduledRun.stopAt(context));
            output.write(Json.bytes(Map.of("sent", summary.sent(), "skipped", summary.skipped(), "rescheduled", summary.rescheduled(),
                    "deferred", summary.deferred(), "leftForNextRun", summary.leftForNextRun())));
        }
    }
}
