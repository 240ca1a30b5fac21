package org.lpsa.forms.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.lpsa.forms.registration.CountryZones;

class ZonesTest {
    @Test
    void oldNamesThatBrowsersStillSendAreStoredAndPrintedUnderTheirCurrentNames() {
        assertEquals(ZoneId.of("Asia/Kolkata"), Zones.canonical(ZoneId.of("Asia/Calcutta")));
        assertEquals(ZoneId.of("Asia/Kathmandu"), Zones.canonical(ZoneId.of("Asia/Katmandu")));
        assertEquals(ZoneId.of("Europe/Kyiv"), Zones.canonical(ZoneId.of("Europe/Kiev")));
        assertEquals("Ho Chi Minh", MeetingTimes.placeName(ZoneId.of("Asia/Saigon")));
        assertEquals("Yangon", MeetingTimes.placeName(ZoneId.of("Asia/Rangoon")));
        assertEquals(ZoneId.of("Africa/Nairobi"), Zones.canonical(ZoneId.of("Africa/Nairobi")), "current names stay");
    }

    @Test
    void aCountryWhoseZonesAreOneInPracticeTakesItsPrimaryZone() {
        assertEquals(ZoneId.of("Asia/Shanghai"), CountryZones.primary("CN").orElseThrow());
        assertEquals(ZoneId.of("Africa/Nairobi"), CountryZones.primary("KE").orElseThrow(), "a country of one zone");
        assertEquals(java.util.Optional.empty(), CountryZones.primary("US"), "a country of several: the visitor picks");
    }
}
