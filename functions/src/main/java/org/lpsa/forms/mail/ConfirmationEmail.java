package org.lpsa.forms.mail;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lpsa.forms.events.Event;
import org.lpsa.forms.Html;
import org.lpsa.forms.events.MeetingTimes;

/** The email that confirms a registration: the time in the person's zone, the cities, the link, a calendar file. */
public final class ConfirmationEmail {
    private ConfirmationEmail() {}

    public static OutgoingEmail compose(Event event, Recipient r, String manageLink, String from, String mailDomain, Instant now) {
        String when = MeetingTimes.inZone(event.startsAt(), r.timeZone());
        String place = MeetingTimes.placeName(r.timeZone());
        String whenLine = r.timeZoneGuessed()
                ? when + ". We did not know your time zone, so this time is in UTC; the calendar file shows it in yours."
                : when + ", your time in " + place + ".";
        String cities = event.referenceCities().isEmpty() ? null : MeetingTimes.referenceLine(event.startsAt(), event.referenceCities());
        String minutes = event.duration().toMinutes() + " minutes";
        String join = event.joinUrl();

        StringBuilder text = new StringBuilder();
        text.append(Echo.greeting(r.name())).append("\n\n");
        text.append("Thank you for registering for ").append(event.title()).append(".\n\n");
        text.append("When: ").append(whenLine).append('\n');
        text.append("Length: ").append(minutes).append(".\n");
        if (cities != null) {
            text.append("In the organisers' reference cities: ").append(cities).append(".\n");
        }
        text.append('\n');
        text.append(join == null ? "We will send the link to join before the meeting.\n"
                : "Join online (Zoom): " + join + "\n");
        text.append("\nThe attached calendar file (").append(filename(event)).append(") adds the meeting to your calendar.\n");
        text.append("\nTo see, cancel or delete your registration: ").append(manageLink).append('\n');
        text.append("\nPlease feel free to forward the invitation to colleagues who may be interested.\n");
        text.append("\nLocal Public Sector Alliance\nDecentralization.Net\n");

        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(Html.escape(event.title())).append("</title></head><body>");
        html.append("<p>").append(Html.escape(Echo.greeting(r.name()))).append("</p>");
        html.append("<p>Thank you for registering for <strong>").append(Html.escape(event.title())).append("</strong>.</p>");
        html.append("<p><strong>When:</strong> ").append(Html.escape(whenLine)).append("<br>");
        html.append("<strong>Length:</strong> ").append(minutes).append(".");
        if (cities != null) {
            html.append("<br><strong>In the organisers' reference cities:</strong> ").append(Html.escape(cities)).append('.');
        }
        html.append("</p>");
        html.append(join == null ? "<p>We will send the link to join before the meeting.</p>"
                : "<p><a href=\"" + Html.escape(join) + "\">Join online (Zoom)</a>: " + Html.escape(join) + "</p>");
        html.append("<p>The attached calendar file adds the meeting to your calendar.</p>");
        html.append("<p><a href=\"").append(Html.escape(manageLink)).append("\">See, cancel or delete your registration</a></p>");
        html.append("<p>Please feel free to forward the invitation to colleagues who may be interested.</p>");
        html.append("<p>Local Public Sector Alliance<br>Decentralization.Net</p></body></html>");

        String description = "Registered: " + r.email() + (join == null ? "" : "\nJoin online (Zoom): " + join);
        String ics = IcsCalendar.render(new IcsCalendar.Meeting(event.eventId(), r.email(), event.title(),
                event.startsAt(), event.endsAt(), description, join == null ? "Online" : "Online (Zoom)", join), mailDomain, now);

        Map<String, String> headers = new LinkedHashMap<>();
        // RFC 3834: automatic, so auto-responders and vacation replies do not answer it
        headers.put("Auto-Submitted", "auto-generated");
        return new OutgoingEmail(from, List.of(r.email()), null, "Registration confirmed: " + event.title(),
                text.toString(), html.toString(), headers,
                List.of(new OutgoingEmail.Attachment(filename(event), "text/calendar; charset=UTF-8; method=PUBLISH",
                        ics.getBytes(StandardCharsets.UTF_8))));
    }

    static String filename(Event event) {
        return event.eventId() + ".ics";
    }
}
