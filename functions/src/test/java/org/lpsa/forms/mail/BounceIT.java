package org.lpsa.forms.mail;

import org.lpsa.forms.outbox.MailerHandler;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lpsa.forms.TestStack;
import org.lpsa.forms.local.aws.StreamPump;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Bounces and complaints from the samples in events/, through BounceFunction, then the mailer, against the emulators. */
class BounceIT {
    private static final String BOUNCED = "no.such.person@example.org";

    private TestStack stack;
    private BounceHandler bounces;
    private StreamPump stream;

    @BeforeEach
    void setUp() {
        stack = new TestStack();
        stack.seedMeeting("demo", true);
        bounces = new BounceHandler(stack.contacts(), stack.clock);
        stream = stack.registrationsStream(new MailerHandler(stack.mailer()));
    }

    @AfterEach
    void tearDown() {
        stream.close();
    }

    @Test
    void aPermanentBounceSuppressesTheAddressAndTheMailerSendsItNothingMore() {
        Map<String, Object> answer = TestStack.invoke(bounces, stack.sampleEvent("bounce-permanent.json"));
        assertEquals(1, answer.get("suppressed"));
        Map<String, AttributeValue> contact = contact(BOUNCED);
        assertTrue(contact.get("suppressed").bool());
        assertEquals("permanent-bounce", contact.get("suppressedReason").s());
        assertTrue(stack.contacts().isSuppressed(BOUNCED));

        String event = new String(stack.sampleEvent("register-new.json"), StandardCharsets.UTF_8).replace("Ana.Perez@Example.org", BOUNCED);
        Map<String, Object> registered = TestStack.invoke(stack.registerHandler(), event.getBytes(StandardCharsets.UTF_8));
        assertEquals(201, registered.get("statusCode"), String.valueOf(registered));
        stream.pollOnce();

        Map<String, AttributeValue> item = stack.dynamo.getItem(b -> b.tableName(stack.table("RegistrationsTable")).consistentRead(true)
                .key(Map.of("eventId", AttributeValue.fromS("demo"), "email", AttributeValue.fromS(BOUNCED)))).item();
        assertEquals("SKIPPED", item.get("emailStatus").s(), "the registration is kept, the email skipped");
        assertTrue(item.get("emailSkipReason").s().contains("suppressed"));
        assertEquals(0, stack.sentTo(BOUNCED).size(), "no email to an address that bounced");
    }

    @Test
    void aComplaintSuppressesButATransientBounceDoesNot() {
        assertEquals(1, TestStack.invoke(bounces, stack.sampleEvent("complaint.json")).get("suppressed"));
        assertEquals("complaint", contact("annoyed@example.org").get("suppressedReason").s());

        assertEquals(0, TestStack.invoke(bounces, stack.sampleEvent("bounce-transient.json")).get("suppressed"));
        assertFalse(stack.contacts().isSuppressed("full.mailbox@example.org"));
    }

    @Test
    void theTextSesSendsWhenTheDestinationIsSetUpIsSkippedWithoutFailing() {
        String event = new String(stack.sampleEvent("complaint.json"), StandardCharsets.UTF_8);
        int start = event.indexOf("\"Message\": \"") + "\"Message\": \"".length();
        int end = event.indexOf("\",\n", start);
        String validation = event.substring(0, start) + "Successfully validated SNS topic for Amazon SES event publishing." + event.substring(end);
        assertEquals(0, TestStack.invoke(bounces, validation.getBytes(StandardCharsets.UTF_8)).get("suppressed"));
    }

    private Map<String, AttributeValue> contact(String email) {
        return stack.dynamo.getItem(b -> b.tableName(stack.table("ContactsTable")).consistentRead(true)
                .key(Map.of("email", AttributeValue.fromS(email)))).item();
    }
}
