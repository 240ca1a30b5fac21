package org.lpsa.forms.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lpsa.forms.Config;
import org.lpsa.forms.Log;
import org.lpsa.forms.aws.AwsClients;
import org.lpsa.forms.aws.Items;
import org.lpsa.forms.aws.Priming;
import org.lpsa.forms.aws.TokenSecret;
import org.lpsa.forms.contacts.ContactRepository;
import org.lpsa.forms.events.Event;
import org.lpsa.forms.events.EventRepository;
import org.lpsa.forms.ideas.Idea;
import org.lpsa.forms.ideas.IdeaRepository;
import org.lpsa.forms.registration.LinkTokens;
import org.lpsa.forms.registration.ManageService;
import org.lpsa.forms.registration.Registration;
import org.lpsa.forms.registration.RegistrationRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Sends the email an item owes, at most once per claim: claim it (PENDING to SENDING), send, mark it
 * SENT. What is owed is one {@link OwedEmail} with its message and rules: a registration owes its
 * {@link Confirmation} (or, once cancelled, the {@link Cancellation} notice); an idea its
 * {@link Acknowledgement}, at most one per sender a day. A failed send, or any failure of ours before it, goes
 * back to PENDING with a later retry time (the sweeper re-drives it), and after {@link #MAX_ATTEMPTS} to
 * FAILED for an admin to see.
 */
public final class Mailer {
    /** A claim older than this was abandoned (the function died mid-send) and may be taken over. */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(5);
    static final int MAX_ATTEMPTS = 6;
    /**
     * Logged as true when an email is given up for good: template.yaml turns such lines into the
     * EmailsGivenUp metric, whose alarm tells the admins.
     */
    public static final String GAVE_UP_LOG_FIELD = "gaveUp";
    /** Writes of SENT tried after a send, a short pause between them. */
    static final int MARK_SENT_TRIES = 3;

    public enum Outcome { SENT, NOT_DUE, SKIPPED, FAILED_WILL_RETRY, GAVE_UP }

    /** Who mail comes from, the domain of calendar UIDs, where manage links point, where ideas go. */
    public record Settings(String from, String mailDomain, String siteUrl, String ideasAddress) {}

    public record Tables(String events, String registrations, String ideas, String contacts) {
        public static Tables fromConfig(Config config) {
            return new Tables(config.require(Config.EVENTS_TABLE), config.require(Config.REGISTRATIONS_TABLE),
                    config.require(Config.IDEAS_TABLE), config.require(Config.CONTACTS_TABLE));
        }
    }

    private final PendingEmails pending;
    private final Tables tables;
    private final EventRepository events;
    private final ContactRepository contacts;
    private final EmailSender sender;
    private final LinkTokens tokens;
    private final Settings settings;
    private final Clock clock;
    private final OwedEmail.Context context;

    public Mailer(DynamoDbClient dynamo, Tables tables, EmailSender sender, LinkTokens tokens, Settings settings, Clock clock) {
        this.pending = new PendingEmails(dynamo);
        this.tables = tables;
        this.events = new EventRepository(dynamo, tables.events(), clock);
        this.contacts = new ContactRepository(dynamo, tables.contacts());
        this.sender = sender;
        this.tokens = tokens;
        this.settings = settings;
        this.clock = clock;
        this.context = new OwedEmail.Context(events, contacts, tokens, settings);
    }

    /** The mailer as deployed, on the given clients and link-signing secret. */
    public static Mailer fromConfig(Config config, AwsClients clients, TokenSecret secret) {
        return new Mailer(clients.dynamoDb(), Tables.fromConfig(config),
                new EmailSender(clients.sesV2(), config.optional(Config.MAIL_CONFIGURATION_SET)),
                LinkTokens.of(secret),
                new Settings(config.require(Config.SENDER_ADDRESS), config.get(Config.MAIL_DOMAIN, "decentralization.net"),
                        config.require(Config.SITE_URL), config.require(Config.IDEAS_ADDRESS)),
                Clock.systemUTC());
    }

    /**
     * Every email composed for synthetic people, with its manage link signed, and each turned into an SES
     * request that is not sent: what priming runs so that composing costs nobody a wait after a restore.
     */
    public void rehearse() {
        Instant now = clock.instant();
        Event event = new Event(Priming.IMPOSSIBLE_KEY, "Priming", now, Duration.ofMinutes(90), ZoneId.of("America/New_York"),
                List.of(new Event.ReferenceCity("New Delhi", ZoneId.of("Asia/Kolkata"))), "https://example.org/join", null, false);
        Registration registration = new Registration(Priming.IMPOSSIBLE_KEY, "priming@example.org", "Priming", "Priming", "other", "NP",
                List.of("other"), false, ZoneId.of("Asia/Kathmandu"), "given", null, "priming", "json", Registration.REGISTERED, now,
                EmailStatus.PENDING, 1);
        Idea idea = Idea.builder().ideaId("web#priming").channel(Idea.WEB).submissionId("priming-0001").area("other")
                .areaReason("chosen on the form").status(Idea.NEW).receivedAt(now).name("Priming").email("priming@example.org")
                .title("Priming").text("Priming.").build();
        for (OutgoingEmail email : List.of(
                ConfirmationEmail.compose(event, registration, ManageService.link(tokens, settings.siteUrl(), event, registration.email()),
                        settings.from(), settings.mailDomain(), now),
                CancellationEmail.compose(event, registration, settings.from()),
                IdeaAcknowledgement.compose(idea, settings.from(), settings.ideasAddress()))) {
            EmailSender.request(email, null);
        }
    }

    /** Now, by the mailer's clock (the sweeper asks for what is due by it). */
    public Instant now() {
        return clock.instant();
    }

    public Tables tables() {
        return tables;
    }

    /** The keys naming an item of each table that owes email. */
    public List<String> keyNames(String table) {
        return table.equals(tables.ideas()) ? List.of("ideaId") : List.of("eventId", "email");
    }

    public Outcome sendConfirmation(String eventId, String email, String requestId) {
        return deliver(tables.registrations(), Map.of("eventId", AttributeValue.fromS(eventId), "email", AttributeValue.fromS(email)),
                requestId);
    }

    /** Sends what the item in {@code table} under {@code key} owes, if it is due and nobody else has it. */
    public Outcome deliver(String table, Map<String, AttributeValue> key, String requestId) {
        if (!table.equals(tables.registrations()) && !table.equals(tables.ideas())) {
            throw new IllegalArgumentException("no email is owed by items of " + table);
        }
        Instant now = clock.instant();
        Optional<Map<String, AttributeValue>> claimed = pending.claim(table, key, now, ABANDONED_AFTER);
        if (claimed.isEmpty()) {
            return Outcome.NOT_DUE;
        }
        Map<String, AttributeValue> item = claimed.get();
        long attempt = Long.parseLong(item.get("emailAttempts").n());
        OwedEmail owed;
        try {
            owed = table.equals(tables.ideas()) ? acknowledgement(item) : registrationEmail(item);
        } catch (RuntimeException unreadable) {
            // an item we cannot read: given back like any failure of ours, and FAILED after the last attempt
            return failed(table, key, now, attempt, unreadable.getClass().getSimpleName(), unreadable, requestId, null);
        }
        boolean reserved = false;
        String messageId = null;
        try {
            if (contacts.isSuppressed(owed.address())) {
                pending.markSkipped(table, key, "address suppressed (bounced or complained)");
                Log.info(requestId, "email skipped: address suppressed", "kind", owed.kind(), "eventId", owed.eventId());
                return Outcome.SKIPPED;
            }
            Optional<String> notNow = owed.reasonNotToSend(now);
            if (notNow.isPresent()) {
                pending.markSkipped(table, key, notNow.get());
                Log.info(requestId, "email skipped: " + notNow.get(), "kind", owed.kind(), "eventId", owed.eventId());
                return Outcome.SKIPPED;
            }
            reserved = true;
            messageId = sender.send(owed.compose(now));
        } catch (EventMissing gone) {
            // the event was deleted: nothing can be composed, now or later
            pending.release(table, key, now, true, "EventMissing");
            Log.warn(requestId, "email cannot be composed; giving up", "kind", owed.kind(), "eventId", owed.eventId(),
                    GAVE_UP_LOG_FIELD, true);
            return Outcome.GAVE_UP;
        } catch (EmailSender.SendFailure failure) {
            return failed(table, key, now, attempt, failure.code(), null, requestId, owed);
        } catch (RuntimeException fault) {
            // a fault of ours (composing, a table): given back for a retry like a failed send, never left SENDING
            return failed(table, key, now, attempt, fault.getClass().getSimpleName(), fault, requestId, owed);
        } finally {
            if (reserved && messageId == null) {
                // nothing went out, whatever failed: what the rules reserved (one acknowledgement a day) is still owed
                owed.notSent(now);
            }
        }
        if (markSent(table, key, messageId, requestId, owed.eventId())) {
            owed.sent();
        }
        Log.info(requestId, "email sent", "kind", owed.kind(), "eventId", owed.eventId(), "attempt", attempt);
        return Outcome.SENT;
    }

    /** What a registration owes for its state: the confirmation, or the notice of its cancellation. */
    private OwedEmail registrationEmail(Map<String, AttributeValue> item) {
        Registration r = RegistrationRepository.fromItem(item);
        return r.cancelled() ? new Cancellation(r, context) : new Confirmation(r, context);
    }

    private OwedEmail acknowledgement(Map<String, AttributeValue> item) {
        return new Acknowledgement(IdeaRepository.fromItem(item), context);
    }

    /**
     * Marks a sent email SENT, trying {@link #MARK_SENT_TRIES} times: a claim left SENDING is taken over
     * after {@link #ABANDONED_AFTER} and the email sent again. False only when another mailer took the
     * claim over meanwhile.
     */
    private boolean markSent(String table, Map<String, AttributeValue> key, String messageId, String requestId, String eventId) {
        for (int tries = 1; ; tries++) {
            try {
                return pending.markSent(table, key, messageId, clock.instant());
            } catch (RuntimeException failure) {
                if (tries == MARK_SENT_TRIES || !pause(Duration.ofMillis(100L * tries))) {
                    Log.error(requestId, "email sent but not marked sent; it goes out again when its claim expires", failure,
                            "table", table, "eventId", eventId, "messageId", messageId);
                    return true;
                }
            }
        }
    }

    /** False when the thread was interrupted (the function is being stopped): no more waiting then. */
    private static boolean pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
            return true;
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Gives a claimed email back after a failure before sending: PENDING with a later retry, or FAILED ({@code owed} may be null). */
    private Outcome failed(String table, Map<String, AttributeValue> key, Instant now, long attempt, String error,
                           RuntimeException fault, String requestId, OwedEmail owed) {
        boolean giveUp = attempt >= MAX_ATTEMPTS;
        pending.release(table, key, now.plus(backoff(attempt)), giveUp, error);
        String message = giveUp ? "email failed; giving up" : "email failed; will retry";
        String kind = owed == null ? "unreadable item" : owed.kind();
        String eventId = owed == null ? null : owed.eventId();
        if (fault == null) {
            Log.warn(requestId, message, "kind", kind, "eventId", eventId, "attempt", attempt, "error", error,
                    GAVE_UP_LOG_FIELD, giveUp);
        } else {
            Log.error(requestId, message, fault, "kind", kind, "eventId", eventId, "attempt", attempt, GAVE_UP_LOG_FIELD, giveUp);
        }
        return giveUp ? Outcome.GAVE_UP : Outcome.FAILED_WILL_RETRY;
    }

    /** The registration's event was deleted: nothing can be composed, now or later. */
    static final class EventMissing extends RuntimeException {
        EventMissing() {
            super("the event no longer exists", null, false, false);
        }
    }

    /** 1, 2, 4, 8, 16 minutes... capped at an hour. */
    static Duration backoff(long attempts) {
        return Duration.ofMinutes(Math.min(60, 1L << Math.max(0, Math.min(6, attempts - 1))));
    }
}
