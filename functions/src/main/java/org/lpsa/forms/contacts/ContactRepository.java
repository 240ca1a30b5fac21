package org.lpsa.forms.contacts;

import static org.lpsa.forms.aws.Items.bool;
import static org.lpsa.forms.aws.Items.instant;
import static org.lpsa.forms.aws.Items.s;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The Contacts table: one item per person (key: normalised email) across channels: the events they
 * registered for, their newsletter consent with time and form version, suppression (bounces and
 * complaints), and reply rate caps.
 */
public final class ContactRepository {
    /** At most one acknowledgement per sender per day; compared in code (TTL is only clean-up). */
    public static final Duration ACKNOWLEDGEMENT_INTERVAL = Duration.ofHours(24);
    /** The window of the confirmations cap, and the attributes of its slots ("confirmedAt0"...). */
    static final Duration CONFIRMATION_WINDOW = Duration.ofHours(24);
    static final String CONFIRMATION_SLOT = "confirmedAt";
    /** The confirmations one address may be sent in 24 hours, where the template says no other number. */
    public static final int CONFIRMATIONS_PER_DAY = 3;

    private final DynamoDbClient dynamo;
    private final String table;

    public ContactRepository(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** Records that this person registered for an event, and their newsletter choice then. */
    public void recordRegistration(String email, String name, String eventId, boolean newsletter, String formVersion, Instant at) {
        dynamo.updateItem(b -> b.tableName(table)
                .key(Map.of("email", s(email)))
                .updateExpression("ADD registeredFor :event")
                .expressionAttributeValues(Map.of(":event", AttributeValue.fromSs(java.util.List.of(eventId)))));
        try {
            // a re-sent older confirmation must not overwrite a newer choice
            dynamo.updateItem(b -> b.tableName(table)
                    .key(Map.of("email", s(email)))
                    .updateExpression("SET #name = :name, newsletter = :newsletter, newsletterAt = :at, newsletterFormVersion = :version")
                    .conditionExpression("attribute_not_exists(newsletterAt) OR newsletterAt <= :at")
                    .expressionAttributeNames(Map.of("#name", "name"))
                    .expressionAttributeValues(Map.of(
                            ":name", s(name), ":newsletter", bool(newsletter), ":at", instant(at),
                            ":version", s(formVersion == null ? "unknown" : formVersion))));
        } catch (ConditionalCheckFailedException newer) {
            // the contact holds a later choice already
        }
    }

    /** Gives back a slot taken at {@code claimedAt} whose acknowledgement could not be sent. */
    public void releaseAcknowledgement(String email, Instant claimedAt) {
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(Map.of("email", s(email)))
                    .updateExpression("REMOVE lastAcknowledgedAt")
                    .conditionExpression("lastAcknowledgedAt = :claimed")
                    .expressionAttributeValues(Map.of(":claimed", instant(claimedAt))));
        } catch (ConditionalCheckFailedException taken) {
            // a later acknowledgement holds the slot now
        }
    }

    /**
     * After a person deleted a registration through their manage link: the event leaves their
     * {@code registeredFor}; once no registration remains, so do the name and newsletter choice that came
     * from the registration forms, and the item itself when nothing else remains (a reply rate cap or a
     * suppression stays; {@code ./lpsa admin contacts forget} removes all).
     */
    public void forgetRegistration(String email, String eventId) {
        Map<String, AttributeValue> after;
        try {
            after = dynamo.updateItem(b -> b.tableName(table)
                    .key(Map.of("email", s(email)))
                    .updateExpression("DELETE registeredFor :event")
                    .conditionExpression("attribute_exists(email)")
                    .expressionAttributeValues(Map.of(":event", AttributeValue.fromSs(List.of(eventId))))
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
        } catch (ConditionalCheckFailedException noContact) {
            return;
        }
        if (after.containsKey("registeredFor")) {
            return;
        }
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(Map.of("email", s(email)))
                    .updateExpression("REMOVE #name, newsletter, newsletterAt, newsletterFormVersion")
                    // a registration recorded in between keeps what it brought
                    .conditionExpression("attribute_exists(email) AND attribute_not_exists(registeredFor)")
                    .expressionAttributeNames(Map.of("#name", "name")));
        } catch (ConditionalCheckFailedException registeredAgain) {
            // the person registered again meanwhile
            return;
        }
        try {
            // nothing else held (no reply cap, no suppression): the item itself goes, email and all
            dynamo.deleteItem(b -> b.tableName(table)
                    .key(Map.of("email", s(email)))
                    .conditionExpression("attribute_not_exists(registeredFor) AND attribute_not_exists(lastAcknowledgedAt)"
                            + " AND attribute_not_exists(suppressed)"));
        } catch (ConditionalCheckFailedException stillUsed) {
            // it holds a reply cap or a suppression, which protect the person
        }
    }

    /** Marks an address we must not write to again (a permanent bounce or a complaint), with why and when. */
    /** Erases everything held about the person here; false when nothing was held. */
    public boolean forget(String email) {
        Map<String, AttributeValue> old = dynamo.deleteItem(b -> b.tableName(table).key(Map.of("email", AttributeValue.fromS(email)))
                .returnValues(software.amazon.awssdk.services.dynamodb.model.ReturnValue.ALL_OLD)).attributes();
        return old != null && !old.isEmpty();
    }

    public void suppress(String email, String reason, Instant at) {
        dynamo.updateItem(b -> b.tableName(table)
                .key(Map.of("email", s(email)))
                .updateExpression("SET suppressed = :true, suppressedReason = :reason, suppressedAt = :at")
                .expressionAttributeValues(Map.of(":true", bool(true), ":reason", s(reason), ":at", instant(at))));
    }

    /** Whether mail to this address bounced for good or drew a complaint. */
    public boolean isSuppressed(String email) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(Map.of("email", s(email)))
                .projectionExpression("suppressed")).item();
        return item != null && item.containsKey("suppressed") && Boolean.TRUE.equals(item.get("suppressed").bool());
    }

    /** Whether this address has registered for any event. */
    public boolean isRegistrant(String email) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(Map.of("email", s(email)))
                .projectionExpression("registeredFor")).item();
        return item != null && item.containsKey("registeredFor");
    }

    /**
     * Takes this person's acknowledgement slot for the next 24 hours: true when none was sent in the
     * last 24 hours (the slot is now taken), false when one was.
     */
    public boolean claimAcknowledgement(String email, Instant now) {
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(Map.of("email", s(email)))
                    .updateExpression("SET lastAcknowledgedAt = :now")
                    .conditionExpression("attribute_not_exists(lastAcknowledgedAt) OR lastAcknowledgedAt < :since")
                    .expressionAttributeValues(Map.of(
                            ":now", instant(now),
                            ":since", instant(now.minus(ACKNOWLEDGEMENT_INTERVAL)))));
            return true;
        } catch (ConditionalCheckFailedException recent) {
            return false;
        }
    }

    /**
     * Takes one of the {@code max} registration confirmations an address may be sent in any 24 hours
     * (across meetings; one slot per confirmation, each holding when it was taken): true when one was
     * free. Given back by {@link #releaseConfirmation} when nothing was sent after all.
     */
    public boolean claimConfirmation(String email, Instant now, int max) {
        // a slot is free when it never held a confirmation or its confirmation is older than the window
        return onFirstSlot(email, max, "SET #slot = :now", "attribute_not_exists(#slot) OR #slot < :since",
                Map.of(":now", instant(now), ":since", instant(now.minus(CONFIRMATION_WINDOW))));
    }

    /** Gives back the slot taken at {@code claimedAt} for a confirmation that could not be sent. */
    public void releaseConfirmation(String email, Instant claimedAt, int max) {
        onFirstSlot(email, max, "REMOVE #slot", "#slot = :claimed", Map.of(":claimed", instant(claimedAt)));
    }

    /** Applies {@code update} to the first of the {@code max} confirmation slots whose {@code condition} holds. */
    private boolean onFirstSlot(String email, int max, String update, String condition, Map<String, AttributeValue> values) {
        for (int slot = 0; slot < max; slot++) {
            String name = CONFIRMATION_SLOT + slot;
            try {
                dynamo.updateItem(b -> b.tableName(table)
                        .key(Map.of("email", s(email)))
                        .updateExpression(update)
                        .conditionExpression(condition)
                        .expressionAttributeNames(Map.of("#slot", name))
                        .expressionAttributeValues(values));
                return true;
            } catch (ConditionalCheckFailedException notThisOne) {
                // the next slot
            }
        }
        return false;
    }
}
