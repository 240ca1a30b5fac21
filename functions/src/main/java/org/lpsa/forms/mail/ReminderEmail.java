package org.lpsa.forms.mail;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lpsa.forms.Templates;
import org.lpsa.forms.events.Event;
import org.lpsa.forms.events.MeetingTimes;

/**
 * A reminder of a meeting: its start in the person's zone, the join link, the manage link, the calendar
 * file (the confirmation's UID), and one-click unsubscribe from reminders (RFC 8058).
 */
public final class ReminderEmail {
    private ReminderEmail() {}

    /** What the templates show; {@code join} may be null. */
    public record Model(String greeting, String title, String preheader, List<EmailFact> facts, String join, boolean soon,
                        CalendarLinks calendar, String calendarFile, String manageLink, String unsubscribeLink) {}

    /** {@code soon}: the one-hour reminder; else the day before. */
    public static OutgoingEmail compose(Event event, Recipient r, boolean soon, String manageLink, String unsubscribeLink, String from,
                                        String mailDomain, Instant now) {
        String when = MeetingTimes.inZone(event.startsAt(), r.timeZone()) + " in " + MeetingTimes.placeName(r.timeZone());
        Model model = new Model(Echo.greeting(r.name()), event.title(), (soon ? "Starting in one hour: " : "Coming up: ") + when + ".",
                ConfirmationEmail.facts(event, r), event.joinUrl(), soon, ConfirmationEmail.calendarLinks(event),
                ConfirmationEmail.filename(event), manageLink, unsubscribeLink);
        String ics = IcsCalendar.render(new IcsCalendar.Meeting(event.eventId(), r.email(), event.title(), event.startsAt(),
                event.endsAt(), event.joinUrl() == null ? "" : "Join online (Zoom): " + event.joinUrl(),
                event.joinUrl() == null ? "Online" : "Online (Zoom)", event.joinUrl(), event.calendarSequence()), mailDomain, now);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Auto-Submitted", "auto-generated");
        headers.put("List-Unsubscribe", "<" + unsubscribeLink + ">");
        headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        String subject = (soon ? "Starting in one hour: " : "Reminder: ") + event.title();
        return new OutgoingEmail(from, List.of(r.email()), null, subject, Templates.text("mail/templates/reminderText", model),
                Templates.html("mail/templates/reminder", model), headers,
                List.of(new OutgoingEmail.Attachment(ConfirmationEmail.filename(event), "text/calendar; charset=UTF-8; method=PUBLISH",
                        ics.getBytes(StandardCharsets.UTF_8))));
    }
}
