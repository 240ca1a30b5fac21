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

    /**
     * What the templates show: {@code cities} and {@code join} may be null (none given); {@code facts} are the
     * table (your time, UTC, length, where) of the HTML part and the lines of the text part, in that order.
     */
    public record Model(String greeting, String title, String preheader, List<EmailFact> facts, String cities, String join,
                        CalendarLinks calendar, String calendarFile, String manageLink, String privacyLink, boolean updated,
                        boolean moved) {}

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
        String cities = event.referenceCities().isEmpty() ? null : MeetingTimes.referenceLine(event.startsAt(), event.referenceCities());
        String join = event.joinUrl();
        List<EmailFact> facts = facts(event, r);
        String preheader = (moved ? "New time: " : "") + (r.timeZoneGuessed() ? MeetingTimes.inUtc(event.startsAt())
                : when + " in " + MeetingTimes.placeName(r.timeZone())) + (join == null ? "." : ". The join link and calendar links are inside.");

        Model model = new Model(Echo.greeting(r.name()), event.title(), preheader, facts, cities, join, calendarLinks(event),
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

    /** The facts table of a meeting email: the start in the person's zone and in UTC, the length, where. */
    static List<EmailFact> facts(Event event, Recipient r) {
        String yours = r.timeZoneGuessed()
                ? "We did not know your time zone, so see UTC below; the calendar file shows the time in yours."
                : MeetingTimes.inZone(event.startsAt(), r.timeZone()) + ", your time in " + MeetingTimes.placeName(r.timeZone());
        return List.of(new EmailFact("Your time", yours), new EmailFact("UTC", MeetingTimes.inUtc(event.startsAt())),
                new EmailFact("Length", event.duration().toMinutes() + " minutes"),
                new EmailFact("Where", event.joinUrl() == null ? "Online; the link to join follows by email" : "Online, on Zoom"));
    }

    /** Google Calendar and Outlook links for the meeting, from the event item's times in UTC. */
    static CalendarLinks calendarLinks(Event event) {
        return CalendarLinks.of(event.title(), event.startsAt(), event.endsAt(),
                event.joinUrl() == null ? "The link to join follows by email." : "Join online (Zoom): " + event.joinUrl(),
                event.joinUrl() == null ? "Online" : event.joinUrl());
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
