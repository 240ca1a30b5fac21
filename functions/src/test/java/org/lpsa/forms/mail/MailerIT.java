package org.lpsa.forms.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lpsa.forms.Config;
import org.lpsa.forms.TestStack;
import org.lpsa.forms.aws.AwsClients;
import org.lpsa.forms.aws.TokenSecret;
import org.lpsa.forms.ideas.IdeaHandler;
import org.lpsa.forms.ideas.IdeaService;
import org.lpsa.forms.registration.LinkTokens;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The mailer when something fails part way, against the emulators: what is stored, what is sent. */
class MailerIT {
    private static final String GRACE = "grace.wanjiru@example.org";
    private static final Map<String, AttributeValue> ANA_DEMO = Map.of("eventId", AttributeValue.fromS("demo"),
            "email", AttributeValue.fromS("ana.perez@example.org"));
    private static final Mailer.Settings SETTINGS = new Mailer.Settings("LPSA <events@decentralization.net>", "decentralization.net",
            TestStack.SITE_URL, "ideas@decentralization.net");
    /** An ideas address without an @: composing the acknowledgement fails with a RuntimeException of ours. */
    private static final Mailer.Settings BROKEN = new Mailer.Settings(SETTINGS.from(), SETTINGS.mailDomain(), SETTINGS.siteUrl(),
            "ideas");

    private TestStack stack;
    private String ideas;

    @BeforeEach
    void setUp() {
        stack = new TestStack();
        ideas = stack.table("IdeasTable");
    }

    @Test
    void anEmailThatCannotBeComposedIsGivenBackForRetryAndFinallyFails() {
        stack.seedMeeting("demo", true);
        assertEquals(201, TestStack.invoke(stack.registerHandler(), stack.sampleEvent("register-new.json")).get("statusCode"));
        // the link-signing secret lives in SSM, which cannot be reached: the confirmation's manage link cannot be signed
        Config noSsm = Config.of(Map.of(Config.SSM_ENDPOINT, "http://127.0.0.1:9", Config.AWS_REGION, "us-east-1",
                Config.TOKEN_SECRET_PARAMETER, "/lpsa-forms/token-secret"));
        Mailer broken = mailer(LinkTokens.of(new TokenSecret(noSsm, new AwsClients(noSsm))), SETTINGS);
        String registrations = stack.table("RegistrationsTable");

        assertEquals(Mailer.Outcome.FAILED_WILL_RETRY, broken.deliver(registrations, ANA_DEMO, "t"));
        Map<String, AttributeValue> item = registration();
        assertEquals("PENDING", item.get("emailStatus").s(), "not left SENDING");
        assertEquals("1", item.get("emailAttempts").n());
        assertTrue(item.containsKey("emailError"));

        for (int attempt = 2; attempt < Mailer.MAX_ATTEMPTS; attempt++) {
            stack.clock.advance(Duration.ofMinutes(61));
            assertEquals(Mailer.Outcome.FAILED_WILL_RETRY, broken.deliver(registrations, ANA_DEMO, "t"), "attempt " + attempt);
        }
        stack.clock.advance(Duration.ofMinutes(61));
        assertEquals(Mailer.Outcome.GAVE_UP, broken.deliver(registrations, ANA_DEMO, "t"));
        assertEquals("FAILED", registration().get("emailStatus").s());
        assertEquals(String.valueOf(Mailer.MAX_ATTEMPTS), registration().get("emailAttempts").n());
        assertEquals(0, stack.sentEmails().size());
    }

    @Test
    void anAcknowledgementThatCouldNotBeSentLeavesTheSendersDailyOneFree() throws IOException {
        String ideaId = submitIdea();

        assertEquals(Mailer.Outcome.FAILED_WILL_RETRY, mailer(stack.tokens(), BROKEN).deliver(ideas, key(ideaId), "t"));
        assertFalse(contact(GRACE).containsKey("lastAcknowledgedAt"), "no acknowledgement went out");

        stack.clock.advance(Duration.ofMinutes(2));
        assertEquals(Mailer.Outcome.SENT, stack.mailer().deliver(ideas, key(ideaId), "t"));
        assertEquals(1, stack.sentTo(GRACE).size());
    }

    private Mailer mailer(LinkTokens tokens, Mailer.Settings settings) {
        AwsClients clients = new AwsClients(stack.config());
        return new Mailer(stack.dynamo, Mailer.Tables.fromConfig(stack.config()), new EmailSender(clients.signedCall(), clients.sesEndpoint()),
                tokens, settings, stack.clock);
    }

    /** The sample idea through the web form's handler; returns its id. */
    private String submitIdea() throws IOException {
        IdeaHandler handler = new IdeaHandler(new IdeaService(stack.ideas(), stack.contacts(), stack.clock));
        Map<String, Object> response = TestStack.invoke(handler, stack.sampleEvent("idea-new.json"));
        assertEquals(201, response.get("statusCode"));
        return (String) JSON.std.mapFrom(String.valueOf(response.get("body"))).get("ideaId");
    }

    private static Map<String, AttributeValue> key(String ideaId) {
        return Map.of("ideaId", AttributeValue.fromS(ideaId));
    }

    private Map<String, AttributeValue> registration() {
        return stack.dynamo.getItem(b -> b.tableName(stack.table("RegistrationsTable")).consistentRead(true).key(ANA_DEMO)).item();
    }

    private Map<String, AttributeValue> contact(String email) {
        Map<String, AttributeValue> item = stack.dynamo.getItem(b -> b.tableName(stack.table("ContactsTable")).consistentRead(true)
                .key(Map.of("email", AttributeValue.fromS(email)))).item();
        return item == null ? Map.of() : item;
    }
}
