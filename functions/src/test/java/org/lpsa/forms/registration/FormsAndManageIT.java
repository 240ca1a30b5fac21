package org.lpsa.forms.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lpsa.forms.TestStack;
import org.lpsa.forms.events.EventInfoHandler;
import org.lpsa.forms.local.aws.StreamPump;
import org.lpsa.forms.outbox.MailerHandler;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Plain HTML forms, the thank-you page, the manage link, resends and event facts, against the emulators. */
class FormsAndManageIT {
    private static final Pattern MANAGE_LINK = Pattern.compile("https://forms\\.example\\.org/manage\\?token=([A-Za-z0-9_.%-]+)");
    private static final String AMINA = "amina.diallo@example.org";

    private TestStack stack;
    private RegisterHandler register;
    private ManageHandler manage;
    private StreamPump stream;

    @BeforeEach
    void setUp() {
        stack = new TestStack();
        stack.seedMeeting("demo", true);
        register = stack.registerHandler();
        manage = new ManageHandler(new ManageService(stack.events(), stack.registrations(), stack.contacts(), stack.tokens(), stack.clock));
        stream = stack.registrationsStream(new MailerHandler(stack.mailer()));
    }

    @AfterEach
    void tearDown() {
        stream.close();
    }

    @Test
    void aPlainFormRegistrationAnswers303ToAThankYouPageNamingTheEventButNotTheAddress() {
        Map<String, Object> response = TestStack.invoke(register, stack.sampleEvent("register-form.json"));

        assertEquals(303, response.get("statusCode"));
        String location = header(response, "location");
        assertTrue(location.startsWith("/events/demo/registered?token="), location);
        Map<String, AttributeValue> item = item(AMINA);
        assertEquals("form", item.get("channel").s());
        assertEquals("web-1", item.get("formVersion").s());
        assertTrue(item.get("newsletter").bool());
        assertEquals(List.of("convening", "regional-chapters"), item.get("interests").ss().stream().sorted().toList());

        String token = location.substring(location.indexOf("token=") + 6);
        Map<String, Object> page = TestStack.invoke(register, withToken("thank-you-page.json", token));
        assertEquals(200, page.get("statusCode"));
        String html = (String) page.get("body");
        assertTrue(html.contains("LPSA Open Planning Meeting 2022/23"), html);
        assertFalse(holdsTheAddress(location), "the redirect names no address, in clear or base64: " + location);
        assertFalse(html.contains(AMINA), html);
        assertTrue(header(page, "content-type").startsWith("text/html"));

        Map<String, Object> forged = TestStack.invoke(register, withToken("thank-you-page.json", token.substring(0, token.length() - 2) + (token.endsWith("xx") ? "yy" : "xx")));
        assertEquals(400, forged.get("statusCode"));
    }

    @Test
    void aMeetingsPageSaysWhenItIsAndAClosedOneOffersNoForm() {
        Map<String, Object> open = TestStack.invoke(register, stack.sampleEvent("register-page.json"));
        assertEquals(200, open.get("statusCode"));
        String html = (String) open.get("body");
        assertTrue(html.contains("Friday 10 June 2022, 12:00 UTC"), html);
        assertTrue(html.contains("action=\"/events/demo/registrations\""), html);
        assertTrue(html.contains("value=\"web-2\""), "the form names the wording it shows");

        stack.seedMeeting("closed-meeting", false);
        Map<String, Object> closed = TestStack.invoke(register, new String(stack.sampleEvent("register-page.json"), StandardCharsets.UTF_8)
                .replace("demo", "closed-meeting").getBytes(StandardCharsets.UTF_8));
        assertEquals(200, closed.get("statusCode"));
        String closedHtml = (String) closed.get("body");
        assertTrue(closedHtml.contains("Registration for this meeting is closed"), closedHtml);
        assertFalse(closedHtml.contains("<form"), closedHtml);
    }

    @Test
    void aPlainFormWithABadEmailAnswers400WithAPageNamingTheField() {
        Map<String, Object> response = TestStack.invoke(register, stack.sampleEvent("register-form-invalid-email.json"));

        assertEquals(400, response.get("statusCode"));
        assertTrue(header(response, "content-type").startsWith("text/html"));
        String html = (String) response.get("body");
        assertTrue(html.contains("<strong>Email address:</strong> Enter an email address like name@example.org."), html);
        assertTrue(html.contains("href=\"https://decentralization.net/register\""), "a link back to the form");
        assertEquals(0, stack.dynamo.scan(b -> b.tableName(stack.table("RegistrationsTable"))).count());
    }

    @Test
    void aPlainFormWithBytesThatAreNotUtf8Answers400NamingTheFieldAndStoresNothing() {
        // "Ana P\u00e9rez" from a page sent in Latin-1: %E9 alone is no UTF-8 character
        String event = new String(stack.sampleEvent("register-form.json"), StandardCharsets.UTF_8)
                .replace("name=Amina+Diallo", "name=Amina+Diall%F6");
        Map<String, Object> response = TestStack.invoke(register, event.getBytes(StandardCharsets.UTF_8));

        assertEquals(400, response.get("statusCode"));
        String html = (String) response.get("body");
        assertTrue(html.contains("<strong>Your name:</strong> is not valid text (UTF-8)"), html);
        assertEquals(0, stack.dynamo.scan(b -> b.tableName(stack.table("RegistrationsTable"))).count());
    }

    @Test
    void aFilledHoneypotOnAPlainFormLooksLikeSuccessAndStoresNothing() {
        Map<String, Object> response = TestStack.invoke(register, stack.sampleEvent("register-form-honeypot.json"));
        assertEquals(303, response.get("statusCode"));
        assertEquals(0, stack.dynamo.scan(b -> b.tableName(stack.table("RegistrationsTable"))).count());
        stream.pollOnce();
        assertTrue(stack.sentEmails().isEmpty());
    }

    @Test
    void theManageLinkShowsThenCancelsAndANoticeFollows() {
        String token = registerAndReadManageToken();

        Map<String, Object> shown = TestStack.invoke(manage, withToken("manage-show.json", token));
        assertEquals(200, shown.get("statusCode"));
        assertTrue(((String) shown.get("body")).contains("Amina Diallo"));
        assertEquals("registered", item(AMINA).get("status").s(), "GET only shows");

        Map<String, Object> cancelled = TestStack.invoke(manage, withToken("manage-cancel.json", token));
        assertEquals(303, cancelled.get("statusCode"));
        assertEquals("/manage/done?action=cancelled", header(cancelled, "location"));
        Map<String, AttributeValue> item = item(AMINA);
        assertEquals("cancelled", item.get("status").s());
        assertNotNull(item.get("cancelledAt"));

        stream.pollOnce();
        List<Map<String, Object>> sent = stack.sentTo(AMINA);
        assertEquals(2, sent.size());
        assertTrue(String.valueOf(sent.get(1).get("subject")).startsWith("Registration cancelled"));

        Map<String, Object> again = TestStack.invoke(manage, withToken("manage-cancel.json", token));
        assertEquals(303, again.get("statusCode"), "cancelling twice is harmless");
        assertEquals("/manage/done?action=unchanged", header(again, "location"), "and says nothing changed");
        stream.pollOnce();
        assertEquals(2, stack.sentTo(AMINA).size(), "and sends nothing more");
    }

    @Test
    void anUpdateToLimaTimeSendsOneNewConfirmationAt7AmInLima() {
        String token = registerAndReadManageToken();
        String page = (String) TestStack.invoke(manage, withToken("manage-show.json", token)).get("body");
        assertTrue(page.contains("name=\"action\" value=\"update\""), "the manage page offers to change the details");
        assertTrue(page.contains("name=\"reminders\" value=\"on\" checked"), "and to turn the reminders off (they are on)");

        Map<String, Object> updated = TestStack.invoke(manage, withToken("manage-update.json", token));
        assertEquals(303, updated.get("statusCode"));
        String location = header(updated, "location");
        assertTrue(location.startsWith("/manage/done?action=updated&changed=timeZone,interests"), location);
        Map<String, AttributeValue> item = item(AMINA);
        assertEquals("America/Lima", item.get("timeZone").s());
        assertEquals(List.of("online-courses", "regional-chapters"), item.get("interests").ss().stream().sorted().toList());

        stream.pollOnce();
        List<Map<String, Object>> sent = stack.sentTo(AMINA);
        assertEquals(2, sent.size(), "the first confirmation and one new one");
        assertTrue(String.valueOf(sent.get(1).get("subject")).startsWith("Registration updated"), String.valueOf(sent.get(1).get("subject")));
        String text = (String) ((Map<?, ?>) sent.get(1).get("body")).get("text");
        assertTrue(text.contains("7:00 AM") && text.contains("your time in Lima"), text);

        Map<String, Object> done = TestStack.invoke(manage, new String(stack.sampleEvent("manage-show.json"), StandardCharsets.UTF_8)
                .replace("\"/manage\"", "\"/manage/done\"").replace("token=TOKEN", location.substring(location.indexOf('?') + 1))
                .replace("\"token\": \"TOKEN\"", "\"action\": \"updated\", \"changed\": \"timeZone,interests,\", \"zone\": \"America/Lima\"")
                .getBytes(StandardCharsets.UTF_8));
        assertTrue(String.valueOf(done.get("body")).contains("Your time zone is now Lima"), String.valueOf(done.get("body")));

        Map<String, Object> same = TestStack.invoke(manage, withToken("manage-update.json", token));
        assertEquals(303, same.get("statusCode"));
        stream.pollOnce();
        assertEquals(2, stack.sentTo(AMINA).size(), "the same details again change nothing and send nothing");
    }

    @Test
    void deleteRemovesTheRegistration() {
        String token = registerAndReadManageToken();
        Map<String, Object> deleted = TestStack.invoke(manage, withToken("manage-delete.json", token));
        assertEquals(303, deleted.get("statusCode"));
        assertNull(item(AMINA));
        assertEquals(410, TestStack.invoke(manage, withToken("manage-show.json", token)).get("statusCode"));
        Map<String, AttributeValue> contact = stack.dynamo.getItem(b -> b.tableName(stack.table("ContactsTable")).consistentRead(true)
                .key(Map.of("email", AttributeValue.fromS(AMINA)))).item();
        assertTrue(contact == null || contact.isEmpty(), "nothing else was held, so the contact is gone too: " + contact);
        assertFalse(stack.contacts().isRegistrant(AMINA));
    }

    @Test
    void afterADeleteAndANewRegistrationTheOldLinkAnswers410AndTheNewOneWorks() {
        String old = registerAndReadManageToken();
        assertFalse(holdsTheAddress(old), "a manage link names a random id, not the address: " + old);
        assertEquals(303, TestStack.invoke(manage, withToken("manage-delete.json", old)).get("statusCode"));
        String renewed = registerAndReadManageToken();
        assertNotEquals(old, renewed);

        Map<String, Object> gone = TestStack.invoke(manage, withToken("manage-show.json", old));
        assertEquals(410, gone.get("statusCode"));
        assertTrue(((String) gone.get("body")).contains("no longer valid"), String.valueOf(gone.get("body")));
        assertEquals(410, TestStack.invoke(manage, withToken("manage-cancel.json", old)).get("statusCode"));
        assertEquals("registered", item(AMINA).get("status").s(), "the old link changed nothing");
        Map<String, Object> page = TestStack.invoke(manage, withToken("manage-show.json", renewed));
        assertEquals(200, page.get("statusCode"));
    }

    /** Whether the address or its local part shows in {@code text}, in clear or in any base64url-decoded part. */
    static boolean holdsTheAddress(String text) {
        String local = AMINA.substring(0, AMINA.indexOf('@'));
        String decoded = java.net.URLDecoder.decode(text, StandardCharsets.UTF_8);
        for (String part : decoded.split("[^A-Za-z0-9_-]+")) {
            try {
                String clear = new String(java.util.Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
                if (clear.contains(local)) {
                    return true;
                }
            } catch (IllegalArgumentException notBase64) {
                // not a base64 part
            }
        }
        return decoded.contains(local);
    }

    @Test
    void deletingTheOnlyRegistrationKeepsASuppressionButNotTheNameOrNewsletterChoice() {
        String token = registerAndReadManageToken();
        stack.contacts().suppress(AMINA, "complaint", stack.clock.instant());
        assertEquals(303, TestStack.invoke(manage, withToken("manage-delete.json", token)).get("statusCode"));
        Map<String, AttributeValue> contact = stack.dynamo.getItem(b -> b.tableName(stack.table("ContactsTable")).consistentRead(true)
                .key(Map.of("email", AttributeValue.fromS(AMINA)))).item();
        assertTrue(contact.get("suppressed").bool(), "the suppression protects the person from more mail");
        assertFalse(contact.containsKey("registeredFor"));
        assertFalse(contact.containsKey("name"));
        assertFalse(contact.containsKey("newsletter"));
    }

    @Test
    void deleteIsAskedOnceMoreBeforeTheButtonThatDoesIt() {
        String token = registerAndReadManageToken();
        String shown = (String) TestStack.invoke(manage, withToken("manage-show.json", token)).get("body");
        assertTrue(shown.contains("/manage?step=delete&amp;token="), "the manage page links to the question, not to a delete button");
        assertFalse(shown.contains("value=\"delete\""));

        String event = new String(stack.sampleEvent("manage-show.json"), StandardCharsets.UTF_8)
                .replace("\"rawQueryString\": \"token=TOKEN\"", "\"rawQueryString\": \"step=delete&token=TOKEN\"")
                .replace("\"token\": \"TOKEN\"", "\"step\": \"delete\", \"token\": \"TOKEN\"").replace("TOKEN", token);
        Map<String, Object> asked = TestStack.invoke(manage, event.getBytes(StandardCharsets.UTF_8));
        assertEquals(200, asked.get("statusCode"));
        String page = (String) asked.get("body");
        assertTrue(page.contains("Delete your registration?") && page.contains("value=\"delete\"") && page.contains("No, keep it"), page);
        assertNotNull(item(AMINA), "asking deletes nothing");
    }

    @Test
    void deletingOneRegistrationKeepsTheContactOfAnotherMeeting() {
        stack.contacts().recordRegistration(AMINA, "Amina Diallo", "other-meeting", true, "web-1", stack.clock.instant());
        String token = registerAndReadManageToken();
        assertEquals(303, TestStack.invoke(manage, withToken("manage-delete.json", token)).get("statusCode"));
        Map<String, AttributeValue> contact = stack.dynamo.getItem(b -> b.tableName(stack.table("ContactsTable"))
                .key(Map.of("email", AttributeValue.fromS(AMINA)))).item();
        assertEquals(List.of("other-meeting"), contact.get("registeredFor").ss());
        assertEquals("Amina Diallo", contact.get("name").s());
    }

    @Test
    void aTokenChangedByOneCharacterOrMadeForAnotherRegistrationOrExpiredIsRefused() {
        String token = registerAndReadManageToken();
        int signature = token.indexOf('.') + 1;
        String changed = token.substring(0, signature) + (token.charAt(signature) == 'A' ? 'B' : 'A') + token.substring(signature + 1);
        assertEquals(400, TestStack.invoke(manage, withToken("manage-cancel.json", changed)).get("statusCode"));

        // another registration's link id under Amina's signature
        String payload = new String(java.util.Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))), StandardCharsets.UTF_8);
        String linkId = payload.split("\n")[3];
        String otherPayload = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.replace(linkId, LinkIds.next()).getBytes(StandardCharsets.UTF_8));
        assertEquals(400, TestStack.invoke(manage, withToken("manage-cancel.json", otherPayload + token.substring(token.indexOf('.')))).get("statusCode"));

        String thanksToken = stack.tokens().issue(LinkTokens.REGISTERED, "demo", "", stack.clock.instant().plusSeconds(3600));
        assertEquals(400, TestStack.invoke(manage, withToken("manage-cancel.json", thanksToken)).get("statusCode"), "a token of another purpose");

        stack.clock.advance(Duration.between(stack.clock.instant(), Instant.parse("2022-06-10T13:30:00Z").plus(Duration.ofDays(31))));
        Map<String, Object> expired = TestStack.invoke(manage, withToken("manage-cancel.json", token));
        assertEquals(400, expired.get("statusCode"));
        assertTrue(((String) expired.get("body")).contains("not valid or has expired"));
        assertEquals("registered", item(AMINA).get("status").s());
    }

    @Test
    void registeringAgainResendsTheConfirmationAfterTenMinutesAtMostThreeTimesAndThreeConfirmationsADay() {
        TestStack.invoke(register, stack.sampleEvent("register-form.json"));
        stream.pollOnce();
        assertEquals(1, stack.sentTo(AMINA).size());

        TestStack.invoke(register, stack.sampleEvent("register-form.json"));
        stream.pollOnce();
        assertEquals(1, stack.sentTo(AMINA).size(), "within 10 minutes nothing is re-sent");

        for (int i = 0; i < 5; i++) {
            stack.clock.advance(Duration.ofMinutes(11));
            TestStack.invoke(register, stack.sampleEvent("register-form.json"));
            stream.pollOnce();
        }
        assertEquals(3, stack.sentTo(AMINA).size(), "the first confirmation and two re-sends: three confirmations in 24 hours");
        assertEquals("3", item(AMINA).get("resends").n(), "the third re-send was asked for, stored, and not mailed");
        assertEquals("SKIPPED", item(AMINA).get("emailStatus").s());
    }

    @Test
    void anAddressIsSentAtMostThreeConfirmationsIn24HoursAcrossMeetings() {
        for (String eventId : List.of("demo", "webinar-1", "webinar-2", "webinar-3")) {
            if (!eventId.equals("demo")) {
                stack.seedMeeting(eventId, true);
            }
            byte[] event = new String(stack.sampleEvent("register-form.json"), StandardCharsets.UTF_8).replace("/events/demo/", "/events/" + eventId + "/")
                    .replace("\"eventId\": \"demo\"", "\"eventId\": \"" + eventId + "\"").getBytes(StandardCharsets.UTF_8);
            assertEquals(303, TestStack.invoke(register, event).get("statusCode"));
        }
        stream.pollOnce();
        assertEquals(3, stack.sentTo(AMINA).size(), "the fourth registration is stored, not mailed");
        assertEquals(4, stack.dynamo.query(b -> b.tableName(stack.table("RegistrationsTable")).indexName("byEmail")
                .keyConditionExpression("email = :e").expressionAttributeValues(Map.of(":e", AttributeValue.fromS(AMINA)))).count());

        stack.clock.advance(Duration.ofHours(25));
        stack.seedMeeting("webinar-4", true);
        TestStack.invoke(register, new String(stack.sampleEvent("register-form.json"), StandardCharsets.UTF_8)
                .replace("/events/demo/", "/events/webinar-4/").replace("\"eventId\": \"demo\"", "\"eventId\": \"webinar-4\"")
                .getBytes(StandardCharsets.UTF_8));
        stream.pollOnce();
        assertEquals(4, stack.sentTo(AMINA).size(), "a day later, a confirmation goes again");
    }

    @Test
    void registeringAgainAfterCancellingRegistersAnew() {
        String token = registerAndReadManageToken();
        TestStack.invoke(manage, withToken("manage-cancel.json", token));
        stream.pollOnce();

        Map<String, Object> again = TestStack.invoke(register, stack.sampleEvent("register-form.json"));
        assertEquals(303, again.get("statusCode"));
        assertEquals("registered", item(AMINA).get("status").s());
        stream.pollOnce();
        List<Map<String, Object>> sent = stack.sentTo(AMINA);
        assertEquals(3, sent.size());
        assertTrue(String.valueOf(sent.get(2).get("subject")).startsWith("Registration confirmed"));
    }

    @Test
    void eventFactsAreServedWithoutTheJoinLink() {
        EventInfoHandler info = new EventInfoHandler(stack.events(), stack.clock);
        Map<String, Object> response = TestStack.invoke(info, stack.sampleEvent("event-info.json"));
        assertEquals(200, response.get("statusCode"));
        String body = (String) response.get("body");
        assertTrue(body.contains("\"startsAt\":\"2022-06-10T12:00:00Z\""), body);
        assertTrue(body.contains("\"registrationOpen\":true"), body);
        assertTrue(body.contains("\"localTime\":\"5:30 PM\""), body);
        assertFalse(body.contains("meet.example.org"), "the join link is for registrants only");
        String unknown = new String(stack.sampleEvent("event-info.json"), StandardCharsets.UTF_8).replace("\"demo\"", "\"nope\"");
        assertEquals(404, TestStack.invoke(info, unknown.getBytes(StandardCharsets.UTF_8)).get("statusCode"));
    }

    private String registerAndReadManageToken() {
        TestStack.invoke(register, stack.sampleEvent("register-form.json"));
        stream.pollOnce();
        List<Map<String, Object>> sent = stack.sentTo(AMINA);
        // the newest confirmation
        String text = (String) ((Map<?, ?>) sent.get(sent.size() - 1).get("body")).get("text");
        Matcher m = MANAGE_LINK.matcher(text);
        assertTrue(m.find(), "the confirmation carries a manage link: " + text);
        return java.net.URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
    }

    private byte[] withToken(String sample, String token) {
        return new String(stack.sampleEvent(sample), StandardCharsets.UTF_8).replace("TOKEN", token).getBytes(StandardCharsets.UTF_8);
    }

    private static String header(Map<String, Object> response, String name) {
        return String.valueOf(((Map<?, ?>) response.get("headers")).get(name));
    }

    private Map<String, AttributeValue> item(String email) {
        Map<String, AttributeValue> item = stack.dynamo.getItem(b -> b.tableName(stack.table("RegistrationsTable")).consistentRead(true)
                .key(Map.of("eventId", AttributeValue.fromS("demo"), "email", AttributeValue.fromS(email)))).item();
        return item == null || item.isEmpty() ? null : item;
    }
}
