package org.lpsa.forms;

import org.lpsa.forms.outbox.Outbox;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.lpsa.forms.events.Event;
import org.lpsa.forms.aws.AwsClients;
import org.lpsa.forms.contacts.ContactRepository;
import org.lpsa.forms.contacts.SourceLimits;
import org.lpsa.forms.ideas.IdeaRepository;
import org.lpsa.forms.inbound.InboundEmailHandler;
import org.lpsa.forms.inbound.InboundEmailService;
import org.lpsa.forms.local.aws.SesInboundStandIn;
import org.lpsa.forms.events.EventRepository;
import org.lpsa.forms.mail.EmailSender;
import org.lpsa.forms.mail.Mailer;
import org.lpsa.forms.registration.LinkTokens;
import org.lpsa.forms.registration.RegisterHandler;
import org.lpsa.forms.registration.RegistrationRepository;
import org.lpsa.forms.registration.RegistrationService;
import org.lpsa.forms.local.aws.Emulators;
import org.lpsa.forms.local.aws.LambdaInvoker;
import org.lpsa.forms.local.aws.LocalContext;
import org.lpsa.forms.local.aws.LocalTables;
import org.lpsa.forms.local.aws.LocalTemplate;
import org.lpsa.forms.local.aws.RepoRoot;
import org.lpsa.forms.local.aws.StreamPump;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Integration tests' view of local AWS: the shared emulators, a fresh set of the template's tables per
 * test (unique stack name), the SES emulator's store, and the sample events in events/.
 */
public final class TestStack {
    private static final AtomicInteger STACKS = new AtomicInteger();
    public static final String SITE_URL = "https://forms.example.org";
    public static final String TOKEN_SECRET = "test-secret-that-is-long-enough-for-hmac-0123456789";

    public final Path root = RepoRoot.find();
    public final LocalTemplate template = LocalTemplate.load(root.resolve("template.yaml"),
            "it" + ProcessHandle.current().pid() + "-" + STACKS.incrementAndGet(), Map.of());
    public final MutableClock clock = new MutableClock(Instant.parse("2022-06-01T09:00:00Z"));
    /** The SDK's own client: for setting tables up and checking what the functions stored. */
    public final DynamoDbClient dynamo;
    /** The functions' clients, as AwsClients builds them (the endpoints from the SDK's own settings, see {@link #useEndpoints}). */
    public final AwsClients clients;
    /** The DynamoDB client the functions use. */
    public final DynamoDbClient functionsDynamo;
    private final URI dynamodbEndpoint;
    private final URI sesEndpoint;
    private final URI s3Endpoint;

    /** Against the emulators of this machine. */
    public TestStack() {
        this(Emulators.shared().dynamodb(), Emulators.shared().ses(), Emulators.shared().s3());
        clearOutbox();
    }

    /**
     * Against other local AWS endpoints, such as LocalStack's (S3 may be null where unused). The functions'
     * clients find them as they would anywhere: through the SDK's endpoint settings, which this sets.
     */
    public TestStack(URI dynamodbEndpoint, URI sesEndpoint, URI s3Endpoint) {
        this.dynamodbEndpoint = dynamodbEndpoint;
        this.sesEndpoint = sesEndpoint;
        this.s3Endpoint = s3Endpoint;
        useEndpoints(dynamodbEndpoint, sesEndpoint, s3Endpoint);
        this.dynamo = LocalTables.client(dynamodbEndpoint);
        LocalTables.createAll(dynamo, template);
        this.clients = clients();
        this.functionsDynamo = clients.dynamoDb();
        if (s3Endpoint != null) {
            LocalTables.createBuckets(LocalTables.s3(s3Endpoint), template);
        }
    }

    /** The functions' DynamoDB client with its calls passed through {@code interceptor} (to make one kind fail). */
    public DynamoDbClient dynamo(ExecutionInterceptor interceptor) {
        return clients(interceptor).dynamoDb();
    }

    /**
     * Makes every call of {@code operation} (e.g. "SendEmail", "GetParameter") fail as a service out of
     * reach would, before anything is sent: a fault injected into the clients the functions use.
     */
    public static ExecutionInterceptor unreachable(String operation) {
        return new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (operation.equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
                    throw SdkClientException.create("unreachable (injected by the test)", new java.net.ConnectException("injected"));
                }
            }
        };
    }

    /**
     * The SDK's service-specific endpoint settings for this JVM (as the local stack sets them): every client
     * AwsClients builds from now on talks to these. Tests run one after the other, so one set serves all.
     */
    public static void useEndpoints(URI dynamodb, URI ses, URI s3) {
        System.setProperty("aws.endpointUrlDynamoDb", dynamodb.toString());
        System.setProperty("aws.endpointUrlSesV2", ses.toString());
        if (s3 != null) {
            System.setProperty("aws.endpointUrlS3", s3.toString());
        }
    }

    /** New clients of the functions, on this stack, with extra interceptors (to count calls, or to make some fail). */
    public AwsClients clients(ExecutionInterceptor... interceptors) {
        return new AwsClients(config(), AwsClients.Caller.BACKGROUND, List.of(interceptors));
    }

    /** The functions' configuration: the template's environment, this stack's site and secret. */
    public Config config() {
        Map<String, String> values = new java.util.HashMap<>(template.functions().get(0).environment());
        values.put(Config.AWS_REGION, "us-east-1");
        values.put(Config.SITE_URL, SITE_URL);
        values.put(Config.TOKEN_SECRET, TOKEN_SECRET);
        return Config.of(values);
    }

    public URI s3Endpoint() {
        return s3Endpoint;
    }

    public String table(String logicalId) {
        return template.table(logicalId).name();
    }

    public LinkTokens tokens() {
        return new LinkTokens(TOKEN_SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8)::clone);
    }

    public RegistrationRepository registrations() {
        return new RegistrationRepository(functionsDynamo, table("RegistrationsTable"));
    }

    /** The mailer as deployed (paced to SES's rate), against the emulators, with this stack's clock. */
    public Mailer mailer() {
        return mailer(EmailSender.of(config(), clients.sesV2(), functionsDynamo));
    }

    public Mailer mailer(EmailSender sender) {
        return Outbox.mailer(functionsDynamo, Outbox.Tables.fromConfig(config()), sender, tokens(),
                new Mailer.Settings("LPSA <events@decentralization.net>", "decentralization.net", SITE_URL, "ideas@decentralization.net"),
                clock);
    }

    /** The abuse limits as the template sets them, on this stack's table. */
    public SourceLimits sourceLimits() {
        return new SourceLimits(functionsDynamo, table("LimitsTable"), SourceLimits.Limits.fromConfig(config()));
    }

    public IdeaRepository ideas() {
        return new IdeaRepository(functionsDynamo, table("IdeasTable"));
    }

    public ContactRepository contacts() {
        return new ContactRepository(functionsDynamo, table("ContactsTable"));
    }

    public org.lpsa.forms.inbound.RawMessages rawMessages() {
        return new org.lpsa.forms.inbound.RawMessages(clients.s3());
    }

    /** SES receiving as the local stack stands it in: S3, then the inbound function, against this stack. */
    public SesInboundStandIn inbound() {
        LocalTemplate.ReceiptRule rule = template.receiptRules().get(0);
        InboundEmailService service = new InboundEmailService(rawMessages(), ideas(), contacts(),
                new InboundEmailService.Settings(rule.bucket(), rule.prefix(), "decentralization.net"), clock);
        return new SesInboundStandIn(LocalTables.s3(s3Endpoint), rule,
                new LambdaInvoker("InboundEmailFunction", new InboundEmailHandler(service)));
    }

    /** The stream stand-in for the Ideas table. */
    public StreamPump ideasStream(RequestStreamHandler mailer) {
        LocalTemplate.StreamSource source = template.functions().stream()
                .filter(f -> f.logicalId().equals("MailerFunction")).findFirst().orElseThrow()
                .streams().stream().filter(s -> s.tableLogicalId().equals("IdeasTable")).findFirst().orElseThrow();
        return StreamPump.of(dynamo, template, source, new LambdaInvoker("MailerFunction", mailer));
    }

    public RegisterHandler registerHandler() {
        return new RegisterHandler(new RegistrationService(events(), registrations(), clock), tokens(), sourceLimits());
    }

    public EventRepository events() {
        return new EventRepository(functionsDynamo, table("EventsTable"), clock);
    }

    /** The Open Planning Meeting as seeded locally, under another id and open or closed. */
    public Event seedMeeting(String eventId, boolean open) {
        Event event = new Event(eventId, "LPSA Open Planning Meeting 2022/23", Instant.parse("2022-06-10T12:00:00Z"),
                Duration.ofMinutes(90), ZoneId.of("America/New_York"),
                List.of(new Event.ReferenceCity("New York", ZoneId.of("America/New_York")),
                        new Event.ReferenceCity("London", ZoneId.of("Europe/London")),
                        new Event.ReferenceCity("New Delhi", ZoneId.of("Asia/Kolkata"))),
                "https://meet.example.org/lpsa", Instant.parse("2022-06-10T12:00:00Z"), !open);
        events().put(event);
        return event;
    }

    public byte[] sampleEvent(String name) {
        try {
            return Files.readAllBytes(root.resolve("events").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Invokes a handler as Lambda would; returns its response document. */
    public static Map<String, Object> invoke(RequestStreamHandler handler, byte[] event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(event), out, LocalContext.of("test", "test-request"));
            return JSON.std.mapFrom(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stream stand-in for the Registrations table, delivering to the given mailer handler. */
    public StreamPump registrationsStream(RequestStreamHandler mailer) {
        LocalTemplate.Function function = template.functions().stream()
                .filter(f -> f.logicalId().equals("MailerFunction")).findFirst().orElseThrow();
        LocalTemplate.StreamSource source = function.streams().stream()
                .filter(s -> s.tableLogicalId().equals("RegistrationsTable")).findFirst().orElseThrow();
        return StreamPump.of(dynamo, template, source, new LambdaInvoker("MailerFunction", mailer));
    }

    /** Emails the SES emulator (aws-ses-v2-local) received, oldest first, in its own store format. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> sentEmails() {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(sesEndpoint + "/store").toURL().openConnection();
            try (InputStream in = c.getInputStream()) {
                return (List<Map<String, Object>>) JSON.std.mapFrom(in).get("emails");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Map<String, Object>> sentTo(String address) {
        return sentEmails().stream()
                .filter(e -> ((List<?>) ((Map<?, ?>) e.get("destination")).get("to")).contains(address)).toList();
    }

    public void clearOutbox() {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(sesEndpoint + "/clear-store").toURL().openConnection();
            c.setRequestMethod("POST");
            if (c.getResponseCode() != 200) {
                throw new IllegalStateException("could not clear the SES emulator's store");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A clock the test moves by hand. */
    public static final class MutableClock extends Clock {
        private volatile Instant now;

        public MutableClock(Instant now) {
            this.now = now;
        }

        public void advance(Duration by) {
            now = now.plus(by);
        }

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }
}
