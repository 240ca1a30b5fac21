package org.lpsa.forms.mail;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lpsa.forms.PriorityArea;
import org.lpsa.forms.Templates;

/** The one acknowledgement of an idea: its title and area, and how to send more. Never answered by machines. */
public final class IdeaAcknowledgement {
    private IdeaAcknowledgement() {}

    /** What was received: who sent it, its title (or null), its priority area's id, whether it came by email. */
    public record Received(String name, String email, String title, String area, boolean byEmail) {}

    /** What the templates show: {@code title} is null when it is not repeated (none, or not safe to echo). */
    public record Model(String greeting, String title, String area, String ideasAddress, String webinarsAddress,
                        String coursesAddress, String ideasFormLink, String privacyLink) {}

    /** {@code siteUrl}: where the privacy notice is ({@code siteUrl/privacy}). */
    public static OutgoingEmail compose(Received idea, String from, String ideasAddress, String siteUrl) {
        String area = PriorityArea.byId(idea.area()).map(PriorityArea::label).orElse(idea.area());
        String at = ideasAddress.substring(ideasAddress.indexOf('@'));
        String local = ideasAddress.substring(0, ideasAddress.indexOf('@'));
        String title = Echo.safe(idea.title());
        String site = siteUrl.replaceAll("/+$", "");
        Model model = new Model(Echo.greeting(idea.name()), title, area, ideasAddress, local + "+webinars" + at, local + "+courses" + at,
                site + "/ideas.html", site + "/privacy");
        String text = Templates.text("mail/templates/ideaAcknowledgementText", model);
        String html = Templates.html("mail/templates/ideaAcknowledgement", model);
        Map<String, String> headers = new LinkedHashMap<>();
        // RFC 3834: an answer to a message is auto-replied; to a web form, auto-generated
        headers.put("Auto-Submitted", idea.byEmail() ? "auto-replied" : "auto-generated");
        headers.put("X-Auto-Response-Suppress", "All");
        return new OutgoingEmail(from, List.of(idea.email()), ideasAddress, title == null ? "We received your idea" : "We received your idea: " + title, text, html,
                headers, List.of());
    }
}
