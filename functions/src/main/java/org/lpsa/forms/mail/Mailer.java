package org.lpsa.forms.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.lpsa.forms.Config;
import org.lpsa.forms.aws.AwsClients;
import org.lpsa.forms.aws.TokenSecret;
import org.lpsa.forms.events.Event;
import org.lpsa.forms.events.EventRepository;
import org.lpsa.forms.http.Log;
import org.lpsa.forms.registration.LinkTokens;
import org.lpsa.forms.registration.ManageService;
import org.lpsa.forms.registration.Registration;
import org.lpsa.forms.registration.RegistrationRepository;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Sends one registration's confirmation at most once per claim: claim it (PENDING to SENDING, a
 * conditional update), send, mark SENT. A failed send gives it back as PENDING with a later retry time
 * (the sweeper re-drives it), and after {@link #MAX_ATTEMPTS} as FAILED for an admin to see.
 */
public final class Mailer {
    /** A claim older than this was abandoned (the function died mid-send) and may be taken over. */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(5);
    static final int MAX_ATTEMPTS = 6;

    public enum Outcome { SENT, NOT_DUE, FAILED_WILL_RETRY, GAVE_UP }

    private final RegistrationRepository registrations;
    private final EventRepository events;
    private final EmailSender sender;
    private final LinkTokens tokens;
    private final Settings settings;
    private final Clock clock;

    /** Who mail comes from, the domain of calendar UIDs, and where the manage links point. */
    public record Settings(String from, String mailDomain, String siteUrl) {}

    public Mailer(RegistrationRepository registrations, EventRepository events, EmailSender sender, LinkTokens tokens,
                  Settings settings, Clock clock) {
        this.registrations = registrations;
        this.events = events;
        this.sender = sender;
        this.tokens = tokens;
        this.settings = settings;
        this.clock = clock;
    }

    public static Mailer fromConfig(Config config) {
        AwsClients clients = new AwsClients(config);
        DynamoDbClient dynamo = clients.dynamoDb();
        Clock clock = Clock.systemUTC();
        return new Mailer(
                new RegistrationRepository(dynamo, config.require(Config.REGISTRATIONS_TABLE)),
                new EventRepository(dynamo, config.require(Config.EVENTS_TABLE), clock),
                new EmailSender(clients.ses()),
                new LinkTokens(new TokenSecret(config, clients)),
                new Settings(config.require(Config.SENDER_ADDRESS), config.get(Config.MAIL_DOMAIN, "decentralization.net"),
                        config.require(Config.SITE_URL)),
                clock);
    }

    public Outcome sendConfirmation(String eventId, String email, String requestId) {
        Instant now = clock.instant();
        Optional<Registration> claimed = registrations.claimConfirmation(eventId, email, now, now.minus(ABANDONED_AFTER));
        if (claimed.isEmpty()) {
            return Outcome.NOT_DUE;
        }
        Registration registration = claimed.get();
        Optional<Event> event = events.find(eventId);
        String messageId;
        try {
            if (event.isEmpty()) {
                throw new IllegalStateException("event " + eventId + " no longer exists");
            }
            messageId = sender.send(compose(event.get(), registration, now));
        } catch (SdkException | IllegalStateException failure) {
            boolean giveUp = registration.emailAttempts() >= MAX_ATTEMPTS;
            Instant retryAt = now.plus(backoff(registration.emailAttempts()));
            registrations.releaseAfterFailure(eventId, email, retryAt, giveUp, failure.getClass().getSimpleName());
            Log.warn(requestId, giveUp ? "confirmation failed; giving up" : "confirmation failed; will retry",
                    "eventId", eventId, "attempt", registration.emailAttempts(), "error", failure.getClass().getName());
            return giveUp ? Outcome.GAVE_UP : Outcome.FAILED_WILL_RETRY;
        }
        registrations.markSent(eventId, email, messageId, clock.instant());
        Log.info(requestId, "confirmation sent", "eventId", eventId, "attempt", registration.emailAttempts());
        return Outcome.SENT;
    }

    /** The email owed for the registration's state: the confirmation, or the notice of its cancellation. */
    private OutgoingEmail compose(Event event, Registration registration, Instant now) {
        if (registration.cancelled()) {
            return CancellationEmail.compose(event, registration, settings.from());
        }
        String manage = ManageService.link(tokens, settings.siteUrl(), event, registration.email());
        return ConfirmationEmail.compose(event, registration, manage, settings.from(), settings.mailDomain(), now);
    }

    /** 1, 2, 4, 8, 16 minutes... capped at an hour. */
    static Duration backoff(long attempts) {
        return Duration.ofMinutes(Math.min(60, 1L << Math.max(0, Math.min(6, attempts - 1))));
    }
}
