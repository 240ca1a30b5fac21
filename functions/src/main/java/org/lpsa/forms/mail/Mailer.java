package org.lpsa.forms.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lpsa.forms.Log;
import org.lpsa.forms.contacts.ContactRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Sends the email an item owes, at most once per claim: claim it (PENDING to SENDING), send, mark it
 * SENT. What is owed is one {@link OwedEmail} with its message and rules, chosen by the {@link OwedEmails}
 * of the item's table (a registration owes its confirmation or, once cancelled, the notice of it; an idea
 * its acknowledgement, at most one per sender a day). A failed send, or any failure of ours before it, goes
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

    /** THROTTLED: put back for a short, jittered retry that uses up no attempt. */
    public enum Outcome { SENT, NOT_DUE, SKIPPED, THROTTLED, FAILED_WILL_RETRY, GAVE_UP }

    /** Who mail comes from, the domain of calendar UIDs, where manage links point, where ideas go. */
    public record Settings(String from, String mailDomain, String siteUrl, String ideasAddress) {
        public static Settings fromConfig(org.lpsa.forms.Config config) {
            return new Settings(config.require(org.lpsa.forms.Config.SENDER_ADDRESS),
                    config.get(org.lpsa.forms.Config.MAIL_DOMAIN, "decentralization.net"),
                    config.require(org.lpsa.forms.Config.SITE_URL), config.require(org.lpsa.forms.Config.IDEAS_ADDRESS));
        }
    }

    private final PendingEmails pending;
    private final List<OwedEmails> owed;
    private final ContactRepository contacts;
    private final EmailSender sender;
    private final Clock clock;

    /** A mailer for the emails {@code owed} describes, one {@link OwedEmails} per table. */
    public Mailer(DynamoDbClient dynamo, List<OwedEmails> owed, ContactRepository contacts, EmailSender sender, Clock clock) {
        this.pending = new PendingEmails(dynamo);
        this.owed = List.copyOf(owed);
        this.contacts = contacts;
        this.sender = sender;
        this.clock = clock;
    }

    /**
     * Every email composed for synthetic people, with its manage link signed, and each turned into an SES
     * request that is not sent: what priming runs so that composing costs nobody a wait after a restore.
     */
    public void rehearse() {
        Instant now = clock.instant();
        for (OwedEmails kinds : owed) {
            for (OutgoingEmail email : kinds.rehearsals(now)) {
                EmailSender.request(email, null);
            }
        }
    }

    /** Now, by the mailer's clock (the sweeper asks for what is due by it). */
    public Instant now() {
        return clock.instant();
    }

    /** What each table that owes email owes, in the order the sweeper visits them. */
    public List<OwedEmails> owed() {
        return owed;
    }

    /** Sends what the item in {@code table} under {@code key} owes, if it is due and nobody else has it. */
    public Outcome deliver(String table, Map<String, AttributeValue> key, String requestId) {
        OwedEmails kinds = owed.stream().filter(k -> k.table().equals(table)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no email is owed by items of " + table));
        Instant now = clock.instant();
        Optional<Map<String, AttributeValue>> claimed = pending.claim(table, key, now, ABANDONED_AFTER);
        if (claimed.isEmpty()) {
            return Outcome.NOT_DUE;
        }
        Map<String, AttributeValue> item = claimed.get();
        long attempt = Long.parseLong(item.get("emailAttempts").n());
        OwedEmail email;
        try {
            email = kinds.owedBy(item);
        } catch (RuntimeException unreadable) {
            // an item we cannot read: given back like any failure of ours, and FAILED after the last attempt
            return failed(table, key, now, attempt, unreadable.getClass().getSimpleName(), unreadable, requestId, null);
        }
        boolean reserved = false;
        String messageId = null;
        try {
            if (contacts.isSuppressed(email.address())) {
                pending.markSkipped(table, key, now, "address suppressed (bounced or complained)");
                Log.info(requestId, "email skipped: address suppressed", "kind", email.kind(), "eventId", email.eventId());
                return Outcome.SKIPPED;
            }
            Optional<String> notNow = email.reasonNotToSend(now);
            if (notNow.isPresent()) {
                pending.markSkipped(table, key, now, notNow.get());
                Log.info(requestId, "email skipped: " + notNow.get(), "kind", email.kind(), "eventId", email.eventId());
                return Outcome.SKIPPED;
            }
            reserved = true;
            messageId = sender.send(email.compose(now));
        } catch (OwedEmail.NeverComposable gone) {
            // what it is about is gone (its event was deleted): nothing can be composed, now or later
            pending.release(table, key, now, now, true, "NeverComposable");
            Log.warn(requestId, "email cannot be composed; giving up", "kind", email.kind(), "eventId", email.eventId(),
                    GAVE_UP_LOG_FIELD, true);
            return Outcome.GAVE_UP;
        } catch (EmailSender.SendFailure failure) {
            if (failure.throttled()) {
                return throttled(table, key, now, failure.code(), requestId, email);
            }
            return failed(table, key, now, attempt, failure.code(), null, requestId, email);
        } catch (RuntimeException fault) {
            // a fault of ours (composing, a table): given back for a retry like a failed send, never left SENDING
            return failed(table, key, now, attempt, fault.getClass().getSimpleName(), fault, requestId, email);
        } finally {
            if (reserved && messageId == null) {
                // nothing went out, whatever failed: what the rules reserved (one acknowledgement a day) is still owed
                email.notSent(now);
            }
        }
        if (markSent(table, key, now, messageId, requestId, email.eventId())) {
            email.sent();
        }
        Log.info(requestId, "email sent", "kind", email.kind(), "eventId", email.eventId(), "attempt", attempt);
        return Outcome.SENT;
    }

    /**
     * Marks a sent email SENT, trying {@link #MARK_SENT_TRIES} times: a claim left SENDING is taken over
     * after {@link #ABANDONED_AFTER} and the email sent again. False only when another mailer took the
     * claim over meanwhile.
     */
    private boolean markSent(String table, Map<String, AttributeValue> key, Instant claimedAt, String messageId, String requestId,
                             String eventId) {
        for (int tries = 1; ; tries++) {
            try {
                return pending.markSent(table, key, claimedAt, messageId, clock.instant());
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

    /**
     * Gives back an email SES throttled (or that found no place within the sending rate): PENDING again in
     * 5 to 15 seconds, jittered so put-back emails do not return together, its attempt given back; the
     * sweeper, every minute, sends it then. Throttling is SES's pace, not a failure of this email.
     */
    private Outcome throttled(String table, Map<String, AttributeValue> key, Instant now, String code, String requestId, OwedEmail email) {
        Instant retryAt = now.plusMillis(5_000 + java.util.concurrent.ThreadLocalRandom.current().nextLong(10_000));
        pending.putBack(table, key, now, retryAt, code);
        // "throttled": true feeds the EmailsThrottledAlarm (SES has held sends back for half an hour)
        Log.info(requestId, "email throttled; put back", "kind", email.kind(), "eventId", email.eventId(), "error", code, "throttled", true);
        return Outcome.THROTTLED;
    }

    /** Gives a claimed email back after a failure before sending: PENDING with a later retry, or FAILED ({@code email} may be null). */
    private Outcome failed(String table, Map<String, AttributeValue> key, Instant now, long attempt, String error,
                           RuntimeException fault, String requestId, OwedEmail email) {
        boolean giveUp = attempt >= MAX_ATTEMPTS;
        pending.release(table, key, now, now.plus(backoff(attempt)), giveUp, error);
        String message = giveUp ? "email failed; giving up" : "email failed; will retry";
        String kind = email == null ? "unreadable item" : email.kind();
        String eventId = email == null ? null : email.eventId();
        if (fault == null) {
            Log.warn(requestId, message, "kind", kind, "eventId", eventId, "attempt", attempt, "error", error,
                    GAVE_UP_LOG_FIELD, giveUp);
        } else {
            Log.error(requestId, message, fault, "kind", kind, "eventId", eventId, "attempt", attempt, GAVE_UP_LOG_FIELD, giveUp);
        }
        return giveUp ? Outcome.GAVE_UP : Outcome.FAILED_WILL_RETRY;
    }

    /** 1, 2, 4, 8, 16 minutes... capped at an hour. */
    static Duration backoff(long attempts) {
        return Duration.ofMinutes(Math.min(60, 1L << Math.max(0, Math.min(6, attempts - 1))));
    }
}
