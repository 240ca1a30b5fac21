package org.lpsa.forms.mail;

import static org.lpsa.forms.aws.Items.n;
import static org.lpsa.forms.aws.Items.s;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.lpsa.forms.Log;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * Keeps every copy of every function that sends mail, together, within the SES account's maximum send rate.
 *
 * <p>The rate is SES's {@code MaxSendRate} (SESv2 GetAccount, read again every 10 minutes). Each clock second
 * has one item in the Limits table; a send takes a numbered place in its second with one conditional write
 * ({@code sends + 1} while {@code sends < rate}) and waits for its place's moment, the places spread from
 * 50 to 550 ms into the second, so that a send does not leave in one second and reach SES in the next (nor
 * one of the second before arrive in this one); the first send of a second skips the places already past, and a
 * place whose wait ends after 550 ms (a slow write, a stalled machine) is left unused. So at 14 a second,
 * whatever the number of concurrent mailers, at most 14 sends start in any clock second, evenly spaced; a
 * full second sends the caller to the next. The write costs one write unit per email (10,000 emails: about
 * 0.013 USD on demand), plus one per refused try (at most one per waiting copy per second); the items
 * expire by TTL after a day.
 *
 * <p>SES is still the judge: a send it throttles all the same (another sender on the account, its own
 * accounting) is put back by the mailer without using an attempt. When the rate cannot be read, nothing is
 * paced and throttled sends are put back the same way.
 */
public final class SendRate {
    /** No pacing: for a sender whose rate is not ours to keep (tests of other things). */
    public static final SendRate UNPACED = new SendRate(null, null, null, Clock.systemUTC());
    static final Duration QUOTA_READ_EVERY = Duration.ofMinutes(10);
    static final Duration RETRY_QUOTA_READ = Duration.ofSeconds(30);
    /** How long a send waits for a place before it is put back for later. */
    static final Duration LONGEST_WAIT = Duration.ofSeconds(3);
    /**
     * Places start this far into their second and are spread over the next 500 ms; none is granted after
     * 550 ms, so a send has 450 ms to reach SES within the second it was counted in.
     */
    private static final long FIRST_PLACE_MILLIS = 50;
    private static final long SPREAD_MILLIS = 500;

    private final SesV2Client ses;
    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;
    private volatile double rate = -1;
    private volatile Instant rateReadAt = Instant.MIN;

    public SendRate(SesV2Client ses, DynamoDbClient dynamo, String limitsTable, Clock clock) {
        this.ses = ses;
        this.dynamo = dynamo;
        this.table = limitsTable;
        this.clock = clock;
    }

    /**
     * SES's maximum send rate as last read (emails a second), or 0 when SES reports none (a stand-in without an
     * account): nothing is paced then. When the read fails (GetAccount is throttled in a burst of cold copies,
     * or not allowed), the last rate read stands, or 1 a second (the sandbox's) when none was; it is read
     * again in 30 s.
     */
    public double perSecond() {
        if (ses == null) {
            return 0;
        }
        Instant now = clock.instant();
        if (now.isAfter(rateReadAt.plus(QUOTA_READ_EVERY))) {
            try {
                rate = ses.getAccount(b -> { }).sendQuota().maxSendRate();
                rateReadAt = now;
            } catch (SdkException | NullPointerException unknown) {
                Log.warn(Log.currentRequestId(), "SES sending quota not read; keeping to the last rate known, or 1 a second",
                        "error", unknown.getClass().getSimpleName());
                rate = rate > 0 ? rate : 1;
                rateReadAt = now.minus(QUOTA_READ_EVERY).plus(RETRY_QUOTA_READ);
            }
        }
        return rate;
    }

    /**
     * Waits for this send's place within the rate: true when it may go now; false when none came within
     * {@link #LONGEST_WAIT} (the caller puts the email back for later, as if SES had throttled it).
     */
    public boolean acquire() {
        double quota = perSecond();
        if (quota <= 0) {
            return true;
        }
        long perSecond = Math.max(1, (long) Math.floor(quota));
        long deadline = clock.millis() + LONGEST_WAIT.toMillis();
        while (true) {
            long now = clock.millis();
            long second = now / 1000;
            long lastMoment = second * 1000 + FIRST_PLACE_MILLIS + SPREAD_MILLIS;
            if (now < lastMoment) {
                long elapsed = Math.max(0, (now % 1000 - FIRST_PLACE_MILLIS) * perSecond / SPREAD_MILLIS);
                Long place = take(second, perSecond, Math.min(elapsed, perSecond - 1));
                if (place != null) {
                    long at = second * 1000 + FIRST_PLACE_MILLIS + (place - 1) * SPREAD_MILLIS / perSecond;
                    if (!sleep(at - clock.millis())) {
                        return false;
                    }
                    now = clock.millis();
                    if (now < lastMoment) {
                        return true;
                    }
                    // the place came back, or the wait for it ended, after its second's last moment (a slow write,
                    // a stalled machine): sent now, the email could reach SES in the next second beside that
                    // second's own places, so the place is left unused and one in a later second is taken
                    if (now / 1000 > second && now < deadline) {
                        continue;
                    }
                }
            }
            if (now >= deadline || !sleep((second + 1) * 1000 - now + ThreadLocalRandom.current().nextLong(20))) {
                return false;
            }
        }
    }

    /**
     * This send's place (1, 2 ...) in {@code second}, or null when the second is full. The first send of a
     * second skips the places whose moment has passed ({@code elapsed}), so sends that start late in a second
     * do not all go at once.
     */
    private Long take(long second, long perSecond, long elapsed) {
        try {
            return Long.parseLong(dynamo.updateItem(b -> b.tableName(table)
                    .key(Map.of("limitKey", s("ses-sends#" + second)))
                    .updateExpression("SET sends = if_not_exists(sends, :elapsed) + :one, expiresAt = :expires")
                    .conditionExpression("attribute_not_exists(sends) OR sends < :max")
                    .expressionAttributeValues(Map.of(":one", n(1), ":max", n(perSecond), ":elapsed", n(elapsed),
                            ":expires", n(second + 86_400)))
                    .returnValues(ReturnValue.UPDATED_NEW)).attributes().get("sends").n());
        } catch (ConditionalCheckFailedException full) {
            return null;
        }
    }

    /** False when interrupted (the function is stopping). */
    private static boolean sleep(long millis) {
        if (millis <= 0) {
            return true;
        }
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
