package org.lpsa.forms.aws;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Lets priming take a write through the SDK's whole request path (the request built and marshalled, the
 * endpoint resolved, the request signed) and stops it just before it would be sent: nothing leaves the
 * process, so nothing can be stored. Reads are primed for real; writes only this way.
 */
public final class DryRun implements ExecutionInterceptor {
    private static final ThreadLocal<Boolean> ACTIVE = new ThreadLocal<>();

    /** Runs {@code calls} with every AWS call on this thread stopped before it is sent. */
    public static void run(Runnable calls) {
        ACTIVE.set(Boolean.TRUE);
        try {
            calls.run();
        } catch (RuntimeException e) {
            if (!stoppedHere(e)) {
                throw e;
            }
        } finally {
            ACTIVE.remove();
        }
    }

    static boolean active() {
        return ACTIVE.get() != null;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (active()) {
            throw new NotSent();
        }
    }

    private static boolean stoppedHere(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof NotSent) {
                return true;
            }
        }
        return false;
    }

    /** The signal that a call was stopped before sending (the SDK may hand it back wrapped). */
    private static final class NotSent extends RuntimeException {
        NotSent() {
            super("stopped before sending (priming)", null, false, false);
        }
    }
}
