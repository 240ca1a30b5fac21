package org.lpsa.forms.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lpsa.forms.TestStack;
import org.lpsa.forms.mail.EmailSender;
import org.lpsa.forms.mail.Mailer;
import org.lpsa.forms.outbox.MailerHandler;
import org.lpsa.forms.local.aws.StreamPump;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Registrations through the real handlers, the real SDK and the emulators: what is stored, what is sent. */
class RegistrationIT {
    private TestStack stack;
    private RegisterHandler register;
    private StreamPump stream;

    @BeforeEach
    void setUp() {
        stack = new TestStack();
        stack.seedMeeting("demo", true);
        stack.seedMeeting("opm-2022", false);
        register = stack.registerHandler();
        stream = stack.registrationsStream(new MailerHandler(stack.mailer()));
    }

    @AfterEach
    void tearDown() {
        stream.close();
    }

    @Test
    void aNewRegistrationIsStoredOnceAndConfirmedOnceWithTheTimeInTheRegistrantsZone() throws IOException {
        Map<String, Object> response = TestStack.invoke(register, stack.sampleEvent("register-new.json"));

        assertEquals(201, response.get("statusCode"));
        Map<String, AttributeValue> item = storedItem("demo", "ana.perez@example.org");
        assertEquals("Ana Pérez", item.get("name").s());
        assertEquals("NP", item.get("country").s());
        assertEquals("Asia/Kathmandu", item.get("timeZone").s(), "Nepal has one zone: derived from the country");
        assertEquals("country", item.get("timeZoneSource").s());
        assertEquals(List.of("country-support", "webinar-topics"), item.get("interests").ss().stream().sorted().toList());
        assertTrue(item.get("newsletter").bool());
        assertEquals("api-1", item.get("formVersion").s());
        assertEquals("PENDING", item.get("emailStatus").s());
        assertTrue(stack.sentEmails().isEmpty(), "nothing is sent by the API handler itself");

        assertEquals(1, stream.pollOnce());

        List<Map<String, Object>> sent = stack.sentTo("ana.perez@example.org");
        assertEquals(1, sent.size());
        Map<String, Object> email = sent.get(0);
        String text = (String) ((Map<?, ?>) email.get("body")).get("text");
        assertTrue(text.contains("Friday 10 June 2022, 5:45 PM"), text);
        assertTrue(text.contains("your time in Kathmandu"), text);
        assertTrue(text.contains("8:00 AM New York; 1:00 PM London; 5:30 PM New Delhi"), text);
        assertTrue(text.contains("https://meet.example.org/lpsa"), text);
        assertTrue(headers(email).contains(Map.of("name", "Auto-Submitted", "value", "auto-generated")));
        Map<?, ?> attachment = (Map<?, ?>) ((List<?>) email.get("attachments")).get(0);
        assertEquals("demo.ics", attachment.get("filename"));
        String ics = new String(Base64.getDecoder().decode((String) attachment.get("content")), StandardCharsets.UTF_8);
        assertTrue(ics.contains("DTSTART:20220610T120000Z\r\n"), ics);
        assertEquals("SENT", storedItem("demo", "ana.perez@example.org").get("emailStatus").s());

        assertEquals(0, stream.pollOnce(), "a SENT item is filtered out of the stream");
        assertEquals(1, stack.sentEmails().size());
    }

    @Test
    void theSameEmailInOtherCaseAnswers200AndStoresAndSendsNothingMore() {
        TestStack.invoke(register, stack.sampleEvent("register-new.json"));
        stream.pollOnce();

        Map<String, Object> again = TestStack.invoke(register, stack.sampleEvent("register-same-email-other-case.json"));

        assertEquals(200, again.get("statusCode"));
        assertTrue(String.valueOf(again.get("body")).contains("already-registered"));
        assertEquals(1, countRegistrations());
        stream.pollOnce();
        assertEquals(1, stack.sentEmails().size());
    }

    @Test
    void refusedRequestsStoreNothingAndSendNothing() throws IOException {
        Map<String, Object> invalid = TestStack.invoke(register, stack.sampleEvent("register-invalid-email.json"));
        assertEquals(400, invalid.get("statusCode"));
        assertEquals(List.of(Map.of("field", "email", "message", "Enter an email address like name@example.org.")),
                JSON.std.mapFrom(String.valueOf(invalid.get("body"))).get("errors"));

        assertEquals(409, TestStack.invoke(register, stack.sampleEvent("register-closed-event.json")).get("statusCode"));
        assertEquals(404, TestStack.invoke(register, stack.sampleEvent("register-unknown-event.json")).get("statusCode"));
        assertEquals(415, TestStack.invoke(register, stack.sampleEvent("register-wrong-content-type.json")).get("statusCode"));

        assertEquals(0, countRegistrations());
        stream.pollOnce();
        assertTrue(stack.sentEmails().isEmpty());
    }

    @Test
    void aFilledHoneypotLooksLikeSuccessButStoresNothing() {
        Map<String, Object> response = TestStack.invoke(register, stack.sampleEvent("register-honeypot.json"));

        assertEquals(201, response.get("statusCode"));
        assertTrue(String.valueOf(response.get("body")).contains("\"status\":\"registered\""));
        assertEquals(0, countRegistrations());
    }

    @Test
    void theHoneypotAnswersAsARegistrationWouldAndRepeatsOnlyACheckedAddress() throws IOException {
        String trappedBody = String.valueOf(JSON.std.mapFrom(stack.sampleEvent("register-honeypot.json")).get("body"));
        Map<String, Object> trapped = TestStack.invoke(register, withBody(stack.sampleEvent("register-honeypot.json"),
                trappedBody.replace("bot@example.org", " Bot@Example.org ")));
        Map<String, Object> real = TestStack.invoke(register, withBody(stack.sampleEvent("register-honeypot.json"),
                trappedBody.replace(", \"website\": \"http://spam.example.com\"", "")));
        assertEquals(201, trapped.get("statusCode"));
        assertEquals(real.get("body"), trapped.get("body"), "the trap cannot be told from success");
        assertEquals(1, countRegistrations(), "only the real one");

        for (String email : List.of("", "not-an-address")) {
            Map<String, Object> refused = TestStack.invoke(register, withBody(stack.sampleEvent("register-honeypot.json"),
                    trappedBody.replace("bot@example.org", email)));
            assertEquals(400, refused.get("statusCode"), email);
            assertEquals("email", ((Map<?, ?>) ((List<?>) JSON.std.mapFrom(String.valueOf(refused.get("body"))).get("errors")).get(0))
                    .get("field"));
        }
        Map<String, Object> noEmail = TestStack.invoke(register, withBody(stack.sampleEvent("register-honeypot.json"),
                trappedBody.replace("\"email\": \"bot@example.org\", ", "")));
        assertEquals(400, noEmail.get("statusCode"));
        assertFalse(String.valueOf(noEmail.get("body")).contains("null"), String.valueOf(noEmail.get("body")));
    }

    @Test
    void aHoneypotOfFalseOrZeroIsNoTextAndTheRegistrationIsStored() throws IOException {
        String body = String.valueOf(JSON.std.mapFrom(stack.sampleEvent("register-honeypot.json")).get("body"));
        Map<String, Object> response = TestStack.invoke(register, withBody(stack.sampleEvent("register-honeypot.json"),
                body.replace("\"http://spam.example.com\"", "false")));
        assertEquals(201, response.get("statusCode"));
        assertEquals(1, countRegistrations());
    }

    @Test
    void twentyConcurrentIdenticalRegistrationsStoreOneItemAndSendOneEmail() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            // from twenty networks, so the per-source limit stays out of a test of idempotency
            byte[] event = new String(stack.sampleEvent("register-new.json"), StandardCharsets.UTF_8)
                    .replace("192.0.2.10", "198.51.100." + (i + 1)).getBytes(StandardCharsets.UTF_8);
            calls.add(() -> ((Number) TestStack.invoke(register, event).get("statusCode")).intValue());
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : pool.invokeAll(calls)) {
            statuses.add(f.get());
        }
        pool.shutdown();

        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(19, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(1, countRegistrations());
        stream.pollOnce();
        stream.pollOnce();
        assertEquals(1, stack.sentTo("ana.perez@example.org").size());
    }

    @Test
    void aTimeZoneGivenByTheRegistrantWinsOverTheCountry() {
        String body = "{\"name\":\"Sam\",\"email\":\"sam@example.org\",\"organization\":\"City\",\"role\":\"other\","
                + "\"country\":\"US\",\"timeZone\":\"America/New_York\",\"interests\":[\"other\"],\"newsletter\":false}";
        Map<String, Object> response = TestStack.invoke(register, withBody(stack.sampleEvent("register-new.json"), body));
        assertEquals(201, response.get("statusCode"));
        stream.pollOnce();
        String text = (String) ((Map<?, ?>) stack.sentTo("sam@example.org").get(0).get("body")).get("text");
        assertTrue(text.contains("8:00 AM EDT (UTC-4), your time in New York"), text);
        assertFalse(storedItem("demo", "sam@example.org").get("newsletter").bool());
    }

    @Test
    void aRegistrationSentWithAnOldZoneNameIsConfirmedUnderTheCurrentOne() {
        String body = "{\"name\":\"Priya\",\"email\":\"priya@example.org\",\"organization\":\"City\",\"role\":\"other\","
                + "\"country\":\"IN\",\"timeZone\":\"Asia/Calcutta\",\"interests\":[\"other\"],\"newsletter\":false}";
        assertEquals(201, TestStack.invoke(register, withBody(stack.sampleEvent("register-new.json"), body)).get("statusCode"));
        assertEquals("Asia/Kolkata", storedItem("demo", "priya@example.org").get("timeZone").s());
        stream.pollOnce();
        String text = (String) ((Map<?, ?>) stack.sentTo("priya@example.org").get(0).get("body")).get("text");
        assertTrue(text.contains("5:30 PM IST (UTC+5:30), your time in Kolkata"), text);
        assertFalse(text.contains("Calcutta"), text);
    }

    @Test
    void aRegistrantFromChinaWithoutAZoneGetsBeijingTime() {
        String body = "{\"name\":\"Wei\",\"email\":\"wei@example.org\",\"organization\":\"City\",\"role\":\"other\","
                + "\"country\":\"CN\",\"interests\":[\"other\"],\"newsletter\":false}";
        TestStack.invoke(register, withBody(stack.sampleEvent("register-new.json"), body));
        assertEquals("Asia/Shanghai", storedItem("demo", "wei@example.org").get("timeZone").s());
        assertEquals("country", storedItem("demo", "wei@example.org").get("timeZoneSource").s());
    }

    @Test
    void withoutAZoneInACountryOfManyZonesTheEmailUsesUtcAndSaysSo() {
        String body = "{\"name\":\"Lee\",\"email\":\"lee@example.org\",\"organization\":\"City\",\"role\":\"other\","
                + "\"country\":\"US\",\"interests\":[\"other\"],\"newsletter\":false}";
        TestStack.invoke(register, withBody(stack.sampleEvent("register-new.json"), body));
        stream.pollOnce();
        String text = (String) ((Map<?, ?>) stack.sentTo("lee@example.org").get(0).get("body")).get("text");
        assertTrue(text.contains("UTC: Friday 10 June 2022, 12:00 PM UTC"), text);
        assertTrue(text.contains("We did not know your time zone"), text);
    }

    @Test
    void aFailedSendLeavesTheRegistrationPendingAndALaterTrySendsIt() {
        Mailer failing = stack.mailer(new EmailSender(stack.clients(TestStack.unreachable("SendEmail")).sesV2(), null));
        TestStack.invoke(register, stack.sampleEvent("register-new.json"));

        assertEquals(Mailer.Outcome.FAILED_WILL_RETRY, confirm(failing, "ana.perez@example.org"));
        Map<String, AttributeValue> item = storedItem("demo", "ana.perez@example.org");
        assertEquals("PENDING", item.get("emailStatus").s());
        assertEquals("1", item.get("emailAttempts").n());
        assertTrue(stack.sentEmails().isEmpty());

        stream.pollOnce();
        assertTrue(stack.sentEmails().isEmpty(), "not due yet: the retry waits for its time");
        stack.clock.advance(Duration.ofMinutes(2));
        assertEquals(Mailer.Outcome.SENT, confirm(stack.mailer(), "ana.perez@example.org"));
        assertEquals("SENT", storedItem("demo", "ana.perez@example.org").get("emailStatus").s());
        assertEquals(1, stack.sentTo("ana.perez@example.org").size());
    }

    private static List<?> headers(Map<String, Object> email) {
        return (List<?>) email.get("headers");
    }

    private byte[] withBody(byte[] sample, String body) {
        try {
            Map<String, Object> event = JSON.std.mapFrom(sample);
            event.put("body", body);
            return JSON.std.asBytes(event);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Map<String, AttributeValue> storedItem(String eventId, String email) {
        return stack.dynamo.getItem(b -> b.tableName(stack.table("RegistrationsTable")).consistentRead(true)
                .key(Map.of("eventId", AttributeValue.fromS(eventId), "email", AttributeValue.fromS(email)))).item();
    }

    private int countRegistrations() {
        return stack.dynamo.scan(b -> b.tableName(stack.table("RegistrationsTable"))).count();
    }

    /** What the mailer does with the registration of {@code email} for "demo", as a stream record would have it. */
    private Mailer.Outcome confirm(Mailer mailer, String email) {
        return mailer.deliver(stack.table("RegistrationsTable"),
                Map.of("eventId", AttributeValue.fromS("demo"), "email", AttributeValue.fromS(email)), "t");
    }
}
