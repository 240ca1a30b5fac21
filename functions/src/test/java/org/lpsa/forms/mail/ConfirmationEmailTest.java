package org.lpsa.forms.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lpsa.forms.events.Event;

class ConfirmationEmailTest {
    private static final Event MEETING = new Event("opm-2022", "LPSA Open Planning Meeting 2022/23",
            Instant.parse("2022-06-10T12:00:00Z"), Duration.ofMinutes(90), ZoneId.of("America/New_York"),
            List.of(new Event.ReferenceCity("New York", ZoneId.of("America/New_York"))), "https://meet.example.org/lpsa",
            null, false);

    private static Recipient registration(String name, String zone, String source) {
        return new Recipient(name, "ana@example.org", ZoneId.of(zone), source.equals("default"));
    }

    @Test
    void theConfirmationIsAnAutomaticMessageWithTextHtmlAndACalendarFile() {
        OutgoingEmail email = ConfirmationEmail.compose(MEETING, registration("Ana", "Asia/Kathmandu", "country"), "https://forms.example.org/manage?token=t",
                "LPSA <events@decentralization.net>", "decentralization.net", Instant.parse("2022-06-01T09:00:00Z"));
        assertEquals(List.of("ana@example.org"), email.to());
        assertEquals("auto-generated", email.headers().get("Auto-Submitted"));
        assertTrue(email.text().contains("5:45 PM"), email.text());
        assertTrue(email.html().contains("5:45 PM"));
        assertTrue(email.text().contains("https://forms.example.org/manage?token=t"), "every confirmation carries its manage link");
        OutgoingEmail.Attachment ics = email.attachments().get(0);
        assertEquals("opm-2022.ics", ics.filename());
        assertTrue(ics.contentType().startsWith("text/calendar"));
        assertTrue(new String(ics.content(), StandardCharsets.UTF_8).contains("DTSTART:20220610T120000Z"));
    }

    @Test
    void whatPeopleTypedIsEscapedInTheHtml() {
        OutgoingEmail email = ConfirmationEmail.compose(MEETING, registration("<script>x</script> & Co", "UTC", "default"), "https://forms.example.org/manage?token=t",
                "LPSA <events@decentralization.net>", "decentralization.net", Instant.EPOCH);
        assertFalse(email.html().contains("<script>"));
        assertTrue(email.html().contains("&lt;script&gt;x&lt;/script&gt; &amp; Co"));
        assertTrue(email.text().contains("We did not know your time zone"));
    }
}
