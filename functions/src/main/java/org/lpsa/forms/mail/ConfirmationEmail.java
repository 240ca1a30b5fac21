package org.lpsa.forms.mail;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lpsa.forms.events.Event;
import org.lpsa.forms.Templates;
import org.lpsa.forms.events.MeetingTimes;

/** The email that confirms a registration: the time in the person's zone, the cities, the link, a calendar file. */
public final class ConfirmationEmail {
    private ConfirmationEmail() {}

    /** What the templates show: {@code cities} and {@code join} may be null (none given). */
    public record Model(String greeting, String title, String when, long minutes, String cities, String join, String calendarFile,
                        String manageLink, String privacyLink, boolean updated, boolean moved) {}

    public static OutgoingEmail compose(Event event, Recipient r, String manageLink, String from, String mailDomain, Instant now) {
        return compose(event, r, manageLink, from, mailDomain, now, Reason.REGISTERED);
    }

    /** Why it is sent: a registration, the person's changed details (a new zone), or the meeting's change. */
    public enum Reason { REGISTERED, DETAILS_UPDATED, MEETING_CHANGED }

    public static OutgoingEmail compose(Event event, Recipient r, String manageLink, String from, String mailDomain, Instant now,
                                        Reason reason) {
        boolean updated = reason == Reason.DETAILS_UPDATED;
        boolean moved = reason == Reason.MEETING_CHANGED;
        String when = MeetingTimes.inZone(event.startsAt(), r.timeZone());
        String place = MeetingTimes.placeName(r.timeZone());
        String whenLine = r.timeZoneGuessed()
                ? when + ". We did not know your time zone, so this time is in UTC; the calendar file shows it in yours."
                : when + ", your time in " + place + ".";
        String cities = event.referenceCities().isEmpty() ? null : MeetingTimes.referenceLine(event.startsAt(), event.referenceCities());
        String join = event.joinUrl();

        Model model = new Model(Echo.greeting(r.name()), event.title(), whenLine, event.duration().toMinutes(), cities, join,
                filename(event), manageLink, privacyLink(manageLink), updated, moved);
        String text = Templates.text("mail/templates/confirmationText", model);
        String html = Templates.html("mail/templates/confirmation", model);

        String description = "Registered: " + r.email() + (join == null ? "" : "\nJoin online (Zoom): " + join);
        String ics = IcsCalendar.render(new IcsCalendar.Meeting(event.eventId(), r.email(), event.title(),
                event.startsAt(), event.endsAt(), description, join == null ? "Online" : "Online (Zoom)", join, event.calendarSequence()),
                mailDomain, now);

        Map<String, String> headers = new LinkedHashMap<>();
        // RFC 3834: automatic, so auto-responders and vacation replies do not answer it
        headers.put("Auto-Submitted", "auto-generated");
        return new OutgoingEmail(from, List.of(r.email()), null, (moved ? "Meeting changed: " : updated ? "Registration updated: " : "Registration confirmed: ") + event.title(),
                text, html, headers,
                List.of(new OutgoingEmail.Attachment(filename(event), "text/calendar; charset=UTF-8; method=PUBLISH",
                        ics.getBytes(StandardCharsets.UTF_8))));
    }

    /** The privacy notice beside the manage page: the same site. */
    static String privacyLink(String manageLink) {
        int path = manageLink.indexOf("/manage");
        return (path < 0 ? "" : manageLink.substring(0, path)) + "/privacy";
    }

    static String filename(Event event) {
        return event.eventId() + ".ics";
    }
}
