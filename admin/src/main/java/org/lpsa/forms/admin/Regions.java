package org.lpsa.forms.admin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** The World Bank region of each country, for "registrations by region" (regions.tsv). */
final class Regions {
    private static final Map<String, String> BY_COUNTRY = load();

    private Regions() {}

    static String of(String country) {
        return country == null ? "Unknown" : BY_COUNTRY.getOrDefault(country, "Unknown");
    }

    private static Map<String, String> load() {
        Map<String, String> regions = new HashMap<>();
        try (InputStream in = Regions.class.getResourceAsStream("/regions.tsv")) {
            if (in == null) {
                throw new IllegalStateException("regions.tsv is missing from the admin tool");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("#") || line.startsWith("code\t") || line.isBlank()) {
                    continue;
                }
                String[] columns = line.split("\t");
                regions.put(columns[0], columns[1]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return regions;
    }
}
