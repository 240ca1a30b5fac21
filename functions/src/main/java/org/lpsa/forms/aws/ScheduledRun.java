package org.lpsa.forms.aws;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import org.lpsa.forms.Json;

/** An EventBridge Scheduler or rule event: its {@code time} is the time of the run (the local stack may set it). */
public final class ScheduledRun {
    private ScheduledRun() {}

    /** The run's time from the event, or the clock's when the event has none. */
    public static Instant time(InputStream event, Clock clock) throws IOException {
        Object time = Json.object(event).get("time");
        return time == null ? clock.instant() : Instant.parse(String.valueOf(time));
    }
}
