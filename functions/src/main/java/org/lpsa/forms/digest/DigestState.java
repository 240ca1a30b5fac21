package org.lpsa.forms.digest;

import static org.lpsa.forms.aws.Items.instant;
import static org.lpsa.forms.aws.Items.s;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.lpsa.forms.aws.Items;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * One item of the Limits table (the table of small counters and marks): the organisers' day whose digest
 * was handled ({@code digestDay}) and the time the last digest covered up to ({@code sentUpTo}). Both are
 * set in one conditional write before the digest is sent, so concurrent or repeated runs send it once and
 * a digest sent is never counted again; a failed send gives both back.
 */
final class DigestState {
    static final Map<String, AttributeValue> KEY = Map.of("limitKey", s("digest#admins"));

    /** What the item says; either part may be null (never handled, never sent). */
    record Last(LocalDate day, Instant sentUpTo) {}

    private final DynamoDbClient dynamo;
    private final String table;

    DigestState(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    Last last() {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(KEY).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return new Last(null, null);
        }
        String day = Items.string(item, "digestDay");
        return new Last(day == null ? null : LocalDate.parse(day), Items.instant(item, "sentUpTo"));
    }

    /**
     * True when this run took {@code today}, moving {@code sentUpTo} to {@code now} with it (the window the
     * digest covers ends there); false when another run handled the day already.
     */
    boolean claim(LocalDate today, Instant now) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(KEY).updateExpression("SET digestDay = :today, sentUpTo = :now")
                    .conditionExpression("attribute_not_exists(digestDay) OR digestDay <> :today")
                    .expressionAttributeValues(Map.of(":today", s(today.toString()), ":now", instant(now))));
            return true;
        } catch (ConditionalCheckFailedException handled) {
            return false;
        }
    }

    /** Gives {@code today} back after a failed send, with the window as it was, so the next run tries again. */
    void release(LocalDate today, Last previous) {
        StringBuilder set = new StringBuilder();
        StringBuilder remove = new StringBuilder();
        Map<String, AttributeValue> values = new java.util.HashMap<>(Map.of(":today", s(today.toString())));
        if (previous.day() == null) {
            remove.append("digestDay");
        } else {
            set.append("digestDay = :previousDay");
            values.put(":previousDay", s(previous.day().toString()));
        }
        if (previous.sentUpTo() == null) {
            remove.append(remove.isEmpty() ? "" : ", ").append("sentUpTo");
        } else {
            set.append(set.isEmpty() ? "" : ", ").append("sentUpTo = :previousUpTo");
            values.put(":previousUpTo", instant(previous.sentUpTo()));
        }
        String update = (set.isEmpty() ? "" : "SET " + set + " ") + (remove.isEmpty() ? "" : "REMOVE " + remove);
        try {
            dynamo.updateItem(b -> b.tableName(table).key(KEY).updateExpression(update.trim())
                    .conditionExpression("digestDay = :today").expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException moved) {
            // a later day was claimed meanwhile: nothing to give back
        }
    }
}
