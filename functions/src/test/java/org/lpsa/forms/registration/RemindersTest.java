package org.lpsa.forms.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RemindersTest {
    private static final Instant NOON_UTC = Instant.parse("2022-06-10T12:00:00Z");

    @Test
    void theDayBeforeAtNineInThePersonsOwnZone() {
        // Kathmandu is UTC+5:45: 09:00 there the day before is 03:15 UTC, 32 h 45 min before the start
        assertEquals(Optional.of(Instant.parse("2022-06-09T03:15:00Z")), Reminders.dayBefore(NOON_UTC, ZoneId.of("Asia/Kathmandu")));
        assertEquals(Optional.of(Instant.parse("2022-06-09T13:00:00Z")), Reminders.dayBefore(NOON_UTC, ZoneId.of("America/New_York")));
    }

    @Test
    void elseTheNearestDaytimeHourTwelveToThirtySixHoursAhead() {
        // Brisbane (UTC+10) meets at 22:00: 09:00 the day before is 37 hours ahead, too early; the window opens
        // at 10:00 their time the day before (00:00 UTC on the 9th), the daytime hour nearest to 09:00
        assertEquals(Optional.of(Instant.parse("2022-06-09T00:00:00Z")), Reminders.dayBefore(NOON_UTC, ZoneId.of("Australia/Brisbane")));
    }

    @Test
    void nineTheDayBeforeWhenInTheWindowIsWhatTheSearchWouldFindInEveryZone() {
        // starts at every quarter hour of two days, and of the days around the 2022 clock changes in both hemispheres
        java.util.List<Instant> starts = new java.util.ArrayList<>();
        for (String day : java.util.List.of("2022-06-10", "2022-03-27", "2022-10-30", "2022-04-03", "2022-11-06")) {
            Instant first = Instant.parse(day + "T00:00:00Z");
            for (int q = 0; q < 2 * 96; q += 7) {
                starts.add(first.plusSeconds(q * 900L));
            }
        }
        int compared = 0;
        for (String id : ZoneId.getAvailableZoneIds()) {
            ZoneId zone = ZoneId.of(id);
            for (Instant start : starts) {
                Instant preferred = start.atZone(zone).toLocalDate().minusDays(1).atTime(Reminders.PREFERRED).atZone(zone).toInstant();
                assertEquals(Reminders.nearestDaytimeHour(start.minusSeconds(36 * 3600), start.minusSeconds(12 * 3600), preferred, zone),
                        Reminders.dayBefore(start, zone), id + " " + start);
                compared++;
            }
        }
        assertEquals(true, compared > 10_000, "zones and starts compared: " + compared);
    }

    @Test
    void theShortNoticeAnHourBeforeAndNothingAlreadyPast() {
        ZoneId kathmandu = ZoneId.of("Asia/Kathmandu");
        assertEquals(Optional.of(new Reminders.Due(Reminders.Kind.DAY_BEFORE, Instant.parse("2022-06-09T03:15:00Z"), NOON_UTC)),
                Reminders.next(NOON_UTC, kathmandu, Instant.parse("2022-06-03T12:00:00Z")));
        assertEquals(Optional.of(new Reminders.Due(Reminders.Kind.SHORT_NOTICE, Instant.parse("2022-06-10T11:00:00Z"), NOON_UTC)),
                Reminders.next(NOON_UTC, kathmandu, Instant.parse("2022-06-09T03:15:00Z")));
        assertEquals(Optional.empty(), Reminders.next(NOON_UTC, kathmandu, Instant.parse("2022-06-10T11:30:00Z")),
                "registered in the last hour: the confirmation is the reminder");
    }
}
