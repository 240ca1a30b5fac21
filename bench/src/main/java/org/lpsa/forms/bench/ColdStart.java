package org.lpsa.forms.bench;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The child of a cold-start measurement: a fresh JVM that does what the Lambda runtime does for one
 * invocation (build the handler, hand it the event) and prints one line of figures. Configuration
 * comes as environment variables, as in Lambda.
 *
 * <p>{@code ColdStart stream CLASS EVENT.json} for our handlers; {@code ColdStart baseline EVENT.json};
 * {@code ColdStart primed CLASS EVENT.json}: the handler is built and its SnapStart priming run (as
 * before a snapshot, then the restore hook), and only then does the clock start for the first request.
 */
public final class ColdStart {
    private ColdStart() {}

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        byte[] event = Files.readAllBytes(Path.of(args[args.length - 1]));
        byte[] response;
        long built;
        if (args[0].equals("baseline")) {
            Class<?> type = Class.forName("org.lpsa.forms.bench.baseline.BaselineRegisterHandler");
            Object handler = type.getConstructor().newInstance();
            built = System.nanoTime();
            response = (byte[]) type.getMethod("invokeAsRuntimeWould", byte[].class).invoke(handler, (Object) event);
        } else {
            RequestStreamHandler handler = (RequestStreamHandler) Class.forName(args[1]).getConstructor().newInstance();
            if (args[0].equals("primed")) {
                // by reflection, so that the baseline's runs never load a class of ours
                Object priming = handler.getClass().getMethod("priming").invoke(handler);
                priming.getClass().getMethod("prime").invoke(priming);
                priming.getClass().getMethod("restored").invoke(priming);
            }
            built = System.nanoTime();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(event), out, null);
            response = out.toByteArray();
        }
        long done = System.nanoTime();
        String text = new String(response, java.nio.charset.StandardCharsets.UTF_8);
        // the response line first: the parent stops its clock there, before the management beans below load
        System.out.println("{\"response\":" + quote(text.length() > 300 ? text.substring(0, 300) : text) + "}");
        System.out.flush();
        System.out.println("{\"initMs\":" + (built - start) / 1e6 + ",\"handleMs\":" + (done - built) / 1e6
                + ",\"jvmUptimeMs\":" + ManagementFactory.getRuntimeMXBean().getUptime()
                + ",\"classes\":" + ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount()
                + ",\"peakRssKb\":" + peakRssKb() + "}");
    }

    /** The most resident memory this process has had (Linux: VmHWM), in KiB; -1 where it cannot be read. */
    private static long peakRssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (java.io.IOException | RuntimeException unreadable) {
            // not Linux
        }
        return -1;
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
