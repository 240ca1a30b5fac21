package org.lpsa.forms.mail;

import org.lpsa.forms.outbox.SweeperHandler;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.lpsa.forms.TestStack;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** The sweeper finds the emails owed through the index of due emails: its reads grow with what is owed, not with the table. */
class SweeperIT {
    @Test
    void withTenThousandEmailsSentAndThreeOwedTheSweeperReadsThreeItemsAndSendsThree() throws IOException {
        TestStack stack = new TestStack();
        stack.seedMeeting("demo", true);
        String table = stack.table("RegistrationsTable");
        List<WriteRequest> batch = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(Map.of(
                    "eventId", AttributeValue.fromS("demo"),
                    "email", AttributeValue.fromS("sent" + i + "@example.org"),
                    "status", AttributeValue.fromS("registered"),
                    "emailStatus", AttributeValue.fromS("SENT"))).build()).build());
            if (batch.size() == 25) {
                List<WriteRequest> items = List.copyOf(batch);
                stack.dynamo.batchWriteItem(b -> b.requestItems(Map.of(table, items)));
                batch.clear();
            }
        }
        for (String email : List.of("owed1@example.org", "owed2@example.org", "owed3@example.org")) {
            Map<String, Object> event = JSON.std.mapFrom(stack.sampleEvent("register-new.json"));
            event.put("body", JSON.std.asString(Map.of("name", "Owed", "email", email, "organization", "City", "role", "other",
                    "country", "KE", "interests", List.of("other"), "newsletter", false)));
            assertEquals(201, TestStack.invoke(stack.registerHandler(), JSON.std.asBytes(event)).get("statusCode"));
        }

        AtomicInteger itemsRead = new AtomicInteger();
        AtomicInteger scans = new AtomicInteger();
        ExecutionInterceptor reads = new ExecutionInterceptor() {
            @Override
            public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                if (context.response() instanceof QueryResponse query) {
                    itemsRead.addAndGet(query.count());
                } else if (context.response() instanceof ScanResponse scan) {
                    scans.incrementAndGet();
                    itemsRead.addAndGet(scan.count());
                }
            }
        };
        Map<String, Object> summary = TestStack.invoke(new SweeperHandler(new PendingEmails(stack.dynamo(reads)), stack.mailer()),
                stack.sampleEvent("sweeper-schedule.json"));

        assertEquals(3, itemsRead.get(), "only the three emails owed were read");
        assertEquals(0, scans.get(), "no table was scanned");
        assertEquals(3, summary.get("sent"));
        for (int i = 1; i <= 3; i++) {
            assertEquals(1, stack.sentTo("owed" + i + "@example.org").size());
        }
        assertTrue(stack.sentTo("sent1@example.org").isEmpty());
    }
}
