package org.lpsa.forms.registration;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * When a registrant is reminded, in their own day: the day before at 09:00 their time (or else the whole
 * hour between 08:00 and 20:00 their time nearest to it that is 12 to 36 hours before the start), and one
 * hour before the start whatever their hour. A reminder whose time has passed when the person registers is
 * not sent: the confirmation was their reminder.
 */
public final class Reminders {
    public enum Kind { DAY_BEFORE, SHORT_NOTICE }

    /** A reminder due at {@code at}, worked out for a meeting starting at {@code meetingStart}. */
    public record Due(Kind kind, Instant at, Instant meetingStart) {}

    static final LocalTime PREFERRED = LocalTime.of(9, 0);
    static final int EARLIEST_HOUR = 8;
    static final int LATEST_HOUR = 20;
    static final Duration SHORT_NOTICE = Duration.ofHours(1);

    private Reminders() {}

    /** The first reminder due after {@code after} for a meeting starting at {@code start}, in {@code zone}. */
    public static Optional<Due> next(Instant start, ZoneId zone, Instant after) {
        List<Due> all = new ArrayList<>();
        dayBefore(start, zone).ifPresent(at -> all.add(new Due(Kind.DAY_BEFORE, at, start)));
        all.add(new Due(Kind.SHORT_NOTICE, start.minus(SHORT_NOTICE), start));
        return all.stream().filter(d -> d.at().isAfter(after)).findFirst();
    }

    /** The day-before reminder's time, if any whole hour of the person's day fits 12 to 36 hours before the start. */
    static Optional<Instant> dayBefore(Instant start, ZoneId zone) {
        Instant earliest = start.minus(Duration.ofHours(36));
        Instant latest = start.minus(Duration.ofHours(12));
        Instant preferred = start.atZone(zone).toLocalDate().minusDays(1).atTime(PREFERRED).atZone(zone).toInstant();
        // most people: 09:00 the day before is itself in the window, and nothing can be nearer to it
        if (!preferred.isBefore(earliest) && !preferred.isAfter(latest) && daytimeHour(preferred.atZone(zone))) {
            return Optional.of(preferred);
        }
        return nearestDaytimeHour(earliest, latest, preferred, zone);
    }

    /** The whole daytime hour of {@code zone} between {@code earliest} and {@code latest} nearest to {@code preferred}. */
    static Optional<Instant> nearestDaytimeHour(Instant earliest, Instant latest, Instant preferred, ZoneId zone) {
        Instant best = null;
        // every quarter hour: whole local hours fall on :00, :15, :30 or :45 UTC, whatever the zone
        for (Instant t = earliest.truncatedTo(ChronoUnit.HOURS); !t.isAfter(latest); t = t.plus(Duration.ofMinutes(15))) {
            if (!t.isBefore(earliest) && daytimeHour(t.atZone(zone))
                    && (best == null || Duration.between(t, preferred).abs().compareTo(Duration.between(best, preferred).abs()) < 0)) {
                best = t;
            }
        }
        return Optional.ofNullable(best);
    }

    private static boolean daytimeHour(ZonedDateTime local) {
        return local.getMinute() == 0 && local.getSecond() == 0 && local.getHour() >= EARLIEST_HOUR && local.getHour() <= LATEST_HOUR;
    }
}
