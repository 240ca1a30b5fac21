package org.lpsa.forms.aws;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.lpsa.forms.Config;
import java.util.Map;
import org.lpsa.forms.http.Json;
import software.amazon.awssdk.http.SdkHttpMethod;

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
            value = fromParameterStore(config.require(Config.TOKEN_SECRET_PARAMETER));
        }
        if (value.length() < MIN_LENGTH) {
            throw new IllegalStateException("the link-signing secret must be at least " + MIN_LENGTH + " characters");
        }
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /** SSM GetParameter with decryption (JSON protocol), signed by the SDK's signer. */
    private String fromParameterStore(String name) {
        byte[] body = Json.bytes(Map.of("Name", name, "WithDecryption", true));
        try (SignedCall.Response response = clients.signedCall().send("ssm", SdkHttpMethod.POST, clients.ssmEndpoint(),
                Map.of("Content-Type", "application/x-amz-json-1.1", "X-Amz-Target", "AmazonSSM.GetParameter"), body)) {
            String text = response.text();
            if (!response.ok()) {
                // the error body names the problem (e.g. ParameterNotFound, AccessDenied), never the value
                throw new IllegalStateException("SSM GetParameter " + name + " failed with " + response.status() + ": "
                        + text.substring(0, Math.min(200, text.length())));
            }
            Object value = Json.map(Json.map(Json.value(text)).get("Parameter")).get("Value");
            if (value == null) {
                throw new IllegalStateException("SSM GetParameter " + name + " returned no value");
            }
            return value.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
