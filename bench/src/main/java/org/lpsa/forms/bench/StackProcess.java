package org.lpsa.forms.bench;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * `./lpsa local` in a process of its own, as a developer runs it, on a state directory of the benchmark's
 * (so it never touches .lpsa/local.json): started, waited for until it writes its local.json, stopped.
 */
final class StackProcess implements AutoCloseable {
    private final Process process;
    private final Map<String, Object> local;

    private StackProcess(Process process, Map<String, Object> local) {
        this.process = process;
        this.local = local;
    }

    /** Starts the stack with {@code jvmFlag} and the stack's own {@code options}; its output goes to {@code log}. */
    static StackProcess start(Path root, Path state, Path log, String jvmFlag, String... options) throws IOException, InterruptedException {
        Files.createDirectories(state);
        Files.deleteIfExists(state.resolve("local.json"));
        String classpath = root.resolve("local/server/target/classes") + ":"
                + Files.readString(root.resolve("local/server/target/classpath.txt")).trim();
        List<String> command = new ArrayList<>(List.of(BenchMain.java(), jvmFlag, "-cp", classpath, "org.lpsa.forms.local.LocalStack",
                "--state", state.toString()));
        command.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(Map.of("AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local", "AWS_REGION", "us-east-1",
                "AWS_EC2_METADATA_DISABLED", "true"));
        Process process = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(state.resolve("local.json")) && System.nanoTime() < deadline && process.isAlive()) {
            Thread.sleep(100);
        }
        if (!Files.exists(state.resolve("local.json"))) {
            process.destroy();
            throw new IllegalStateException("the local stack did not start; see " + log);
        }
        return new StackProcess(process, JSON.std.mapFrom(Files.readString(state.resolve("local.json"))));
    }

    /** What the stack wrote to local.json: url, dynamodb, ses, s3, stackName. */
    String get(String key) {
        return String.valueOf(local.get(key));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(20, TimeUnit.SECONDS);
    }
}
