package org.lpsa.forms.events;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** A meeting or webinar people register for. Times are instants; zones only matter when shown. */
public record Event(String eventId, String title, Instant startsAt, Duration duration, ZoneId organiserZone,
                    List<ReferenceCity> referenceCities, String joinUrl, Instant registrationClosesAt, boolean closed) {

    /** A city whose local time the invitation shows, such as "New Delhi" in Asia/Kolkata. */
    public record ReferenceCity(String label, ZoneId zone) {}

    public Instant endsAt() {
        return startsAt.plus(duration);
    }

    public boolean acceptsRegistrations(Instant now) {
        return !closed && (registrationClosesAt == null || now.isBefore(registrationClosesAt));
    }
}
