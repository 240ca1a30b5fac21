package org.lpsa.forms.bench;

import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Time spent inside the SDK's HTTP calls (transmission start to response), per thread, so that a
 * handler's own time is its total minus this. Registered for every client through the SDK's global
 * interceptor file, which the benchmark writes onto the warm run's class path only, so production code
 * is measured unchanged and cold runs do not carry it.
 */
public final class SdkHttpTime implements ExecutionInterceptor {
    private static final ThreadLocal<Long> STARTED = new ThreadLocal<>();
    private static final ThreadLocal<AtomicLong> SPENT = ThreadLocal.withInitial(AtomicLong::new);

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        STARTED.set(System.nanoTime());
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        Long start = STARTED.get();
        if (start != null) {
            SPENT.get().addAndGet(System.nanoTime() - start);
        }
    }

    /** Nanoseconds spent in SDK HTTP calls on this thread since the last call, and resets. */
    public static long takeNanos() {
        return SPENT.get().getAndSet(0);
    }
}
