package org.lpsa.forms.events;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

/**
 * Time zones by the names people use today: an old tz database name that browsers still send
 * (Asia/Calcutta, Asia/Katmandu, Europe/Kiev, Asia/Saigon, Asia/Rangoon) becomes the name it links to
 * now (Asia/Kolkata, Asia/Kathmandu, Europe/Kyiv...), from the tz database's links shipped as a resource.
 */
public final class Zones {
    private static final Map<String, String> CANONICAL = load();

    private Zones() {}

    /** The zone under its current name. */
    public static ZoneId canonical(ZoneId zone) {
        String now = CANONICAL.get(zone.getId());
        return now == null ? zone : ZoneId.of(now);
    }

    /** The current name of a zone name (itself when it is current or unknown). */
    public static String canonicalId(String id) {
        return CANONICAL.getOrDefault(id, id);
    }

    /** Every old name and its current one, for a page's script to do the same in the browser (as JSON). */
    public static String aliasesJson() {
        return org.lpsa.forms.Json.write(new java.util.TreeMap<>(CANONICAL));
    }

    private static Map<String, String> load() {
        Map<String, String> links = new HashMap<>();
        try (InputStream in = Zones.class.getResourceAsStream("/tz-backward.tsv")) {
            if (in == null) {
                throw new IllegalStateException("tz-backward.tsv is missing from the package");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                int tab = line.indexOf('\t');
                if (!line.startsWith("#") && tab > 0) {
                    links.put(line.substring(0, tab), line.substring(tab + 1).trim());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(links);
    }
}
