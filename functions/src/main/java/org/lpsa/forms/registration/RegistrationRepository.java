package org.lpsa.forms.registration;

import static org.lpsa.forms.aws.Items.bool;
import static org.lpsa.forms.aws.Items.instant;
import static org.lpsa.forms.aws.Items.n;
import static org.lpsa.forms.aws.Items.s;

import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lpsa.forms.aws.Items;
import org.lpsa.forms.events.Zones;
import org.lpsa.forms.mail.DueEmails;
import org.lpsa.forms.mail.EmailStatus;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/** The Registrations table, mapped by hand. Every change is one conditional single-item write. */
public final class RegistrationRepository {
    /** The attribute, and the index on it, that find a registration from its manage link. */
    static final String LINK_ID = "linkId";
    /** The UTC day of registering: the key of the byRegisteredDay index, which the admins' daily digest reads. */
    static final String REGISTERED_DAY = "registeredDay";
    static final String BY_REGISTERED_DAY = "byRegisteredDay";
    static final String BY_LINK_ID = "byLinkId";

    private final DynamoDbClient dynamo;
    private final String table;

    public RegistrationRepository(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public String table() {
        return table;
    }

    /** Stores a new registration; false when this person is already registered for the event. */
    public boolean insertIfAbsent(Registration registration, Instant keepUntil, Reminders.Due reminder) {
        try {
            dynamo.putItem(b -> b.tableName(table)
                    .item(withReminder(toItem(registration, keepUntil), registration, reminder))
                    .conditionExpression("attribute_not_exists(email)"));
            return true;
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
    }

    /**
     * Priming: {@link #insertIfAbsent}'s write of a synthetic registration (whose meeting id no meeting can
     * have), sent with the opposite condition, so DynamoDB refuses it and nothing is stored.
     */
    void rehearseInsert(Registration registration, Instant keepUntil, Reminders.Due reminder) {
        try {
            dynamo.putItem(b -> b.tableName(table)
                    .item(withReminder(toItem(registration, keepUntil), registration, reminder))
                    .conditionExpression("attribute_exists(email)"));
        } catch (ConditionalCheckFailedException refused) {
            // what priming asked for
        }
    }

    /** Registers again someone who had cancelled: the new answers replace the old. False if not cancelled. */
    public boolean replaceCancelled(Registration registration, Instant keepUntil, Reminders.Due reminder) {
        try {
            dynamo.putItem(b -> b.tableName(table)
                    .item(withReminder(toItem(registration, keepUntil), registration, reminder))
                    .conditionExpression("#status = :cancelled")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":cancelled", s(Registration.CANCELLED))));
            return true;
        } catch (ConditionalCheckFailedException notCancelled) {
            return false;
        }
    }

    /**
     * Asks for the confirmation again (someone registering a second time who lost the email): only
     * when the last one was sent before {@code sentBefore} and fewer than {@code maxResends} were re-sent.
     */
    public boolean requestResend(String eventId, String email, Instant sentBefore, int maxResends, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":pending", EmailStatus.PENDING.value(),
                ":sent", EmailStatus.SENT.value(),
                ":failed", EmailStatus.FAILED.value(),
                ":registered", s(Registration.REGISTERED),
                ":before", instant(sentBefore),
                ":now", instant(now),
                ":shard", DueEmails.shard(key(eventId, email)),
                ":zero", n(0),
                ":one", n(1),
                ":max", n(maxResends)));
        values.put(":reason", s(EmailReason.CONFIRMATION));
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(key(eventId, email))
                    .updateExpression("SET emailStatus = :pending, emailReason = :reason, emailAttempts = :zero, " + DueEmails.SHARD + " = :shard, "
                            + DueEmails.DUE_AT + " = :now REMOVE emailRetryAt ADD resends :one")
                    .conditionExpression("#status = :registered AND (emailStatus = :failed OR (emailStatus = :sent AND emailSentAt < :before))"
                            + " AND (attribute_not_exists(resends) OR resends < :max)")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException notNow) {
            return false;
        }
    }

    /** Cancels a registration and asks the mailer for the notice. False when it was not registered. */
    public boolean cancel(String eventId, String email, Instant now) {
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(key(eventId, email))
                    .updateExpression("SET #status = :cancelled, cancelledAt = :now, emailStatus = :pending, emailReason = :reason, emailAttempts = :zero, "
                            + DueEmails.SHARD + " = :shard, " + DueEmails.DUE_AT + " = :now REMOVE emailRetryAt, emailClaimedAt, "
                            // a cancelled registration is reminded of nothing
                            + REMINDER_SHARD + ", " + REMINDER_DUE_AT + ", " + REMINDER_KIND)
                    .conditionExpression("#status = :registered")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(
                            ":cancelled", s(Registration.CANCELLED),
                            ":registered", s(Registration.REGISTERED),
                            ":pending", EmailStatus.PENDING.value(),
                            ":now", instant(now),
                            ":shard", DueEmails.shard(key(eventId, email)),
                            ":reason", s(EmailReason.CANCELLATION),
                            ":zero", n(0))));
            return true;
        } catch (ConditionalCheckFailedException notRegistered) {
            return false;
        }
    }

    /**
     * Applies the manage page's changes to the registration its link names (if it is still registered);
     * a new zone asks the mailer for a new confirmation ({@code emailReason} "update"). False when nothing was written.
     */
    public boolean update(Registration r, RegistrationForm.Changes changes, String formVersion, Instant now) {
        boolean newZone = !changes.timeZone().equals(r.timeZone());
        // DynamoDB refuses values an expression does not use: each is added with the part that uses it
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":zone", s(changes.timeZone().getId()), ":given", s("given"), ":interests", AttributeValue.fromSs(changes.interests()),
                ":now", instant(now), ":link", s(r.linkId()), ":registered", s(Registration.REGISTERED)));
        // timeZone is one of DynamoDB's reserved words: named through #zone
        StringBuilder update = new StringBuilder("SET #zone = :zone, timeZoneSource = :given, interests = :interests, updatedAt = :now");
        if (changes.newsletter() != r.newsletter()) {
            // consent is recorded with its time and the words it was given to, whichever way it went
            update.append(", newsletter = :newsletter, newsletterAt = :now, formVersion = :formVersion");
            values.put(":newsletter", bool(changes.newsletter()));
            values.put(":formVersion", s(formVersion));
        }
        if (newZone) {
            update.append(", emailStatus = :pending, emailReason = :update, emailAttempts = :zero, ")
                    .append(DueEmails.SHARD).append(" = :shard, ").append(DueEmails.DUE_AT).append(" = :now");
            values.put(":pending", EmailStatus.PENDING.value());
            values.put(":update", s(EmailReason.UPDATE));
            values.put(":zero", n(0));
            values.put(":shard", DueEmails.shard(key(r.eventId(), r.email())));
        }
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(r.eventId(), r.email()))
                    .updateExpression(update + (newZone ? " REMOVE emailRetryAt, emailClaimedAt" : ""))
                    .conditionExpression("#status = :registered AND linkId = :link")
                    .expressionAttributeNames(Map.of("#status", "status", "#zone", "timeZone"))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException notNow) {
            return false;
        }
    }

    /** Every registration of a meeting (its partition of the table: a Query, never a Scan). */
    public List<Registration> ofEvent(String eventId) {
        List<Registration> all = new java.util.ArrayList<>();
        dynamo.queryPaginator(b -> b.tableName(table).keyConditionExpression("eventId = :e").consistentRead(true)
                .expressionAttributeValues(Map.of(":e", s(eventId)))).items().forEach(item -> all.add(fromItem(item)));
        return all;
    }

    /**
     * The meeting moved: the registration owes its person the new time (emailReason "meetingChanged", sent
     * through the mailer's claim / send / mark), and its reminders follow the new time. False when it is not registered.
     */
    public boolean meetingChanged(Registration r, Reminders.Due reminder, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":pending", EmailStatus.PENDING.value(), ":reason", s(EmailReason.MEETING_CHANGED),
                ":zero", n(0), ":shard", DueEmails.shard(key(r.eventId(), r.email())), ":now", instant(now),
                ":registered", s(Registration.REGISTERED)));
        String reminders;
        Map<String, String> names = new HashMap<>(Map.of("#status", "status", "#rdue", REMINDER_DUE_AT, "#rkind", REMINDER_KIND,
                "#rshard", REMINDER_SHARD));
        if (reminder == null) {
            reminders = " REMOVE emailRetryAt, emailClaimedAt, #rshard, #rdue, #rkind";
        } else {
            reminders = ", #rshard = :shard, #rdue = :rdue, #rkind = :rkind, reminderFor = :rfor REMOVE emailRetryAt, emailClaimedAt";
            values.put(":rdue", instant(reminder.at()));
            values.put(":rkind", s(reminder.kind().name()));
            values.put(":rfor", instant(reminder.meetingStart()));
        }
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(r.eventId(), r.email()))
                    .updateExpression("SET emailStatus = :pending, emailReason = :reason, emailAttempts = :zero, "
                            + DueEmails.SHARD + " = :shard, " + DueEmails.DUE_AT + " = :now" + reminders)
                    .conditionExpression("#status = :registered")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException notRegistered) {
            return false;
        }
    }

    /**
     * The meeting will not take place: the registration owes its person the news (emailReason
     * "meetingCancelled", with the organisers' words), and no more reminders. False when it is not registered.
     */
    public boolean meetingCancelled(Registration r, String message, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":pending", EmailStatus.PENDING.value(),
                ":reason", s(EmailReason.MEETING_CANCELLED), ":zero", n(0), ":shard", DueEmails.shard(key(r.eventId(), r.email())),
                ":now", instant(now), ":registered", s(Registration.REGISTERED), ":message", s(message == null ? "" : message)));
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(r.eventId(), r.email()))
                    .updateExpression("SET emailStatus = :pending, emailReason = :reason, emailAttempts = :zero, cancelMessage = :message, "
                            + DueEmails.SHARD + " = :shard, " + DueEmails.DUE_AT + " = :now REMOVE emailRetryAt, emailClaimedAt, "
                            + REMINDER_SHARD + ", " + REMINDER_DUE_AT + ", " + REMINDER_KIND)
                    .conditionExpression("#status = :registered")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException notRegistered) {
            return false;
        }
    }

    /** Removes the registration and everything it holds about the person. */
    public void delete(String eventId, String email) {
        dynamo.deleteItem(b -> b.tableName(table).key(key(eventId, email)));
    }

    /** Removes the registration its link names, if it is still that one; false when it is not (nothing removed). */
    public boolean deleteLinked(Registration r) {
        try {
            dynamo.deleteItem(b -> b.tableName(table).key(key(r.eventId(), r.email()))
                    .conditionExpression("linkId = :link")
                    .expressionAttributeValues(Map.of(":link", s(r.linkId()))));
            return true;
        } catch (ConditionalCheckFailedException replaced) {
            return false;
        }
    }

    /**
     * The registration a manage link names: found through the index, then read consistently and checked,
     * since the index may still show an item that was just deleted. Empty when there is none (deleted).
     */
    public Optional<Registration> findByLinkId(String linkId) {
        List<Map<String, AttributeValue>> keys = dynamo.query(b -> b.tableName(table).indexName(BY_LINK_ID)
                .keyConditionExpression("linkId = :link").expressionAttributeValues(Map.of(":link", s(linkId))).limit(1)).items();
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> key = keys.get(0);
        return find(key.get("eventId").s(), key.get("email").s()).filter(r -> linkId.equals(r.linkId()));
    }

    /** The registration's link id, given one first if it has none yet (registered before links had them). */
    public String linkIdOf(Registration r) {
        if (r.linkId() != null) {
            return r.linkId();
        }
        return dynamo.updateItem(b -> b.tableName(table).key(key(r.eventId(), r.email()))
                .updateExpression("SET linkId = if_not_exists(linkId, :link)")
                .conditionExpression("attribute_exists(email)")
                .expressionAttributeValues(Map.of(":link", s(LinkIds.next())))
                .returnValues(ReturnValue.UPDATED_NEW)).attributes().get(LINK_ID).s();
    }

    public Optional<Registration> find(String eventId, String email) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key(eventId, email)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    private static Map<String, AttributeValue> key(String eventId, String email) {
        return Map.of("eventId", s(eventId), "email", s(email));
    }

    /** The reminders' sparse index: the next reminder owed (none: no attributes), and the start it was worked out for. */
    static final String REMINDER_INDEX = "byReminderDue";
    static final String REMINDER_SHARD = "reminderShard";
    static final String REMINDER_DUE_AT = "reminderDueAt";
    static final String REMINDER_KIND = "reminderKind";
    static final String REMINDER_FOR = "reminderFor";

    /** The next reminder an item owes, if any. */
    public static Optional<Reminders.Due> reminderOf(Map<String, AttributeValue> item) {
        String kind = Items.string(item, REMINDER_KIND);
        Instant at = Items.instant(item, REMINDER_DUE_AT);
        Instant start = Items.instant(item, REMINDER_FOR);
        return kind == null || at == null || start == null ? Optional.empty()
                : Optional.of(new Reminders.Due(Reminders.Kind.valueOf(kind), at, start));
    }

    /** The registration's item as stored (consistent read); empty when there is none. */
    public Optional<Map<String, AttributeValue>> item(String eventId, String email) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key(eventId, email)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    private static Map<String, AttributeValue> withReminder(Map<String, AttributeValue> item, Registration r, Reminders.Due reminder) {
        if (reminder != null) {
            item.put(REMINDER_SHARD, DueEmails.shard(key(r.eventId(), r.email())));
            item.put(REMINDER_DUE_AT, instant(reminder.at()));
            item.put(REMINDER_KIND, s(reminder.kind().name()));
            item.put(REMINDER_FOR, instant(reminder.meetingStart()));
        }
        return item;
    }

    /** Who registered on one UTC {@code day}, after {@code after} and up to {@code upTo}: each one's eventId and status. */
    public List<Map<String, AttributeValue>> registeredOn(java.time.LocalDate day, Instant after, Instant upTo) {
        return dynamo.queryPaginator(b -> b.tableName(table).indexName(BY_REGISTERED_DAY)
                .keyConditionExpression("#day = :day AND registeredAt BETWEEN :after AND :upTo")
                .expressionAttributeNames(Map.of("#day", REGISTERED_DAY))
                .expressionAttributeValues(Map.of(":day", s(day.toString()), ":after", instant(after.plusMillis(1)), ":upTo", instant(upTo))))
                .items().stream().toList();
    }

    /** The keys of registrations whose next reminder is due by {@code now}, in one shard of the index. */
    public List<Map<String, AttributeValue>> remindersDue(String shard, Instant now) {
        return dynamo.query(b -> b.tableName(table).indexName(REMINDER_INDEX)
                .keyConditionExpression("#shard = :shard AND #due <= :now")
                .expressionAttributeNames(Map.of("#shard", REMINDER_SHARD, "#due", REMINDER_DUE_AT))
                .expressionAttributeValues(Map.of(":shard", s(shard), ":now", instant(now)))).items();
    }

    /** Why a reminder is taken from the index, and the counter of the registration it adds one to (none for a move). */
    public enum ReminderTaken {
        TO_SEND("remindersSent"), SKIPPED("remindersSkipped"), MOVED(null);

        private final String counter;

        ReminderTaken(String counter) {
            this.counter = counter;
        }
    }

    /**
     * Takes the reminder due at {@code due} (of {@code kind}) and puts the next one in its place (or none),
     * counting it as {@code why} says: true when this caller took it, false when another did or the
     * registration changed meanwhile.
     */
    public boolean takeReminder(Map<String, AttributeValue> key, Reminders.Due due, Reminders.Due next, ReminderTaken why) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":due", instant(due.at()), ":kind", s(due.kind().name()),
                ":registered", s(Registration.REGISTERED)));
        String update;
        if (next == null) {
            update = "REMOVE #shard, #dueAt, #kind";
        } else {
            update = "SET #dueAt = :next, #kind = :nextKind, reminderFor = :nextFor";
            values.put(":next", instant(next.at()));
            values.put(":nextKind", s(next.kind().name()));
            values.put(":nextFor", instant(next.meetingStart()));
        }
        try {
            if (why.counter != null) {
                values.put(":one", n(1));
            }
            String expression = why.counter == null ? update : update + " ADD " + why.counter + " :one";
            dynamo.updateItem(b -> b.tableName(table).key(key).updateExpression(expression)
                    .conditionExpression("#dueAt = :due AND #kind = :kind AND #status = :registered")
                    .expressionAttributeNames(next == null
                            ? Map.of("#shard", REMINDER_SHARD, "#dueAt", REMINDER_DUE_AT, "#kind", REMINDER_KIND, "#status", "status")
                            : Map.of("#dueAt", REMINDER_DUE_AT, "#kind", REMINDER_KIND, "#status", "status"))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException taken) {
            return false;
        }
    }

    /** Gives back a reminder taken to be sent whose send failed: owed again, and not counted as sent. */
    public void giveBackReminder(Map<String, AttributeValue> key, Reminders.Due reminder) {
        dynamo.updateItem(b -> b.tableName(table).key(key)
                .updateExpression("SET #shard = :shard, #dueAt = :due, #kind = :kind, reminderFor = :for ADD remindersSent :minusOne")
                .conditionExpression("attribute_exists(email)")
                .expressionAttributeNames(Map.of("#shard", REMINDER_SHARD, "#dueAt", REMINDER_DUE_AT, "#kind", REMINDER_KIND))
                .expressionAttributeValues(Map.of(":shard", DueEmails.shard(key), ":due", instant(reminder.at()),
                        ":kind", s(reminder.kind().name()), ":for", instant(reminder.meetingStart()), ":minusOne", n(-1))));
    }

    /**
     * Works the reminders out again (a new time zone, or the person turned them back on): the next one owed, or none.
     * Never for a person who turned them off, unless {@code turnOn} (they ticked the box again).
     */
    public void rescheduleReminders(Registration r, Reminders.Due next, boolean turnOn) {
        Map<String, String> names = new HashMap<>(Map.of("#shard", REMINDER_SHARD, "#dueAt", REMINDER_DUE_AT, "#kind", REMINDER_KIND));
        if (turnOn) {
            names.put("#status", "status");
        }
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":no", bool(false)));
        String update = "REMOVE #shard, #dueAt, #kind";
        if (next != null) {
            update = "SET #shard = :shard, #dueAt = :due, #kind = :kind, reminderFor = :for";
            values.putAll(Map.of(":shard", DueEmails.shard(key(r.eventId(), r.email())), ":due", instant(next.at()),
                    ":kind", s(next.kind().name()), ":for", instant(next.meetingStart())));
        }
        if (turnOn) {
            update = next == null ? "SET remindersOff = :no " + update : update + ", remindersOff = :no";
            values.put(":link", s(r.linkId()));
            values.put(":registered", s(Registration.REGISTERED));
        }
        String expression = update;
        // turned on again only while registered: a registration cancelled meanwhile owes no reminder
        String condition = turnOn ? "linkId = :link AND #status = :registered"
                : "attribute_exists(email) AND (attribute_not_exists(remindersOff) OR remindersOff = :no)";
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(r.eventId(), r.email())).updateExpression(expression)
                    .conditionExpression(condition)
                    .expressionAttributeNames(names).expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException offOrGone) {
            // the person turned reminders off (or the registration went): nothing to work out
        }
    }

    /** No more reminders for this registration (the person asked): out of the index, and marked so. */
    public boolean remindersOff(Registration r) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(r.eventId(), r.email()))
                    .updateExpression("SET remindersOff = :yes REMOVE #shard, #dueAt, #kind")
                    .conditionExpression("linkId = :link")
                    .expressionAttributeNames(Map.of("#shard", REMINDER_SHARD, "#dueAt", REMINDER_DUE_AT, "#kind", REMINDER_KIND))
                    .expressionAttributeValues(Map.of(":yes", bool(true), ":link", s(r.linkId()))));
            return true;
        } catch (ConditionalCheckFailedException gone) {
            return false;
        }
    }

    /** The item; {@code keepUntil} (may be null) becomes expiresAt, when DynamoDB's TTL deletes it. */
    static Map<String, AttributeValue> toItem(Registration r, Instant keepUntil) {
        Map<String, AttributeValue> item = new HashMap<>();
        if (keepUntil != null) {
            item.put("expiresAt", n(keepUntil.getEpochSecond()));
        }
        item.put("eventId", s(r.eventId()));
        item.put("email", s(r.email()));
        item.put("name", s(r.name()));
        item.put("organization", s(r.organization()));
        item.put("role", s(r.role()));
        item.put("country", s(r.country()));
        item.put("interests", AttributeValue.fromSs(r.interests()));
        item.put("newsletter", bool(r.newsletter()));
        AttributeValue registeredAt = instant(r.registeredAt());
        // consent is recorded with its time and the wording's version, whichever way it went
        item.put("newsletterAt", registeredAt);
        item.put("formVersion", s(r.formVersion()));
        item.put("timeZone", s(r.timeZone().getId()));
        item.put("timeZoneSource", s(r.timeZoneSource()));
        if (r.invitedBy() != null) {
            item.put("invitedBy", s(r.invitedBy()));
        }
        item.put("channel", s(r.channel()));
        item.put("status", s(r.status()));
        item.put("registeredAt", registeredAt);
        item.put(REGISTERED_DAY, s(r.registeredAt().atOffset(java.time.ZoneOffset.UTC).toLocalDate().toString()));
        item.put(EmailStatus.ATTRIBUTE, r.emailStatus().value());
        item.put("emailAttempts", n(r.emailAttempts()));
        item.put(EmailReason.ATTRIBUTE, s(EmailReason.CONFIRMATION));
        if (r.linkId() != null) {
            item.put(LINK_ID, s(r.linkId()));
        }
        if (r.emailStatus() == EmailStatus.PENDING) {
            DueEmails.markDue(item, key(r.eventId(), r.email()), r.registeredAt());
        }
        return item;
    }

    public static Registration fromItem(Map<String, AttributeValue> item) {
        return new Registration(
                Items.string(item, "eventId"),
                Items.string(item, "email"),
                Items.string(item, "name"),
                Items.string(item, "organization"),
                Items.string(item, "role"),
                Items.string(item, "country"),
                Items.strings(item, "interests"),
                Items.flag(item, "newsletter"),
                Zones.canonical(ZoneId.of(Optional.ofNullable(Items.string(item, "timeZone")).orElse("UTC"))),
                Items.string(item, "timeZoneSource"),
                Items.string(item, "invitedBy"),
                Items.string(item, "formVersion"),
                Items.string(item, "channel"),
                Items.string(item, "status"),
                Items.instant(item, "registeredAt"),
                EmailStatus.of(Items.string(item, EmailStatus.ATTRIBUTE)),
                Items.number(item, "emailAttempts", 0),
                Items.string(item, LINK_ID),
                Items.flag(item, "remindersOff"));
    }
}
