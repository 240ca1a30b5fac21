package org.lpsa.forms.registration;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.lpsa.forms.mail.EmailStatus;

/** One person's registration for one event, as stored (key: eventId + normalised email). */
public record Registration(String eventId, String email, String name, String organization, String role,
                           String country, List<String> interests, boolean newsletter, ZoneId timeZone,
                           String timeZoneSource, String invitedBy, String formVersion, String channel,
                           String status, Instant registeredAt, EmailStatus emailStatus, long emailAttempts, String linkId,
                           boolean remindersOff) {

    public static final String REGISTERED = "registered";
    public static final String CANCELLED = "cancelled";


    static Registration newFrom(String eventId, RegistrationRequest r, String channel, Instant now) {
        return new Registration(eventId, r.email(), r.name(), r.organization(), r.role().id(), r.country(),
                r.interests(), r.newsletter(), r.timeZone(), r.timeZoneSource().name().toLowerCase(java.util.Locale.ROOT),
                r.invitedBy(), r.formVersion(), channel, REGISTERED, now, EmailStatus.PENDING, 0, LinkIds.next(), false);
    }

    public boolean cancelled() {
        return CANCELLED.equals(status);
    }

    public boolean timeZoneGuessed() {
        return "default".equals(timeZoneSource);
    }
}
