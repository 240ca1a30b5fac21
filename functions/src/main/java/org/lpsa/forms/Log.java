package org.lpsa.forms;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One JSON line per event on stdout (CloudWatch in Lambda), always with the request id. Callers pass
 * ids and counts, never an email address, name or token.
 */
public final class Log {
    private static final String NO_REQUEST = "none";
    /** The invocation this thread works for, so that code far from the handler (an SDK interceptor) logs with its id. */
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private Log() {}

    /** Marks this thread as working for {@code requestId} until the returned scope is closed. */
    public static Scope request(String requestId) {
        String before = CURRENT.get();
        CURRENT.set(requestId);
        return () -> CURRENT.set(before);
    }

    /** The request id of the invocation this thread works for ("none" outside one, such as during initialisation). */
    public static String currentRequestId() {
        String id = CURRENT.get();
        return id == null ? NO_REQUEST : id;
    }

    /** An invocation's stretch of a thread; closing it forgets the request id. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    public static void info(String requestId, String message, Object... keyValues) {
        write("INFO", requestId, message, null, keyValues);
    }

    public static void warn(String requestId, String message, Object... keyValues) {
        write("WARN", requestId, message, null, keyValues);
    }

    public static void error(String requestId, String message, Throwable error, Object... keyValues) {
        write("ERROR", requestId, message, error, keyValues);
    }

    private static void write(String level, String requestId, String message, Throwable error, Object... keyValues) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("level", level);
        line.put("requestId", requestId);
        line.put("message", message);
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            line.put(String.valueOf(keyValues[i]), keyValues[i + 1]);
        }
        if (error != null) {
            // the class and the top frame locate the fault; messages may carry user input, so they stay out
            line.put("error", error.getClass().getName());
            StackTraceElement[] trace = error.getStackTrace();
            if (trace.length > 0) {
                line.put("at", trace[0].toString());
            }
            if (error.getCause() != null) {
                line.put("cause", error.getCause().getClass().getName());
            }
        }
        // one write of the whole line: println would write the text and the line break apart
        byte[] bytes = (Json.write(line) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        synchronized (System.out) {
            System.out.write(bytes, 0, bytes.length);
            System.out.flush();
        }
    }
}
