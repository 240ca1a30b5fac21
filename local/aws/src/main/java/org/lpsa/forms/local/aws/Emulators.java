package org.lpsa.forms.local.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

    /** Starts both emulators; their output goes to files in {@code logDir}. */
    public static Emulators start(Path repoRoot, Path logDir) {
        Path modules = repoRoot.resolve("node_modules");
        if (!Files.isDirectory(modules.resolve("dynalite")) || !Files.isDirectory(modules.resolve("aws-ses-v2-local"))) {
            throw new IllegalStateException("The emulators are not installed: run local/npm-ci.sh (the Maven build does)");
        }
        Emulators emulators = new Emulators();
        try {
            Files.createDirectories(logDir);
            int dynamoPort = freePort();
            emulators.dynalite = emulators.launch(repoRoot, logDir.resolve("dynalite.log"), "node", "node_modules/dynalite/cli.js",
                    "--host", "127.0.0.1", "--port", Integer.toString(dynamoPort),
                    "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0");
            int sesPort = freePort();
            emulators.launch(repoRoot, logDir.resolve("ses.log"), "node", "node_modules/aws-ses-v2-local/dist/cli.js",
                    "--host", "127.0.0.1", "--port", Integer.toString(sesPort));
            emulators.dynamodb = URI.create("http://127.0.0.1:" + dynamoPort);
            emulators.ses = URI.create("http://127.0.0.1:" + sesPort);
            // S3 starts in this JVM while node starts the other two
            emulators.startS3();
            emulators.awaitListening(dynamoPort, "dynalite");
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

    /** s3proxy with an in-memory store; it checks signatures like S3, with the dummy local credentials. */
    private void startS3() throws Exception {
        int port = freePort();
        s3proxy = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .endpoint(URI.create("http://127.0.0.1:" + port))
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
        s3 = URI.create("http://127.0.0.1:" + port);
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
     * A loopback port free now, and not handed out before by this JVM: the port is bound later by
     * another process, so two picks in a row must not get the same number back.
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

    private void awaitListening(int port, String name) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            ensureAlive(name);
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                pause();
            }
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
