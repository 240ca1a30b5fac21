package org.lpsa.forms.registration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.lpsa.forms.contacts.ContactRepository;
import org.lpsa.forms.events.Event;
import org.lpsa.forms.events.EventRepository;
import org.lpsa.forms.Refused;

/**
 * What the manage link in every confirmation allows: see the registration, cancel it (a short notice
 * follows), or delete it with what it holds about the person. The token decides which registration.
 */
public final class ManageService {
    /** Manage links keep working for a while after the meeting, so people can still delete their data. */
    static final Duration LINK_OUTLIVES_EVENT = Duration.ofDays(30);

    public record View(Event event, Registration registration) {}

    private final EventRepository events;
    private final RegistrationRepository registrations;
    private final ContactRepository contacts;
    private final LinkTokens tokens;
    private final Clock clock;

    public ManageService(EventRepository events, RegistrationRepository registrations, ContactRepository contacts, LinkTokens tokens,
            Clock clock) {
        this.events = events;
        this.registrations = registrations;
        this.contacts = contacts;
        this.tokens = tokens;
        this.clock = clock;
    }

    public static Instant linkExpiry(Event event) {
        return event.endsAt().plus(LINK_OUTLIVES_EVENT);
    }

    public static String link(LinkTokens tokens, String siteUrl, Event event, String linkId) {
        String token = tokens.issue(LinkTokens.MANAGE, event.eventId(), linkId, linkExpiry(event));
        return siteUrl.replaceAll("/+$", "") + "/manage?token=" + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The meeting and the registration the link names; Gone when the registration was deleted. */
    public View view(String token) {
        LinkTokens.Claims claims = claims(token);
        Event event = events.find(claims.eventId()).orElseThrow(ManageService::gone);
        return new View(event, linked(claims));
    }

    /** Cancels; true when it was registered (false: already cancelled, nothing changed). */
    public boolean cancel(String token) {
        Registration r = linked(claims(token));
        return registrations.cancel(r.eventId(), r.email(), clock.instant());
    }

    /** What an update changed, in the order the page lists it; empty when nothing did. */
    public record Updated(boolean timeZone, boolean interests, boolean newsletter, boolean reminders, ZoneId zone) {
        public boolean nothing() {
            return !timeZone && !interests && !newsletter && !reminders;
        }
    }

    /**
     * Applies the manage page's changes; a new time zone brings a new confirmation with the time in it.
     * Gone when the registration was deleted; Conflict when it is cancelled (register again instead).
     */
    public Updated update(String token, RegistrationForm.Changes changes) {
        Registration r = linked(claims(token));
        if (r.cancelled()) {
            throw new Refused.Conflict("action", "This registration is cancelled. To take part after all, register again.");
        }
        Updated updated = new Updated(!changes.timeZone().equals(r.timeZone()),
                !new java.util.HashSet<>(changes.interests()).equals(new java.util.HashSet<>(r.interests())),
                changes.newsletter() != r.newsletter(),
                changes.reminders() != null && changes.reminders() == r.remindersOff(), changes.timeZone());
        Instant now = clock.instant();
        boolean detailsChanged = updated.timeZone() || updated.interests() || updated.newsletter();
        if (detailsChanged && !registrations.update(r, changes, FormWording.CURRENT, now)) {
            throw gone();
        }
        if (updated.reminders() && !r.remindersOff()) {
            if (!registrations.remindersOff(r)) {
                throw gone();
            }
        } else if (updated.reminders() || updated.timeZone()) {
            // turned back on, or a new zone: the next reminder owed, at a daytime hour of the (new) zone
            events.find(r.eventId()).ifPresent(event -> registrations.rescheduleReminders(r,
                    Reminders.next(event.startsAt(), changes.timeZone(), now).orElse(null), updated.reminders()));
        }
        return updated;
    }

    /** No more reminders for the registration the link names (its List-Unsubscribe); Gone when it was deleted. */
    public void remindersOff(String token) {
        if (!registrations.remindersOff(linked(claims(token)))) {
            throw gone();
        }
    }

    public void delete(String token) {
        Registration r = linked(claims(token));
        if (registrations.deleteLinked(r)) {
            contacts.forgetRegistration(r.email(), r.eventId());
        }
    }

    private Registration linked(LinkTokens.Claims claims) {
        if (!LinkIds.wellFormed(claims.subject())) {
            throw invalid();
        }
        return registrations.findByLinkId(claims.subject()).orElseThrow(ManageService::gone);
    }

    private LinkTokens.Claims claims(String token) {
        return tokens.verify(token, LinkTokens.MANAGE, clock.instant()).orElseThrow(ManageService::invalid);
    }

    private static Refused invalid() {
        return new Refused.InvalidInput("token", "This link is not valid or has expired. Use the link in your most recent "
                + "confirmation email, or write to the Alliance.");
    }

    private static Refused gone() {
        return new Refused.Gone("token", "This link is no longer valid: the registration it was made for was deleted. "
                + "To take part, register again; your new confirmation email has a new link.");
    }
}
