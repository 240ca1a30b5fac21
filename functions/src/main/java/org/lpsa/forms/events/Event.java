package org.lpsa.forms.events;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** A meeting or webinar people register for. Times are instants; zones only matter when shown. */
public record Event(String eventId, String title, Instant startsAt, Duration duration, ZoneId organiserZone,
                    List<ReferenceCity> referenceCities, String joinUrl, Instant registrationClosesAt, boolean closed,
                    Instant changedAt) {

    /** A meeting never moved since it was announced ({@code changedAt} null). */
    public Event(String eventId, String title, Instant startsAt, Duration duration, ZoneId organiserZone,
                 List<ReferenceCity> referenceCities, String joinUrl, Instant registrationClosesAt, boolean closed) {
        this(eventId, title, startsAt, duration, organiserZone, referenceCities, joinUrl, registrationClosesAt, closed, null);
    }

    /** Whether {@code other} tells registrants something new: another start, length or join link. */
    public boolean movedFrom(Event other) {
        return !startsAt.equals(other.startsAt) || !duration.equals(other.duration) || !java.util.Objects.equals(joinUrl, other.joinUrl);
    }

    /** This meeting as changed at {@code at}. */
    public Event changed(Instant at) {
        return new Event(eventId, title, startsAt, duration, organiserZone, referenceCities, joinUrl, registrationClosesAt, closed, at);
    }

    /**
     * The revision of its calendar entries (iCalendar SEQUENCE): 0 as announced, then higher with each
     * change (the minute of the change), so calendars move the entry instead of adding another.
     */
    public int calendarSequence() {
        return changedAt == null ? 0 : (int) (changedAt.getEpochSecond() / 60);
    }

    /** A city whose local time the invitation shows, such as "New Delhi" in Asia/Kolkata. */
    public record ReferenceCity(String label, ZoneId zone) {}

    public Instant endsAt() {
        return startsAt.plus(duration);
    }

    public boolean acceptsRegistrations(Instant now) {
        return !closed && (registrationClosesAt == null || now.isBefore(registrationClosesAt));
    }
}
