package org.lpsa.forms.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The send pacer against the emulators: the places it takes in the Limits table, and what SES makes of the sends. */
class SendRateIT {
    private static final int RATE = 3;
    /**
     * A send's first attempt slower than this (from its start to SES's answer; a few milliseconds here) means
     * the machine stalled: the pacer leaves at least 450 ms between a send's start and its second's end.
     */
    private static final long STALL_MILLIS = 250;

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

    /**
     * SES counts a send in the second it arrives, the pacer in the second it starts. A machine that stalls for
     * longer than the pacer's margin (a busy shared CI host) can push a send into the next second; such a run
     * shows a slow send and is run again, up to three times. A throttled send in a run without a slow one is
     * the pacer's fault and fails at once.
     */
    @Test
    void concurrentMailersTogetherKeepToTheAccountsSendingRate() throws Exception {
        stack.seedMeeting("demo", true);
        List<String> stalled = new ArrayList<>();
        for (int run = 1; run <= 3; run++) {
            PacedRun paced = pacedRun(run, 8);
            assertTrue(paced.peakStarts() <= RATE, "at most " + RATE + " sends started in any second: " + paced.startsPerSecond());
            if (paced.throttled() == 0) {
                assertEquals(List.of(Mailer.Outcome.SENT), paced.outcomes().stream().distinct().toList());
                for (String address : paced.addresses()) {
                    assertEquals(1, stack.sentTo(address).size(), "one email each");
                }
                return;
            }
            assertTrue(paced.slowestMillis() >= STALL_MILLIS, "SES throttled " + paced.throttled()
                    + " sends though none was slower than " + STALL_MILLIS + " ms: " + paced.startsPerSecond());
            stalled.add("run " + run + ": " + paced.throttled() + " throttled, slowest send " + paced.slowestMillis() + " ms");
        }
        fail("the machine stalled in every run: " + stalled);
    }

    private record PacedRun(List<String> addresses, List<Mailer.Outcome> outcomes, int throttled,
                            TreeMap<Long, Integer> startsPerSecond, long slowestMillis) {
        int peakStarts() {
            return startsPerSecond.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        }
    }

    /** Registers {@code people}, then delivers their confirmations through four mailers at once, as four copies of the function would run. */
    private PacedRun pacedRun(int run, int people) throws Exception {
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < people; i++) {
            String address = "paced" + run + "-" + i + "@example.org";
            byte[] event = new String(stack.sampleEvent("register-new.json"), StandardCharsets.UTF_8)
                    .replace("Ana.Perez@Example.org", address).getBytes(StandardCharsets.UTF_8);
            assertEquals(201, TestStack.invoke(stack.registerHandler(), event).get("statusCode"));
            addresses.add(address);
        }
        String registrations = stack.table("RegistrationsTable");
        SendTimes times = new SendTimes();
        List<Mailer.Outcome> outcomes = new ArrayList<>();
        Emulators.shared().sesRate(RATE);
        try (AwsClients clients = stack.clients(times)) {
            int throttledBefore = ((Number) Emulators.shared().sesSending().get("throttled")).intValue();
            // the copies share the rate through the Limits table
            ExecutorService copies = Executors.newFixedThreadPool(4);
            List<Future<Mailer.Outcome>> sent = new ArrayList<>();
            for (String address : addresses) {
                Map<String, AttributeValue> key = Map.of("eventId", AttributeValue.fromS("demo"), "email", AttributeValue.fromS(address));
                Mailer mailer = stack.mailer(EmailSender.of(stack.config(), clients.sesV2(), stack.functionsDynamo));
                sent.add(copies.submit(() -> mailer.deliver(registrations, key, "t")));
            }
            for (Future<Mailer.Outcome> outcome : sent) {
                outcomes.add(outcome.get());
            }
            copies.shutdown();
            int throttled = ((Number) Emulators.shared().sesSending().get("throttled")).intValue() - throttledBefore;
            return new PacedRun(addresses, outcomes, throttled, times.startsPerSecond(), times.slowestMillis());
        } finally {
            Emulators.shared().sesRate(null);
        }
    }

    /** When each SendEmail started (its pacing done) and how long its first attempt took to be answered. */
    private static final class SendTimes implements ExecutionInterceptor {
        private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("pacedSendStarted");
        private static final ExecutionAttribute<Boolean> ANSWERED = new ExecutionAttribute<>("pacedSendAnswered");
        private final TreeMap<Long, Integer> startsPerSecond = new TreeMap<>();
        private long slowestMillis;

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if ("SendEmail".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
                long now = System.currentTimeMillis();
                attributes.putAttribute(STARTED, now);
                synchronized (this) {
                    startsPerSecond.merge(now / 1000, 1, Integer::sum);
                }
            }
        }

        @Override
        public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
            Long started = attributes.getAttribute(STARTED);
            // only the first attempt: the SDK's own retries of a throttled send come after a back-off
            if (started != null && attributes.getAttribute(ANSWERED) == null) {
                attributes.putAttribute(ANSWERED, true);
                synchronized (this) {
                    slowestMillis = Math.max(slowestMillis, System.currentTimeMillis() - started);
                }
            }
        }

        synchronized TreeMap<Long, Integer> startsPerSecond() {
            return new TreeMap<>(startsPerSecond);
        }

        synchronized long slowestMillis() {
            return slowestMillis;
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
