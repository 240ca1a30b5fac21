package org.lpsa.forms.bench;

import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Time spent inside the SDK's HTTP calls, per thread: from the moment the SDK hands a signed request
 * to its HTTP client until the response's headers are back (beforeTransmission to afterTransmission,
 * every attempt). A handler's own time is its total minus this; marshalling, signing and reading the
 * answer stay on the handler's side. The warm run adds this interceptor to the handler's clients.
 */
final class HttpTime implements ExecutionInterceptor {
    private static final ThreadLocal<AtomicLong> SPENT = ThreadLocal.withInitial(AtomicLong::new);
    private static final ThreadLocal<AtomicLong> SPENT_CPU = ThreadLocal.withInitial(AtomicLong::new);
    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("bench.httpStarted");
    private static final ExecutionAttribute<Long> STARTED_CPU = new ExecutionAttribute<>("bench.httpStartedCpu");
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    /** Nanoseconds spent in HTTP calls on this thread since the last call, and resets. */
    static long takeNanos() {
        return SPENT.get().getAndSet(0);
    }

    /** This thread's CPU nanoseconds spent in HTTP calls since the last call, and resets. */
    static long takeCpuNanos() {
        return SPENT_CPU.get().getAndSet(0);
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        attributes.putAttribute(STARTED_CPU, THREADS.getCurrentThreadCpuTime());
        attributes.putAttribute(STARTED, System.nanoTime());
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        Long started = attributes.getAttribute(STARTED);
        if (started != null) {
            SPENT.get().addAndGet(System.nanoTime() - started);
            SPENT_CPU.get().addAndGet(THREADS.getCurrentThreadCpuTime() - attributes.getAttribute(STARTED_CPU));
        }
    }
}
