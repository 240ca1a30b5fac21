package org.lpsa.forms.local;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.lpsa.forms.events.Event;
import org.lpsa.forms.events.EventJson;
import org.lpsa.forms.events.EventRepository;

/**
 * The events every local stack starts with: those in local/seed/, and {@code demo}, the Open Planning
 * Meeting moved to the same time of day one month after today, open for registration.
 */
final class EventSeeds {
    static final String TEMPLATE_EVENT = "opm-2022";

    private EventSeeds() {}

    static void seed(EventRepository events, Path seedDir, Clock clock) throws IOException {
        Event meeting = null;
        try (Stream<Path> files = Files.list(seedDir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                Event event = EventJson.fromJson(JSON.std.mapFrom(Files.readString(file)));
                events.put(event);
                if (event.eventId().equals(TEMPLATE_EVENT)) {
                    meeting = event;
                }
            }
        }
        if (meeting == null) {
            throw new IllegalStateException(seedDir + " must hold " + TEMPLATE_EVENT + ".json");
        }
        events.put(demo(meeting, clock));
    }

    /** The demo meeting's id: the local stack's / shows its registration page. */
    static final String DEMO_ID = "demo";

    static Event demo(Event meeting, Clock clock) {
        LocalTime timeOfDay = meeting.startsAt().atOffset(ZoneOffset.UTC).toLocalTime();
        Instant start = LocalDate.now(clock.withZone(ZoneOffset.UTC)).plusMonths(1).atTime(timeOfDay).toInstant(ZoneOffset.UTC);
        return new Event(DEMO_ID, meeting.title() + " (demo)", start, meeting.duration(), meeting.organiserZone(),
                meeting.referenceCities(), meeting.joinUrl(), start, false);
    }
}
