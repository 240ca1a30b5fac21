package org.lpsa.forms.mail;

import java.time.Instant;
import org.lpsa.forms.registration.Registration;

/** The short notice a cancelled registration owes. */
record Cancellation(Registration r, OwedEmail.Context with) implements OwedEmail.ForRegistration {
    @Override
    public String kind() {
        return "cancellation";
    }

    @Override
    public OutgoingEmail compose(Instant now) {
        return CancellationEmail.compose(with.events().find(r.eventId()).orElseThrow(Mailer.EventMissing::new), r,
                with.settings().from());
    }
}
