package org.lpsa.forms.aws;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.lpsa.forms.Config;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The secret that signs links. In AWS it is a SecureString parameter in SSM named by the template,
 * read once per container on first use; locally and in tests it is given directly.
 */
public final class TokenSecret implements Supplier<byte[]> {
    private static final int MIN_LENGTH = 32;

    private final Config config;
    private final AwsClients clients;
    private volatile byte[] secret;

    public TokenSecret(Config config, AwsClients clients) {
        this.config = config;
        this.clients = clients;
    }

    @Override
    public byte[] get() {
        byte[] value = secret;
        if (value == null) {
            synchronized (this) {
                if (secret == null) {
                    secret = load();
                }
                value = secret;
            }
        }
        return value;
    }

    private byte[] load() {
        String value = config.optional(Config.TOKEN_SECRET);
        if (value == null) {
            String name = config.require(Config.TOKEN_SECRET_PARAMETER);
            try (SsmClient ssm = clients.ssm()) {
                value = ssm.getParameter(b -> b.name(name).withDecryption(true)).parameter().value();
            }
        }
        if (value.length() < MIN_LENGTH) {
            throw new IllegalStateException("the link-signing secret must be at least " + MIN_LENGTH + " characters");
        }
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
