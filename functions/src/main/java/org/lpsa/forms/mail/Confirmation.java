package org.lpsa.forms.mail;

import java.time.Instant;
import org.lpsa.forms.events.Event;
import org.lpsa.forms.registration.ManageService;
import org.lpsa.forms.registration.Registration;

/** The confirmation a registration owes: the time in the person's zone and a manage link; once sent, the person is a contact. */
record Confirmation(Registration r, OwedEmail.Context with) implements OwedEmail.ForRegistration {
    @Override
    public String kind() {
        return "confirmation";
    }

    @Override
    public OutgoingEmail compose(Instant now) {
        Event event = with.events().find(r.eventId()).orElseThrow(Mailer.EventMissing::new);
        String manage = ManageService.link(with.tokens(), with.settings().siteUrl(), event, r.email());
        return ConfirmationEmail.compose(event, r, manage, with.settings().from(), with.settings().mailDomain(), now);
    }

    @Override
    public void sent() {
        with.contacts().recordRegistration(r.email(), r.name(), r.eventId(), r.newsletter(), r.formVersion(), r.registeredAt());
    }
}
