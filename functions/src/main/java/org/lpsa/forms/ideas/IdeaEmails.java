package org.lpsa.forms.ideas;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lpsa.forms.contacts.ContactRepository;
import org.lpsa.forms.mail.IdeaAcknowledgement;
import org.lpsa.forms.mail.Mailer;
import org.lpsa.forms.mail.OutgoingEmail;
import org.lpsa.forms.mail.OwedEmail;
import org.lpsa.forms.mail.OwedEmails;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** What an idea owes its sender: one acknowledgement, at most one per sender a day, reserved before sending. */
public final class IdeaEmails implements OwedEmails {
    private final String table;
    private final ContactRepository contacts;
    private final Mailer.Settings settings;

    public IdeaEmails(String table, ContactRepository contacts, Mailer.Settings settings) {
        this.table = table;
        this.contacts = contacts;
        this.settings = settings;
    }

    @Override
    public String table() {
        return table;
    }

    @Override
    public List<String> keyNames() {
        return List.of("ideaId");
    }

    @Override
    public OwedEmail owedBy(Map<String, AttributeValue> item) {
        return new Acknowledgement(IdeaRepository.fromItem(item));
    }

    @Override
    public List<OutgoingEmail> rehearsals(Instant now) {
        Idea idea = Idea.builder().ideaId("web#priming").channel(Idea.WEB).submissionId("priming-0001").area("other")
                .areaReason("chosen on the form").status(Idea.NEW).receivedAt(now).name("Priming").email("priming@example.org")
                .title("Priming").text("Priming.").build();
        return List.of(compose(idea));
    }

    private OutgoingEmail compose(Idea idea) {
        return IdeaAcknowledgement.compose(new IdeaAcknowledgement.Received(idea.name(), idea.email(), idea.title(), idea.area(),
                Idea.EMAIL.equals(idea.channel())), settings.from(), settings.ideasAddress(), settings.siteUrl());
    }

    private final class Acknowledgement implements OwedEmail {
        private final Idea idea;

        Acknowledgement(Idea idea) {
            this.idea = idea;
        }

        @Override
        public String kind() {
            return "acknowledgement";
        }

        @Override
        public String eventId() {
            return null;
        }

        @Override
        public String address() {
            return idea.email();
        }

        @Override
        public Optional<String> reasonNotToSend(Instant now) {
            return contacts.claimAcknowledgement(idea.email(), now) ? Optional.empty() : Optional.of("one acknowledgement a day");
        }

        @Override
        public OutgoingEmail compose(Instant now) {
            return IdeaEmails.this.compose(idea);
        }

        @Override
        public void notSent(Instant now) {
            contacts.releaseAcknowledgement(idea.email(), now);
        }
    }
}
