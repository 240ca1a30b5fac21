package org.lpsa.forms.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class MeetingTimesTest {
    private static final Instant JUNE_MEETING = Instant.parse("2022-06-10T12:00:00Z");

    @Test
    void theJuneMeetingIsEightInTheMorningDaylightTimeInNewYork() {
        assertEquals("Friday 10 June 2022, 8:00 AM EDT (UTC-4)", MeetingTimes.inZone(JUNE_MEETING, ZoneId.of("America/New_York")));
    }

    @Test
    void newDelhiIsHalfPastFive() {
        assertEquals("Friday 10 June 2022, 5:30 PM IST (UTC+5:30)", MeetingTimes.inZone(JUNE_MEETING, ZoneId.of("Asia/Kolkata")));
    }

    @Test
    void kathmanduHasAFortyFiveMinuteOffset() {
        String text = MeetingTimes.inZone(JUNE_MEETING, ZoneId.of("Asia/Kathmandu"));
        assertEquals("Friday 10 June 2022, 5:45 PM", text.substring(0, text.indexOf(" PM") + 3));
        assertEquals(true, text.endsWith("(UTC+5:45)"), text);
    }

    @Test
    void theSameUtcTimeMovesAnHourAcrossTheDaylightSavingChange() {
        ZoneId newYork = ZoneId.of("America/New_York");
        // clocks in the US went forward on Sunday 13 March 2022
        assertEquals("Friday 11 March 2022, 7:00 AM EST (UTC-5)", MeetingTimes.inZone(Instant.parse("2022-03-11T12:00:00Z"), newYork));
        assertEquals("Monday 14 March 2022, 8:00 AM EDT (UTC-4)", MeetingTimes.inZone(Instant.parse("2022-03-14T12:00:00Z"), newYork));
    }

    @Test
    void referenceCitiesReadLikeTheInvitationWithCitiesOfTheSameTimeJoined() {
        List<Event.ReferenceCity> cities = List.of(
                city("New York", "America/New_York"), city("London", "Europe/London"), city("Paris", "Europe/Paris"),
                city("Cairo", "Africa/Cairo"), city("Johannesburg", "Africa/Johannesburg"), city("Nairobi", "Africa/Nairobi"),
                city("New Delhi", "Asia/Kolkata"), city("Bangkok", "Asia/Bangkok"), city("Jakarta", "Asia/Jakarta"));
        assertEquals("8:00 AM New York; 1:00 PM London; 2:00 PM Paris/Cairo/Johannesburg; 3:00 PM Nairobi; "
                + "5:30 PM New Delhi; 7:00 PM Bangkok/Jakarta", MeetingTimes.referenceLine(JUNE_MEETING, cities));
    }

    @Test
    void aCityOnAnotherDayShowsTheDay() {
        String line = MeetingTimes.referenceLine(Instant.parse("2022-06-10T22:00:00Z"),
                List.of(city("New York", "America/New_York"), city("Jakarta", "Asia/Jakarta")));
        assertEquals("6:00 PM New York; 5:00 AM (Sat 11 Jun) Jakarta", line);
    }

    @Test
    void placeNamesComeFromTheZoneId() {
        assertEquals("New York", MeetingTimes.placeName(ZoneId.of("America/New_York")));
        assertEquals("UTC", MeetingTimes.placeName(ZoneId.of("UTC")));
    }

    private static Event.ReferenceCity city(String label, String zone) {
        return new Event.ReferenceCity(label, ZoneId.of(zone));
    }

    @Test
    void theTimeInUtcSaysUtcOnce() {
        assertEquals("Friday 10 June 2022, 12:00 PM UTC", MeetingTimes.inUtc(JUNE_MEETING));
    }
}
