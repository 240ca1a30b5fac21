package org.lpsa.forms.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.lpsa.forms.TestStack;
import org.lpsa.forms.mail.EmailSender;
import org.lpsa.forms.mail.Mailer;

/** A run of the reminders that is out of time takes no reminder it could not finish: they stay due for the next. */
class ReminderServiceIT {
    @Test
    void aRunOutOfTimeLeavesTheRestDueAndTheNextRunSendsThem() {
        TestStack stack = new TestStack();
        stack.seedMeeting("demo", true);
        assertEquals(201, TestStack.invoke(stack.registerHandler(), stack.sampleEvent("register-new.json")).get("statusCode"));
        ReminderService service = new ReminderService(stack.registrations(), stack.events(), stack.contacts(),
                new EmailSender(stack.clients.sesV2(), null), stack.tokens(),
                new Mailer.Settings("LPSA <events@decentralization.net>", "decentralization.net", TestStack.SITE_URL, "ideas@decentralization.net"));
        // the day before the meeting, after 09:00 in Kathmandu (the sample registrant's zone)
        Instant dayBefore = Instant.parse("2022-06-09T12:00:00Z");

        ReminderService.Summary outOfTime = service.run(dayBefore, "t", System.currentTimeMillis() - 1);
        assertTrue(outOfTime.leftForNextRun());
        assertEquals(0, outOfTime.sent());
        assertTrue(stack.sentTo("ana.perez@example.org").stream().noneMatch(e -> String.valueOf(e.get("subject")).startsWith("Reminder")));

        ReminderService.Summary next = service.run(dayBefore, "t", Long.MAX_VALUE);
        assertFalse(next.leftForNextRun());
        assertEquals(1, next.sent(), "the reminder left for the next run is sent then");
        assertEquals(1, stack.sentTo("ana.perez@example.org").stream().filter(e -> String.valueOf(e.get("subject")).startsWith("Reminder")).count());
    }
}
