package org.lpsa.forms.ideas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lpsa.forms.TestStack;
import org.lpsa.forms.local.aws.StreamPump;
import org.lpsa.forms.outbox.MailerHandler;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Ideas from the web form, against the emulators: what is stored, what is acknowledged. */
class WebIdeasIT {
    private static final String GRACE = "grace.wanjiru@example.org";

    private TestStack stack;
    private IdeaHandler handler;
    private StreamPump stream;

    @BeforeEach
    void setUp() {
        stack = new TestStack();
        handler = new IdeaHandler(new IdeaService(stack.ideas(), stack.contacts(), stack.clock), stack.sourceLimits());
        stream = stack.ideasStream(new MailerHandler(stack.mailer()));
    }

    @AfterEach
    void tearDown() {
        stream.close();
    }

    @Test
    void anIdeaIsStoredOnceAndAcknowledgedOnce() throws IOException {
        Map<String, Object> first = TestStack.invoke(handler, stack.sampleEvent("idea-new.json"));
        assertEquals(201, first.get("statusCode"));
        String ideaId = (String) JSON.std.mapFrom(String.valueOf(first.get("body"))).get("ideaId");

        Map<String, AttributeValue> item = item(ideaId);
        assertEquals("web", item.get("channel").s());
        assertEquals("webinar-topics", item.get("area").s());
        assertEquals(GRACE, item.get("email").s());
        assertEquals("new", item.get("status").s());
        assertTrue(item.get("text").s().contains("formula-based grants in East Africa"));

        assertEquals(200, TestStack.invoke(handler, stack.sampleEvent("idea-new.json")).get("statusCode"), "a double click");
        assertEquals(1, count());

        stream.pollOnce();
        List<Map<String, Object>> sent = stack.sentTo(GRACE);
        assertEquals(1, sent.size());
        Map<String, Object> ack = sent.get(0);
        String text = (String) ((Map<?, ?>) ack.get("body")).get("text");
        assertTrue(text.contains("A webinar on fiscal transfers to local governments"), text);
        assertTrue(text.contains("Priority area: Webinar topics"), text);
        assertTrue(text.contains("ideas@decentralization.net"), text);
        List<?> headers = (List<?>) ack.get("headers");
        assertTrue(headers.contains(Map.of("name", "Auto-Submitted", "value", "auto-generated")));
        assertTrue(headers.contains(Map.of("name", "X-Auto-Response-Suppress", "value", "All")));
        assertEquals("SENT", item(ideaId).get("emailStatus").s());
    }

    @Test
    void theSameSubmissionIdWithOtherContentIs409() throws IOException {
        TestStack.invoke(handler, stack.sampleEvent("idea-new.json"));
        Map<String, Object> event = JSON.std.mapFrom(stack.sampleEvent("idea-new.json"));
        event.put("body", String.valueOf(event.get("body")).replace("A webinar on fiscal", "Another webinar on fiscal"));
        Map<String, Object> response = TestStack.invoke(handler, JSON.std.asBytes(event));
        assertEquals(409, response.get("statusCode"));
        assertTrue(String.valueOf(response.get("body")).contains("\"field\":\"submissionId\""));
        assertEquals(1, count());
    }

    @Test
    void badFieldsAreListedAndNothingIsStored() throws IOException {
        Map<String, Object> event = JSON.std.mapFrom(stack.sampleEvent("idea-new.json"));
        event.put("body", "{\"submissionId\":\"x\",\"area\":\"gardening\",\"title\":\"\",\"text\":\"" + "y".repeat(10_001)
                + "\",\"email\":\"not-an-address\"}");
        Map<String, Object> response = TestStack.invoke(handler, JSON.std.asBytes(event));
        assertEquals(400, response.get("statusCode"));
        String body = String.valueOf(response.get("body"));
        for (String field : List.of("submissionId", "area", "title", "text", "email")) {
            assertTrue(body.contains("\"field\":\"" + field + "\""), field + " in " + body);
        }
        assertEquals(0, count());
    }

    @Test
    void aPlainFormIdeaAnswers303AndAFilledHoneypotStoresNothing() {
        Map<String, Object> response = TestStack.invoke(handler, stack.sampleEvent("idea-form.json"));
        assertEquals(303, response.get("statusCode"));
        assertEquals(1, count());
        String trapped = new String(stack.sampleEvent("idea-form.json"), java.nio.charset.StandardCharsets.UTF_8)
                .replace("3c9d2b1a", "4d0e3c2b").replace("website=", "website=spam");
        assertEquals(303, TestStack.invoke(handler, trapped.getBytes(java.nio.charset.StandardCharsets.UTF_8)).get("statusCode"));
        assertEquals(1, count());
    }

    @Test
    void theLongestIdeasFitInAPlainFormEvenInFourByteCharacters() throws IOException {
        String emoji = "\uD83D\uDE00"; // four bytes in UTF-8, twelve percent-encoded
        Map<String, Object> reported = formEvent("submissionId=emoji-9000&area=other&title=Emoji&text=" + encode(emoji.repeat(9_000)));
        assertEquals(303, TestStack.invoke(handler, JSON.std.asBytes(reported)).get("statusCode"));

        String longestEmail = "!".repeat(64) + "@" + ("d".repeat(63) + ".").repeat(2) + "d".repeat(57) + ".org";
        assertEquals(254, longestEmail.length());
        String largest = "submissionId=" + "s".repeat(100) + "&area=knowledge-products&title=" + encode(emoji.repeat(IdeaForm.MAX_TITLE))
                + "&text=" + encode(emoji.repeat(IdeaForm.MAX_TEXT)) + "&name=" + encode(emoji.repeat(IdeaForm.MAX_TITLE))
                + "&email=" + encode(longestEmail) + "&country=KE&organization=" + encode(emoji.repeat(IdeaForm.MAX_TITLE))
                + "&eventId=" + "e".repeat(64) + "&website=";
        assertEquals(303, TestStack.invoke(handler, JSON.std.asBytes(formEvent(largest))).get("statusCode"));

        assertEquals(2, count());
        List<String> texts = stack.dynamo.scan(b -> b.tableName(stack.table("IdeasTable"))).items().stream()
                .map(item -> item.get("text").s()).sorted().toList();
        assertEquals(List.of(emoji.repeat(9_000), emoji.repeat(IdeaForm.MAX_TEXT)), texts);
    }

    @Test
    void aPlainFormIdeaWithBrokenEncodingAnswers400NamingOnlyThatField() throws IOException {
        // as sent by a page without JavaScript: no submissionId
        String body = String.valueOf(JSON.std.mapFrom(stack.sampleEvent("idea-form.json")).get("body"))
                .replaceFirst("submissionId=[^&]*&", "");
        for (String[] bad : List.of(new String[] {"title=A+chapter", "title=A+chapter%FF", "<strong>Title:</strong> is not valid text (UTF-8)"},
                new String[] {"text=Municipal", "text=Municipal%2", "<strong>Your idea:</strong> is not correctly encoded"})) {
            Map<String, Object> response = TestStack.invoke(handler, JSON.std.asBytes(formEvent(body.replace(bad[0], bad[1]))));
            assertEquals(400, response.get("statusCode"), bad[1]);
            String html = (String) response.get("body");
            assertTrue(html.contains(bad[2]), html);
            assertTrue(html.contains("Please fix this and send the form again"), "one problem only: " + html);
        }
        assertEquals(0, count());
    }

    @Test
    void halfASurrogatePairInJsonIs400NamingTheFieldAndStoresNothing() throws IOException {
        Map<String, Object> event = JSON.std.mapFrom(stack.sampleEvent("idea-new.json"));
        event.put("body", String.valueOf(event.get("body")).replace("A webinar on fiscal", "A webinar \\ud83d on fiscal"));
        Map<String, Object> response = TestStack.invoke(handler, JSON.std.asBytes(event));
        assertEquals(400, response.get("statusCode"));
        assertEquals(List.of(Map.of("field", "title", "message", "is not valid text (half of a UTF-16 surrogate pair)")),
                JSON.std.mapFrom(String.valueOf(response.get("body"))).get("errors"));
        assertEquals(0, count());
    }

    @Test
    void theHoneypotIsFilledOnlyByTextAndAnswersAsAStoredIdeaWould() throws IOException {
        // false or 0 is no text typed: such an idea is stored
        for (String notText : List.of("false", "0")) {
            Map<String, Object> event = withBodyChange("\"eventId\"", "\"website\": " + notText + ", \"eventId\"");
            event.put("body", String.valueOf(event.get("body")).replace("9f1c2e7a", "9f1c2e7" + notText.length()));
            assertEquals(201, TestStack.invoke(handler, JSON.std.asBytes(event)).get("statusCode"), "website: " + notText);
        }
        assertEquals(2, count());

        Map<String, Object> trapped = TestStack.invoke(handler,
                JSON.std.asBytes(withBodyChange("\"eventId\"", "\"website\": \"http://spam.example.com\", \"eventId\"")));
        Map<String, Object> stored = TestStack.invoke(handler, stack.sampleEvent("idea-new.json"));
        assertEquals(201, trapped.get("statusCode"));
        assertEquals(stored.get("body"), trapped.get("body"), "the trap cannot be told from success");
        assertEquals(3, count(), "the trapped one was not stored");

        // what a stored idea would be refused for, the trap refuses: nothing unchecked is repeated
        Map<String, Object> event = JSON.std.mapFrom(stack.sampleEvent("idea-new.json"));
        event.put("body", "{\"website\": \"http://spam.example.com\", \"area\": \"<b>gardening</b>\", \"title\": \"t\", \"text\": \"x\"}");
        Map<String, Object> refused = TestStack.invoke(handler, JSON.std.asBytes(event));
        assertEquals(400, refused.get("statusCode"));
        assertFalse(String.valueOf(refused.get("body")).contains("gardening"), String.valueOf(refused.get("body")));
        assertFalse(String.valueOf(refused.get("body")).contains("null"), String.valueOf(refused.get("body")));
        assertEquals(3, count());
    }

    @Test
    void atMostOneAcknowledgementPerSenderPerDay() throws IOException {
        for (int i = 0; i < 3; i++) {
            Map<String, Object> event = JSON.std.mapFrom(stack.sampleEvent("idea-new.json"));
            event.put("body", String.valueOf(event.get("body")).replace("9f1c2e7a", "9f1c2e7" + i));
            assertEquals(201, TestStack.invoke(handler, JSON.std.asBytes(event)).get("statusCode"));
        }
        stream.pollOnce();
        assertEquals(1, stack.sentTo(GRACE).size());

        stack.clock.advance(java.time.Duration.ofHours(25));
        Map<String, Object> event = JSON.std.mapFrom(stack.sampleEvent("idea-new.json"));
        event.put("body", String.valueOf(event.get("body")).replace("9f1c2e7a", "8e0b1d6f"));
        TestStack.invoke(handler, JSON.std.asBytes(event));
        stream.pollOnce();
        assertEquals(2, stack.sentTo(GRACE).size(), "a day later, one more");
    }

    @Test
    void anIdeaFromARegistrantIsLinkedToTheContact() throws IOException {
        stack.contacts().recordRegistration(GRACE, "Grace Wanjiru", "opm-2022", true, "web-1", Clock.systemUTC().instant());
        Map<String, Object> response = TestStack.invoke(handler, stack.sampleEvent("idea-new.json"));
        String ideaId = (String) JSON.std.mapFrom(String.valueOf(response.get("body"))).get("ideaId");
        assertTrue(item(ideaId).get("registrant").bool());
        assertFalse(item(ideaId).containsKey("noAcknowledgementReason"));
    }

    /** The JSON sample with one piece of its body replaced. */
    private Map<String, Object> withBodyChange(String piece, String replacement) throws IOException {
        Map<String, Object> event = JSON.std.mapFrom(stack.sampleEvent("idea-new.json"));
        event.put("body", String.valueOf(event.get("body")).replace(piece, replacement));
        return event;
    }

    private Map<String, Object> formEvent(String body) throws IOException {
        Map<String, Object> event = JSON.std.mapFrom(stack.sampleEvent("idea-form.json"));
        event.put("body", body);
        return event;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private Map<String, AttributeValue> item(String ideaId) {
        return stack.dynamo.getItem(b -> b.tableName(stack.table("IdeasTable")).consistentRead(true)
                .key(Map.of("ideaId", AttributeValue.fromS(ideaId)))).item();
    }

    private int count() {
        return stack.dynamo.scan(b -> b.tableName(stack.table("IdeasTable"))).count();
    }
}
