package org.lpsa.forms.mail;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lpsa.forms.events.Event;
import org.lpsa.forms.events.MeetingTimes;
import org.lpsa.forms.Templates;

/** The short notice that a registration was cancelled through its manage link. */
public final class CancellationEmail {
    private CancellationEmail() {}

    /** What the templates show. */
    public record Model(String greeting, String title, String when, String registerLink, String privacyLink) {}

    /** {@code siteUrl}: where the privacy notice is ({@code siteUrl/privacy}). */
    public static OutgoingEmail compose(Event event, Recipient r, String from, String siteUrl) {
        String when = MeetingTimes.inZone(event.startsAt(), r.timeZone());
        String site = siteUrl.replaceAll("/+$", "");
        Model model = new Model(Echo.greeting(r.name()), event.title(), when, site + "/events/" + event.eventId() + "/register",
                site + "/privacy");
        String text = Templates.text("mail/templates/cancellationText", model);
        String html = Templates.html("mail/templates/cancellation", model);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Auto-Submitted", "auto-generated");
        return new OutgoingEmail(from, List.of(r.email()), null, "Registration cancelled: " + event.title(), text, html, headers, List.of());
    }
}
