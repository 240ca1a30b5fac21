package org.lpsa.forms.aws;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import org.lpsa.forms.Json;

/** An EventBridge Scheduler or rule event: its {@code time} is the time of the run (the local stack may set it). */
public final class ScheduledRun {
    private ScheduledRun() {}

    /** The most a run keeps in hand at the end: a paced send's longest wait and a send, with room to spare. */
    static final long KEEP_AT_MOST_MILLIS = 20_000;

    /**
     * When a run should take no new work (epoch millis): a quarter of its time (at most 20 s) before its
     * timeout, so that what it has taken is finished, not cut off; the rest waits for the next run.
     */
    public static long stopAt(com.amazonaws.services.lambda.runtime.Context context) {
        long remaining = context == null ? Long.MAX_VALUE / 2 : context.getRemainingTimeInMillis();
        return System.currentTimeMillis() + remaining - Math.min(KEEP_AT_MOST_MILLIS, remaining / 4);
    }

    /** The run's time from the event, or the clock's when the event has none. */
    public static Instant time(InputStream event, Clock clock) throws IOException {
        Object time = Json.object(event).get("time");
        return time == null ? clock.instant() : Instant.parse(String.valueOf(time));
    }
}
