package org.lpsa.forms.local;

import com.fasterxml.jackson.jr.ob.JSON;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.lpsa.forms.Config;
import org.lpsa.forms.events.EventRepository;
import org.lpsa.forms.local.aws.Emulators;
import org.lpsa.forms.local.aws.LambdaInvoker;
import org.lpsa.forms.local.aws.LocalTables;
import org.lpsa.forms.local.aws.LocalTemplate;
import org.lpsa.forms.local.aws.RepoRoot;
import org.lpsa.forms.local.aws.SesInboundStandIn;
import org.lpsa.forms.local.aws.SnsStandIn;
import org.lpsa.forms.local.aws.StreamPump;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code ./lpsa local}: the emulators, the tables of template.yaml, the seeded events, the stream and
 * schedule stand-ins, then the HTTP API and web/ on 127.0.0.1. Stops everything on Ctrl-C or SIGTERM.
 */
public final class LocalStack implements AutoCloseable {
    public static final String STACK_NAME = "lpsa-local";
    /** Where the admins' daily digest goes on the local stack (the local outbox keeps it). */
    public static final String LOCAL_ADMIN = "admins@example.org";
    public static final int DEFAULT_PORT = 3000;
    static final long STREAM_POLL_MILLIS = 500;

    private final Path root;
    private final Path state;
    private final List<AutoCloseable> running = new ArrayList<>();
    private final List<StreamPump> pumps = new ArrayList<>();
    /** Every function of the template by its logical id, as the stack invokes it. */
    private final Map<String, LambdaInvoker> functions = new HashMap<>();
    private HttpServer server;
    private String url;
    private Emulators emulators;
    private ApiGatewayStandIn api;
    private SesInboundStandIn inbound;
    private SnsStandIn sns;

    /**
     * How the stack runs: {@code sesRate}, emails a second SES accepts (null: no limit), reported by GetAccount
     * as MaxSendRate; {@code apiThrottle}, whether routes keep the template's throttling (the throughput
     * benchmark measures the stack's own capacity without it).
     */
    public record Options(Integer sesRate, boolean apiThrottle) {
        public static final Options DEFAULT = new Options(null, true);
    }

    private final Options options;

    private LocalStack(Path root, Path state, Options options) {
        this.root = root;
        this.state = state;
        this.options = options;
    }

    private static final String USAGE = "usage: ./lpsa local [--port N] [--ses-rate N] [--no-api-throttle]\n"
            + "  --port N           the port (default " + DEFAULT_PORT + "; 0 picks a free port)\n"
            + "  --ses-rate N       SES accepts N emails a second and throttles above (default: no limit)\n"
            + "  --no-api-throttle  routes ignore the template's throttling (for measuring the stack's own capacity)";

    public static void main(String[] args) throws Exception {
        int port = DEFAULT_PORT;
        Path root = RepoRoot.find();
        Path state = root.resolve(".lpsa");
        Integer sesRate = null;
        boolean apiThrottle = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--ses-rate" -> sesRate = Integer.parseInt(args[++i]);
                case "--no-api-throttle" -> apiThrottle = false;
                // for the benchmark's own stack, so it never touches a developer's .lpsa/local.json
                case "--state" -> state = Path.of(args[++i]).toAbsolutePath();
                case "-h", "--help" -> {
                    System.out.println(USAGE);
                    return;
                }
                default -> {
                    System.err.println("unknown option " + args[i] + "\n" + USAGE);
                    System.exit(2);
                }
            }
        }
        if (sesRate != null && sesRate < 1) {
            System.err.println("--ses-rate must be 1 or more\n" + USAGE);
            System.exit(2);
        }
        LocalStack stack = new LocalStack(root, state, new Options(sesRate, apiThrottle));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping the local stack...");
            stack.close();
            stopped.countDown();
        }));
        try {
            stack.start(port);
        } catch (BindException e) {
            System.err.println("Port " + port + " is in use: try ./lpsa local --port " + (port + 1));
            System.exit(1);
        }
        stack.printBanner();
        stopped.await();
    }

    /** Starts everything, keeping local.json and logs in {@code state}; returns once the port serves. */
    public static LocalStack startOn(Path root, Path state, int port) throws IOException {
        return startOn(root, state, port, Options.DEFAULT);
    }

    public static LocalStack startOn(Path root, Path state, int port, Options options) throws IOException {
        LocalStack stack = new LocalStack(root, state, options);
        try {
            stack.start(port);
            return stack;
        } catch (IOException | RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void start(int requestedPort) throws IOException {
        // the JDK server writes headers and body apart: without TCP_NODELAY, delayed ACKs add 40 ms to each answer
        System.setProperty("sun.net.httpserver.nodelay", "true");
        // a client that has not sent its whole request within 10 s is dropped (the JDK server checks every second),
        // so slow clients cannot hold the server's threads for good
        System.setProperty("sun.net.httpserver.maxReqTime", "10");
        // the port is settled first: the functions put this stack's own address in the links they send
        int port = requestedPort == 0 ? Emulators.freePort() : requestedPort;
        url = "http://127.0.0.1:" + port;
        emulators = Emulators.start(root, state.resolve("logs"), options.sesRate());
        running.add(emulators);
        LocalTemplate template = LocalTemplate.load(root.resolve("template.yaml"), STACK_NAME, Map.of("AdminEmail", LOCAL_ADMIN));

        configureFunctions(template);
        DynamoDbClient dynamo = LocalTables.client(emulators.dynamodb());
        running.add(dynamo);
        LocalTables.createAll(dynamo, template);
        S3Client s3 = LocalTables.s3(emulators.s3());
        running.add(s3);
        LocalTables.createBuckets(s3, template);
        EventSeeds.seed(new EventRepository(dynamo, template.table("EventsTable").name(), Clock.systemUTC()),
                root.resolve("local/seed"), Clock.systemUTC());

        api = new ApiGatewayStandIn(template.cors(), options.apiThrottle() ? template.apiThrottle() : null);
        ScheduledExecutorService schedules = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "schedules");
            t.setDaemon(true);
            return t;
        });
        running.add(schedules::shutdownNow);
        sns = new SnsStandIn(STACK_NAME);
        for (LocalTemplate.Function function : template.functions()) {
            LambdaInvoker invoker = functions.computeIfAbsent(function.logicalId(),
                    id -> LambdaInvoker.of(function));
            function.routes().forEach(route -> api.add(route, invoker));
            function.topics().forEach(topic -> sns.subscribe(topic, invoker));
            for (LocalTemplate.StreamSource source : function.streams()) {
                StreamPump pump = StreamPump.of(dynamo, template, source, invoker);
                pump.start(STREAM_POLL_MILLIS);
                running.add(pump);
                pumps.add(pump);
            }
            for (String schedule : function.schedules()) {
                long minutes = rateMinutes(schedule);
                schedules.scheduleWithFixedDelay(() -> invokeQuietly(invoker), minutes, minutes, TimeUnit.MINUTES);
            }
        }

        for (LocalTemplate.ReceiptRule rule : template.receiptRules()) {
            inbound = new SesInboundStandIn(s3, rule, functions.get(rule.functionLogicalId()));
        }

        Outbox outbox = new Outbox(emulators.ses());
        StaticFiles web = new StaticFiles(root.resolve("web"));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        // enough threads that clients trickling their requests in do not keep the others waiting
        server.setExecutor(Executors.newFixedThreadPool(64));
        server.createContext("/", exchange -> route(exchange, outbox, web));
        server.start();
        running.add(0, () -> server.stop(0));
        writeState();
    }

    private void route(HttpExchange exchange, Outbox outbox, StaticFiles web) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/") && exchange.getRequestMethod().equals("GET")) {
                // the seeded meeting's registration page, which the server renders from its event item
                exchange.getResponseHeaders().set("Location", "/events/" + EventSeeds.DEMO_ID + "/register");
                LocalHttp.send(exchange, 302, "text/plain", "See /events/" + EventSeeds.DEMO_ID + "/register");
            } else if (path.equals("/_local/outbox.json")) {
                LocalHttp.send(exchange, 200, "application/json", outbox.json());
            } else if (path.equals("/_local/outbox")) {
                LocalHttp.send(exchange, 200, "text/html", outbox.html());
            } else if (path.equals("/_local/inbound-email") && exchange.getRequestMethod().equals("POST")) {
                receiveEmail(exchange);
            } else if (path.startsWith("/_local/run/") && exchange.getRequestMethod().equals("POST")) {
                run(exchange, path.substring("/_local/run/".length()));
            } else if (path.startsWith("/_local/sns/") && exchange.getRequestMethod().equals("POST")) {
                publish(exchange, path.substring("/_local/sns/".length()));
            } else if (!api.handle(exchange) && !web.handle(exchange)) {
                LocalHttp.send(exchange, 404, "application/json", "{\"message\":\"Not Found\"}");
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("{\"level\":\"ERROR\",\"message\":\"local server failed\",\"error\":\"" + e.getClass().getName() + "\"}");
            LocalHttp.send(exchange, 500, "application/json", "{\"message\":\"Internal Server Error\"}");
        }
    }

    /**
     * POST /_local/run/FUNCTION: runs a function of the template now as its schedule would (its logical id,
     * e.g. ReminderFunction); with X-Local-Now (an ISO-8601 instant) the run's time is that instead.
     */
    private void run(HttpExchange exchange, String logicalId) throws IOException {
        LambdaInvoker invoker = functions.get(logicalId);
        if (invoker == null) {
            LocalHttp.send(exchange, 404, "application/json", "{\"message\":\"no function " + logicalId.replaceAll("[^A-Za-z0-9]", "")
                    + " in the template\"}");
            return;
        }
        String now = exchange.getRequestHeaders().getFirst("X-Local-Now");
        String time;
        try {
            time = now == null ? java.time.Instant.now().toString() : java.time.Instant.parse(now.trim()).toString();
        } catch (java.time.format.DateTimeParseException notAnInstant) {
            LocalHttp.send(exchange, 400, "application/json", "{\"message\":\"X-Local-Now must be an ISO-8601 instant\"}");
            return;
        }
        byte[] answer = invoker.invoke(("{\"source\":\"aws.events\",\"detail-type\":\"Scheduled Event\",\"time\":\"" + time + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        exchange.getResponseHeaders().set("content-type", "application/json");
        LocalHttp.send(exchange, 200, answer);
    }

    /**
     * POST /_local/sns/TOPIC: the body published to that topic of the template (its logical id), as SNS
     * would hand it to the functions subscribed to it; e.g. an SES bounce to MailFeedbackTopic.
     */
    private void publish(HttpExchange exchange, String topic) throws IOException {
        byte[] message = exchange.getRequestBody().readNBytes(SnsStandIn.MAX_MESSAGE_BYTES + 1);
        if (message.length == 0 || message.length > SnsStandIn.MAX_MESSAGE_BYTES) {
            LocalHttp.send(exchange, message.length == 0 ? 400 : 413, "application/json",
                    "{\"message\":\"send the message (at most 256 KB) as the body\"}");
            return;
        }
        String messageId = sns.publish(topic, new String(message, java.nio.charset.StandardCharsets.UTF_8));
        if (messageId == null) {
            LocalHttp.send(exchange, 404, "application/json", "{\"message\":\"no such topic; the template has " + sns.topics() + "\"}");
            return;
        }
        LocalHttp.send(exchange, 202, "application/json", "{\"messageId\":\"" + messageId + "\"}");
    }

    /** POST /_local/inbound-email: a raw message, received as SES would (verdicts from X-Local-*-Verdict headers). */
    private void receiveEmail(HttpExchange exchange) throws IOException {
        if (inbound == null) {
            LocalHttp.send(exchange, 404, "application/json", "{\"message\":\"template.yaml has no SES receipt rule\"}");
            return;
        }
        byte[] raw = exchange.getRequestBody().readNBytes(ApiGatewayStandIn.MAX_PAYLOAD * 4 + 1);
        if (raw.length == 0 || raw.length > ApiGatewayStandIn.MAX_PAYLOAD * 4) {
            LocalHttp.send(exchange, raw.length == 0 ? 400 : 413, "application/json",
                    "{\"message\":\"send one raw RFC 5322 message (at most 40 MB) as the body\"}");
            return;
        }
        Map<String, String> verdicts = new HashMap<>();
        for (String verdict : SesInboundStandIn.VERDICTS) {
            String header = exchange.getRequestHeaders().getFirst("X-Local-" + Character.toUpperCase(verdict.charAt(0))
                    + verdict.substring(1) + "-Verdict");
            if (header != null) {
                String value = header.trim().toUpperCase(java.util.Locale.ROOT);
                if (!value.matches("PASS|FAIL|GRAY")) {
                    LocalHttp.send(exchange, 400, "application/json", "{\"message\":\"verdicts are PASS, FAIL or GRAY\"}");
                    return;
                }
                verdicts.put(verdict, value);
            }
        }
        String messageId = inbound.deliver(raw, verdicts, null, null);
        LocalHttp.send(exchange, 202, "application/json", "{\"messageId\":\"" + messageId + "\"}");
    }

    /**
     * The functions read their configuration as environment variables; here they share this JVM, so the
     * template's variables, resolved, become system properties, with the emulators' endpoints.
     */
    private void configureFunctions(LocalTemplate template) throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        for (LocalTemplate.Function function : template.functions()) {
            function.environment().forEach((name, value) -> {
                String before = settings.putIfAbsent(name, value);
                if (before != null && !before.equals(value)) {
                    throw new IllegalStateException("functions disagree on " + name + "; the local stack shares one JVM");
                }
            });
        }
        settings.remove("JAVA_TOOL_OPTIONS");
        settings.put(Config.AWS_REGION, "us-east-1");
        settings.put(Config.SITE_URL, url);
        settings.put(Config.TOKEN_SECRET, LocalSecret.readOrCreate(state.resolve("token-secret")));
        // the admins' digest lands in the local outbox, and names the admin tool's way to this stack
        settings.put(Config.ADMIN_TOOL_OPTIONS, "--local");
        settings.forEach(System::setProperty);
        // the SDK's own endpoint settings: every client the functions build talks to the emulators
        System.setProperty("aws.endpointUrlDynamoDb", emulators.dynamodb().toString());
        System.setProperty("aws.endpointUrlSesV2", emulators.ses().toString());
        System.setProperty("aws.endpointUrlS3", emulators.s3().toString());
        // the SDK's default credentials chain reads these; the instance metadata address is never tried
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
        System.setProperty("aws.region", "us-east-1");
        System.setProperty("aws.disableEc2Metadata", "true");
    }

    static long rateMinutes(String schedule) {
        var m = java.util.regex.Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)").matcher(schedule);
        if (!m.matches()) {
            throw new IllegalArgumentException("the local stack runs rate(...) schedules only, not " + schedule);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "hour", "hours" -> n * 60;
            case "day", "days" -> n * 24 * 60;
            default -> n;
        };
    }

    private static void invokeQuietly(LambdaInvoker invoker) {
        try {
            invoker.invoke("{\"source\":\"aws.events\",\"detail-type\":\"Scheduled Event\"}".getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            System.err.println("{\"level\":\"ERROR\",\"message\":\"scheduled function failed\",\"function\":\""
                    + invoker.functionName() + "\",\"error\":\"" + e.getClass().getName() + "\"}");
        }
    }

    private void writeState() throws IOException {
        Files.createDirectories(state);
        Map<String, Object> local = new LinkedHashMap<>();
        local.put("url", url);
        local.put("dynamodb", emulators.dynamodb().toString());
        local.put("ses", emulators.ses().toString());
        local.put("s3", emulators.s3().toString());
        local.put("pid", ProcessHandle.current().pid());
        local.put("stackName", STACK_NAME);
        Path file = state.resolve("local.json");
        Path temporary = state.resolve("local.json.tmp");
        Files.writeString(temporary, JSON.std.with(JSON.Feature.PRETTY_PRINT_OUTPUT).asString(local) + "\n");
        Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        running.add(() -> Files.deleteIfExists(file));
    }

    private void printBanner() {
        System.out.println();
        System.out.println("lpsa-forms is running locally.");
        System.out.println("  Registration page   " + url + "/");
        System.out.println("  Outbox (sent mail)  " + url + "/_local/outbox   (JSON: " + url + "/_local/outbox.json)");
        System.out.println("  DynamoDB (dynalite) " + emulators.dynamodb());
        System.out.println("  SES (emulator)      " + emulators.ses() + (options.sesRate() == null ? "   (no sending limit)"
                : "   (" + options.sesRate() + " emails a second; what it accepted: " + emulators.ses() + "/_rate)"));
        System.out.println("  S3 (s3proxy)        " + emulators.s3());
        System.out.println("  Email an idea       curl --data-binary @message.eml " + url + "/_local/inbound-email");
        System.out.println("  Bounce an address   curl --data '{\"eventType\":\"Bounce\",\"bounce\":{\"bounceType\":\"Permanent\","
                + "\"bouncedRecipients\":[{\"emailAddress\":\"ana@example.org\"}]}}' " + url + "/_local/sns/MailFeedbackTopic");
        System.out.println("  Routes from template.yaml:");
        api.describe().forEach(r -> System.out.println("    " + r));
        System.out.println("  State: .lpsa/local.json    Stop: Ctrl-C");
        System.out.flush();
    }

    /** Delivers every stream record owed now to its function (see {@link StreamPump#drain()}); returns how many. */
    public int drainStreams() {
        int total = 0;
        for (StreamPump pump : pumps) {
            total += pump.drain();
        }
        return total;
    }

    public String url() {
        return url;
    }

    public Emulators emulators() {
        return emulators;
    }

    @Override
    public void close() {
        for (AutoCloseable part : running) {
            try {
                part.close();
            } catch (Exception e) {
                System.err.println("{\"level\":\"WARN\",\"message\":\"stopping a part failed\",\"error\":\"" + e.getClass().getName() + "\"}");
            }
        }
        running.clear();
    }
}
