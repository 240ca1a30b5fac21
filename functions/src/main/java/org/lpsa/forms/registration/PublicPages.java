package org.lpsa.forms.registration;

import java.text.Collator;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.lpsa.forms.events.Event;
import org.lpsa.forms.events.MeetingTimes;

/** What the public pages show: a meeting's registration page, and the privacy notice. */
public final class PublicPages {
    private PublicPages() {}

    public record Option(String value, String label) {}

    /**
     * The registration page of one meeting: when it is (in UTC and the reference cities; in the visitor's
     * own zone too where the browser runs the page's script), and the form, or why there is none.
     */
    public record RegisterPage(String eventId, String title, String when, String startsAtIso, String referenceLine,
                               long minutes, boolean open, String formVersion, String newsletterWording,
                               List<Option> countries, List<Option> zones, String zoneAliasesJson) {}

    /** Who holds the data and how to reach them, and how long registrations are kept after a meeting. */
    public record PrivacyPage(String contact, long registrationsKeptDays, String newsletterWording) {}

    public static RegisterPage registerPage(Event event, Instant now, String formVersion, String newsletterWording) {
        return new RegisterPage(event.eventId(), event.title(), MeetingTimes.inUtc24(event.startsAt()), event.startsAt().toString(),
                event.referenceCities().isEmpty() ? null : MeetingTimes.referenceLine(event.startsAt(), event.referenceCities()),
                event.duration().toMinutes(), event.acceptsRegistrations(now), formVersion, newsletterWording, COUNTRIES, ZONES,
                org.lpsa.forms.events.Zones.aliasesJson());
    }

    /** The zone choices of the forms: every zone of zone.tab, as "Kathmandu (Asia)". */
    public static List<Option> zoneOptions() {
        return ZONES;
    }

    /** Countries by their English names as people write them (CLDR, through the JDK), in alphabetical order. */
    private static final List<Option> COUNTRIES = countries();
    /** Every zone of the tz database's zone.tab, as "Kathmandu (Asia)", for a visitor whose country has several. */
    private static final List<Option> ZONES = zones();

    private static List<Option> countries() {
        List<Option> out = new ArrayList<>();
        for (String code : Locale.getISOCountries()) {
            out.add(new Option(code, new Locale("", code).getDisplayCountry(Locale.ENGLISH)));
        }
        Collator collator = Collator.getInstance(Locale.ENGLISH);
        out.sort(Comparator.comparing(Option::label, collator));
        return List.copyOf(out);
    }

    private static List<Option> zones() {
        List<Option> out = new ArrayList<>();
        for (String id : CountryZones.allZones()) {
            String region = id.substring(0, id.indexOf('/'));
            out.add(new Option(id, MeetingTimes.placeName(ZoneId.of(id)) + " (" + region + ")"));
        }
        out.sort(Comparator.comparing(Option::label));
        return List.copyOf(out);
    }
}
