package org.lpsa.forms.contacts;

import static org.lpsa.forms.aws.Items.n;
import static org.lpsa.forms.aws.Items.s;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import org.lpsa.forms.Config;
import org.lpsa.forms.Refused;
import org.lpsa.forms.aws.Priming;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Abuse limits per source address, without a captcha: at most {@code perMinute} registrations (and,
 * counted apart, ideas) a minute and {@code perDay} a day (UTC) from one address, then 429 with
 * Retry-After. One conditional write a request, on one item per address, kind and day; the address is
 * kept only as a hash, and the item goes by TTL two days later.
 */
public final class SourceLimits {
    public enum Kind { REGISTRATION, IDEA }

    public record Limits(int perMinute, int perDay) {
        public static Limits fromConfig(Config config) {
            return new Limits(Integer.parseInt(config.get(Config.SOURCE_LIMIT_PER_MINUTE, "10")),
                    Integer.parseInt(config.get(Config.SOURCE_LIMIT_PER_DAY, "100")));
        }
    }

    private static final String KEY = "limitKey";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Limits limits;

    public SourceLimits(DynamoDbClient dynamo, String table, Limits limits) {
        this.dynamo = dynamo;
        this.table = table;
        this.limits = limits;
    }

    /** Counts one more request of {@code kind} from {@code source}; TooMany (nothing counted) when over a limit. */
    public void admit(Kind kind, String source, Instant now) {
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Map<String, AttributeValue> key = Map.of(KEY, s(kind.name().toLowerCase(java.util.Locale.ROOT) + "#" + hash(source) + "#" + day));
        try {
            dynamo.updateItem(count(key, now, ""));
        } catch (ConditionalCheckFailedException over) {
            Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key).consistentRead(true)).item();
            AttributeValue dayCount = item == null ? null : item.get("dayCount");
            boolean dayFull = dayCount != null && Long.parseLong(dayCount.n()) >= limits.perDay();
            Instant until = dayFull ? day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.ofEpochSecond((now.getEpochSecond() / 60 + 1) * 60);
            throw new Refused.TooMany(Math.max(1, Duration.between(now, until).toSeconds()), dayFull
                    ? "Many forms were sent from your network today. Please send this one again tomorrow."
                    : "Many forms were sent from your network in the last minute. Please wait a minute and send it again.");
        }
    }

    /**
     * Priming: the count's own write, sent to DynamoDB for a key no source has, with a condition no item there
     * can meet, so DynamoDB refuses it and nothing is counted; then the classes of the answer a count gets.
     */
    public void rehearse(Instant now) {
        // a count's key starts from its source's hash (a documentation address here)
        hash("192.0.2.1");
        try {
            dynamo.updateItem(count(Map.of(KEY, s(Priming.IMPOSSIBLE_KEY)), now, "attribute_exists(" + KEY + ") AND "));
        } catch (ConditionalCheckFailedException refused) {
            // what priming asked for
        }
        UpdateItemResponse.builder().build();
    }

    /** One more request on the item {@code key}, if under both limits (and {@code extraCondition}, for priming). */
    private UpdateItemRequest count(Map<String, AttributeValue> key, Instant now, String extraCondition) {
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        String minute = "m" + now.getEpochSecond() / 60;
        return UpdateItemRequest.builder().tableName(table).key(key)
                .updateExpression("ADD dayCount :one, #minute :one SET expiresAt = :expires")
                .conditionExpression(extraCondition + "(attribute_not_exists(dayCount) OR dayCount < :perDay)"
                        + " AND (attribute_not_exists(#minute) OR #minute < :perMinute)")
                .expressionAttributeNames(Map.of("#minute", minute))
                .expressionAttributeValues(Map.of(":one", n(1), ":perDay", n(limits.perDay()), ":perMinute", n(limits.perMinute()),
                        ":expires", n(day.plusDays(2).atStartOfDay(ZoneOffset.UTC).toEpochSecond())))
                .build();
    }

    /** The source address as it is kept: a hash, enough to count by, not to read back. */
    private static String hash(String source) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(String.valueOf(source).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
