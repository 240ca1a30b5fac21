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
 * <p>{@code ColdStart stream CLASS EVENT.json} for our handlers; {@code ColdStart baseline EVENT.json}.
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
                + ",\"classes\":" + ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount() + "}");
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
