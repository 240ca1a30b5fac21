package org.lpsa.forms.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.lpsa.forms.TestStack;
import org.lpsa.forms.aws.AwsClients;
import org.lpsa.forms.local.aws.Emulators;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The send pacer against the emulators: the places it takes in the Limits table, and what SES makes of the sends. */
class SendRateIT {
    private static final int RATE = 3;

    private final TestStack stack = new TestStack();

    @Test
    void aPlaceThatComesBackAfterItsSecondIsLeftAndTheNextSecondsIsTaken() {
        // half a second into a clock second; the write that takes the place answers 0.7 s later, in the next second
        TestStack.MutableClock clock = new TestStack.MutableClock(Instant.parse("2022-06-01T09:00:00.500Z"));
        long second = clock.millis() / 1000;
        AtomicBoolean slowed = new AtomicBoolean();
        ExecutionInterceptor slowFirstWrite = new ExecutionInterceptor() {
            @Override
            public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                if ("UpdateItem".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME)) && slowed.compareAndSet(false, true)) {
                    clock.advance(Duration.ofMillis(700));
                }
            }
        };
        String limits = stack.table("LimitsTable");
        Emulators.shared().sesRate(RATE);
        try {
            SendRate rate = new SendRate(stack.clients.sesV2(), stack.dynamo(slowFirstWrite), limits, clock);
            assertTrue(rate.acquire(), "a place within the rate");
        } finally {
            Emulators.shared().sesRate(null);
        }
        assertTrue(slowed.get());
        // the late place was counted (it cannot be given back without a second write) and left unused ...
        assertEquals("3", sends(limits, second), "places 1 and 2 skipped as past, place 3 taken late");
        // ... and the send went in the second it was counted in
        assertEquals("1", sends(limits, second + 1));
        assertFalse(stack.dynamo.getItem(b -> b.tableName(limits).key(key(second + 2))).hasItem());
    }

    @Test
    void concurrentMailersTogetherKeepToTheAccountsSendingRate() throws Exception {
        stack.seedMeeting("demo", true);
        int people = 8;
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < people; i++) {
            String address = "paced" + i + "@example.org";
            byte[] event = new String(stack.sampleEvent("register-new.json"), StandardCharsets.UTF_8)
                    .replace("Ana.Perez@Example.org", address).getBytes(StandardCharsets.UTF_8);
            assertEquals(201, TestStack.invoke(stack.registerHandler(), event).get("statusCode"));
            addresses.add(address);
        }
        String registrations = stack.table("RegistrationsTable");
        SendTimes times = new SendTimes();
        Emulators.shared().sesRate(RATE);
        try (AwsClients clients = stack.clients(times)) {
            Map<String, Object> before = Emulators.shared().sesSending();
            // four mailers at once, as four copies of the function would run: they share the rate through the Limits table
            ExecutorService copies = Executors.newFixedThreadPool(4);
            List<Future<Mailer.Outcome>> outcomes = new ArrayList<>();
            for (String address : addresses) {
                Map<String, AttributeValue> key = Map.of("eventId", AttributeValue.fromS("demo"), "email", AttributeValue.fromS(address));
                Mailer mailer = stack.mailer(EmailSender.of(stack.config(), clients.sesV2(), stack.functionsDynamo));
                outcomes.add(copies.submit(() -> mailer.deliver(registrations, key, "t")));
            }
            for (Future<Mailer.Outcome> outcome : outcomes) {
                assertEquals(Mailer.Outcome.SENT, outcome.get());
            }
            copies.shutdown();
            Map<String, Object> after = Emulators.shared().sesSending();
            int peak = times.startsPerSecond().values().stream().mapToInt(Integer::intValue).max().orElse(0);
            assertTrue(peak <= RATE, "at most " + RATE + " sends started in any second: " + times.startsPerSecond());
            assertEquals(((Number) before.get("throttled")).intValue(), ((Number) after.get("throttled")).intValue(),
                    "SES throttled none; sends accepted by second: " + after.get("accepted"));
        } finally {
            Emulators.shared().sesRate(null);
        }
        for (String address : addresses) {
            assertEquals(1, stack.sentTo(address).size(), "one email each");
        }
    }

    /** How many SendEmail calls started in each clock second (their pacing done). */
    private static final class SendTimes implements ExecutionInterceptor {
        private final TreeMap<Long, Integer> startsPerSecond = new TreeMap<>();

        @Override
        public synchronized void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if ("SendEmail".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
                startsPerSecond.merge(System.currentTimeMillis() / 1000, 1, Integer::sum);
            }
        }

        synchronized TreeMap<Long, Integer> startsPerSecond() {
            return new TreeMap<>(startsPerSecond);
        }
    }

    private String sends(String limits, long second) {
        var item = stack.dynamo.getItem(b -> b.tableName(limits).key(key(second)).consistentRead(true));
        assertTrue(item.hasItem(), "no place was taken in second " + second);
        return item.item().get("sends").n();
    }

    private static Map<String, AttributeValue> key(long second) {
        return Map.of("limitKey", AttributeValue.fromS("ses-sends#" + second));
    }
}
