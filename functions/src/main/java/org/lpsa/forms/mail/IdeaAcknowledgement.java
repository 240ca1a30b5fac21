package org.lpsa.forms.mail;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lpsa.forms.PriorityArea;
import org.lpsa.forms.Html;

/** The one acknowledgement of an idea: its title and area, and how to send more. Never answered by machines. */
public final class IdeaAcknowledgement {
    private IdeaAcknowledgement() {}

    /** What was received: who sent it, its title (or null), its priority area's id, whether it came by email. */
    public record Received(String name, String email, String title, String area, boolean byEmail) {}

    public static OutgoingEmail compose(Received idea, String from, String ideasAddress) {
        String area = PriorityArea.byId(idea.area()).map(PriorityArea::label).orElse(idea.area());
        String at = ideasAddress.substring(ideasAddress.indexOf('@'));
        String local = ideasAddress.substring(0, ideasAddress.indexOf('@'));
        String greeting = Echo.greeting(idea.name());
        String title = Echo.safe(idea.title());
        String text = greeting + "\n\n"
                + "Thank you for your idea for the work programme of the Local Public Sector Alliance. We received:\n\n"
                + (title == null ? "" : "  \"" + title + "\"\n")
                + "  Priority area: " + area + "\n\n"
                + "The Alliance's Board reads the ideas, grouped by priority area, when it plans its work.\n\n"
                + "To send more, write to " + ideasAddress + ". To file an idea under an area, add it to the address, for example "
                + local + "+webinars" + at + " or " + local + "+courses" + at + ".\n\n"
                + "This is an automatic acknowledgement; you get at most one a day.\n\n"
                + "Local Public Sector Alliance\nDecentralization.Net\n";
        String html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Your idea</title></head><body>"
                + "<p>" + Html.escape(greeting) + "</p>"
                + "<p>Thank you for your idea for the work programme of the Local Public Sector Alliance. We received:</p>"
                + "<blockquote>" + (title == null ? "" : "<p>" + Html.escape(title) + "</p>") + "<p>Priority area: " + Html.escape(area)
                + "</p></blockquote>"
                + "<p>The Alliance's Board reads the ideas, grouped by priority area, when it plans its work.</p>"
                + "<p>To send more, write to <a href=\"mailto:" + Html.escape(ideasAddress) + "\">" + Html.escape(ideasAddress)
                + "</a>. To file an idea under an area, add it to the address, for example " + Html.escape(local + "+webinars" + at)
                + ".</p><p>This is an automatic acknowledgement; you get at most one a day.</p>"
                + "<p>Local Public Sector Alliance<br>Decentralization.Net</p></body></html>";
        Map<String, String> headers = new LinkedHashMap<>();
        // RFC 3834: an answer to a message is auto-replied; to a web form, auto-generated
        headers.put("Auto-Submitted", idea.byEmail() ? "auto-replied" : "auto-generated");
        headers.put("X-Auto-Response-Suppress", "All");
        return new OutgoingEmail(from, List.of(idea.email()), ideasAddress, title == null ? "We received your idea" : "We received your idea: " + title, text, html,
                headers, List.of());
    }
}
