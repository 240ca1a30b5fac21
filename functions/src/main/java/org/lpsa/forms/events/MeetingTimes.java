package org.lpsa.forms.events;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A meeting's start shown in a person's own zone and in the organiser's reference cities, computed
 * from the tz database for that date (so June in New York is EDT, whatever an invitation said).
 */
public final class MeetingTimes {
    private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, h:mm a zzz", Locale.ENGLISH);
    private static final DateTimeFormatter UTC_FULL = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, h:mm a 'UTC'", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("h:mm a", Locale.ENGLISH);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);

    private MeetingTimes() {}

    /** "Friday 10 June 2022, 8:00 AM EDT (UTC-4)". */
    public static String inZone(Instant start, ZoneId zone) {
        ZonedDateTime local = start.atZone(zone);
        return FULL.format(local) + " (" + utcOffset(local.getOffset()) + ")";
    }

    private static final DateTimeFormatter UTC_24 = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH);

    /** "Friday 10 June 2022, 12:00 UTC": a page's time for readers everywhere, on the 24-hour clock. */
    public static String inUtc24(Instant start) {
        return UTC_24.format(start.atZone(ZoneOffset.UTC));
    }

    /** "Friday 10 June 2022, 12:00 PM UTC". */
    public static String inUtc(Instant start) {
        return UTC_FULL.format(start.atZone(ZoneOffset.UTC));
    }

    /** "New York" for America/New_York; "UTC" for UTC. */
    public static String placeName(ZoneId zone) {
        String id = Zones.canonicalId(zone.getId());
        int slash = id.lastIndexOf('/');
        return (slash < 0 ? id : id.substring(slash + 1)).replace('_', ' ');
    }

    /**
     * The reference cities with their local start, cities sharing a local time joined as in the
     * invitation: "8:00 AM New York; 1:00 PM London; 2:00 PM Paris/Cairo/Johannesburg". A city whose
     * local date differs from the date in UTC gets its day.
     */
    public static String referenceLine(Instant start, List<Event.ReferenceCity> cities) {
        LocalDate utcDate = start.atZone(ZoneOffset.UTC).toLocalDate();
        List<String> parts = new ArrayList<>();
        String previousTime = null;
        StringBuilder group = null;
        for (Event.ReferenceCity city : cities) {
            ZonedDateTime local = start.atZone(city.zone());
            String time = TIME.format(local);
            if (!local.toLocalDate().equals(utcDate)) {
                time += " (" + DAY.format(local) + ")";
            }
            if (time.equals(previousTime) && group != null) {
                group.append('/').append(city.label());
            } else {
                if (group != null) {
                    parts.add(group.toString());
                }
                group = new StringBuilder(time).append(' ').append(city.label());
                previousTime = time;
            }
        }
        if (group != null) {
            parts.add(group.toString());
        }
        return String.join("; ", parts);
    }

    /** "UTC", "UTC-4", "UTC+5:45". */
    public static String utcOffset(ZoneOffset offset) {
        int seconds = offset.getTotalSeconds();
        if (seconds == 0) {
            return "UTC";
        }
        int minutes = Math.abs(seconds) / 60;
        String sign = seconds < 0 ? "-" : "+";
        return "UTC" + sign + minutes / 60 + (minutes % 60 == 0 ? "" : String.format(Locale.ROOT, ":%02d", minutes % 60));
    }
}
