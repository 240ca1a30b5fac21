package org.lpsa.forms.local.aws;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * The DynamoDB stream stand-in (dynalite has no streams): polls a table, and for every item that is new
 * or changed since the last poll builds the stream record from the stored item (NewImage), applies the
 * function's FilterCriteria and invokes the function with the matching records, in batches. A record
 * whose invocation fails, or that the function reports in batchItemFailures, is delivered again.
 */
public final class StreamPump implements AutoCloseable {
    private final DynamoDbClient dynamo;
    private final String tableName;
    private final List<String> keyNames;
    private final List<EventPattern> filters;
    private final int batchSize;
    private final int parallelization;
    private final LambdaInvoker function;
    private final Map<String, Integer> delivered = new HashMap<>();
    private final AtomicLong sequence = new AtomicLong(1_000_000);
    private ScheduledExecutorService timer;

    public StreamPump(DynamoDbClient dynamo, String tableName, List<String> keyNames, List<String> filterPatterns,
                      int batchSize, int parallelization, LambdaInvoker function) {
        this.dynamo = dynamo;
        this.tableName = tableName;
        this.keyNames = keyNames;
        this.filters = filterPatterns.stream().map(EventPattern::parse).toList();
        this.batchSize = batchSize;
        this.parallelization = Math.max(1, parallelization);
        this.function = function;
    }

    /** A pump for one stream source of the template. */
    public static StreamPump of(DynamoDbClient dynamo, LocalTemplate template, LocalTemplate.StreamSource source, LambdaInvoker function) {
        LocalTemplate.Table table = template.table(source.tableLogicalId());
        List<String> keys = LocalTemplate.list(table.properties().get("KeySchema")).stream()
                .map(k -> String.valueOf(LocalTemplate.map(k).get("AttributeName"))).toList();
        return new StreamPump(dynamo, table.name(), keys, source.filterPatterns(), source.batchSize(), source.parallelization(), function);
    }

    public void start(long periodMillis) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "stream-pump-" + tableName);
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                pollOnce();
            } catch (Throwable e) {
                // caught whole: anything escaping would cancel the schedule, and the stand-in would stop for good
                System.err.println("{\"level\":\"WARN\",\"message\":\"stream stand-in poll failed\",\"table\":\"" + tableName
                        + "\",\"error\":\"" + e.getClass().getSimpleName() + "\"}");
            }
        }, 0, periodMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * Delivers everything owed now, poll after poll, until one delivers nothing (at most 20 polls, so a
     * record that keeps failing cannot hold a test forever); returns how many were delivered. Tests call it
     * before they assert that nothing was sent: after it, anything the code wrongly stored has been sent.
     */
    public int drain() {
        int total = 0;
        for (int poll = 0; poll < 20; poll++) {
            int delivered = pollOnce();
            if (delivered == 0) {
                break;
            }
            total += delivered;
        }
        return total;
    }

    /** One poll: returns how many records were delivered to the function. */
    public synchronized int pollOnce() {
        List<Map<String, Object>> pending = new ArrayList<>();
        Map<String, Integer> hashes = new HashMap<>();
        Map<String, AttributeValue> startKey = null;
        do {
            var page = dynamo.scan(ScanRequest.builder().tableName(tableName).consistentRead(true).exclusiveStartKey(startKey).build());
            for (Map<String, AttributeValue> item : page.items()) {
                String key = keyOf(item);
                int hash = item.hashCode();
                Integer before = delivered.get(key);
                if (before != null && before == hash) {
                    continue;
                }
                Map<String, Object> record = record(item, before == null ? "INSERT" : "MODIFY");
                if (filters.isEmpty() || filters.stream().anyMatch(f -> f.matches(record))) {
                    pending.add(record);
                    hashes.put(key, hash);
                } else {
                    delivered.put(key, hash);
                }
            }
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);

        // up to ParallelizationFactor batches at once, as Lambda runs them on one shard; a poll holds each item once,
        // so no item is in two batches
        List<List<Map<String, Object>>> batches = new ArrayList<>();
        for (int from = 0; from < pending.size(); from += batchSize) {
            batches.add(pending.subList(from, Math.min(pending.size(), from + batchSize)));
        }
        List<List<String>> failures = deliver(batches);
        int count = 0;
        for (int b = 0; b < batches.size(); b++) {
            for (Map<String, Object> record : batches.get(b)) {
                String key = keyOfRecord(record);
                if (!failures.get(b).contains(String.valueOf(LocalTemplate.map(record.get("dynamodb")).get("SequenceNumber")))) {
                    delivered.put(key, hashes.get(key));
                    count++;
                }
            }
        }
        return count;
    }

    /** Each batch's failed sequence numbers, the batches run {@code parallelization} at a time. */
    private List<List<String>> deliver(List<List<Map<String, Object>>> batches) {
        if (parallelization == 1 || batches.size() < 2) {
            return batches.stream().map(this::invoke).toList();
        }
        java.util.concurrent.ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelization, batches.size()));
        try {
            List<java.util.concurrent.Future<List<String>>> running = batches.stream().map(batch -> pool.submit(() -> invoke(batch))).toList();
            List<List<String>> failures = new ArrayList<>();
            for (var batch : running) {
                try {
                    failures.add(batch.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            return failures;
        } finally {
            pool.shutdown();
        }
    }

    /** Invokes the function; returns the sequence numbers it did not process (all of them when it threw). */
    private List<String> invoke(List<Map<String, Object>> records) {
        List<String> all = records.stream()
                .map(r -> String.valueOf(LocalTemplate.map(r.get("dynamodb")).get("SequenceNumber"))).toList();
        try {
            byte[] response = function.invoke(JSON.std.asBytes(Map.of("Records", records)));
            if (response.length == 0) {
                return List.of();
            }
            Object parsed = JSON.std.anyFrom(new String(response, StandardCharsets.UTF_8));
            List<String> failed = new ArrayList<>();
            for (Object failure : LocalTemplate.list(LocalTemplate.map(parsed).get("batchItemFailures"))) {
                failed.add(String.valueOf(LocalTemplate.map(failure).get("itemIdentifier")));
            }
            return failed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            System.err.println("{\"level\":\"WARN\",\"message\":\"function failed; records will be retried\",\"function\":\""
                    + function.functionName() + "\",\"error\":\"" + e.getClass().getSimpleName() + "\"}");
            return all;
        }
    }

    private Map<String, Object> record(Map<String, AttributeValue> item, String eventName) {
        Map<String, Object> keys = new LinkedHashMap<>();
        for (String name : keyNames) {
            keys.put(name, toJson(item.get(name)));
        }
        Map<String, Object> image = new LinkedHashMap<>();
        item.forEach((name, value) -> image.put(name, toJson(value)));
        Map<String, Object> dynamodb = new LinkedHashMap<>();
        dynamodb.put("ApproximateCreationDateTime", Instant.now().getEpochSecond());
        dynamodb.put("Keys", keys);
        dynamodb.put("NewImage", image);
        dynamodb.put("SequenceNumber", Long.toString(sequence.incrementAndGet()));
        dynamodb.put("SizeBytes", item.toString().length());
        dynamodb.put("StreamViewType", "NEW_IMAGE");
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("eventID", Long.toHexString(sequence.get()));
        record.put("eventName", eventName);
        record.put("eventVersion", "1.1");
        record.put("eventSource", "aws:dynamodb");
        record.put("awsRegion", "us-east-1");
        record.put("dynamodb", dynamodb);
        record.put("eventSourceARN", "arn:aws:dynamodb:us-east-1:000000000000:table/" + tableName + "/stream/local");
        return record;
    }

    private String keyOf(Map<String, AttributeValue> item) {
        StringBuilder key = new StringBuilder();
        for (String name : keyNames) {
            key.append(item.get(name)).append('\u0000');
        }
        return key.toString();
    }

    private String keyOfRecord(Map<String, Object> record) {
        Map<String, Object> keys = LocalTemplate.map(LocalTemplate.map(record.get("dynamodb")).get("Keys"));
        Map<String, AttributeValue> item = new HashMap<>();
        for (String name : keyNames) {
            item.put(name, fromJson(LocalTemplate.map(keys.get(name))));
        }
        return keyOf(item);
    }

    /** An attribute value in the stream's JSON form, e.g. {"S":"x"}. */
    static Object toJson(AttributeValue v) {
        Map<String, Object> out = new LinkedHashMap<>();
        switch (v.type()) {
            case S -> out.put("S", v.s());
            case N -> out.put("N", v.n());
            case BOOL -> out.put("BOOL", v.bool());
            case NUL -> out.put("NULL", true);
            case SS -> out.put("SS", v.ss());
            case NS -> out.put("NS", v.ns());
            case B -> out.put("B", java.util.Base64.getEncoder().encodeToString(v.b().asByteArray()));
            case L -> out.put("L", v.l().stream().map(StreamPump::toJson).toList());
            case M -> {
                Map<String, Object> m = new LinkedHashMap<>();
                v.m().forEach((k, x) -> m.put(k, toJson(x)));
                out.put("M", m);
            }
            default -> throw new IllegalArgumentException("unsupported attribute type " + v.type());
        }
        return out;
    }

    private static AttributeValue fromJson(Map<String, Object> v) {
        if (v.containsKey("S")) {
            return AttributeValue.fromS(String.valueOf(v.get("S")));
        }
        if (v.containsKey("N")) {
            return AttributeValue.fromN(String.valueOf(v.get("N")));
        }
        if (v.containsKey("B")) {
            return AttributeValue.fromB(SdkBytes.fromByteArray(java.util.Base64.getDecoder().decode(String.valueOf(v.get("B")))));
        }
        throw new IllegalArgumentException("a key attribute must be S, N or B");
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
