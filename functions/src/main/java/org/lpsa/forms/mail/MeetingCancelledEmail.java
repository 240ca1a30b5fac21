package org.lpsa.forms.mail;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lpsa.forms.Templates;
import org.lpsa.forms.events.Event;

/** The meeting will not take place: the organisers' words, and a calendar file that removes the entry (METHOD:CANCEL). */
public final class MeetingCancelledEmail {
    private MeetingCancelledEmail() {}

    /** What the templates show; {@code message} (the organisers' words) may be null. */
    public record Model(String greeting, String title, String preheader, List<EmailFact> facts, String message, String manageLink,
                        String privacyLink) {}

    public static OutgoingEmail compose(Event event, Recipient r, String message, String manageLink, String from, String mailDomain,
                                        Instant now) {
        List<EmailFact> facts = ConfirmationEmail.facts(event, r).subList(0, 2);
        Model model = new Model(Echo.greeting(r.name()), event.title(), event.title() + " will not take place.", facts,
                message == null || message.isBlank() ? null : message, manageLink, ConfirmationEmail.privacyLink(manageLink));
        String ics = IcsCalendar.renderCancellation(new IcsCalendar.Meeting(event.eventId(), r.email(), event.title(), event.startsAt(),
                event.endsAt(), null, null, null, event.calendarSequence()), mailDomain, now);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Auto-Submitted", "auto-generated");
        return new OutgoingEmail(from, List.of(r.email()), null, "Meeting cancelled: " + event.title(),
                Templates.text("mail/templates/meetingCancelledText", model), Templates.html("mail/templates/meetingCancelled", model),
                headers, List.of(new OutgoingEmail.Attachment(ConfirmationEmail.filename(event), "text/calendar; charset=UTF-8; method=CANCEL",
                        ics.getBytes(StandardCharsets.UTF_8))));
    }
}
