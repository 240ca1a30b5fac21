package org.lpsa.forms.mail;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * "Add to calendar" links for the calendars people use, beside the .ics file: Google Calendar's event
 * template and the compose deep links of Outlook.com and Microsoft 365. Times are the event's, in UTC.
 */
public record CalendarLinks(String google, String outlook, String office365) {
    private static final DateTimeFormatter GOOGLE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    public static CalendarLinks of(String title, Instant start, Instant end, String details, String location) {
        Instant from = start.truncatedTo(ChronoUnit.SECONDS);
        Instant to = end.truncatedTo(ChronoUnit.SECONDS);
        String google = "https://calendar.google.com/calendar/render?action=TEMPLATE&text=" + encode(title)
                + "&dates=" + GOOGLE.format(from) + "/" + GOOGLE.format(to)
                + "&details=" + encode(details) + "&location=" + encode(location);
        String compose = "/calendar/0/action/compose?rru=addevent&subject=" + encode(title)
                + "&startdt=" + encode(from.toString()) + "&enddt=" + encode(to.toString())
                + "&body=" + encode(details) + "&location=" + encode(location);
        return new CalendarLinks(google, "https://outlook.live.com" + compose, "https://outlook.office.com" + compose);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
