package org.lpsa.forms.bench;

import com.sun.management.ThreadMXBean;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.lpsa.forms.Config;
import org.lpsa.forms.aws.AwsClients;
import org.lpsa.forms.registration.RegisterHandler;

/**
 * The child of the warm measurement: one JVM, the registration handler built once, a warm-up, then N
 * registrations (each a new person) timed end to end and without the time inside the HTTP client; prints one line.
 * {@code WarmRun EVENT.json WARMUP N}; the event's email is made unique per request.
 */
public final class WarmRun {
    private WarmRun() {}

    public static void main(String[] args) throws Exception {
        String template = Files.readString(Path.of(args[0]));
        int warmup = Integer.parseInt(args[1]);
        int n = Integer.parseInt(args[2]);
        Config config = Config.fromEnvironment();
        RegisterHandler handler = new RegisterHandler(config,
                new AwsClients(config, AwsClients.Caller.API_REQUEST, java.util.List.of(new HttpTime())));
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        double[] total = new double[n];
        double[] own = new double[n];
        double[] ownCpu = new double[n];
        long allocated = 0;
        int failures = 0;
        for (int i = -warmup; i < n; i++) {
            byte[] event = template.replace("ana.perez@example.org", "warm" + (i + warmup) + "@example.org")
                    .replace("Ana.Perez@Example.org", "warm" + (i + warmup) + "@example.org")
                    // a source of its own for each, under the per-source limits
                    .replace("192.0.2.10", BenchMain.sourceAddress(i + warmup)).getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream out = new ByteArrayOutputStream(512);
            HttpTime.takeNanos();
            HttpTime.takeCpuNanos();
            long cpuStart = threads.getCurrentThreadCpuTime();
            long bytesBefore = threads.getThreadAllocatedBytes(thread);
            long start = System.nanoTime();
            handler.handleRequest(new ByteArrayInputStream(event), out, null);
            long elapsed = System.nanoTime() - start;
            long sdk = HttpTime.takeNanos();
            long cpu = threads.getCurrentThreadCpuTime() - cpuStart - HttpTime.takeCpuNanos();
            long bytes = threads.getThreadAllocatedBytes(thread) - bytesBefore;
            if (!out.toString(StandardCharsets.UTF_8).contains("\"statusCode\":201")) {
                failures++;
            }
            if (i >= 0) {
                total[i] = elapsed / 1e6;
                own[i] = (elapsed - sdk) / 1e6;
                ownCpu[i] = cpu / 1e6;
                allocated += bytes;
            }
        }
        System.out.println("{\"p50Ms\":" + Stats.percentile(total, 50) + ",\"p99Ms\":" + Stats.percentile(total, 99)
                + ",\"handlerP50Ms\":" + Stats.percentile(own, 50) + ",\"handlerP99Ms\":" + Stats.percentile(own, 99)
                + ",\"handlerP90Ms\":" + Stats.percentile(own, 90) + ",\"handlerP95Ms\":" + Stats.percentile(own, 95)
                + ",\"handlerCpuP50Ms\":" + Stats.percentile(ownCpu, 50) + ",\"handlerCpuP99Ms\":" + Stats.percentile(ownCpu, 99)
                + ",\"allocatedBytesPerRequest\":" + allocated / n + ",\"failures\":" + failures + ",\"n\":" + n + "}");
    }
}
