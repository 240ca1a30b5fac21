package org.lpsa.forms.mail;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * An iCalendar (RFC 5545) file for one registration: UTC times, a UID that stays the same for the same
 * person and event (so a re-sent file updates the calendar entry instead of adding a second one).
 */
public final class IcsCalendar {
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final int MAX_LINE_OCTETS = 75;

    private IcsCalendar() {}

    /** {@code sequence}: the entry's revision (0 as announced; higher after each change of the meeting). */
    public record Meeting(String eventId, String email, String title, Instant start, Instant end, String description,
                          String location, String url, int sequence) {
        public Meeting(String eventId, String email, String title, Instant start, Instant end, String description, String location,
                       String url) {
            this(eventId, email, title, start, end, description, location, url, 0);
        }
    }

    public static String uid(String eventId, String email, String domain) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest((eventId + "\n" + email).getBytes(StandardCharsets.UTF_8));
            return "registration-" + HexFormat.of().formatHex(hash, 0, 16) + "@" + domain;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public static String render(Meeting meeting, String domain, Instant stamp) {
        return render(meeting, domain, stamp, false);
    }

    /** The entry's cancellation (METHOD:CANCEL, STATUS:CANCELLED, the same UID, a higher SEQUENCE): calendars remove it. */
    public static String renderCancellation(Meeting meeting, String domain, Instant stamp) {
        return render(meeting, domain, stamp, true);
    }

    private static String render(Meeting meeting, String domain, Instant stamp, boolean cancelled) {
        StringBuilder ics = new StringBuilder();
        line(ics, "BEGIN:VCALENDAR");
        line(ics, "VERSION:2.0");
        line(ics, "PRODID:-//Local Public Sector Alliance//lpsa-forms//EN");
        line(ics, "CALSCALE:GREGORIAN");
        line(ics, cancelled ? "METHOD:CANCEL" : "METHOD:PUBLISH");
        line(ics, "BEGIN:VEVENT");
        line(ics, "UID:" + uid(meeting.eventId(), meeting.email(), domain));
        line(ics, "SEQUENCE:" + meeting.sequence());
        line(ics, "DTSTAMP:" + UTC.format(stamp));
        line(ics, "DTSTART:" + UTC.format(meeting.start()));
        line(ics, "DTEND:" + UTC.format(meeting.end()));
        line(ics, "SUMMARY:" + escape(meeting.title()));
        if (meeting.description() != null) {
            line(ics, "DESCRIPTION:" + escape(meeting.description()));
        }
        if (meeting.location() != null) {
            line(ics, "LOCATION:" + escape(meeting.location()));
        }
        if (meeting.url() != null) {
            line(ics, "URL:" + meeting.url());
        }
        line(ics, cancelled ? "STATUS:CANCELLED" : "STATUS:CONFIRMED");
        line(ics, "TRANSP:OPAQUE");
        line(ics, "END:VEVENT");
        line(ics, "END:VCALENDAR");
        return ics.toString();
    }

    /** TEXT escaping of RFC 5545 section 3.3.11. */
    static String escape(String text) {
        return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
                .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n");
    }

    /** Appends a content line folded at 75 octets (never inside a UTF-8 sequence), ended by CRLF. */
    static void line(StringBuilder out, String content) {
        int octets = 0;
        int limit = MAX_LINE_OCTETS;
        for (int i = 0; i < content.length(); ) {
            int codePoint = content.codePointAt(i);
            int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > limit) {
                out.append("\r\n ");
                octets = 0;
                limit = MAX_LINE_OCTETS - 1;
            }
            out.appendCodePoint(codePoint);
            octets += size;
            i += Character.charCount(codePoint);
        }
        out.append("\r\n");
    }
}
