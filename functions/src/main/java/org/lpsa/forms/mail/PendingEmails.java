package org.lpsa.forms.mail;

import static org.lpsa.forms.aws.Items.instant;
import static org.lpsa.forms.aws.Items.n;
import static org.lpsa.forms.aws.Items.s;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * The email an item owes (a registration's confirmation, an idea's acknowledgement), tracked on the
 * item itself: emailStatus PENDING, claimed SENDING by one mailer, then SENT, SKIPPED or FAILED. Every
 * step is a conditional update, so two mailers never both send.
 */
public final class PendingEmails {
    public static final String PENDING = "PENDING";
    public static final String SENDING = "SENDING";
    public static final String SENT = "SENT";
    public static final String SKIPPED = "SKIPPED";
    public static final String FAILED = "FAILED";

    private final DynamoDbClient dynamo;

    public PendingEmails(DynamoDbClient dynamo) {
        this.dynamo = dynamo;
    }

    /**
     * Claims an item's email for sending: PENDING and due, or SENDING but abandoned (claimed before
     * {@code abandonedBefore}). Returns the item as it now is; empty when another mailer has it or it is done.
     */
    public Optional<Map<String, AttributeValue>> claim(String table, Map<String, AttributeValue> key, Instant now, Instant abandonedBefore) {
        try {
            return Optional.of(dynamo.updateItem(b -> b.tableName(table)
                    .key(key)
                    .updateExpression("SET emailStatus = :sending, emailClaimedAt = :now ADD emailAttempts :one")
                    .conditionExpression("(emailStatus = :pending AND (attribute_not_exists(emailRetryAt) OR emailRetryAt <= :now))"
                            + " OR (emailStatus = :sending AND emailClaimedAt < :abandoned)")
                    .expressionAttributeValues(Map.of(
                            ":sending", s(SENDING),
                            ":pending", s(PENDING),
                            ":now", instant(now),
                            ":abandoned", instant(abandonedBefore),
                            ":one", n(1)))
                    .returnValues(ReturnValue.ALL_NEW)).attributes());
        } catch (ConditionalCheckFailedException notOurs) {
            return Optional.empty();
        }
    }

    /** Marks a claimed email sent. False when the claim was lost meanwhile (nothing changed). */
    public boolean markSent(String table, Map<String, AttributeValue> key, String messageId, Instant now) {
        return finish(table, key, "SET emailStatus = :done, emailSentAt = :now, emailMessageId = :id"
                + " REMOVE emailClaimedAt, emailRetryAt, emailError", Map.of(":done", s(SENT), ":now", instant(now), ":id", s(messageId)));
    }

    /** Settles a claimed email without sending it (a rate cap, nobody to write to). */
    public void markSkipped(String table, Map<String, AttributeValue> key, String reason) {
        finish(table, key, "SET emailStatus = :done, emailSkipReason = :reason REMOVE emailClaimedAt, emailRetryAt",
                Map.of(":done", s(SKIPPED), ":reason", s(reason)));
    }

    /** Gives a claimed email back after a failed send: PENDING until {@code retryAt}, or FAILED. */
    public void release(String table, Map<String, AttributeValue> key, Instant retryAt, boolean giveUp, String error) {
        finish(table, key, "SET emailStatus = :done, emailRetryAt = :retry, emailError = :error REMOVE emailClaimedAt",
                Map.of(":done", s(giveUp ? FAILED : PENDING), ":retry", instant(retryAt), ":error", s(error)));
    }

    private boolean finish(String table, Map<String, AttributeValue> key, String update, Map<String, AttributeValue> values) {
        Map<String, AttributeValue> all = new java.util.HashMap<>(values);
        all.put(":sending", s(SENDING));
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key).updateExpression(update)
                    .conditionExpression("emailStatus = :sending").expressionAttributeValues(all));
            return true;
        } catch (ConditionalCheckFailedException lost) {
            // another mailer took it over; it owns the outcome now
            return false;
        }
    }

    /** Keys of the items whose email is not finished (PENDING or SENDING), all pages. */
    public List<Map<String, AttributeValue>> unfinished(String table, List<String> keyNames) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = dynamo.scan(b -> b.tableName(table)
                    .projectionExpression(String.join(", ", keyNames))
                    .filterExpression("emailStatus IN (:pending, :sending)")
                    .expressionAttributeValues(Map.of(":pending", s(PENDING), ":sending", s(SENDING)))
                    .exclusiveStartKey(from));
            keys.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return keys;
    }
}
