package org.lpsa.forms.events;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lpsa.forms.Json;

/** An event as a JSON document: the shape of seed files and of what admins edit. */
public final class EventJson {
    private EventJson() {}

    public static Event fromJson(Map<String, Object> json) {
        List<Event.ReferenceCity> cities = new ArrayList<>();
        for (Object city : Json.list(json.get("referenceCities"))) {
            Map<String, Object> c = Json.map(city);
            cities.add(new Event.ReferenceCity(String.valueOf(c.get("label")), ZoneId.of(String.valueOf(c.get("zone")))));
        }
        Object closes = json.get("registrationClosesAt");
        Object zone = json.get("organiserZone");
        String eventId = require(json, "eventId");
        if (!eventId.matches("^[a-z0-9][a-z0-9-]{0,63}$")) {
            throw new IllegalArgumentException("the eventId must be lower-case letters, digits and dashes (at most 64), like opm-2022");
        }
        return new Event(
                eventId,
                require(json, "title"),
                Instant.parse(require(json, "startsAt")),
                Duration.ofMinutes(((Number) json.getOrDefault("durationMinutes", 60)).longValue()),
                ZoneId.of(zone == null ? "UTC" : zone.toString()),
                cities,
                (String) json.get("joinUrl"),
                closes == null ? null : Instant.parse(closes.toString()),
                "closed".equals(json.get("status")));
    }

    public static Map<String, Object> toJson(Event e) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("eventId", e.eventId());
        json.put("title", e.title());
        json.put("startsAt", e.startsAt().toString());
        json.put("durationMinutes", e.duration().toMinutes());
        json.put("organiserZone", e.organiserZone().getId());
        List<Map<String, Object>> cities = new ArrayList<>();
        for (Event.ReferenceCity city : e.referenceCities()) {
            cities.add(Map.of("label", city.label(), "zone", city.zone().getId()));
        }
        json.put("referenceCities", cities);
        json.put("joinUrl", e.joinUrl());
        json.put("registrationClosesAt", e.registrationClosesAt() == null ? null : e.registrationClosesAt().toString());
        json.put("status", e.closed() ? "closed" : "open");
        return json;
    }

    private static String require(Map<String, Object> json, String field) {
        Object value = json.get(field);
        if (value == null || value.toString().isBlank()) {
            throw new IllegalArgumentException("the event has no " + field);
        }
        return value.toString();
    }
}
