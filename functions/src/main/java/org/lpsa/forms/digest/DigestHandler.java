package org.lpsa.forms.digest;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.lpsa.forms.Config;
import org.lpsa.forms.Json;
import org.lpsa.forms.Log;
import org.lpsa.forms.aws.AwsClients;
import org.lpsa.forms.aws.Priming;
import org.lpsa.forms.aws.ScheduledRun;
import org.lpsa.forms.events.EventRepository;
import org.lpsa.forms.ideas.IdeaRepository;
import org.lpsa.forms.mail.EmailSender;
import org.lpsa.forms.registration.RegistrationRepository;

/**
 * DigestFunction, on a schedule (every 15 minutes): the admins' daily digest, sent by the first run at or
 * after 08:00 in the organisers' zone (the event's {@code time}, which a local run may set).
 */
public final class DigestHandler implements RequestStreamHandler {
    private final DigestService service;
    private final Clock clock;
    private final Priming priming;

    public DigestHandler() {
        this(Config.fromEnvironment());
    }

    private DigestHandler(Config config) {
        this(config, new AwsClients(config, AwsClients.Caller.BACKGROUND));
        priming.register();
    }

    /** The function as deployed, on the given clients. */
    public DigestHandler(Config config, AwsClients clients) {
        this(new DigestService(new RegistrationRepository(clients.dynamoDb(), config.require(Config.REGISTRATIONS_TABLE)),
                new IdeaRepository(clients.dynamoDb(), config.require(Config.IDEAS_TABLE)),
                new EventRepository(clients.dynamoDb(), config.require(Config.EVENTS_TABLE), Clock.systemUTC()),
                new DigestState(clients.dynamoDb(), config.require(Config.LIMITS_TABLE)),
                EmailSender.of(config, clients.sesV2(), clients.dynamoDb()),
                new DigestService.Settings(config.optional(Config.ADMIN_EMAIL),
                        ZoneId.of(config.get(Config.ORGANISER_TIME_ZONE, "America/New_York")),
                        config.get(Config.ADMIN_TOOL_OPTIONS, ""), config.require(Config.SENDER_ADDRESS))), Clock.systemUTC());
        priming.read(clients.dynamoDb(), config.require(Config.EVENTS_TABLE), "eventId")
                .read(clients.dynamoDb(), config.require(Config.LIMITS_TABLE), "limitKey")
                .call(() -> clients.sesV2().getAccount(b -> { }));
    }

    DigestHandler(DigestService service, Clock clock) {
        this.service = service;
        this.clock = clock;
        // the indexes asked about a window in which nothing happened, the email worded and not sent
        this.priming = new Priming("DigestFunction", Priming.BACKGROUND_ROUNDS).step(service::rehearse);
    }

    public Priming priming() {
        return priming;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String requestId = context == null ? "none" : context.getAwsRequestId();
        Instant now = ScheduledRun.time(input, clock);
        try (Log.Scope ignored = Log.request(requestId)) {
            DigestService.Outcome outcome = service.run(now);
            Log.info(requestId, "digest", "outcome", outcome.name());
            output.write(Json.bytes(Map.of("digest", outcome.name().toLowerCase(java.util.Locale.ROOT))));
        }
    }
}
