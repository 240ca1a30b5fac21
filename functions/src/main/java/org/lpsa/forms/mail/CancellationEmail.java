package org.lpsa.forms.mail;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lpsa.forms.events.Event;
import org.lpsa.forms.events.MeetingTimes;
import org.lpsa.forms.Html;

/** The short notice that a registration was cancelled through its manage link. */
public final class CancellationEmail {
    private CancellationEmail() {}

    public static OutgoingEmail compose(Event event, Recipient r, String from) {
        String when = MeetingTimes.inZone(event.startsAt(), r.timeZone());
        String text = Echo.greeting(r.name()) + "\n\n"
                + "Your registration for " + event.title() + " (" + when + ") is cancelled, as you asked.\n\n"
                + "Changed your mind? Register again with the same address at any time before the meeting.\n\n"
                + "Local Public Sector Alliance\nDecentralization.Net\n";
        String html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + Html.escape(event.title())
                + "</title></head><body><p>" + Html.escape(Echo.greeting(r.name())) + "</p><p>Your registration for <strong>"
                + Html.escape(event.title()) + "</strong> (" + Html.escape(when) + ") is cancelled, as you asked.</p>"
                + "<p>Changed your mind? Register again with the same address at any time before the meeting.</p>"
                + "<p>Local Public Sector Alliance<br>Decentralization.Net</p></body></html>";
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Auto-Submitted", "auto-generated");
        return new OutgoingEmail(from, List.of(r.email()), null, "Registration cancelled: " + event.title(), text, html, headers, List.of());
    }
}
