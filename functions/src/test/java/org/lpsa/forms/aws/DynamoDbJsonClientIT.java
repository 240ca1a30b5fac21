package org.lpsa.forms.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.lpsa.forms.Config;
import org.lpsa.forms.local.aws.Emulators;
import org.lpsa.forms.local.aws.LocalTables;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The functions' DynamoDB client against the emulator, each operation checked with the SDK's own client:
 * what one writes the other reads back the same, and errors arrive as the SDK's exceptions.
 */
class DynamoDbJsonClientIT {
    private static final AtomicInteger TABLES = new AtomicInteger();
    private final URI endpoint = Emulators.shared().dynamodb();
    private final DynamoDbClient sdk = LocalTables.client(endpoint);
    private final DynamoDbClient ours = new AwsClients(Config.of(Map.of(
            Config.DYNAMODB_ENDPOINT, endpoint.toString(), Config.AWS_REGION, "us-east-1"))).dynamoDb();
    private final String table = "json-client-" + ProcessHandle.current().pid() + "-" + TABLES.incrementAndGet();

    DynamoDbJsonClientIT() {
        sdk.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("sk").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH), k -> k.attributeName("sk").keyType(KeyType.RANGE)));
        LocalTables.awaitActive(sdk, table);
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk));
    }

    /** Every attribute type, nested, with text outside ASCII. */
    private static Map<String, AttributeValue> everyType(String pk, String sk) {
        return Map.ofEntries(
                Map.entry("pk", AttributeValue.fromS(pk)), Map.entry("sk", AttributeValue.fromS(sk)),
                Map.entry("text", AttributeValue.fromS("Décentralisation — 分权 \"quoted\" \\ line\nbreak")),
                Map.entry("number", AttributeValue.fromN("-12.5")),
                Map.entry("bytes", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {0, 1, (byte) 0xff}))),
                Map.entry("yes", AttributeValue.fromBool(true)),
                Map.entry("nothing", AttributeValue.fromNul(true)),
                Map.entry("list", AttributeValue.fromL(List.of(AttributeValue.fromS("a"), AttributeValue.fromN("1")))),
                Map.entry("map", AttributeValue.fromM(Map.of("inner", AttributeValue.fromM(Map.of("deep", AttributeValue.fromS("x")))))),
                Map.entry("strings", AttributeValue.fromSs(List.of("a", "b"))),
                Map.entry("numbers", AttributeValue.fromNs(List.of("1", "2"))),
                Map.entry("byteSet", AttributeValue.fromBs(List.of(SdkBytes.fromUtf8String("x")))));
    }

    @Test
    void putThenGetRoundTripsEveryAttributeTypeBothWays() {
        Map<String, AttributeValue> item = everyType("a", "1");
        ours.putItem(b -> b.tableName(table).item(item));
        assertEquals(setsSorted(item), setsSorted(sdk.getItem(b -> b.tableName(table).key(key("a", "1")).consistentRead(true)).item()));

        Map<String, AttributeValue> other = everyType("a", "2");
        sdk.putItem(b -> b.tableName(table).item(other));
        assertEquals(setsSorted(other), setsSorted(ours.getItem(b -> b.tableName(table).key(key("a", "2")).consistentRead(true)).item()));
    }

    /** DynamoDB keeps no order in a set: string, number and binary sets compared sorted. */
    private static Map<String, AttributeValue> setsSorted(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> sorted = new HashMap<>(item);
        sorted.replaceAll((name, value) -> value.hasSs() ? AttributeValue.fromSs(value.ss().stream().sorted().toList())
                : value.hasNs() ? AttributeValue.fromNs(value.ns().stream().sorted().toList())
                : value.hasBs() ? AttributeValue.fromBs(value.bs().stream()
                        .sorted(Comparator.comparing(SdkBytes::asUtf8String)).toList())
                : value);
        return sorted;
    }

    @Test
    void getOfAMissingItemHasNoItem() {
        var answer = ours.getItem(b -> b.tableName(table).key(key("none", "0")));
        assertFalse(answer.hasItem());
    }

    @Test
    void failedConditionIsTheSdksExceptionAndWritesNothing() {
        ours.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("c"), "sk", AttributeValue.fromS("1"),
                "v", AttributeValue.fromS("first"))));
        ConditionalCheckFailedException failed = assertThrows(ConditionalCheckFailedException.class,
                () -> ours.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("c"), "sk", AttributeValue.fromS("1"),
                        "v", AttributeValue.fromS("second"))).conditionExpression("attribute_not_exists(pk)")));
        assertEquals(400, failed.statusCode());
        assertEquals("ConditionalCheckFailedException", failed.awsErrorDetails().errorCode());
        assertNotNull(failed.requestId());
        assertEquals("first", sdk.getItem(b -> b.tableName(table).key(key("c", "1"))).item().get("v").s());
    }

    @Test
    void updateWithNamesValuesAndReturnValues() {
        sdk.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("u"), "sk", AttributeValue.fromS("1"),
                "count", AttributeValue.fromN("1"), "tags", AttributeValue.fromSs(List.of("x")))));
        var answer = ours.updateItem(b -> b.tableName(table).key(key("u", "1"))
                .updateExpression("SET #c = #c + :one, #s = :status ADD tags :more")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeNames(Map.of("#c", "count", "#s", "status"))
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"), ":status", AttributeValue.fromS("SENT"),
                        ":more", AttributeValue.fromSs(List.of("y"))))
                .returnValues(ReturnValue.ALL_NEW));
        assertEquals("2", answer.attributes().get("count").n());
        assertEquals("SENT", answer.attributes().get("status").s());
        assertEquals(List.of("x", "y"), answer.attributes().get("tags").ss().stream().sorted().toList());
        assertEquals(answer.attributes(), sdk.getItem(b -> b.tableName(table).key(key("u", "1")).consistentRead(true)).item());
    }

    @Test
    void deleteReturnsTheOldItemAndRemovesIt() {
        sdk.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("d"), "sk", AttributeValue.fromS("1"),
                "v", AttributeValue.fromS("old"))));
        var answer = ours.deleteItem(b -> b.tableName(table).key(key("d", "1")).returnValues(ReturnValue.ALL_OLD));
        assertEquals("old", answer.attributes().get("v").s());
        assertFalse(sdk.getItem(b -> b.tableName(table).key(key("d", "1")).consistentRead(true)).hasItem());
    }

    @Test
    void queryPagesThroughWithTheLastEvaluatedKey() {
        for (int i = 0; i < 5; i++) {
            String sk = Integer.toString(i);
            sdk.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("q"), "sk", AttributeValue.fromS(sk))));
        }
        List<String> seen = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        int pages = 0;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = ours.query(b -> b.tableName(table).keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("q"))).limit(2).exclusiveStartKey(from));
            page.items().forEach(item -> seen.add(item.get("sk").s()));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            pages++;
        } while (start != null);
        assertEquals(List.of("0", "1", "2", "3", "4"), seen);
        assertTrue(pages >= 3);
    }

    @Test
    void scanFiltersAndCounts() {
        sdk.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("s1"), "sk", AttributeValue.fromS("1"),
                "state", AttributeValue.fromS("FAILED"))));
        sdk.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("s2"), "sk", AttributeValue.fromS("1"),
                "state", AttributeValue.fromS("SENT"))));
        var answer = ours.scan(b -> b.tableName(table).filterExpression("#s = :f")
                .expressionAttributeNames(Map.of("#s", "state")).expressionAttributeValues(Map.of(":f", AttributeValue.fromS("FAILED"))));
        assertEquals(1, answer.count());
        assertEquals(2, answer.scannedCount());
        assertEquals("s1", answer.items().get(0).get("pk").s());
    }

    @Test
    void aMissingTableIsResourceNotFound() {
        ResourceNotFoundException missing = assertThrows(ResourceNotFoundException.class,
                () -> ours.getItem(b -> b.tableName(table + "-missing").key(key("a", "1"))));
        assertEquals(400, missing.statusCode());
    }

    @Test
    void anInvalidRequestIsTheServicesValidationError() {
        DynamoDbException invalid = assertThrows(DynamoDbException.class,
                () -> ours.updateItem(b -> b.tableName(table).key(key("v", "1")).updateExpression("SET = nonsense")));
        assertEquals("ValidationException", invalid.awsErrorDetails().errorCode());
        assertEquals(400, invalid.statusCode());
        assertNull(sdk.getItem(b -> b.tableName(table).key(key("v", "1")).consistentRead(true)).item().get("pk"));
    }
}
