package org.lpsa.forms.registration;

import java.time.Instant;
import org.lpsa.forms.events.Event;

/**
 * When an admin changes a meeting's start, length or join link: every registered person is owed one email
 * with the new time (sent by the mailer, each at most once per claim), and their reminders follow the new time.
 */
public final class MeetingChanges {
    private final RegistrationRepository registrations;

    public MeetingChanges(RegistrationRepository registrations) {
        this.registrations = registrations;
    }

    /** Tells every registrant that {@code cancelled} will not take place; the number told. */
    public int tellCancelled(Event cancelled, String message, Instant now) {
        int told = 0;
        for (Registration r : registrations.ofEvent(cancelled.eventId())) {
            if (!r.cancelled() && registrations.meetingCancelled(r, message, now)) {
                told++;
            }
        }
        return told;
    }

    /** Tells every registrant of {@code changed}; the number told. */
    public int tell(Event changed, Instant now) {
        int told = 0;
        for (Registration r : registrations.ofEvent(changed.eventId())) {
            if (!r.cancelled() && registrations.meetingChanged(r,
                    Reminders.next(changed.startsAt(), r.timeZone(), now).orElse(null), now)) {
                told++;
            }
        }
        return told;
    }
}
