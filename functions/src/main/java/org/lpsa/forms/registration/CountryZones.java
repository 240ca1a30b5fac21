package org.lpsa.forms.registration;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which time zones each country uses, from the tz database's zone.tab (shipped as a resource, so no
 * ICU): a registrant who gives no zone gets their country's zone when it has exactly one.
 */
public final class CountryZones {
    /** Zone names per country; ZoneIds are made only for the one asked for (cheaper on a cold start). */
    private static final Map<String, List<String>> ZONES = load();
    /** ISO 3166-1 alpha-2 codes; XK (Kosovo) is user-assigned but in common use, and in zone.tab. */
    private static final Set<String> COUNTRIES = countries();
    private static final Map<String, Optional<ZoneId>> SINGLE = new java.util.concurrent.ConcurrentHashMap<>();

    private CountryZones() {}

    public static boolean isCountry(String code) {
        return COUNTRIES.contains(code);
    }

    /**
     * Countries with several zones of which one is the country's time in practice (CLDR's primary zones:
     * most of China lives on Beijing time, though the tz database also lists Urumqi).
     */
    private static final Map<String, String> PRIMARY = Map.ofEntries(Map.entry("CN", "Asia/Shanghai"),
            Map.entry("CL", "America/Santiago"), Map.entry("DE", "Europe/Berlin"), Map.entry("EC", "America/Guayaquil"),
            Map.entry("ES", "Europe/Madrid"), Map.entry("MH", "Pacific/Majuro"), Map.entry("MY", "Asia/Kuala_Lumpur"),
            Map.entry("NZ", "Pacific/Auckland"), Map.entry("PT", "Europe/Lisbon"), Map.entry("UA", "Europe/Kyiv"),
            Map.entry("UZ", "Asia/Tashkent"));

    /** The country's zone when it has one in practice: its only zone, or its primary one; empty when it has several. */
    public static Optional<ZoneId> primary(String country) {
        String zone = PRIMARY.get(country);
        return zone != null ? Optional.of(ZoneId.of(zone)) : single(country);
    }

    /** Every zone any country uses (zone.tab's names) that this JDK knows. */
    public static List<String> allZones() {
        java.util.Set<String> known = java.time.ZoneId.getAvailableZoneIds();
        return ZONES.values().stream().flatMap(List::stream).filter(known::contains).distinct().sorted().toList();
    }

    /** The zones a country uses (zone.tab's names), for a visitor who picks theirs. */
    public static List<String> zonesOf(String country) {
        return ZONES.getOrDefault(country, List.of());
    }

    /** The country's zone when it has only one (each answer worked out once). */
    public static Optional<ZoneId> single(String country) {
        return SINGLE.computeIfAbsent(country == null ? "" : country, CountryZones::singleZone);
    }

    private static Optional<ZoneId> singleZone(String country) {
        List<String> zones = ZONES.getOrDefault(country, List.of());
        if (zones.size() != 1) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZoneId.of(zones.get(0)));
        } catch (java.time.DateTimeException newerThanThisJdk) {
            return Optional.empty();
        }
    }

    private static Set<String> countries() {
        Set<String> codes = new java.util.HashSet<>(Set.of(java.util.Locale.getISOCountries()));
        codes.addAll(ZONES.keySet());
        return Set.copyOf(codes);
    }

    private static Map<String, List<String>> load() {
        Map<String, List<String>> zones = new HashMap<>();
        try (InputStream in = CountryZones.class.getResourceAsStream("/zone.tab")) {
            if (in == null) {
                throw new IllegalStateException("zone.tab is missing from the package");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] columns = line.split("\t");
                zones.computeIfAbsent(columns[0], k -> new ArrayList<>()).add(columns[2]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return java.util.Collections.unmodifiableMap(zones);
    }
}
