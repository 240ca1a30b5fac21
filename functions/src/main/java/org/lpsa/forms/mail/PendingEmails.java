package org.lpsa.forms.mail;

import static org.lpsa.forms.aws.Items.instant;
import static org.lpsa.forms.aws.Items.n;
import static org.lpsa.forms.aws.Items.s;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The email an item owes (a registration's confirmation, an idea's acknowledgement), tracked on the
 * item itself: emailStatus PENDING, claimed SENDING by one mailer, then SENT, SKIPPED or FAILED. Every
 * step is a conditional update, so two mailers never both send.
 */
public final class PendingEmails {

    /** What takes an item out of the index of due emails: its email is done with. */
    private static final String NOT_DUE = DueEmails.SHARD + ", " + DueEmails.DUE_AT;

    private final DynamoDbClient dynamo;

    public PendingEmails(DynamoDbClient dynamo) {
        this.dynamo = dynamo;
    }

    /**
     * Claims an item's email for sending: PENDING and due, or SENDING but abandoned (claimed before
     * {@code abandonedAfter} ago). Returns the item as it now is; empty when another mailer has it or it is done.
     */
    public Optional<Map<String, AttributeValue>> claim(String table, Map<String, AttributeValue> key, Instant now,
                                                       Duration abandonedAfter) {
        Instant abandonedBefore = now.minus(abandonedAfter);
        // while SENDING the item stays in the index, due when this claim would count as abandoned
        Instant abandonedAt = now.plus(abandonedAfter);
        try {
            return Optional.of(dynamo.updateItem(b -> b.tableName(table)
                    .key(key)
                    .updateExpression("SET emailStatus = :sending, emailClaimedAt = :now, " + DueEmails.SHARD + " = :shard, "
                            + DueEmails.DUE_AT + " = :abandonedAt ADD emailAttempts :one")
                    .conditionExpression("(emailStatus = :pending AND (attribute_not_exists(emailRetryAt) OR emailRetryAt <= :now))"
                            + " OR (emailStatus = :sending AND emailClaimedAt < :abandoned)")
                    .expressionAttributeValues(Map.of(
                            ":sending", EmailStatus.SENDING.value(),
                            ":pending", EmailStatus.PENDING.value(),
                            ":now", instant(now),
                            ":abandoned", instant(abandonedBefore),
                            ":abandonedAt", instant(abandonedAt),
                            ":shard", DueEmails.shard(key),
                            ":one", n(1)))
                    .returnValues(ReturnValue.ALL_NEW)).attributes());
        } catch (ConditionalCheckFailedException notOurs) {
            return Optional.empty();
        }
    }

    /**
     * Marks the email claimed at {@code claimedAt} sent. False when that claim was lost meanwhile (the item
     * changed, or another mailer took it over): nothing changed.
     */
    public boolean markSent(String table, Map<String, AttributeValue> key, Instant claimedAt, String messageId, Instant now) {
        return finish(table, key, claimedAt, "SET emailStatus = :done, emailSentAt = :now, emailMessageId = :id"
                + " REMOVE emailClaimedAt, emailRetryAt, emailError, " + NOT_DUE, Map.of(":done", EmailStatus.SENT.value(), ":now", instant(now), ":id", s(messageId)));
    }

    /** Settles a claimed email without sending it (a rate cap, nobody to write to). */
    public void markSkipped(String table, Map<String, AttributeValue> key, Instant claimedAt, String reason) {
        finish(table, key, claimedAt, "SET emailStatus = :done, emailSkipReason = :reason REMOVE emailClaimedAt, emailRetryAt, " + NOT_DUE,
                Map.of(":done", EmailStatus.SKIPPED.value(), ":reason", s(reason)));
    }

    /** Gives a claimed email back after a failed send: PENDING until {@code retryAt}, or FAILED. */
    public void release(String table, Map<String, AttributeValue> key, Instant claimedAt, Instant retryAt, boolean giveUp, String error) {
        if (giveUp) {
            finish(table, key, claimedAt, "SET emailStatus = :done, emailRetryAt = :retry, emailError = :error REMOVE emailClaimedAt, " + NOT_DUE,
                    Map.of(":done", EmailStatus.FAILED.value(), ":retry", instant(retryAt), ":error", s(error)));
        } else {
            finish(table, key, claimedAt, "SET emailStatus = :done, emailRetryAt = :retry, emailError = :error, " + DueEmails.DUE_AT
                    + " = :retry, " + DueEmails.SHARD + " = :shard REMOVE emailClaimedAt",
                    Map.of(":done", EmailStatus.PENDING.value(), ":retry", instant(retryAt), ":error", s(error), ":shard", DueEmails.shard(key)));
        }
    }

    /**
     * Gives a claimed email back unsent because SES throttled it: PENDING, due at {@code retryAt}, with the
     * claim's attempt given back (throttling is SES's pace, not this email's failure) and counted apart
     * in {@code emailThrottled}.
     */
    public void putBack(String table, Map<String, AttributeValue> key, Instant claimedAt, Instant retryAt, String code) {
        finish(table, key, claimedAt, "SET emailStatus = :done, emailRetryAt = :retry, emailError = :error, " + DueEmails.DUE_AT
                + " = :retry, " + DueEmails.SHARD + " = :shard ADD emailAttempts :minusOne, emailThrottled :one REMOVE emailClaimedAt",
                Map.of(":done", EmailStatus.PENDING.value(), ":retry", instant(retryAt), ":error", s(code), ":shard", DueEmails.shard(key),
                        ":minusOne", n(-1), ":one", n(1)));
    }

    /**
     * Settles the claim taken at {@code claimedAt}, only if it still holds: a cancellation or an update puts
     * the item back to PENDING while a mailer works, and another mailer may claim it then; neither mailer
     * may settle the other's claim.
     */
    private boolean finish(String table, Map<String, AttributeValue> key, Instant claimedAt, String update,
                           Map<String, AttributeValue> values) {
        Map<String, AttributeValue> all = new java.util.HashMap<>(values);
        all.put(":sending", EmailStatus.SENDING.value());
        all.put(":claimedAt", instant(claimedAt));
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key).updateExpression(update)
                    .conditionExpression("emailStatus = :sending AND emailClaimedAt = :claimedAt").expressionAttributeValues(all));
            return true;
        } catch (ConditionalCheckFailedException lost) {
            // another mailer took it over; it owns the outcome now
            return false;
        }
    }

    /**
     * Keys of the items whose email is due at {@code now}: PENDING and due (or past its retry time), or
     * SENDING with a claim old enough to count as abandoned. Asked of the sparse index, shard by shard,
     * all pages: only items that owe an email are read.
     */
    public List<Map<String, AttributeValue>> due(String table, List<String> keyNames, Instant now) {
        // earliest due first across the shards: a run that cannot finish a backlog leaves the latest for the next
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        for (int shard = 0; shard < DueEmails.SHARDS; shard++) {
            Map<String, AttributeValue> values = Map.of(":shard", s(Integer.toString(shard)), ":now", instant(now));
            Map<String, AttributeValue> start = null;
            do {
                Map<String, AttributeValue> from = start;
                QueryResponse page = dynamo.query(b -> b.tableName(table).indexName(DueEmails.INDEX)
                        .keyConditionExpression(DueEmails.SHARD + " = :shard AND " + DueEmails.DUE_AT + " <= :now")
                        .expressionAttributeValues(values)
                        .exclusiveStartKey(from));
                found.addAll(page.items());
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (start != null);
        }
        found.sort(java.util.Comparator.comparing(item -> item.get(DueEmails.DUE_AT).s()));
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (Map<String, AttributeValue> item : found) {
            Map<String, AttributeValue> key = new java.util.HashMap<>();
            keyNames.forEach(name -> key.put(name, item.get(name)));
            keys.add(key);
        }
        return keys;
    }
}
