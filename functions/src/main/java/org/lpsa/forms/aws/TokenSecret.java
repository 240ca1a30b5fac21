package org.lpsa.forms.aws;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.lpsa.forms.Config;

/**
 * The secret that signs links. In AWS it is a SecureString parameter in SSM named by the template, read
 * on first use and again every {@link #REFRESH} (so a rotation reaches warm containers and SnapStart
 * restores too; if SSM fails then, the secret already read is kept and asked for again a minute later;
 * after a rotation the previous secret still verifies links for a while, as other containers may have
 * signed with it);
 * locally and in tests it is given directly.
 */
public final class TokenSecret implements Supplier<byte[]> {
    static final Duration REFRESH = Duration.ofMinutes(10);
    private static final Duration RETRY = Duration.ofMinutes(1);
    private static final int MIN_LENGTH = 32;

    /** {@code previous}: the value before the last change, accepted until {@code previousUntilNanos}. */
    private record Read(byte[] value, long nextReadNanos, byte[] previous, long previousUntilNanos) {}

    private final Config config;
    private final AwsClients clients;
    private final LongSupplier nanoTime;
    private volatile Read read;

    public TokenSecret(Config config, AwsClients clients) {
        this(config, clients, System::nanoTime);
    }

    TokenSecret(Config config, AwsClients clients, LongSupplier nanoTime) {
        this.config = config;
        this.clients = clients;
        this.nanoTime = nanoTime;
    }

    /** The secret to sign with. */
    @Override
    public byte[] get() {
        return current().value();
    }

    /**
     * The secrets a link may be signed with: the current one and, for {@link #REFRESH} after a rotation
     * reached this container, the one before (other containers may still have signed with it).
     */
    public List<byte[]> verificationKeys() {
        Read r = current();
        return r.previous() != null && nanoTime.getAsLong() - r.previousUntilNanos() < 0 ? List.of(r.value(), r.previous())
                : List.of(r.value());
    }

    private Read current() {
        Read current = read;
        if (current != null && nanoTime.getAsLong() - current.nextReadNanos() < 0) {
            return current;
        }
        synchronized (this) {
            current = read;
            long now = nanoTime.getAsLong();
            if (current == null) {
                read = new Read(load(), now + REFRESH.toNanos(), null, now);
            } else if (now - current.nextReadNanos() >= 0) {
                try {
                    byte[] value = load();
                    read = Arrays.equals(value, current.value())
                            ? new Read(value, now + REFRESH.toNanos(), current.previous(), current.previousUntilNanos())
                            : new Read(value, now + REFRESH.toNanos(), current.value(), now + REFRESH.toNanos());
                } catch (RuntimeException e) {
                    read = new Read(current.value(), now + RETRY.toNanos(), current.previous(), current.previousUntilNanos());
                }
            }
            return read;
        }
    }

    private byte[] load() {
        String value = config.optional(Config.TOKEN_SECRET);
        if (value == null) {
            value = fromParameterStore(config.require(Config.TOKEN_SECRET_PARAMETER));
        }
        if (value.length() < MIN_LENGTH) {
            throw new IllegalStateException("the link-signing secret must be at least " + MIN_LENGTH + " characters");
        }
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /** SSM GetParameter with decryption, through the SDK's SSM client. */
    private String fromParameterStore(String name) {
        String value = clients.ssm().getParameter(b -> b.name(name).withDecryption(true)).parameter().value();
        if (value == null) {
            throw new IllegalStateException("SSM parameter " + name + " has no value");
        }
        return value;
    }

    /**
     * After a SnapStart restore the copy must read the secret afresh (it may have been rotated since the
     * snapshot), and the value held stays usable if that read fails.
     */
    public void expire() {
        synchronized (this) {
            Read current = read;
            if (current != null) {
                read = new Read(current.value(), nanoTime.getAsLong(), current.previous(), current.previousUntilNanos());
            }
        }
    }
}
