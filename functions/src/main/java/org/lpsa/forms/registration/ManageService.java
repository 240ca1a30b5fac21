package org.lpsa.forms.registration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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

    public record View(Event event, Optional<Registration> registration) {}

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

    public static String link(LinkTokens tokens, String siteUrl, Event event, String email) {
        String token = tokens.issue(LinkTokens.MANAGE, event.eventId(), email, linkExpiry(event));
        return siteUrl.replaceAll("/+$", "") + "/manage?token=" + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8);
    }

    public View view(String token) {
        LinkTokens.Claims claims = claims(token);
        Event event = events.find(claims.eventId()).orElseThrow(ManageService::invalid);
        return new View(event, registrations.find(claims.eventId(), claims.email()));
    }

    /** Cancels; true when it was registered (false: already cancelled or gone, nothing changed). */
    public boolean cancel(String token) {
        LinkTokens.Claims claims = claims(token);
        return registrations.cancel(claims.eventId(), claims.email(), clock.instant());
    }

    public void delete(String token) {
        LinkTokens.Claims claims = claims(token);
        registrations.delete(claims.eventId(), claims.email());
        contacts.forgetRegistration(claims.email(), claims.eventId());
    }

    private LinkTokens.Claims claims(String token) {
        return tokens.verify(token, LinkTokens.MANAGE, clock.instant()).orElseThrow(ManageService::invalid);
    }

    private static Refused invalid() {
        return new Refused.InvalidInput("token", "This link is not valid or has expired. Use the link in your most recent "
                + "confirmation email, or write to the Alliance.");
    }
}
