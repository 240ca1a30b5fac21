package org.lpsa.forms.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IcsCalendarTest {
    private static final IcsCalendar.Meeting MEETING = new IcsCalendar.Meeting("opm-2022", "ana@example.org",
            "LPSA Open Planning Meeting 2022/23", Instant.parse("2022-06-10T12:00:00Z"), Instant.parse("2022-06-10T13:30:00Z"),
            "Join online; bring your ideas, questions\nand colleagues", "Online (Zoom)", "https://meet.example.org/lpsa");

    @Test
    void timesAreUtcAndEveryLineEndsWithCrlf() {
        String ics = IcsCalendar.render(MEETING, "decentralization.net", Instant.parse("2022-06-01T09:00:00Z"));
        assertTrue(ics.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"), ics);
        assertTrue(ics.contains("\r\nDTSTART:20220610T120000Z\r\n"));
        assertTrue(ics.contains("\r\nDTEND:20220610T133000Z\r\n"));
        assertTrue(ics.contains("\r\nDTSTAMP:20220601T090000Z\r\n"));
        assertTrue(ics.contains("\r\nMETHOD:PUBLISH\r\n"));
        assertTrue(ics.endsWith("END:VEVENT\r\nEND:VCALENDAR\r\n"));
        assertEquals(0, ics.replace("\r\n", "").chars().filter(c -> c == '\n' || c == '\r').count(), "no bare line breaks");
    }

    @Test
    void textIsEscaped() {
        String ics = IcsCalendar.render(MEETING, "decentralization.net", Instant.EPOCH);
        String unfolded = ics.replace("\r\n ", "");
        assertTrue(unfolded.contains("DESCRIPTION:Join online\\; bring your ideas\\, questions\\nand colleagues\r\n"), unfolded);
    }

    @Test
    void theUidIsStablePerPersonAndEventAndDiffersOtherwise() {
        String uid = IcsCalendar.uid("opm-2022", "ana@example.org", "decentralization.net");
        assertEquals(uid, IcsCalendar.uid("opm-2022", "ana@example.org", "decentralization.net"));
        assertNotEquals(uid, IcsCalendar.uid("opm-2022", "sam@example.org", "decentralization.net"));
        assertNotEquals(uid, IcsCalendar.uid("demo", "ana@example.org", "decentralization.net"));
        assertTrue(uid.endsWith("@decentralization.net"));
        assertTrue(IcsCalendar.render(MEETING, "decentralization.net", Instant.EPOCH).contains("UID:" + uid + "\r\n"));
    }

    @Test
    void longLinesFoldAt75OctetsWithoutSplittingACharacter() {
        StringBuilder out = new StringBuilder();
        String title = "SUMMARY:" + "Réunion de planification ouverte — décentralisation et localisation ".repeat(3);
        IcsCalendar.line(out, title);
        String[] lines = out.toString().split("\r\n");
        for (String line : lines) {
            assertTrue(line.getBytes(StandardCharsets.UTF_8).length <= 75, line);
        }
        StringBuilder unfolded = new StringBuilder(lines[0]);
        for (int i = 1; i < lines.length; i++) {
            assertTrue(lines[i].startsWith(" "));
            unfolded.append(lines[i].substring(1));
        }
        assertEquals(title, unfolded.toString());
    }
}
