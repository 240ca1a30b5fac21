package org.lpsa.forms.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lpsa.forms.TestStack;
import org.lpsa.forms.aws.AwsClients;
import org.lpsa.forms.events.Event;
import org.lpsa.forms.local.aws.Emulators;

/**
 * DynamoDB stalls (the emulator frozen: connections accepted, nothing answered): a registration is
 * answered 503 with Retry-After and its request id within the API's budget, never a false success, and
 * the next one after DynamoDB is back is stored as usual.
 */
class AwsOutageIT {
    @Test
    void whileDynamoDbStallsARegistrationIsAnswered503WithinFiveSecondsAndOnceItIsBackTheNextIsStored() throws IOException {
        TestStack stack = new TestStack();
        Instant start = Instant.now().plus(Duration.ofDays(30));
        stack.events().put(new Event("outage", "Webinar on local revenue", start, Duration.ofMinutes(60), ZoneId.of("UTC"),
                List.of(), null, start, false));
        // the function as deployed: its own clients, with the timeouts of an API request
        RegisterHandler register = new RegisterHandler(stack.config(), new AwsClients(stack.config(), AwsClients.Caller.API_REQUEST));

        Emulators.shared().pauseDynamoDb();
        Map<String, Object> refused;
        long elapsed;
        try {
            long began = System.nanoTime();
            refused = TestStack.invoke(register, registration("lee@example.org"));
            elapsed = (System.nanoTime() - began) / 1_000_000;
        } finally {
            Emulators.shared().resumeDynamoDb();
        }
        assertEquals(503, refused.get("statusCode"));
        assertTrue(elapsed < 5_000, "answered after " + elapsed + " ms");
        Map<?, ?> headers = (Map<?, ?>) refused.get("headers");
        assertEquals("5", headers.get("retry-after"));
        Map<String, Object> body = JSON.std.mapFrom(String.valueOf(refused.get("body")));
        assertEquals("test-request", body.get("requestId"));
        assertTrue(String.valueOf(body.get("message")).contains("send it again"), String.valueOf(body.get("message")));

        Map<String, Object> stored = TestStack.invoke(register, registration("kim@example.org"));
        assertEquals(201, stored.get("statusCode"), String.valueOf(stored.get("body")));
        assertTrue(stack.registrations().find("outage", "kim@example.org").isPresent());
    }

    private static byte[] registration(String email) throws IOException {
        return JSON.std.asBytes(Map.of(
                "version", "2.0",
                "rawPath", "/events/outage/registrations",
                "headers", Map.of("content-type", "application/json"),
                "requestContext", Map.of("http", Map.of("method", "POST", "path", "/events/outage/registrations", "sourceIp", "192.0.2.1")),
                "pathParameters", Map.of("eventId", "outage"),
                "body", JSON.std.asString(Map.of("name", "Lee", "email", email, "organization", "City of Nairobi",
                        "role", "government-official", "country", "KE", "interests", List.of("webinar-topics"), "newsletter", false)),
                "isBase64Encoded", false));
    }
}
