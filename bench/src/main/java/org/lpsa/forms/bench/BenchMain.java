package org.lpsa.forms.bench;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.lpsa.forms.Config;
import org.lpsa.forms.events.Event;
import org.lpsa.forms.events.EventRepository;
import org.lpsa.forms.local.aws.Emulators;
import org.lpsa.forms.local.aws.LocalTables;
import org.lpsa.forms.local.aws.LocalTemplate;
import org.lpsa.forms.local.aws.RepoRoot;
import org.lpsa.forms.local.aws.SesInboundStandIn;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code ./lpsa bench}: cold starts (ours and the baseline, alternating, in fresh JVMs), warm latency,
 * throughput of the local stack under load from this process, package size. Writes
 * bench/results/latest.json and bench/RESULTS.md.
 */
public final class BenchMain {
    static final int COLD_RUNS = 11;
    static final int WARMUP = 2_000;
    static final int WARM = 10_000;
    static final String STACK = "bench";
    /** What Lambda's java21 runtime runs a function with when the function sets nothing: the baseline's flags. */
    static final String[] JVM_FLAGS = {"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"};
    /** Lambda's java21 runtime uses the serial collector; our functions add the template's JAVA_TOOL_OPTIONS to it. */
    static final String[] OUR_JVM_FLAGS = {"-XX:+UseSerialGC"};

    private final Path root = RepoRoot.find();
    private final Path work = root.resolve("bench/results/tmp");
    private final Map<String, Object> results = new LinkedHashMap<>();
    private Map<String, String> env;
    private String javaToolOptions;
    private Emulators emulators;
    private LocalTemplate template;
    private DynamoDbClient dynamo;

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--report-only")) {
            // rewrites RESULTS.md from the figures of the last run
            Path root = RepoRoot.find();
            Map<String, Object> figures = JSON.std.mapFrom(Files.readString(root.resolve("bench/results/latest.json")));
            Files.writeString(root.resolve("bench/RESULTS.md"), Report.markdown(figures, before(root)));
            System.out.println(Report.summary(figures));
            return;
        }
        if (args.length > 0 && args[0].equals("registration")) {
            // a quick look while tuning: the cold and primed registration beside the baseline, printed, nothing written
            BenchMain bench = new BenchMain(true);
            bench.runOnly(bench::cold);
            return;
        }
        if (args.length > 0 && args[0].equals("burst")) {
            // a burst of registrations against SES's rate; its keys are merged into latest.json and RESULTS.md rewritten
            Path root = RepoRoot.find();
            Path work = root.resolve("bench/results/tmp");
            Files.createDirectories(work);
            Map<String, Object> burst = new BurstRun(root, work).run();
            Path json = root.resolve("bench/results/latest.json");
            Map<String, Object> figures = Files.exists(json) ? JSON.std.mapFrom(Files.readString(json)) : new LinkedHashMap<>();
            figures.keySet().removeIf(key -> key.startsWith("burst_"));
            figures.put("burst_date", Instant.now().toString());
            figures.putAll(burst);
            Files.writeString(json, JSON.std.with(JSON.Feature.PRETTY_PRINT_OUTPUT).asString(figures) + "\n");
            Files.writeString(root.resolve("bench/RESULTS.md"), Report.markdown(figures, before(root)));
            System.out.println(JSON.std.with(JSON.Feature.PRETTY_PRINT_OUTPUT).asString(burst));
            System.out.println(Report.burstSummary(figures));
            return;
        }
        if (args.length > 0 && args[0].equals("warm")) {
            // a quick look while tuning: the warm registration only, printed, nothing written
            BenchMain bench = new BenchMain(true);
            bench.runOnly(bench::warm);
            return;
        }
        new BenchMain(false).run();
    }

    private final boolean onePart;

    private BenchMain(boolean onePart) {
        this.onePart = onePart;
    }

    private interface Part {
        void run() throws Exception;
    }

    /** One part of the benchmark on its own emulators, its figures printed and nothing written. */
    void runOnly(Part part) throws Exception {
        Files.createDirectories(work);
        emulators = Emulators.start(root, work.resolve("logs"));
        try {
            setUp();
            part.run();
        } finally {
            emulators.close();
        }
        System.out.println(JSON.std.with(JSON.Feature.PRETTY_PRINT_OUTPUT).asString(results));
    }

    void run() throws Exception {
        Files.createDirectories(work);
        Instant began = Instant.now();
        emulators = Emulators.start(root, work.resolve("logs"));
        try {
            setUp();
            cold();
            warm();
            results.put("package_bytes", Files.size(lambdaJar()));
            results.put("baseline_jar_bytes", Files.size(baselineJar()));
            throughput();
        } finally {
            emulators.close();
        }
        results.put("run_seconds", Duration.between(began, Instant.now()).toSeconds());
        write();
    }

    private void setUp() {
        template = LocalTemplate.load(root.resolve("template.yaml"), STACK, Map.of());
        dynamo = LocalTables.client(emulators.dynamodb());
        LocalTables.createAll(dynamo, template);
        LocalTables.createBuckets(LocalTables.s3(emulators.s3()), template);
        Instant start = Instant.now().plus(Duration.ofDays(30));
        new EventRepository(dynamo, template.table("EventsTable").name(), java.time.Clock.systemUTC()).put(new Event("demo",
                "LPSA Open Planning Meeting (benchmark)", start, Duration.ofMinutes(90), ZoneId.of("America/New_York"),
                List.of(new Event.ReferenceCity("New York", ZoneId.of("America/New_York")),
                        new Event.ReferenceCity("New Delhi", ZoneId.of("Asia/Kolkata"))),
                "https://meet.example.org/bench", start, false));
        env = new HashMap<>(template.functions().get(0).environment());
        // ours run with the template's JAVA_TOOL_OPTIONS, as Lambda runs them; the baseline without (see spawn)
        javaToolOptions = env.remove("JAVA_TOOL_OPTIONS");
        // the SDK's own endpoint settings, read by our clients and the baseline's alike
        env.put("AWS_ENDPOINT_URL_DYNAMODB", emulators.dynamodb().toString());
        env.put("AWS_ENDPOINT_URL_SESV2", emulators.ses().toString());
        env.put("AWS_ENDPOINT_URL_S3", emulators.s3().toString());
        env.put(Config.SITE_URL, "http://127.0.0.1");
        env.put(Config.TOKEN_SECRET, "benchmark-secret-benchmark-secret-benchmark");
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
    }

    // cold starts

    private record Cold(double wallMs, double initMs, double handleMs, long classes, long peakRssKb, String response) {}

    private void cold() throws Exception {
        // Each package is unpacked into its own directory, as Lambda unpacks a .jar or .zip into /var/task and
        // loads the classes from there; the baseline is its own shaded jar, with only its own dependencies.
        Path launcher = coldStartJar();
        String ours = TaskDirectory.unpack(lambdaJar(), work.resolve("task-ours")) + ":" + launcher;
        String baseline = TaskDirectory.unpack(baselineJar(), work.resolve("task-baseline")) + ":" + launcher;
        byte[] registration = Files.readAllBytes(root.resolve("events/register-new.json"));
        List<Double> oursWall = new ArrayList<>();
        List<Double> oursInit = new ArrayList<>();
        List<Double> baseWall = new ArrayList<>();
        List<Double> oursRss = new ArrayList<>();
        List<Double> baseRss = new ArrayList<>();
        long classes = 0;
        for (int i = 0; i < COLD_RUNS; i++) {
            // alternate which goes first, so neither always meets a warmer machine
            for (int k = 0; k < 2; k++) {
                boolean oursNow = (i + k) % 2 == 0;
                Path event = eventFile(registration, "cold" + i + (oursNow ? "a" : "b"));
                Cold c = oursNow ? spawn(ours, List.of(), "stream", "org.lpsa.forms.registration.RegisterHandler", event.toString())
                        : spawn(baseline, List.of(), "baseline", event.toString());
                require(c, "\"statusCode\":201", oursNow ? "ours" : "baseline");
                if (oursNow) {
                    oursWall.add(c.wallMs());
                    oursInit.add(c.initMs());
                    oursRss.add(c.peakRssKb() / 1024.0);
                    classes = c.classes();
                } else {
                    baseWall.add(c.wallMs());
                    baseRss.add(c.peakRssKb() / 1024.0);
                }
            }
            System.err.print("\rcold starts: " + (i + 1) + "/" + COLD_RUNS);
        }
        System.err.println();
        double cold = Stats.median(oursWall);
        double base = Stats.median(baseWall);
        results.put("cold_registration_ms", Stats.round(cold));
        results.put("cold_baseline_ms", Stats.round(base));
        results.put("cold_ratio", Stats.round(cold / base));
        results.put("cold_registration_init_ms", Stats.round(Stats.median(oursInit)));
        results.put("cold_registration_runs_ms", oursWall.stream().map(Stats::round).toList());
        results.put("cold_baseline_runs_ms", baseWall.stream().map(Stats::round).toList());
        results.put("classes_loaded_registration", classes);
        results.put("peak_rss_mib", Stats.round(Stats.median(oursRss)));
        results.put("baseline_peak_rss_mib", Stats.round(Stats.median(baseRss)));

        // what a registrant waits after a SnapStart restore, without the restore itself: fresh JVMs that build the
        // handler and run its priming (as before a snapshot), then the first real registration is timed
        List<Double> primed = new ArrayList<>();
        for (int i = 0; i < COLD_RUNS; i++) {
            Cold c = spawn(ours, List.of(), "primed", "org.lpsa.forms.registration.RegisterHandler",
                    eventFile(registration, "primed" + i).toString());
            require(c, "\"statusCode\":201", "ours, primed");
            primed.add(c.handleMs());
        }
        results.put("primed_first_request_ms", Stats.round(Stats.median(primed)));
        results.put("primed_first_request_runs_ms", primed.stream().map(Stats::round).toList());

        if (!onePart) {
            coldOthers(ours, launcher, registration);
        }
    }

    /** The CDS figure, and the cold starts of the inbound email and mailer functions. */
    private void coldOthers(String ours, Path launcher, byte[] registration) throws Exception {
        // an application class-data-sharing archive built by this machine's JDK: reported beside, never shipped
        // (an archive only takes classes from jars, so this figure loads the jar itself)
        String oursJar = lambdaJar() + ":" + launcher;
        Path archive = work.resolve("registration.jsa");
        Files.deleteIfExists(archive);
        spawn(oursJar, List.of("-XX:ArchiveClassesAtExit=" + archive), "stream", "org.lpsa.forms.registration.RegisterHandler",
                eventFile(registration, "cds-training").toString());
        if (!Files.exists(archive)) {
            throw new IllegalStateException("no class-data-sharing archive was made; see " + work.resolve("child.log"));
        }
        List<Double> cds = new ArrayList<>();
        for (int i = 0; i < COLD_RUNS; i++) {
            Cold c = spawn(oursJar, List.of("-XX:SharedArchiveFile=" + archive), "stream", "org.lpsa.forms.registration.RegisterHandler",
                    eventFile(registration, "cds" + i).toString());
            require(c, "\"statusCode\":201", "ours with CDS");
            cds.add(c.wallMs());
        }
        results.put("cold_registration_cds_ms", Stats.round(Stats.median(cds)));

        coldInbound(ours);
        coldMailer(ours);
    }

    private void coldInbound(String classpath) throws Exception {
        LocalTemplate.ReceiptRule rule = template.receiptRules().get(0);
        SesInboundStandIn ses = new SesInboundStandIn(LocalTables.s3(emulators.s3()), rule, null);
        List<Double> wall = new ArrayList<>();
        for (int i = 0; i < COLD_RUNS; i++) {
            byte[] event = ses.store(message20k(i), Map.of(), null, null);
            Path file = work.resolve("inbound" + i + ".json");
            Files.write(file, event);
            Cold c = spawn(classpath, List.of(), "stream", "org.lpsa.forms.inbound.InboundEmailHandler", file.toString());
            require(c, "stored", "inbound");
            wall.add(c.wallMs());
        }
        results.put("cold_inbound_ms", Stats.round(Stats.median(wall)));
    }

    private void coldMailer(String classpath) throws Exception {
        String table = template.table("RegistrationsTable").name();
        List<Double> wall = new ArrayList<>();
        for (int i = 0; i < COLD_RUNS; i++) {
            String email = "mailer" + i + "@example.org";
            Map<String, AttributeValue> item = new HashMap<>();
            item.put("eventId", AttributeValue.fromS("demo"));
            item.put("email", AttributeValue.fromS(email));
            item.put("name", AttributeValue.fromS("Mailer " + i));
            item.put("organization", AttributeValue.fromS("Org"));
            item.put("role", AttributeValue.fromS("other"));
            item.put("country", AttributeValue.fromS("IN"));
            item.put("interests", AttributeValue.fromSs(List.of("other")));
            item.put("newsletter", AttributeValue.fromBool(false));
            item.put("timeZone", AttributeValue.fromS("Asia/Kolkata"));
            item.put("timeZoneSource", AttributeValue.fromS("country"));
            item.put("formVersion", AttributeValue.fromS("bench"));
            item.put("channel", AttributeValue.fromS("json"));
            item.put("status", AttributeValue.fromS("registered"));
            item.put("registeredAt", AttributeValue.fromS("2026-01-01T00:00:00.000Z"));
            item.put("emailStatus", AttributeValue.fromS("PENDING"));
            item.put("emailAttempts", AttributeValue.fromN("0"));
            dynamo.putItem(b -> b.tableName(table).item(item));
            String event = "{\"Records\":[{\"eventName\":\"INSERT\",\"eventSource\":\"aws:dynamodb\",\"dynamodb\":{\"Keys\":{\"eventId\":"
                    + "{\"S\":\"demo\"},\"email\":{\"S\":\"" + email + "\"}},\"SequenceNumber\":\"" + (1000 + i) + "\"},"
                    + "\"eventSourceARN\":\"arn:aws:dynamodb:us-east-1:000000000000:table/" + table + "/stream/bench\"}]}";
            Path file = work.resolve("mailer" + i + ".json");
            Files.writeString(file, event);
            Cold c = spawn(classpath, List.of(), "stream", "org.lpsa.forms.outbox.MailerHandler", file.toString());
            require(c, "\"batchItemFailures\":[]", "mailer");
            if (!"SENT".equals(dynamo.getItem(b -> b.tableName(table).key(Map.of("eventId", AttributeValue.fromS("demo"),
                    "email", AttributeValue.fromS(email)))).item().get("emailStatus").s())) {
                throw new IllegalStateException("the mailer's cold run did not send");
            }
            wall.add(c.wallMs());
        }
        results.put("cold_mailer_ms", Stats.round(Stats.median(wall)));
    }

    /** Flags added to our functions' JVMs while investigating (a profiler's, say): LPSA_BENCH_JVM_OPTIONS. */
    private static List<String> investigationFlags() {
        String flags = System.getenv("LPSA_BENCH_JVM_OPTIONS");
        return flags == null || flags.isBlank() ? List.of() : List.of(flags.trim().split("\\s+"));
    }

    /** Starts a fresh JVM and measures from process start until it printed its figures (the response). */
    private Cold spawn(String classpath, List<String> extraFlags, String... args) throws Exception {
        boolean baseline = args[0].equals("baseline");
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(List.of(baseline ? JVM_FLAGS : OUR_JVM_FLAGS));
        command.addAll(extraFlags);
        if (!baseline) {
            command.addAll(investigationFlags());
        }
        command.addAll(List.of("-cp", classpath, "org.lpsa.forms.bench.ColdStart"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(work.resolve("child.log").toFile());
        builder.environment().putAll(env);
        if (!baseline) {
            builder.environment().put("JAVA_TOOL_OPTIONS", javaToolOptions);
        }
        long start = System.nanoTime();
        Process process = builder.start();
        String line;
        StringBuilder logs = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            // the functions log JSON lines to stdout as in Lambda; the clock stops at the response line ColdStart
            // prints, and the figures follow it
            line = out.readLine();
            while (line != null && !line.startsWith("{\"response\"")) {
                logs.append(line).append('\n');
                line = out.readLine();
            }
            long wall = System.nanoTime() - start;
            String figuresLine = line == null ? null : out.readLine();
            out.transferTo(java.io.Writer.nullWriter());
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            if (figuresLine == null || !figuresLine.startsWith("{\"initMs\"")) {
                throw new IllegalStateException("the child JVM printed no figures; see " + work.resolve("child.log") + "\n" + logs);
            }
            Map<String, Object> figures = JSON.std.mapFrom(figuresLine);
            return new Cold(wall / 1e6, ((Number) figures.get("initMs")).doubleValue(), ((Number) figures.get("handleMs")).doubleValue(),
                    ((Number) figures.get("classes")).longValue(), ((Number) figures.get("peakRssKb")).longValue(),
                    JSON.std.mapFrom(line).get("response") + (logs.isEmpty() ? "" : "\n" + logs));
        }
    }

    private static void require(Cold c, String expected, String who) {
        if (!c.response().contains(expected)) {
            throw new IllegalStateException(who + " answered " + c.response());
        }
    }

    /** A jar holding only the cold-start launcher, so the child's class path is the deployed jar plus this. */
    private Path coldStartJar() throws IOException {
        Path jar = work.resolve("coldstart.jar");
        String entry = ColdStart.class.getName().replace('.', '/') + ".class";
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar));
             var in = ColdStart.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new java.util.jar.JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
        }
        return jar;
    }

    /** A documentation address (198.18.0.0/15, for benchmarks) of its own for the n-th request: no per-source limit is met. */
    static String sourceAddress(int n) {
        return "198." + (18 + (n >> 16 & 1)) + "." + (n >> 8 & 255) + "." + (n & 255);
    }

    private int eventFiles;

    private Path eventFile(byte[] sample, String tag) throws IOException {
        String event = new String(sample, StandardCharsets.UTF_8).replace("Ana.Perez@Example.org", tag + "@example.org")
                .replace("192.0.2.10", sourceAddress(++eventFiles));
        Path file = work.resolve("event-" + tag + ".json");
        Files.writeString(file, event);
        return file;
    }

    private static byte[] message20k(int i) {
        StringBuilder body = new StringBuilder();
        String paragraph = "Local governments need predictable transfers; a dataset of formula grants across countries "
                + "would let practitioners compare designs and outcomes over time.\r\n";
        while (body.length() < 20_000) {
            body.append(paragraph);
        }
        return ("From: Researcher " + i + " <researcher" + i + "@example.org>\r\nTo: ideas@decentralization.net\r\n"
                + "Subject: Data on fiscal transfers " + i + "\r\nMessage-ID: <bench" + i + "@example.org>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);
    }

    // warm

    private void warm() throws Exception {
        String classpath = lambdaJar() + ":" + root.resolve("bench/target/classes");
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(List.of(OUR_JVM_FLAGS));
        command.addAll(investigationFlags());
        command.addAll(List.of("-cp", classpath, "org.lpsa.forms.bench.WarmRun", root.resolve("events/register-new.json").toString(),
                Integer.toString(WARMUP), Integer.toString(WARM)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(work.resolve("warm.log").toFile());
        builder.environment().putAll(env);
        builder.environment().put("JAVA_TOOL_OPTIONS", javaToolOptions);
        System.err.println("warm: " + WARMUP + " to warm up, then " + WARM + " registrations...");
        Process process = builder.start();
        // the handler's own log lines come first (stdout, as in Lambda); the figures are the last line
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        process.waitFor(5, TimeUnit.MINUTES);
        String line = output.substring(output.lastIndexOf('\n') + 1);
        if (!line.startsWith("{\"p50Ms\"")) {
            throw new IllegalStateException("the warm run printed no figures; see " + work.resolve("warm.log"));
        }
        Map<String, Object> warm = JSON.std.mapFrom(line);
        if (((Number) warm.get("failures")).intValue() > 0) {
            throw new IllegalStateException("warm registrations failed: " + line);
        }
        results.put("warm_p50_ms", Stats.round(((Number) warm.get("p50Ms")).doubleValue()));
        results.put("warm_p99_ms", Stats.round(((Number) warm.get("p99Ms")).doubleValue()));
        results.put("warm_p50_handler_ms", Stats.round(((Number) warm.get("handlerP50Ms")).doubleValue()));
        results.put("warm_p99_handler_ms", Stats.round(((Number) warm.get("handlerP99Ms")).doubleValue()));
        results.put("warm_p90_handler_ms", Stats.round(((Number) warm.get("handlerP90Ms")).doubleValue()));
        results.put("warm_p95_handler_ms", Stats.round(((Number) warm.get("handlerP95Ms")).doubleValue()));
        results.put("warm_p50_handler_cpu_ms", Stats.round(((Number) warm.get("handlerCpuP50Ms")).doubleValue()));
        results.put("warm_p99_handler_cpu_ms", Stats.round(((Number) warm.get("handlerCpuP99Ms")).doubleValue()));
        results.put("warm_alloc_bytes_per_request", warm.get("allocatedBytesPerRequest"));
        results.put("warm_requests", warm.get("n"));
    }

    // throughput

    private void throughput() throws Exception {
        // the stack's own capacity: the routes' throttling (a template parameter) would cap the figure
        try (StackProcess stack = StackProcess.start(root, work.resolve("stack-state"), work.resolve("stack.log"), "-XX:+UseSerialGC",
                "--port", "0", "--no-api-throttle")) {
            load(stack.get("url") + "/events/demo/registrations");
        }
    }

    /**
     * Registrations at rising concurrency, each level bounded to 3,000 requests or 8 seconds; the
     * figure is the best rate whose p99 stays under 100 ms with no errors.
     */
    private void load(String url) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        AtomicInteger counter = new AtomicInteger();
        List<Map<String, Object>> levels = new ArrayList<>();
        double best = 0;
        double bestP99 = 0;
        int bestConcurrency = 0;
        for (int concurrency : new int[] {1, 2, 4, 8, 16, 32, 64}) {
            ExecutorService pool = Executors.newFixedThreadPool(concurrency);
            List<Future<double[]>> workers = new ArrayList<>();
            long start = System.nanoTime();
            long stopAt = start + TimeUnit.SECONDS.toNanos(8);
            AtomicInteger budget = new AtomicInteger(3_000);
            for (int w = 0; w < concurrency; w++) {
                workers.add(pool.submit(() -> {
                    List<Double> latencies = new ArrayList<>();
                    double errors = 0;
                    while (System.nanoTime() < stopAt && budget.decrementAndGet() >= 0) {
                        int n = counter.incrementAndGet();
                        String body = "{\"name\":\"Load Test\",\"email\":\"load" + n + "@example.org\","
                                + "\"organization\":\"Org\",\"role\":\"other\",\"country\":\"KE\",\"interests\":[\"other\"],\"newsletter\":false}";
                        long t = System.nanoTime();
                        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                                .header("Content-Type", "application/json")
                                // every registration from a source of its own, under the per-source limits
                                .header("X-Local-Source-Ip", sourceAddress(n))
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                HttpResponse.BodyHandlers.discarding());
                        latencies.add((System.nanoTime() - t) / 1e6);
                        if (r.statusCode() != 201) {
                            errors++;
                        }
                    }
                    double[] out = new double[latencies.size() + 1];
                    out[0] = errors;
                    for (int j = 0; j < latencies.size(); j++) {
                        out[j + 1] = latencies.get(j);
                    }
                    return out;
                }));
            }
            List<Double> all = new ArrayList<>();
            int errors = 0;
            for (Future<double[]> f : workers) {
                double[] r = f.get();
                errors += (int) r[0];
                for (int j = 1; j < r.length; j++) {
                    all.add(r[j]);
                }
            }
            pool.shutdown();
            double seconds = (System.nanoTime() - start) / 1e9;
            double rps = all.size() / seconds;
            double p99 = Stats.percentile(all.stream().mapToDouble(Double::doubleValue).toArray(), 99);
            levels.add(Map.of("concurrency", concurrency, "requests", all.size(), "rps", Stats.round(rps), "p99_ms", Stats.round(p99),
                    "errors", errors));
            System.err.println("load: concurrency " + concurrency + ": " + Math.round(rps) + " req/s, p99 " + Stats.round(p99) + " ms, "
                    + errors + " errors");
            if (errors == 0 && p99 < 100 && rps > best) {
                best = rps;
                bestP99 = p99;
                bestConcurrency = concurrency;
            }
            if (p99 >= 100 || errors > 0) {
                break;
            }
        }
        results.put("throughput_rps", Stats.round(best));
        results.put("throughput_p99_ms", Stats.round(bestP99));
        results.put("throughput_concurrency", bestConcurrency);
        results.put("throughput_levels", levels);
    }

    // results

    private void write() throws IOException {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("date", Instant.now().toString());
        document.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(),
                "memory_gib", Math.round(((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                        .getOperatingSystemMXBean()).getTotalMemorySize() / (1024.0 * 1024 * 1024)),
                "os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch")));
        document.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        document.put("jvm_flags", String.join(" ", JVM_FLAGS));
        document.put("our_jvm_flags", String.join(" ", OUR_JVM_FLAGS) + " with JAVA_TOOL_OPTIONS=" + javaToolOptions);
        document.put("cold_runs", COLD_RUNS);
        document.putAll(results);
        Path json = root.resolve("bench/results/latest.json");
        if (Files.exists(json)) {
            // the burst is measured apart (./lpsa bench burst): its figures stay
            JSON.std.mapFrom(Files.readString(json)).forEach((key, value) -> {
                if (key.startsWith("burst_")) {
                    document.put(key, value);
                }
            });
        }
        Files.writeString(json, JSON.std.with(JSON.Feature.PRETTY_PRINT_OUTPUT).asString(document) + "\n");
        Files.writeString(root.resolve("bench/RESULTS.md"), Report.markdown(document, before(root)));
        System.out.println(Report.summary(document));
        System.out.println("Wrote " + root.relativize(json) + " and bench/RESULTS.md");
    }

    /**
     * The package Lambda runs, as `sam build` makes it from template.yaml: every function names the same
     * CodeUri and skips the build, so the package is that file exactly.
     */
    /** The figures of the last run before the functions moved to the SDK's own clients, kept for the comparison. */
    private static Map<String, Object> before(Path root) throws IOException {
        Path file = root.resolve("bench/results/before-sdk-clients.json");
        return Files.exists(file) ? JSON.std.mapFrom(Files.readString(file)) : Map.of();
    }

    private Path lambdaJar() {
        List<LocalTemplate.Function> functions = template.functions();
        String codeUri = functions.get(0).codeUri();
        for (LocalTemplate.Function f : functions) {
            if (!f.skipBuild() || !codeUri.equals(f.codeUri())) {
                throw new IllegalStateException(f.logicalId() + " does not deploy " + codeUri + " as built; the package size would not be what Lambda runs");
            }
        }
        return root.resolve(codeUri);
    }

    private Path baselineJar() {
        return root.resolve("bench/baseline/target/lpsa-bench-baseline-1.0.0-SNAPSHOT-lambda.jar");
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
