package org.lpsa.forms.bench;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.lpsa.forms.local.aws.LocalTables;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code ./lpsa bench burst}: the invitation goes out and registrations arrive in a burst. 2,000 registrations
 * at 40 a second, from 256 source addresses (at most 8 each, under the per-source limits), against the local
 * stack with SES limited to 14 emails a second and the template's API throttling on; then it waits until
 * every confirmation is sent and counts what was stored, sent, sent twice and given up.
 */
final class BurstRun {
    static final int REGISTRATIONS = 2_000;
    static final int PER_SECOND = 40;
    static final int SOURCES = 256;
    static final int SES_RATE = 14;
    /** How long the confirmations may take after the last registration before the run gives up waiting. */
    static final Duration DRAIN_LIMIT = Duration.ofMinutes(6);

    private final Path root;
    private final Path work;

    BurstRun(Path root, Path work) {
        this.root = root;
        this.work = work;
    }

    Map<String, Object> run() throws Exception {
        try (StackProcess stack = StackProcess.start(root, work.resolve("burst-state"), work.resolve("burst-stack.log"),
                "-XX:TieredStopAtLevel=1", "--port", "0", "--ses-rate", Integer.toString(SES_RATE))) {
            return burst(stack.get("url"), URI.create(stack.get("ses")), URI.create(stack.get("dynamodb")), stack.get("stackName"));
        }
    }

    private Map<String, Object> burst(String url, URI ses, URI dynamodb, String stackName) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        Map<Long, Integer> acceptedBefore = accepted(http, ses);
        AtomicInteger created = new AtomicInteger();
        AtomicInteger tooMany = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        List<CompletableFuture<?>> answers = new ArrayList<>();
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger next = new AtomicInteger();
        long startMillis = System.currentTimeMillis();
        // one registration every 25 ms: 40 a second, whatever the answers' pace
        clock.scheduleAtFixedRate(() -> {
            int n = next.getAndIncrement();
            if (n >= REGISTRATIONS) {
                return;
            }
            String body = "{\"name\":\"Burst Registrant\",\"email\":\"burst" + n + "@example.org\",\"organization\":\"Org\","
                    + "\"role\":\"other\",\"country\":\"KE\",\"interests\":[\"other\"],\"newsletter\":false,\"timeZone\":\"Africa/Nairobi\"}";
            HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/events/demo/registrations")).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json").header("X-Local-Source-Ip", "198.18.200." + (n % SOURCES))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            CompletableFuture<?> answer = http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((r, e) -> {
                if (e == null && r.statusCode() == 201) {
                    created.incrementAndGet();
                } else if (e == null && r.statusCode() == 429) {
                    tooMany.incrementAndGet();
                } else {
                    other.incrementAndGet();
                }
                return null;
            });
            synchronized (answers) {
                answers.add(answer);
            }
        }, 0, 1000 / PER_SECOND, TimeUnit.MILLISECONDS);
        while (next.get() < REGISTRATIONS) {
            Thread.sleep(100);
        }
        clock.shutdown();
        synchronized (answers) {
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        }
        double sendingSeconds = (System.currentTimeMillis() - startMillis) / 1000.0;

        // every confirmation sent: SES's count of accepted sends stops short of the registrations only if some are missing
        long waitUntil = System.currentTimeMillis() + DRAIN_LIMIT.toMillis();
        int expected = created.get();
        while (System.currentTimeMillis() < waitUntil && acceptedSince(accepted(http, ses), acceptedBefore) < expected) {
            Thread.sleep(1000);
        }
        Map<String, Object> sending = sending(http, ses);
        Map<Long, Integer> perSecond = accepted(sending);
        long lastAccepted = ((Number) sending.get("lastAcceptedMillis")).longValue();

        Map<String, Integer> perRecipient = new HashMap<>();
        for (Map<String, Object> email : store(http, ses)) {
            @SuppressWarnings("unchecked")
            List<Object> to = (List<Object>) ((Map<String, Object>) email.get("destination")).get("to");
            String address = String.valueOf(to.get(0));
            if (address.startsWith("burst") && String.valueOf(email.get("subject")).startsWith("Registration")) {
                perRecipient.merge(address, 1, Integer::sum);
            }
        }
        int stored = 0;
        int failed = 0;
        try (DynamoDbClient dynamo = LocalTables.client(dynamodb)) {
            for (Map<String, AttributeValue> item : dynamo.scanPaginator(b -> b.tableName(stackName + "-Registrations")
                    .consistentRead(true)).items()) {
                String email = item.get("email").s();
                if (email.startsWith("burst")) {
                    stored++;
                    if ("FAILED".equals(item.get("emailStatus").s())) {
                        failed++;
                    }
                }
            }
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("burst_registrations", REGISTRATIONS);
        r.put("burst_created_201", created.get());
        r.put("burst_throttled_429", tooMany.get());
        r.put("burst_other_answers", other.get());
        r.put("burst_sending_s", Math.round(sendingSeconds * 10) / 10.0);
        r.put("burst_sources", SOURCES);
        r.put("burst_ses_rate", SES_RATE);
        r.put("burst_stored", stored);
        r.put("burst_sent_once", perRecipient.values().stream().filter(c -> c == 1).count());
        r.put("burst_duplicates", perRecipient.values().stream().mapToInt(c -> Math.max(0, c - 1)).sum());
        r.put("burst_failed", failed);
        r.put("burst_drain_s", Math.round((lastAccepted - startMillis) / 100.0) / 10.0);
        r.put("burst_drain_target_s", Math.round(stored / (double) SES_RATE * 1.15 * 10) / 10.0);
        r.put("burst_peak_send_rate", perSecond.entrySet().stream().filter(e -> e.getKey() >= startMillis / 1000)
                .mapToInt(Map.Entry::getValue).max().orElse(0));
        r.put("burst_ses_throttled", ((Number) sending.get("throttled")).intValue());
        return r;
    }

    private static long acceptedSince(Map<Long, Integer> now, Map<Long, Integer> before) {
        long total = 0;
        for (Map.Entry<Long, Integer> e : now.entrySet()) {
            total += e.getValue() - before.getOrDefault(e.getKey(), 0);
        }
        return total;
    }

    private static Map<Long, Integer> accepted(HttpClient http, URI ses) throws IOException, InterruptedException {
        return accepted(sending(http, ses));
    }

    private static Map<Long, Integer> accepted(Map<String, Object> sending) {
        Map<Long, Integer> perSecond = new HashMap<>();
        @SuppressWarnings("unchecked")
        Map<String, Object> accepted = (Map<String, Object>) sending.get("accepted");
        accepted.forEach((second, count) -> perSecond.put(Long.parseLong(second), ((Number) count).intValue()));
        return perSecond;
    }

    private static Map<String, Object> sending(HttpClient http, URI ses) throws IOException, InterruptedException {
        return JSON.std.mapFrom(http.send(HttpRequest.newBuilder(ses.resolve("/_rate")).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> store(HttpClient http, URI ses) throws IOException, InterruptedException {
        Map<String, Object> store = JSON.std.mapFrom(http.send(HttpRequest.newBuilder(ses.resolve("/store")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        return ((List<Object>) store.get("emails")).stream().map(e -> (Map<String, Object>) e).toList();
    }
}
