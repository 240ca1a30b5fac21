package org.lpsa.forms.mail;

import org.lpsa.forms.outbox.Outbox;
import org.lpsa.forms.outbox.SweeperHandler;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lpsa.forms.Config;
import org.lpsa.forms.TestStack;
import org.lpsa.forms.aws.TokenSecret;
import org.lpsa.forms.ideas.IdeaHandler;
import org.lpsa.forms.ideas.IdeaService;
import org.lpsa.forms.local.aws.Emulators;
import org.lpsa.forms.registration.LinkTokens;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

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
        Config noSsm = Config.of(Map.of(Config.AWS_REGION, "us-east-1", Config.TOKEN_SECRET_PARAMETER, "/lpsa-forms/token-secret"));
        Mailer broken = mailer(LinkTokens.of(new TokenSecret(noSsm, stack.clients(TestStack.unreachable("GetParameter")))), SETTINGS);
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
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            assertEquals(Mailer.Outcome.GAVE_UP, broken.deliver(registrations, ANA_DEMO, "t"));
        } finally {
            System.setOut(stdout);
        }
        // the line the template's EmailsGivenUp metric filter counts, for the admins' alarm
        String line = log.toString(StandardCharsets.UTF_8);
        assertTrue(line.contains("\"" + Mailer.GAVE_UP_LOG_FIELD + "\":true"), line);
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

    @Test
    void anEmailSentButNotAtOnceMarkedSentIsMarkedOnASecondTryAndNotSentAgain() {
        stack.seedMeeting("demo", true);
        TestStack.invoke(stack.registerHandler(), stack.sampleEvent("register-new.json"));
        Mailer flaky = mailer(stack.dynamo(failingMarkSent(2)), stack.tokens(), SETTINGS);

        assertEquals(Mailer.Outcome.SENT, flaky.deliver(stack.table("RegistrationsTable"), ANA_DEMO, "t"));
        assertEquals("SENT", registration().get("emailStatus").s());

        stack.clock.advance(Mailer.ABANDONED_AFTER.plusMinutes(1));
        TestStack.invoke(new SweeperHandler(new PendingEmails(stack.dynamo), stack.mailer()), stack.sampleEvent("sweeper-schedule.json"));
        assertEquals(1, stack.sentTo("ana.perez@example.org").size());
    }

    @Test
    void anEmailThatCannotBeMarkedSentIsStillReportedSentAndLoggedWithoutTheAddress() {
        stack.seedMeeting("demo", true);
        TestStack.invoke(stack.registerHandler(), stack.sampleEvent("register-new.json"));
        Mailer failing = mailer(stack.dynamo(failingMarkSent(Integer.MAX_VALUE)), stack.tokens(), SETTINGS);

        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(log, true, StandardCharsets.UTF_8));
        Mailer.Outcome outcome;
        try {
            outcome = failing.deliver(stack.table("RegistrationsTable"), ANA_DEMO, "t");
        } finally {
            System.setOut(stdout);
        }
        assertEquals(Mailer.Outcome.SENT, outcome);
        assertEquals(1, stack.sentTo("ana.perez@example.org").size());
        String lines = log.toString(StandardCharsets.UTF_8);
        assertTrue(lines.contains("not marked sent"), lines);
        assertFalse(lines.toLowerCase(java.util.Locale.ROOT).contains("ana.perez"), lines);
    }

    @Test
    void aThrottledSendKeepsItsAttemptsAndIsSentOnceTheThrottlingEnds() {
        stack.seedMeeting("demo", true);
        assertEquals(201, TestStack.invoke(stack.registerHandler(), stack.sampleEvent("register-new.json")).get("statusCode"));
        String registrations = stack.table("RegistrationsTable");
        Mailer mailer = stack.mailer();
        // SES refuses every send, as it does above the account's rate (HTTP 429, TooManyRequestsException)
        Emulators.shared().sesRate(0);
        try {
            for (int run = 1; run <= Mailer.MAX_ATTEMPTS + 1; run++) {
                assertEquals(Mailer.Outcome.THROTTLED, mailer.deliver(registrations, ANA_DEMO, "t"), "run " + run);
                Map<String, AttributeValue> item = registration();
                assertEquals("PENDING", item.get("emailStatus").s(), "put back, not failed");
                assertEquals("0", item.get("emailAttempts").n(), "no attempt used up");
                assertEquals(Integer.toString(run), item.get("emailThrottled").n());
                Duration wait = Duration.between(stack.clock.instant(), Instant.parse(item.get("emailRetryAt").s()));
                assertTrue(wait.compareTo(Duration.ofSeconds(5)) >= 0 && wait.compareTo(Duration.ofSeconds(15)) <= 0,
                        "a short, jittered wait: " + wait);
                assertEquals(Mailer.Outcome.NOT_DUE, mailer.deliver(registrations, ANA_DEMO, "t"), "not before its time");
                stack.clock.advance(Duration.ofSeconds(16));
            }
            assertTrue(stack.sentTo("ana.perez@example.org").isEmpty());
        } finally {
            Emulators.shared().sesRate(null);
        }
        assertEquals(Mailer.Outcome.SENT, mailer.deliver(registrations, ANA_DEMO, "t"), "the throttling ended");
        assertEquals("SENT", registration().get("emailStatus").s());
        assertEquals("1", registration().get("emailAttempts").n());
        assertEquals(1, stack.sentTo("ana.perez@example.org").size());
    }

    private Mailer mailer(LinkTokens tokens, Mailer.Settings settings) {
        return mailer(stack.dynamo, tokens, settings);
    }

    private Mailer mailer(DynamoDbClient dynamo, LinkTokens tokens, Mailer.Settings settings) {
        return Outbox.mailer(dynamo, Outbox.Tables.fromConfig(stack.config()), new EmailSender(stack.clients.sesV2(), null),
                tokens, settings, stack.clock);
    }

    /** The sample idea through the web form's handler; returns its id. */
    private String submitIdea() throws IOException {
        IdeaHandler handler = new IdeaHandler(new IdeaService(stack.ideas(), stack.contacts(), stack.clock), stack.sourceLimits());
        Map<String, Object> response = TestStack.invoke(handler, stack.sampleEvent("idea-new.json"));
        assertEquals(201, response.get("statusCode"));
        return (String) JSON.std.mapFrom(String.valueOf(response.get("body"))).get("ideaId");
    }

    /** Fails the first {@code times} writes that mark an email sent, as a timeout would. */
    private static ExecutionInterceptor failingMarkSent(int times) {
        AtomicInteger left = new AtomicInteger(times);
        return new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof UpdateItemRequest update && update.updateExpression().contains("emailSentAt")
                        && left.getAndDecrement() > 0) {
                    throw SdkClientException.create("Unable to execute HTTP request: Read timed out");
                }
            }
        };
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
