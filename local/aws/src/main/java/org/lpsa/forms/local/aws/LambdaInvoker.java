package org.lpsa.forms.local.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;

/**
 * Invokes one function's handler in this JVM the way the Lambda Java runtime does for a stream handler:
 * one instance built once with its no-argument constructor, then event bytes in, response bytes out.
 */
public final class LambdaInvoker {
    private final String functionName;
    private final RequestStreamHandler handler;
    private final int timeoutSeconds;

    public LambdaInvoker(String functionName, RequestStreamHandler handler) {
        this(functionName, handler, LocalContext.DEFAULT_TIMEOUT_SECONDS);
    }

    public LambdaInvoker(String functionName, RequestStreamHandler handler, int timeoutSeconds) {
        this.functionName = functionName;
        this.handler = handler;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** The template's function: its handler built as the Lambda runtime builds it, and its timeout. */
    public static LambdaInvoker of(LocalTemplate.Function function) {
        LambdaInvoker built = forHandler(function.logicalId(), function.handler());
        return new LambdaInvoker(function.logicalId(), built.handler, function.timeoutSeconds());
    }

    /** Builds the handler named by a template {@code Handler} property such as {@code a.b.C::handleRequest}. */
    public static LambdaInvoker forHandler(String functionName, String handlerProperty) {
        String className = handlerProperty.split("::", 2)[0];
        try {
            Object instance = Class.forName(className).getConstructor().newInstance();
            if (!(instance instanceof RequestStreamHandler streamHandler)) {
                throw new IllegalArgumentException(className + " is not a RequestStreamHandler");
            }
            return new LambdaInvoker(functionName, streamHandler);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build the handler " + className + " of " + functionName, e);
        }
    }

    public String functionName() {
        return functionName;
    }

    public byte[] invoke(byte[] event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(event), out, context(UUID.randomUUID().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(functionName + " failed", e);
        }
        return out.toByteArray();
    }

    private Context context(String requestId) {
        return LocalContext.of(functionName, requestId, timeoutSeconds);
    }
}
