package org.lpsa.forms.registration;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lpsa.forms.contacts.ContactRepository;
import org.lpsa.forms.events.Event;
import org.lpsa.forms.events.EventRepository;
import org.lpsa.forms.aws.Priming;
import org.lpsa.forms.mail.CancellationEmail;
import org.lpsa.forms.mail.ConfirmationEmail;
import org.lpsa.forms.mail.EmailStatus;
import org.lpsa.forms.mail.Mailer;
import org.lpsa.forms.mail.MeetingCancelledEmail;
import org.lpsa.forms.mail.OutgoingEmail;
import org.lpsa.forms.mail.OwedEmail;
import org.lpsa.forms.mail.OwedEmails;
import org.lpsa.forms.mail.Recipient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What a registration owes: its confirmation (the time in the person's zone, a manage link; once sent,
 * the person is a contact) or, once cancelled, the notice of it. Both are about the registration's event;
 * when that was deleted, neither can be written.
 */
public final class RegistrationEmails implements OwedEmails {
    private final String table;
    private final EventRepository events;
    private final RegistrationRepository registrations;
    private final ContactRepository contacts;
    private final LinkTokens tokens;
    private final Mailer.Settings settings;
    private final int confirmationsPerDay;

    /** {@code confirmationsPerDay}: the confirmations one address may be sent in 24 hours, across meetings. */
    public RegistrationEmails(RegistrationRepository registrations, EventRepository events, ContactRepository contacts,
                              LinkTokens tokens, Mailer.Settings settings, int confirmationsPerDay) {
        this.confirmationsPerDay = confirmationsPerDay;
        this.table = registrations.table();
        this.registrations = registrations;
        this.events = events;
        this.contacts = contacts;
        this.tokens = tokens;
        this.settings = settings;
    }

    @Override
    public String table() {
        return table;
    }

    @Override
    public List<String> keyNames() {
        return List.of("eventId", "email");
    }

    @Override
    public OwedEmail owedBy(Map<String, AttributeValue> item) {
        Registration r = RegistrationRepository.fromItem(item);
        if (r.cancelled()) {
            return new Cancellation(r);
        }
        String reason = org.lpsa.forms.aws.Items.string(item, EmailReason.ATTRIBUTE);
        if (EmailReason.MEETING_CANCELLED.equals(reason)) {
            return new MeetingCancelled(r, org.lpsa.forms.aws.Items.string(item, "cancelMessage"));
        }
        if (EmailReason.MEETING_CHANGED.equals(reason)) {
            return new Reconfirmation(r, ConfirmationEmail.Reason.MEETING_CHANGED);
        }
        return EmailReason.UPDATE.equals(reason) ? new Reconfirmation(r, ConfirmationEmail.Reason.DETAILS_UPDATED) : new Confirmation(r);
    }

    @Override
    public List<OutgoingEmail> rehearsals(Instant now) {
        Event event = new Event(Priming.IMPOSSIBLE_KEY, "Priming", now, Duration.ofMinutes(90), ZoneId.of("America/New_York"),
                List.of(new Event.ReferenceCity("New Delhi", ZoneId.of("Asia/Kolkata"))), "https://example.org/join", null, false);
        Registration r = new Registration(Priming.IMPOSSIBLE_KEY, "priming@example.org", "Priming", "Priming", "other", "NP",
                List.of("other"), false, ZoneId.of("Asia/Kathmandu"), "given", null, "priming", "json", Registration.REGISTERED, now,
                EmailStatus.PENDING, 1, LinkIds.next(), false);
        return List.of(confirmation(event, r, r.linkId(), now, ConfirmationEmail.Reason.REGISTERED),
                confirmation(event, r, r.linkId(), now, ConfirmationEmail.Reason.MEETING_CHANGED), CancellationEmail.compose(event, recipient(r), settings.from(), settings.siteUrl()));
    }

    private OutgoingEmail confirmation(Event event, Registration r, String linkId, Instant now, ConfirmationEmail.Reason reason) {
        String manage = ManageService.link(tokens, settings.siteUrl(), event, linkId);
        return ConfirmationEmail.compose(event, recipient(r), manage, settings.from(), settings.mailDomain(), now, reason);
    }

    private Event eventOf(Registration r) {
        return events.find(r.eventId()).orElseThrow(() -> new OwedEmail.NeverComposable("the event no longer exists"));
    }

    private static Recipient recipient(Registration r) {
        return new Recipient(r.name(), r.email(), r.timeZone(), r.timeZoneGuessed());
    }

    /** An email a registration owes: about its meeting, to its person. */
    private abstract class ForRegistration implements OwedEmail {
        final Registration r;

        ForRegistration(Registration r) {
            this.r = r;
        }

        @Override
        public String eventId() {
            return r.eventId();
        }

        @Override
        public String address() {
            return r.email();
        }
    }

    private final class Confirmation extends ForRegistration {
        Confirmation(Registration r) {
            super(r);
        }

        @Override
        public String kind() {
            return "confirmation";
        }

        @Override
        public OutgoingEmail compose(Instant now) {
            Event event = eventOf(r);
            return confirmation(event, r, registrations.linkIdOf(r), now, ConfirmationEmail.Reason.REGISTERED);
        }

        /** At most a few confirmations a day to one address, whatever the meetings: the form cannot flood an inbox. */
        @Override
        public Optional<String> reasonNotToSend(Instant now) {
            return contacts.claimConfirmation(r.email(), now, confirmationsPerDay) ? Optional.empty()
                    : Optional.of(confirmationsPerDay + " confirmations in 24 hours to this address");
        }

        @Override
        public void notSent(Instant now) {
            contacts.releaseConfirmation(r.email(), now, confirmationsPerDay);
        }

        @Override
        public void sent() {
            contacts.recordRegistration(r.email(), r.name(), r.eventId(), r.newsletter(), r.formVersion(), r.registeredAt());
        }
    }

    /**
     * The confirmation again, not capped: after the person changed their time zone ("update"), or after the
     * meeting moved ("meetingChanged": the new time, and a calendar file that moves the entry).
     */
    private final class Reconfirmation extends ForRegistration {
        private final ConfirmationEmail.Reason reason;

        Reconfirmation(Registration r, ConfirmationEmail.Reason reason) {
            super(r);
            this.reason = reason;
        }

        @Override
        public String kind() {
            return reason == ConfirmationEmail.Reason.MEETING_CHANGED ? "meetingChanged" : "update";
        }

        @Override
        public OutgoingEmail compose(Instant now) {
            return confirmation(eventOf(r), r, registrations.linkIdOf(r), now, reason);
        }
    }

    /** The meeting will not take place: the organisers' words and a calendar file that removes it. */
    private final class MeetingCancelled extends ForRegistration {
        private final String message;

        MeetingCancelled(Registration r, String message) {
            super(r);
            this.message = message;
        }

        @Override
        public String kind() {
            return "meetingCancelled";
        }

        @Override
        public OutgoingEmail compose(Instant now) {
            Event event = eventOf(r);
            String manage = ManageService.link(tokens, settings.siteUrl(), event, registrations.linkIdOf(r));
            return MeetingCancelledEmail.compose(event, recipient(r), message, manage, settings.from(), settings.mailDomain(), now);
        }
    }

    private final class Cancellation extends ForRegistration {
        Cancellation(Registration r) {
            super(r);
        }

        @Override
        public String kind() {
            return "cancellation";
        }

        @Override
        public OutgoingEmail compose(Instant now) {
            return CancellationEmail.compose(eventOf(r), recipient(r), settings.from(), settings.siteUrl());
        }
    }
}
