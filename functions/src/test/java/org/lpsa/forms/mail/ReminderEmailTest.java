package org.lpsa.forms.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lpsa.forms.events.Event;

class ReminderEmailTest {
    @Test
    void aReminderOffersOneClickUnsubscribeAndTheSameCalendarEntry() {
        Event meeting = new Event("opm-2022", "LPSA Open Planning Meeting", Instant.parse("2022-06-10T12:00:00Z"), Duration.ofMinutes(90),
                ZoneId.of("America/New_York"), List.of(), "https://meet.example.org/lpsa", null, false);
        OutgoingEmail email = ReminderEmail.compose(meeting, new Recipient("Ana", "ana@example.org", ZoneId.of("Asia/Kathmandu"), false),
                true, "https://forms.example.org/manage?token=t", "https://forms.example.org/unsubscribe?token=t",
                "LPSA <events@decentralization.net>", "decentralization.net", Instant.parse("2022-06-10T11:00:00Z"));
        assertEquals("<https://forms.example.org/unsubscribe?token=t>", email.headers().get("List-Unsubscribe"));
        assertEquals("List-Unsubscribe=One-Click", email.headers().get("List-Unsubscribe-Post"));
        assertTrue(email.subject().startsWith("Starting in one hour"));
        assertTrue(email.text().contains("5:45 PM") && email.text().contains("https://meet.example.org/lpsa"), email.text());
        String ics = new String(email.attachments().get(0).content(), StandardCharsets.UTF_8);
        assertTrue(ics.contains(IcsCalendar.uid("opm-2022", "ana@example.org", "decentralization.net")), "the confirmation's UID: " + ics);
    }
}
