package org.lpsa.forms.events;

import static org.lpsa.forms.aws.Items.instant;
import static org.lpsa.forms.aws.Items.n;
import static org.lpsa.forms.aws.Items.s;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.lpsa.forms.aws.Items;
import org.lpsa.forms.aws.Priming;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The Events table. Reads are kept for a short while: events change rarely and every registration
 * reads one, so a warm function saves a round trip per request.
 */
public final class EventRepository {
    private static final Duration CACHE_FOR = Duration.ofSeconds(30);
    private static final Pattern EVENT_ID = Pattern.compile("^[a-z0-9][a-z0-9-]{0,63}$");

    private record Cached(Optional<Event> event, Instant until) {}

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public EventRepository(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    /** The event; empty when there is none, or the id could not be one (nothing is read then). */
    public Optional<Event> find(String eventId) {
        if (eventId == null || !EVENT_ID.matcher(eventId).matches()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Cached cached = cache.get(eventId);
        if (cached != null && now.isBefore(cached.until())) {
            return cached.event();
        }
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(Map.of("eventId", s(eventId)))).item();
        Optional<Event> event = item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
        cache.put(eventId, new Cached(event, now.plus(CACHE_FOR)));
        return event;
    }

    /** Priming: a meeting like a real one (reference cities, a join link) turned into an item and read back. */
    public static Event rehearsal(Instant now) {
        Event event = new Event(Priming.IMPOSSIBLE_KEY, "Priming", now, Duration.ofMinutes(90), ZoneId.of("America/New_York"),
                List.of(new Event.ReferenceCity("New York", ZoneId.of("America/New_York")),
                        new Event.ReferenceCity("New Delhi", ZoneId.of("Asia/Kolkata"))),
                "https://example.org/join", now, false);
        return fromItem(toItem(event));
    }

    /** Closes the event to registrations; false when there is no such event. */
    public boolean close(String eventId) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(Map.of("eventId", s(eventId)))
                    .updateExpression("SET #status = :closed").conditionExpression("attribute_exists(eventId)")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":closed", s("closed"))));
        } catch (ConditionalCheckFailedException missing) {
            return false;
        }
        cache.remove(eventId);
        return true;
    }

    /**
     * The meeting will not take place: closed to registrations, and changed at {@code at} (so its calendar
     * entries get a higher SEQUENCE). False when there is no such event or it was cancelled already.
     */
    public boolean cancel(String eventId, java.time.Instant at) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(Map.of("eventId", s(eventId)))
                    .updateExpression("SET #status = :closed, cancelledAt = :at, changedAt = :at")
                    .conditionExpression("attribute_exists(eventId) AND attribute_not_exists(cancelledAt)")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":closed", s("closed"), ":at", instant(at))));
        } catch (ConditionalCheckFailedException missingOrDone) {
            return false;
        }
        cache.remove(eventId);
        return true;
    }

    public void put(Event event) {
        dynamo.putItem(b -> b.tableName(table).item(toItem(event)));
        cache.remove(event.eventId());
    }

    static Map<String, AttributeValue> toItem(Event e) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("eventId", s(e.eventId()));
        item.put("title", s(e.title()));
        item.put("startsAt", instant(e.startsAt()));
        if (e.changedAt() != null) {
            item.put("changedAt", instant(e.changedAt()));
        }
        item.put("durationMinutes", n(e.duration().toMinutes()));
        item.put("organiserZone", s(e.organiserZone().getId()));
        List<AttributeValue> cities = new ArrayList<>();
        for (Event.ReferenceCity city : e.referenceCities()) {
            cities.add(AttributeValue.fromM(Map.of("label", s(city.label()), "zone", s(city.zone().getId()))));
        }
        item.put("referenceCities", AttributeValue.fromL(cities));
        if (e.joinUrl() != null) {
            item.put("joinUrl", s(e.joinUrl()));
        }
        if (e.registrationClosesAt() != null) {
            item.put("registrationClosesAt", instant(e.registrationClosesAt()));
        }
        item.put("status", s(e.closed() ? "closed" : "open"));
        return item;
    }

    public static Event fromItem(Map<String, AttributeValue> item) {
        List<Event.ReferenceCity> cities = new ArrayList<>();
        AttributeValue list = item.get("referenceCities");
        if (list != null && list.hasL()) {
            for (AttributeValue city : list.l()) {
                cities.add(new Event.ReferenceCity(city.m().get("label").s(), ZoneId.of(city.m().get("zone").s())));
            }
        }
        String zone = Items.string(item, "organiserZone");
        return new Event(
                Items.string(item, "eventId"),
                Items.string(item, "title"),
                Items.instant(item, "startsAt"),
                Duration.ofMinutes(Items.number(item, "durationMinutes", 60)),
                ZoneId.of(zone == null ? "UTC" : zone),
                cities,
                Items.string(item, "joinUrl"),
                Items.instant(item, "registrationClosesAt"),
                "closed".equals(Items.string(item, "status")),
                Items.instant(item, "changedAt"));
    }
}
