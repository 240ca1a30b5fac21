package org.lpsa.forms.mail;

import java.time.Instant;
import java.util.Optional;
import org.lpsa.forms.contacts.ContactRepository;
import org.lpsa.forms.events.EventRepository;
import org.lpsa.forms.registration.LinkTokens;
import org.lpsa.forms.registration.Registration;

/**
 * One kind of email an item can owe (a registration's confirmation, its cancellation notice, an idea's
 * acknowledgement, and those to come): its message and its rules. The mailer claims the item, asks the
 * email for its rules, sends, marks; the claim / send / mark cycle is the mailer's and the same for all.
 */
interface OwedEmail {
    /** What composing and the rules need: the meetings, the contacts, link signing, who mail comes from. */
    record Context(EventRepository events, ContactRepository contacts, LinkTokens tokens, Mailer.Settings settings) {}

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

    OutgoingEmail compose(Instant now);

    /** After it was sent and marked SENT by this mailer. */
    default void sent() {
    }

    /** Nothing went out after {@link #reasonNotToSend} let it: what it reserved is given back. */
    default void notSent(Instant now) {
    }

    /** An email a registration owes: about its meeting, to its person. */
    interface ForRegistration extends OwedEmail {
        Registration r();

        @Override
        default String eventId() {
            return r().eventId();
        }

        @Override
        default String address() {
            return r().email();
        }
    }
}
