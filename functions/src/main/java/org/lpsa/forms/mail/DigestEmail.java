package org.lpsa.forms.mail;

import java.util.List;
import java.util.Map;
import org.lpsa.forms.Templates;

/**
 * The admins' daily digest: who registered for which meeting, new ideas by area and the quarantined ideas
 * waiting for review since the last digest, each with the admin command that shows them.
 */
public final class DigestEmail {
    private DigestEmail() {}

    /** One meeting's new registrations and the command that lists them. */
    public record Meeting(String title, int registrations, String command) {}

    /** New ideas in one priority area. */
    public record Area(String label, int ideas) {}

    /** What the templates show; {@code since} and {@code day} are already worded for the organisers' zone. */
    public record Model(String day, String since, List<Meeting> meetings, List<Area> areas, String ideasCommand,
                        int quarantined, String quarantinedCommand) {
        public int registrations() {
            return meetings.stream().mapToInt(Meeting::registrations).sum();
        }

        public int ideas() {
            return areas.stream().mapToInt(Area::ideas).sum();
        }

        /** True on a day with nothing new: no digest is sent then. */
        public boolean nothingNew() {
            return registrations() == 0 && ideas() == 0;
        }
    }

    public static OutgoingEmail compose(Model model, String from, String to) {
        String subject = "Daily digest, " + model.day() + ": " + count(model.registrations(), "registration") + ", "
                + count(model.ideas(), "idea") + (model.quarantined() > 0 ? ", " + model.quarantined() + " waiting for review" : "");
        return new OutgoingEmail(from, List.of(to), null, subject, Templates.text("mail/templates/digestText", model),
                Templates.html("mail/templates/digest", model), Map.of("Auto-Submitted", "auto-generated"), List.of());
    }

    static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
