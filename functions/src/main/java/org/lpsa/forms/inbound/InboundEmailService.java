package org.lpsa.forms.inbound;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.lpsa.forms.contacts.ContactRepository;
import org.lpsa.forms.ideas.AreaClassifier;
import org.lpsa.forms.ideas.Idea;
import org.lpsa.forms.ideas.IdeaRepository;

/**
 * Turns one received email into one idea: reads the raw message that the receipt rule stored in S3,
 * parses it, keeps the sender's own words, sorts it into an area, decides whether it may be
 * answered, and stores it once per SES messageId (SES and Lambda retries change nothing).
 */
public final class InboundEmailService {
    public enum Outcome { STORED, ALREADY_STORED }

    /** Where the receipt rule's S3 action puts messages, and the domain whose mail is our own. */
    public record Settings(String bucket, String prefix, String ourDomain) {}

    private final RawMessages s3;
    private final IdeaRepository ideas;
    private final ContactRepository contacts;
    private final Settings settings;
    private final Clock clock;

    public InboundEmailService(RawMessages s3, IdeaRepository ideas, ContactRepository contacts, Settings settings, Clock clock) {
        this.s3 = s3;
        this.ideas = ideas;
        this.contacts = contacts;
        this.settings = settings;
        this.clock = clock;
    }

    public Outcome receive(SesReceipt receipt) {
        String ideaId = "email#" + receipt.messageId();
        if (ideas.find(ideaId).isPresent()) {
            return Outcome.ALREADY_STORED;
        }
        String key = settings.prefix() + receipt.messageId();
        ParsedMail mail;
        try (InputStream raw = s3.open(settings.bucket(), key)) {
            mail = MailParser.parse(raw.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the message from S3", e);
        } catch (MailParser.Unreadable | RuntimeException | StackOverflowError unreadable) {
            // kept for an admin to look at (ideas list --status quarantined), never answered, never retried
            String reason = unreadable instanceof MailParser.Unreadable ? unreadable.getMessage()
                    : "the message could not be read (" + unreadable.getClass().getSimpleName() + ")";
            Idea idea = Idea.builder().ideaId(ideaId).channel(Idea.EMAIL).messageId(receipt.messageId())
                    .area(org.lpsa.forms.PriorityArea.OTHER.id()).areaReason("not read").status(Idea.QUARANTINED)
                    .receivedAt(clock.instant()).title("(a message that could not be read)").text("")
                    .s3Bucket(settings.bucket()).s3Key(key).noAcknowledgementReason(reason)
                    .build();
            return ideas.insertIfAbsent(idea) ? Outcome.STORED : Outcome.ALREADY_STORED;
        }
        String text = ReplyCleaner.clean(mail.text());
        if (text.length() > MailParser.MAX_TEXT) {
            text = text.substring(0, MailParser.MAX_TEXT) + "\n[... cut here; the whole message is kept for admins]";
        }
        String subject = clip(org.lpsa.forms.FormText.line(mail.subject()), 200);
        if (subject != null && subject.isEmpty()) {
            subject = null;
        }
        String title = subject != null ? subject : titleFromText(text);
        AreaClassifier.Choice area = AreaClassifier.classify(receipt.recipients(), subject, text);
        Optional<String> noAnswer = AutomaticMail.reasonNotToAnswer(mail, receipt, settings.ourDomain());
        boolean quarantine = receipt.failed("spam") || receipt.failed("virus") || AutomaticMail.spamFlagged(mail);
        String email = mail.fromAddress() == null ? null : mail.fromAddress().trim().toLowerCase(Locale.ROOT);
        boolean registrant = email != null && noAnswer.isEmpty() && contacts.isRegistrant(email);
        // bounded, so no message can push the item past DynamoDB's 400 KB
        List<Idea.Attachment> attachments = mail.attachments().stream().limit(MAX_ATTACHMENTS)
                .map(a -> new Idea.Attachment(clip(a.name(), 200), clip(a.type(), 100), a.size(), a.inline())).toList();
        Idea idea = Idea.builder().ideaId(ideaId).channel(Idea.EMAIL).messageId(receipt.messageId())
                .area(area.area().id()).areaReason(area.reason())
                .status(quarantine ? Idea.QUARANTINED : Idea.NEW).receivedAt(clock.instant())
                .name(clip(org.lpsa.forms.FormText.line(mail.fromName()), 200)).email(email)
                .title(title).text(text).s3Bucket(settings.bucket()).s3Key(key).attachments(attachments)
                .noAcknowledgementReason(noAnswer.orElse(null)).registrant(registrant)
                .build();
        return ideas.insertIfAbsent(idea) ? Outcome.STORED : Outcome.ALREADY_STORED;
    }

    /**
     * The pure part of receiving, on given bytes: parse, keep the sender's words, classify, decide whether
     * to answer. Priming runs it; nothing is read from S3 or stored.
     */
    public static void rehearse(byte[] message) {
        try {
            ParsedMail mail = MailParser.parse(message);
            String text = ReplyCleaner.clean(mail.text());
            AreaClassifier.classify(List.of("ideas+webinars@example.org"), mail.subject(), text);
            AutomaticMail.reasonNotToAnswer(mail, new SesReceipt("priming", "priming@example.org", List.of("ideas@example.org"),
                    java.util.Map.of()), "example.org");
        } catch (IOException | MailParser.Unreadable e) {
            throw new IllegalStateException(e);
        }
    }

    static final int MAX_ATTACHMENTS = 50;

    private static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max - 3) + "...";
    }

    /** A title for a message without a subject: its first line, shortened. */
    static String titleFromText(String text) {
        String first = text.lines().filter(l -> !l.isBlank()).findFirst().orElse("(no subject)").strip();
        return first.length() <= 80 ? first : first.substring(0, 77) + "...";
    }
}
