package org.lpsa.forms.mail;

import java.time.Instant;
import java.util.Optional;

/**
 * One kind of email an item can owe (a registration's confirmation, its cancellation notice, an idea's
 * acknowledgement, and those to come): its message and its rules. The kinds live with what owes them
 * ({@code registration/}, {@code ideas/}); the mailer claims the item, asks the email for its rules,
 * sends, marks: the claim / send / mark cycle is the mailer's and the same for all.
 */
public interface OwedEmail {
    /** What it is, for logs and skip reasons ("confirmation", "acknowledgement"...). */
    String kind();

    /** The event the email is about, or null, for logs (an id, never an address). */
    String eventId();

    /** The address it goes to. */
    String address();

    /**
     * The rules before sending: empty when the email may go now, else why it never will (a cap). An email
     * that reserved something here gets {@link #notSent} when nothing went out after all.
     */
    default Optional<String> reasonNotToSend(Instant now) {
        return Optional.empty();
    }

    /** The message; throws {@link NeverComposable} when it can never be written (its event was deleted). */
    OutgoingEmail compose(Instant now);

    /** After it was sent and marked SENT by this mailer. */
    default void sent() {
    }

    /** Nothing went out after {@link #reasonNotToSend} let it: what it reserved is given back. */
    default void notSent(Instant now) {
    }

    /** What the email is about is gone (its event was deleted): nothing can be composed, now or later. */
    final class NeverComposable extends RuntimeException {
        public NeverComposable(String why) {
            super(why, null, false, false);
        }
    }
}
