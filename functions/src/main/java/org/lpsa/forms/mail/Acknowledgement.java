package org.lpsa.forms.mail;

import java.time.Instant;
import java.util.Optional;
import org.lpsa.forms.ideas.Idea;

/** The acknowledgement an idea owes its sender: at most one per sender a day, reserved before sending. */
record Acknowledgement(Idea idea, OwedEmail.Context with) implements OwedEmail {
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
        return with.contacts().claimAcknowledgement(idea.email(), now) ? Optional.empty() : Optional.of("one acknowledgement a day");
    }

    @Override
    public OutgoingEmail compose(Instant now) {
        return IdeaAcknowledgement.compose(idea, with.settings().from(), with.settings().ideasAddress());
    }

    @Override
    public void notSent(Instant now) {
        with.contacts().releaseAcknowledgement(idea.email(), now);
    }
}
