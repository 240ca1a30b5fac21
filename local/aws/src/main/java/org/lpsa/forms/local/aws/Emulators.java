package org.lpsa.forms.local.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * The local AWS emulators of ARCHITECTURE.md, each on a free loopback port: dynalite for DynamoDB and
 * aws-ses-v2-local for SES from the repository's pinned node_modules, and s3proxy for S3 in this JVM.
 */
public final class Emulators implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);
    private static Emulators shared;

    private final List<Process> processes = new ArrayList<>();
    private Process dynalite;
    private URI dynamodb;
    private URI ses;
    private URI s3;
    private S3Proxy s3proxy;

    private Emulators() {}

    /** Starts the emulators with no limit on SES's sending rate; their output goes to files in {@code logDir}. */
    public static Emulators start(Path repoRoot, Path logDir) {
        return start(repoRoot, logDir, null);
    }

    /**
     * Starts the emulators; with {@code sesRate} (emails a second; null: no limit) the SES stand-in refuses
     * sends above it as SES does and reports it as the account's MaxSendRate (local/emulators.js).
     */
    public static Emulators start(Path repoRoot, Path logDir, Integer sesRate) {
        Path modules = repoRoot.resolve("node_modules");
        if (!Files.isDirectory(modules.resolve("dynalite")) || !Files.isDirectory(modules.resolve("aws-ses-v2-local"))) {
            throw new IllegalStateException("The emulators are not installed: run local/npm-ci.sh (the Maven build does)");
        }
        Emulators emulators = new Emulators();
        try {
            Files.createDirectories(logDir);
            // each binds a port the system picks and says which (local/emulators.js): no port is chosen here first
            Path dynamoLog = logDir.resolve("dynalite.log");
            Path sesLog = logDir.resolve("ses.log");
            emulators.dynalite = emulators.launch(repoRoot, dynamoLog, "node", "local/emulators.js", "dynamodb");
            if (sesRate == null) {
                emulators.launch(repoRoot, sesLog, "node", "local/emulators.js", "ses");
            } else {
                emulators.launch(repoRoot, sesLog, "node", "local/emulators.js", "ses", Integer.toString(sesRate));
            }
            // S3 starts in this JVM while node starts the other two
            emulators.startS3();
            emulators.dynamodb = URI.create("http://127.0.0.1:" + emulators.awaitPort(dynamoLog, "dynalite"));
            emulators.ses = URI.create("http://127.0.0.1:" + emulators.awaitPort(sesLog, "aws-ses-v2-local"));
            emulators.awaitHealthy(URI.create(emulators.ses + "/health-check"), "aws-ses-v2-local");
            return emulators;
        } catch (Exception e) {
            emulators.close();
            throw e instanceof IOException io ? new UncheckedIOException(io)
                    : e instanceof RuntimeException r ? r : new IllegalStateException("s3proxy did not start", e);
        }
    }

    /** One pair of emulators for the whole test JVM, stopped when it exits. */
    public static synchronized Emulators shared() {
        if (shared == null) {
            Path root = RepoRoot.find();
            shared = start(root, root.resolve("target/emulator-logs"));
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    public URI dynamodb() {
        return dynamodb;
    }

    public URI ses() {
        return ses;
    }

    public URI s3() {
        return s3;
    }

    /**
     * Changes the SES stand-in's sending rate: emails a second, 0 refuses every send, null lifts the limit.
     * A rate of 1 or more returns once the clock second of the last send accepted before it has passed: SES
     * would count that send (an earlier test's) as another sender's on the account, against the new rate.
     */
    public void sesRate(Integer perSecond) {
        sesRateCall("PUT", "?perSecond=" + (perSecond == null ? "none" : perSecond));
        if (perSecond == null || perSecond == 0) {
            return;
        }
        while (true) {
            Object last = sesSending().get("lastAcceptedMillis");
            long now = System.currentTimeMillis();
            if (last == null || ((Number) last).longValue() / 1000 < now / 1000) {
                return;
            }
            try {
                Thread.sleep(1000 - now % 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a second without sends", e);
            }
        }
    }

    /**
     * What the SES stand-in says of sending: {@code perSecond} (the limit, or null), {@code throttled} (sends
     * refused), and {@code accepted}: sends accepted in each clock second (epoch second to count).
     */
    public Map<String, Object> sesSending() {
        try {
            return com.fasterxml.jackson.jr.ob.JSON.std.mapFrom(sesRateCall("GET", ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String sesRateCall(String method, String query) {
        try {
            HttpURLConnection connection = (HttpURLConnection) ses.resolve("/_rate" + query).toURL().openConnection();
            connection.setRequestMethod(method);
            connection.setConnectTimeout(2000);
            connection.setReadTimeout(5000);
            try (var in = connection.getInputStream()) {
                return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** s3proxy with an in-memory store; it checks signatures like S3, with the dummy local credentials. */
    private void startS3() throws Exception {
        // port 0: the system picks a free one as it binds; the server says which
        s3proxy = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "local", "local")
                .build();
        s3proxy.start();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!"STARTED".equals(s3proxy.getState()) && System.nanoTime() < deadline) {
            pause();
        }
        if (!"STARTED".equals(s3proxy.getState())) {
            throw new IllegalStateException("s3proxy did not start within " + READY_TIMEOUT.toSeconds() + " s");
        }
        s3 = URI.create("http://127.0.0.1:" + s3proxy.getPort());
    }

    private Process launch(Path dir, Path log, String... command) throws IOException {
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        processes.add(process);
        return process;
    }

    /**
     * Freezes the DynamoDB emulator (SIGSTOP): connections are still accepted by the kernel, but nothing is
     * answered, as when DynamoDB is unreachable or stalls. {@link #resumeDynamoDb()} lets it go on.
     */
    public void pauseDynamoDb() {
        signal("STOP");
    }

    public void resumeDynamoDb() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(dynalite.pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + name + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A loopback port free now, and not handed out before by this JVM, for a server that must know its
     * address before it binds (the local stack puts its own URL in the links it sends). The emulators do
     * not use it: they bind port 0 and say which port they got.
     */
    public static int freePort() throws IOException {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            }
        }
    }

    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    /** The port an emulator announced in its log ("listening on port N"), once it listens. */
    private int awaitPort(Path log, String name) {
        java.util.regex.Pattern announced = java.util.regex.Pattern.compile("listening on port (\\d+)");
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            ensureAlive(name);
            try {
                java.util.regex.Matcher m = announced.matcher(Files.readString(log));
                if (m.find()) {
                    return Integer.parseInt(m.group(1));
                }
            } catch (IOException notYet) {
                // the log is not there yet
            }
            pause();
        }
        throw new IllegalStateException(name + " did not start listening within " + READY_TIMEOUT.toSeconds() + " s");
    }

    private void awaitHealthy(URI uri, String name) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            ensureAlive(name);
            try {
                HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
                connection.setConnectTimeout(500);
                connection.setReadTimeout(2000);
                int status = connection.getResponseCode();
                connection.disconnect();
                if (status == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            pause();
        }
        throw new IllegalStateException(name + " did not become healthy within " + READY_TIMEOUT.toSeconds() + " s");
    }

    private void ensureAlive(String name) {
        for (Process process : processes) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue() + " (see its log)");
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(25);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an emulator", e);
        }
    }

    @Override
    public void close() {
        if (s3proxy != null) {
            try {
                s3proxy.stop();
            } catch (Exception e) {
                System.err.println("{\"level\":\"WARN\",\"message\":\"s3proxy did not stop cleanly\"}");
            }
            s3proxy = null;
        }
        for (Process process : processes) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
        }
        for (Process process : processes) {
            try {
                if (!process.waitFor(3, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        processes.clear();
    }
}
