package org.lpsa.forms.admin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.lpsa.forms.aws.Items;
import org.lpsa.forms.contacts.ContactRepository;
import org.lpsa.forms.events.Event;
import org.lpsa.forms.events.EventRepository;
import org.lpsa.forms.ideas.Idea;
import org.lpsa.forms.ideas.IdeaRepository;
import org.lpsa.forms.registration.RegistrationRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * What the admin commands read and change, through queries on keys and indexes (a scan only for the
 * small Events table, where no index serves "all events"), every page of them.
 */
public final class AdminData {
    private final Target target;
    private final DynamoDbClient dynamo;
    private final Consumer<String> progress;

    public AdminData(Target target, Consumer<String> progress) {
        this.target = target;
        this.dynamo = target.dynamo();
        this.progress = progress;
    }

    public String table(String name) {
        return target.table(name);
    }

    // events

    public List<Event> events() {
        List<Map<String, AttributeValue>> items = Records.all(start -> {
            var page = dynamo.scan(b -> b.tableName(table("Events")).exclusiveStartKey(start));
            return new Records.PageResult(page.items(), page.lastEvaluatedKey());
        }, n -> { });
        List<Event> events = new ArrayList<>();
        for (Map<String, AttributeValue> item : items) {
            events.add(EventRepository.fromItem(item));
        }
        events.sort(Comparator.comparing(Event::startsAt));
        return events;
    }

    /** Tells a moved meeting's registrants (through the mailer) and moves their reminders. */
    public org.lpsa.forms.registration.MeetingChanges meetingChanges() {
        return new org.lpsa.forms.registration.MeetingChanges(new RegistrationRepository(dynamo, table("Registrations")));
    }

    public EventRepository eventRepository() {
        return new EventRepository(dynamo, table("Events"), java.time.Clock.systemUTC());
    }

    public void closeEvent(String eventId) {
        if (!eventRepository().close(eventId)) {
            throw new AdminException("There is no event " + eventId + ".");
        }
    }

    // registrations

    /** The registrations of an event (a query on the table's key), optionally filtered. */
    public List<Map<String, AttributeValue>> registrations(String eventId, String country, String role, Instant since) {
        List<String> filters = new ArrayList<>();
        Map<String, AttributeValue> values = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        values.put(":event", AttributeValue.fromS(eventId));
        if (country != null) {
            filters.add("country = :country");
            values.put(":country", AttributeValue.fromS(country.toUpperCase(java.util.Locale.ROOT)));
        }
        if (role != null) {
            filters.add("#role = :role");
            names.put("#role", "role");
            values.put(":role", AttributeValue.fromS(role));
        }
        if (since != null) {
            filters.add("registeredAt >= :since");
            values.put(":since", AttributeValue.fromS(Items.timestamp(since)));
        }
        return query(QueryRequest.builder().tableName(table("Registrations"))
                .keyConditionExpression("eventId = :event")
                .filterExpression(filters.isEmpty() ? null : String.join(" AND ", filters))
                .expressionAttributeNames(names.isEmpty() ? null : names)
                .expressionAttributeValues(values).build(), "registrations");
    }

    public boolean cancelRegistration(String eventId, String email) {
        return new RegistrationRepository(dynamo, table("Registrations")).cancel(eventId, email, Instant.now());
    }

    // ideas

    /** Ideas newest first: of one area (index byArea), else of the given statuses (index byStatus). */
    public List<Map<String, AttributeValue>> ideas(String area, List<String> statuses, String channel, Instant since) {
        List<Map<String, AttributeValue>> ideas = new ArrayList<>();
        if (area != null) {
            ideas.addAll(ideasOn("byArea", "area", area, since));
            ideas.removeIf(i -> !statuses.contains(i.get("status").s()));
        } else {
            for (String status : statuses) {
                ideas.addAll(ideasOn("byStatus", "status", status, since));
            }
        }
        if (channel != null) {
            ideas.removeIf(i -> !channel.equals(i.get("channel").s()));
        }
        ideas.sort(Comparator.comparing((Map<String, AttributeValue> i) -> i.get("receivedAt").s()).reversed());
        return ideas;
    }

    private List<Map<String, AttributeValue>> ideasOn(String index, String attribute, String value, Instant since) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":v", AttributeValue.fromS(value));
        String condition = "#k = :v";
        if (since != null) {
            condition += " AND receivedAt >= :since";
            values.put(":since", AttributeValue.fromS(Items.timestamp(since)));
        }
        return query(QueryRequest.builder().tableName(table("Ideas")).indexName(index)
                .keyConditionExpression(condition).expressionAttributeNames(Map.of("#k", attribute))
                .expressionAttributeValues(values).scanIndexForward(false).build(), "ideas");
    }

    public Map<String, AttributeValue> idea(String ideaId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table("Ideas"))
                .key(Map.of("ideaId", AttributeValue.fromS(ideaId))).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            throw new AdminException("There is no idea " + ideaId + ". Copy the id from `./lpsa admin ideas list`.");
        }
        return item;
    }

    public void setArea(String ideaId, String area) {
        if (!ideaRepository().setArea(ideaId, area, "set by an admin")) {
            throw new AdminException("There is no idea " + ideaId + ".");
        }
    }

    public void setStatus(String ideaId, String from, String to) {
        if (!ideaRepository().setStatus(ideaId, from, to)) {
            idea(ideaId);
            throw new AdminException("Idea " + ideaId + " is not " + from + ".");
        }
    }

    private IdeaRepository ideaRepository() {
        return new IdeaRepository(dynamo, table("Ideas"));
    }

    // contacts

    /** Everything held about one person, found through the byEmail indexes and the Contacts key. */
    public Map<String, Object> everythingAbout(String email) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("email", email);
        Map<String, AttributeValue> contact = dynamo.getItem(b -> b.tableName(table("Contacts"))
                .key(Map.of("email", AttributeValue.fromS(email))).consistentRead(true)).item();
        all.put("contact", contact == null || contact.isEmpty() ? null : Records.plain(contact));
        all.put("registrations", fullItems("Registrations", registrationKeys(email)));
        all.put("ideas", fullItems("Ideas", ideaKeys(email)));
        return all;
    }

    /** The whole items behind keys read from a keys-only index. */
    private List<Object> fullItems(String table, List<Map<String, AttributeValue>> keys) {
        List<Object> items = new ArrayList<>();
        for (Map<String, AttributeValue> key : keys) {
            Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table(table)).key(key).consistentRead(true)).item();
            if (item != null && !item.isEmpty()) {
                items.add(Records.plain(item));
            }
        }
        return items;
    }

    /** Erases a person from every table (and the original messages of their emailed ideas); returns what went. */
    public List<Map<String, Object>> forget(String email) {
        List<Map<String, Object>> removed = new ArrayList<>();
        for (Map<String, AttributeValue> key : registrationKeys(email)) {
            new RegistrationRepository(dynamo, table("Registrations")).delete(key.get("eventId").s(), key.get("email").s());
            removed.add(Output.row("table", table("Registrations"), "key", "eventId=" + key.get("eventId").s()));
        }
        for (Map<String, AttributeValue> key : ideaKeys(email)) {
            Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table("Ideas")).key(key).consistentRead(true)).item();
            if (item != null && item.containsKey("s3Key") && item.containsKey("s3Bucket") && target.s3() != null) {
                target.s3().deleteObject(b -> b.bucket(item.get("s3Bucket").s()).key(item.get("s3Key").s()));
                removed.add(Output.row("table", "S3 " + item.get("s3Bucket").s(), "key", item.get("s3Key").s()));
            }
            ideaRepository().delete(key.get("ideaId").s());
            removed.add(Output.row("table", table("Ideas"), "key", "ideaId=" + key.get("ideaId").s()));
        }
        if (new ContactRepository(dynamo, table("Contacts")).forget(email)) {
            removed.add(Output.row("table", table("Contacts"), "key", "email"));
        }
        return removed;
    }

    private List<Map<String, AttributeValue>> registrationKeys(String email) {
        return query(QueryRequest.builder().tableName(table("Registrations")).indexName("byEmail")
                .keyConditionExpression("email = :e").expressionAttributeValues(Map.of(":e", AttributeValue.fromS(email))).build(),
                "registrations");
    }

    private List<Map<String, AttributeValue>> ideaKeys(String email) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (Map<String, AttributeValue> item : query(QueryRequest.builder().tableName(table("Ideas")).indexName("byEmail")
                .keyConditionExpression("email = :e").expressionAttributeValues(Map.of(":e", AttributeValue.fromS(email))).build(),
                "ideas")) {
            keys.add(Map.of("ideaId", item.get("ideaId")));
        }
        return keys;
    }

    private List<Map<String, AttributeValue>> query(QueryRequest request, String what) {
        return Records.all(start -> {
            QueryResponse page = dynamo.query(request.toBuilder().exclusiveStartKey(start).build());
            return new Records.PageResult(page.items(), page.lastEvaluatedKey());
        }, n -> progress.accept("read " + n + " " + what));
    }

    static boolean isIdeaStatus(String status) {
        return List.of(Idea.NEW, Idea.QUARANTINED, Idea.REVIEWED).contains(status);
    }
}
