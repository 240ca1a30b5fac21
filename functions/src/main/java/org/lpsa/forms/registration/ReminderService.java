package org.lpsa.forms.registration;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.lpsa.forms.Log;
import org.lpsa.forms.aws.Items;
import org.lpsa.forms.contacts.ContactRepository;
import org.lpsa.forms.events.Event;
import org.lpsa.forms.events.EventRepository;
import org.lpsa.forms.mail.DueEmails;
import org.lpsa.forms.mail.EmailSender;
import org.lpsa.forms.mail.Mailer;
import org.lpsa.forms.mail.Recipient;
import org.lpsa.forms.mail.ReminderEmail;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Sends the reminders that are due, found through the sparse index of next reminders (never by reading the
 * table): each reminder is taken with a conditional write that puts the next one in its place, so it is
 * sent at most once; a failed send puts it back for the next run. A meeting that moved gets its reminders
 * worked out again for the new time.
 */
public final class ReminderService {
    /** {@code leftForNextRun}: the run stopped before its time ran out; the rest stay due for the next. */
    /** {@code deferred}: SES was at its rate (throttled, or no place within it); owed again at the next run. */
    public record Summary(int sent, int skipped, int rescheduled, int deferred, boolean leftForNextRun) {}

    private final RegistrationRepository registrations;
    private final EventRepository events;
    private final ContactRepository contacts;
    private final EmailSender sender;
    private final LinkTokens tokens;
    private final Mailer.Settings settings;

    public ReminderService(RegistrationRepository registrations, EventRepository events, ContactRepository contacts, EmailSender sender,
                           LinkTokens tokens, Mailer.Settings settings) {
        this.registrations = registrations;
        this.events = events;
        this.contacts = contacts;
        this.sender = sender;
        this.tokens = tokens;
        this.settings = settings;
    }

    /** Every reminder due by {@code now}. */
    public Summary run(Instant now, String requestId) {
        return run(now, requestId, Long.MAX_VALUE);
    }

    /**
     * Every reminder due by {@code now}, taking no new one once the clock passes {@code stopAtMillis}: sent
     * at SES's rate, a morning's wave of reminders (10,000 in one zone) takes longer than one run, and a
     * reminder taken must not be cut off before it is sent; the rest stay due for the next run.
     */
    public Summary run(Instant now, String requestId, long stopAtMillis) {
        int sent = 0;
        int skipped = 0;
        int rescheduled = 0;
        int deferred = 0;
        boolean leftSome = false;
        for (int shard = 0; shard < DueEmails.SHARDS && !leftSome; shard++) {
            for (Map<String, AttributeValue> key : registrations.remindersDue(Integer.toString(shard), now)) {
                if (System.currentTimeMillis() >= stopAtMillis) {
                    leftSome = true;
                    break;
                }
                try {
                    switch (remind(key, now)) {
                        case SENT -> sent++;
                        case RESCHEDULED -> rescheduled++;
                        case DEFERRED -> deferred++;
                        default -> skipped++;
                    }
                } catch (RuntimeException e) {
                    // one registration's failure must not end the run; its reminder stays due for the next
                    Log.error(requestId, "reminder failed", e, "eventId", Items.string(key, "eventId"));
                    skipped++;
                }
            }
        }
        Log.info(requestId, "reminders done", "sent", sent, "skipped", skipped, "rescheduled", rescheduled, "deferred", deferred,
                "leftForNextRun", leftSome);
        return new Summary(sent, skipped, rescheduled, deferred, leftSome);
    }

    private enum Outcome { SENT, SKIPPED, RESCHEDULED, DEFERRED }

    private Outcome remind(Map<String, AttributeValue> key, Instant now) {
        Optional<Map<String, AttributeValue>> stored = registrations.item(Items.string(key, "eventId"), Items.string(key, "email"));
        Optional<Reminders.Due> owed = stored.flatMap(RegistrationRepository::reminderOf);
        if (owed.isEmpty() || owed.get().at().isAfter(now)) {
            return Outcome.SKIPPED;
        }
        Map<String, AttributeValue> item = Map.of("eventId", key.get("eventId"), "email", key.get("email"));
        Registration r = RegistrationRepository.fromItem(stored.get());
        Reminders.Due due = owed.get();
        Optional<Event> event = events.find(r.eventId());
        Reminders.Due next = event.flatMap(e -> Reminders.next(e.startsAt(), r.timeZone(), due.at())).orElse(null);
        if (event.isPresent() && !event.get().startsAt().equals(due.meetingStart())) {
            // the meeting moved: its reminders follow the new time
            Reminders.Due moved = Reminders.next(event.get().startsAt(), r.timeZone(), now).orElse(null);
            registrations.takeReminder(item, due, moved, RegistrationRepository.ReminderTaken.MOVED);
            return Outcome.RESCHEDULED;
        }
        // one nobody will read is taken all the same (the next takes its place), and counted as skipped
        boolean sending = event.isPresent() && !r.cancelled() && !contacts.isSuppressed(r.email());
        if (!registrations.takeReminder(item, due, next, sending ? RegistrationRepository.ReminderTaken.TO_SEND
                : RegistrationRepository.ReminderTaken.SKIPPED) || !sending) {
            return Outcome.SKIPPED;
        }
        String manage = ManageService.link(tokens, settings.siteUrl(), event.get(), registrations.linkIdOf(r));
        String unsubscribe = manage.replace("/manage?", "/unsubscribe?");
        try {
            sender.send(ReminderEmail.compose(event.get(), new Recipient(r.name(), r.email(), r.timeZone(), r.timeZoneGuessed()),
                    due.kind() == Reminders.Kind.SHORT_NOTICE, manage, unsubscribe, settings.from(), settings.mailDomain(), now));
        } catch (RuntimeException failed) {
            // not sent: owed again at the next run
            registrations.giveBackReminder(item, due);
            if (failed instanceof EmailSender.SendFailure paced && paced.throttled()) {
                // SES's pace, not a failure
                return Outcome.DEFERRED;
            }
            throw failed;
        }
        return Outcome.SENT;
    }
}
