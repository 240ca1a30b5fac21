package org.lpsa.forms.ideas;

import static org.lpsa.forms.aws.Items.bool;
import static org.lpsa.forms.aws.Items.instant;
import static org.lpsa.forms.aws.Items.n;
import static org.lpsa.forms.aws.Items.s;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lpsa.forms.aws.Items;
import org.lpsa.forms.mail.DueEmails;
import org.lpsa.forms.mail.EmailStatus;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Select;

/** The Ideas table, mapped by hand. An idea is written once, conditionally on its id. */
public final class IdeaRepository {
    private final DynamoDbClient dynamo;
    private final String table;

    public IdeaRepository(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public String table() {
        return table;
    }

    /** Stores a new idea, its email owed (PENDING) when it should be acknowledged; false when the id exists. */
    public boolean insertIfAbsent(Idea idea) {
        Map<String, AttributeValue> item = toItem(idea);
        if (idea.acknowledge()) {
            item.put(EmailStatus.ATTRIBUTE, EmailStatus.PENDING.value());
            item.put("emailAttempts", n(0));
            DueEmails.markDue(item, Map.of("ideaId", s(idea.ideaId())), idea.receivedAt());
        }
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(ideaId)"));
            return true;
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
    }

    /** Moves the idea to another area, with the reason; false when there is no such idea. */
    public boolean setArea(String ideaId, String area, String reason) {
        return update(ideaId, "SET area = :area, areaReason = :reason", "attribute_exists(ideaId)", Map.of(),
                Map.of(":area", s(area), ":reason", s(reason)));
    }

    /** Moves the idea from one status to another (new, quarantined, reviewed); false when it was not in {@code from}. */
    public boolean setStatus(String ideaId, String from, String to) {
        return update(ideaId, "SET #status = :to", "#status = :from", Map.of("#status", "status"),
                Map.of(":to", s(to), ":from", s(from)));
    }

    /** Removes the idea and what it holds about its sender. */
    public void delete(String ideaId) {
        dynamo.deleteItem(b -> b.tableName(table).key(Map.of("ideaId", s(ideaId))));
    }

    private boolean update(String ideaId, String expression, String condition, Map<String, String> names,
                           Map<String, AttributeValue> values) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(Map.of("ideaId", s(ideaId))).updateExpression(expression)
                    .conditionExpression(condition).expressionAttributeNames(names.isEmpty() ? null : names)
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException notSo) {
            return false;
        }
    }

    /** The ideas of one {@code status} received after {@code after} and up to {@code upTo} (index byStatus). */
    public List<Idea> receivedBetween(String status, Instant after, Instant upTo) {
        return dynamo.queryPaginator(b -> b.tableName(table).indexName("byStatus")
                .keyConditionExpression("#status = :status AND receivedAt BETWEEN :after AND :upTo")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":status", s(status), ":after", instant(after.plusMillis(1)),
                        ":upTo", instant(upTo))))
                .items().stream().map(IdeaRepository::fromItem).toList();
    }

    /** How many ideas have this {@code status} (index byStatus, counted by DynamoDB: no items come back). */
    public int countWithStatus(String status) {
        return dynamo.queryPaginator(b -> b.tableName(table).indexName("byStatus").select(Select.COUNT)
                .keyConditionExpression("#status = :status").expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":status", s(status))))
                .stream().mapToInt(page -> page.count()).sum();
    }

    public Optional<Idea> find(String ideaId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(Map.of("ideaId", s(ideaId))).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    public static Map<String, AttributeValue> toItem(Idea i) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("ideaId", s(i.ideaId()));
        item.put("channel", s(i.channel()));
        put(item, "submissionId", i.submissionId());
        put(item, "messageId", i.messageId());
        item.put("area", s(i.area()));
        item.put("areaReason", s(i.areaReason()));
        item.put("status", s(i.status()));
        item.put("receivedAt", instant(i.receivedAt()));
        put(item, "name", i.name());
        put(item, "email", i.email());
        put(item, "country", i.country());
        put(item, "organization", i.organization());
        put(item, "eventId", i.eventId());
        item.put("title", s(i.title()));
        item.put("text", s(i.text().isEmpty() ? "(no text)" : i.text()));
        put(item, "contentHash", i.contentHash());
        put(item, "s3Bucket", i.s3Bucket());
        put(item, "s3Key", i.s3Key());
        put(item, "noAcknowledgementReason", i.noAcknowledgementReason());
        if (i.registrant()) {
            item.put("registrant", bool(true));
        }
        if (!i.attachments().isEmpty()) {
            List<AttributeValue> list = new ArrayList<>();
            for (Idea.Attachment a : i.attachments()) {
                list.add(AttributeValue.fromM(Map.of("name", s(a.name()), "type", s(a.type()), "size", n(a.size()),
                        "inline", bool(a.inline()))));
            }
            item.put("attachments", AttributeValue.fromL(list));
        }
        return item;
    }

    public static Idea fromItem(Map<String, AttributeValue> item) {
        List<Idea.Attachment> attachments = new ArrayList<>();
        AttributeValue list = item.get("attachments");
        if (list != null && list.hasL()) {
            for (AttributeValue a : list.l()) {
                Map<String, AttributeValue> m = a.m();
                attachments.add(new Idea.Attachment(m.get("name").s(), m.get("type").s(), Long.parseLong(m.get("size").n()),
                        Boolean.TRUE.equals(m.get("inline").bool())));
            }
        }
        return Idea.builder()
                .ideaId(Items.string(item, "ideaId")).channel(Items.string(item, "channel"))
                .submissionId(Items.string(item, "submissionId")).messageId(Items.string(item, "messageId"))
                .area(Items.string(item, "area")).areaReason(Items.string(item, "areaReason"))
                .status(Items.string(item, "status")).receivedAt(Items.instant(item, "receivedAt"))
                .name(Items.string(item, "name")).email(Items.string(item, "email"))
                .country(Items.string(item, "country")).organization(Items.string(item, "organization"))
                .eventId(Items.string(item, "eventId")).title(Items.string(item, "title")).text(Items.string(item, "text"))
                .contentHash(Items.string(item, "contentHash")).s3Bucket(Items.string(item, "s3Bucket")).s3Key(Items.string(item, "s3Key"))
                .attachments(attachments).noAcknowledgementReason(Items.string(item, "noAcknowledgementReason"))
                .registrant(Items.flag(item, "registrant"))
                .build();
    }

    private static void put(Map<String, AttributeValue> item, String name, String value) {
        if (value != null && !value.isEmpty()) {
            item.put(name, s(value));
        }
    }
}
