package org.lpsa.forms.mail;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;
import org.lpsa.forms.aws.Items;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The sparse index of emails owed, on every table whose items owe one (Registrations, Ideas): an item
 * carries {@link #SHARD} and {@link #DUE_AT} while its email is PENDING (due at its write or its retry
 * time) or SENDING (due when the claim would count as abandoned), and loses both once the email is SENT,
 * SKIPPED or FAILED. So the sweeper asks the index for what is due before now and reads only those items,
 * however many emails were ever sent. A few shards spread a burst's index writes over partitions.
 */
public final class DueEmails {
    public static final String INDEX = "byEmailDue";
    public static final String SHARD = "emailDueShard";
    public static final String DUE_AT = "emailDueAt";
    /** Partitions of the index: enough for a burst of registrations, few enough to query each every sweep. */
    public static final int SHARDS = 4;

    private DueEmails() {}

    /** The item's shard, from its key alone, so any write to the item can set it. */
    public static AttributeValue shard(Map<String, AttributeValue> key) {
        CRC32 crc = new CRC32();
        new TreeMap<>(key).forEach((name, value) -> {
            crc.update(name.getBytes(StandardCharsets.UTF_8));
            crc.update(String.valueOf(value.s()).getBytes(StandardCharsets.UTF_8));
        });
        return AttributeValue.fromS(Long.toString(crc.getValue() % SHARDS));
    }

    /** Puts a new item whose email is owed into the index, due at {@code at}. */
    public static void markDue(Map<String, AttributeValue> item, Map<String, AttributeValue> key, Instant at) {
        item.put(SHARD, shard(key));
        item.put(DUE_AT, Items.instant(at));
    }
}
