package org.lpsa.forms.ideas;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import org.lpsa.forms.contacts.ContactRepository;
import org.lpsa.forms.Refused;

/**
 * Stores ideas from the web form: the id derives from the page's submissionId and the email, so a
 * double click or a retry stores one idea (200), and the same id with other content is refused (409).
 */
public final class IdeaService {
    public enum Outcome { CREATED, SAME_AGAIN }

    public record Result(Outcome outcome, Idea idea) {}

    private final IdeaRepository ideas;
    private final ContactRepository contacts;
    private final Clock clock;

    public Clock clock() {
        return clock;
    }

    public IdeaService(IdeaRepository ideas, ContactRepository contacts, Clock clock) {
        this.ideas = ideas;
        this.contacts = contacts;
        this.clock = clock;
    }

    /** Stores a checked submission; Conflict when its id was sent before with other content. */
    public Result submit(IdeaForm.Submission s) {
        String ideaId = webIdeaId(s.submissionId(), s.email());
        String contentHash = sha256(String.join("\u0000", s.area().id(), s.title(), s.text(), nz(s.name()), nz(s.country()),
                nz(s.organization()), nz(s.eventId())));
        boolean registrant = s.email() != null && contacts.isRegistrant(s.email());
        Idea idea = Idea.builder().ideaId(ideaId).channel(Idea.WEB).submissionId(s.submissionId())
                .area(s.area().id()).areaReason("chosen on the form").status(Idea.NEW).receivedAt(clock.instant())
                .name(s.name()).email(s.email()).country(s.country()).organization(s.organization()).eventId(s.eventId())
                .title(s.title()).text(s.text()).contentHash(contentHash).registrant(registrant)
                .build();
        if (ideas.insertIfAbsent(idea)) {
            return new Result(Outcome.CREATED, idea);
        }
        Idea existing = ideas.find(ideaId).orElseThrow(() -> new IllegalStateException("idea vanished after a conflict"));
        if (!contentHash.equals(existing.contentHash())) {
            throw new Refused.Conflict("submissionId",
                    "This form was already sent with other content. Reload the page to send a new idea.");
        }
        return new Result(Outcome.SAME_AGAIN, existing);
    }

    /** The id of a web idea: the same submission from the same person is the same idea. */
    public static String webIdeaId(String submissionId, String email) {
        return "web#" + sha256(submissionId + "\n" + (email == null ? "" : email)).substring(0, 32);
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }
}
