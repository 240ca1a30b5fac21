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
 * was handled ({@code digestDay}) and the time the last digest sent covered up to ({@code sentUpTo}).
 * The day is claimed with a conditional write before the digest is sent, so concurrent or repeated runs
 * send it once; a failed send gives the day back.
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

    /** True when this run took {@code today}; false when another run handled it already. */
    boolean claim(LocalDate today, Instant now) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(KEY).updateExpression("SET digestDay = :today, claimedAt = :now")
                    .conditionExpression("attribute_not_exists(digestDay) OR digestDay <> :today")
                    .expressionAttributeValues(Map.of(":today", s(today.toString()), ":now", instant(now))));
            return true;
        } catch (ConditionalCheckFailedException handled) {
            return false;
        }
    }

    /** Gives {@code today} back after a failed send, so the next run tries again. */
    void release(LocalDate today, LocalDate previous) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(KEY)
                    .updateExpression(previous == null ? "REMOVE digestDay" : "SET digestDay = :previous")
                    .conditionExpression("digestDay = :today")
                    .expressionAttributeValues(previous == null ? Map.of(":today", s(today.toString()))
                            : Map.of(":today", s(today.toString()), ":previous", s(previous.toString()))));
        } catch (ConditionalCheckFailedException moved) {
            // a later day was claimed meanwhile: nothing to give back
        }
    }

    void sent(Instant upTo) {
        dynamo.updateItem(b -> b.tableName(table).key(KEY).updateExpression("SET sentUpTo = :upTo")
                .expressionAttributeValues(Map.of(":upTo", instant(upTo))));
    }
}
