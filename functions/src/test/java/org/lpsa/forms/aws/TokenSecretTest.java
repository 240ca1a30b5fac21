package org.lpsa.forms.aws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lpsa.forms.Config;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

/**
 * The SSM path of the link-signing secret, through the SDK's SSM client against a loopback stand-in of
 * SSM's JSON protocol (no SSM emulator runs here), found through the SDK's endpoint setting: read once,
 * again after the refresh or a restore, and failures kept apart from the secret already read.
 */
class TokenSecretTest {
    private HttpServer ssm;
    private final AtomicReference<String> answer = new AtomicReference<>();
    private final AtomicInteger status = new AtomicInteger(200);
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicReference<Map<String, String>> seen = new AtomicReference<>();

    @BeforeEach
    void start() throws Exception {
        ssm = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ssm.createContext("/", exchange -> {
            calls.incrementAndGet();
            seen.set(Map.of(
                    "target", String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target")),
                    "authorization", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")),
                    "body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            byte[] body = answer.get().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.get(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        ssm.start();
    }

    @AfterEach
    void stop() {
        ssm.stop(0);
        System.clearProperty("aws.endpointUrlSsm");
    }

    private static final Config CONFIG = Config.of(Map.of(Config.TOKEN_SECRET_PARAMETER, "/lpsa-forms/token-secret",
            Config.AWS_REGION, "eu-west-1"));

    private AwsClients clients() {
        System.setProperty("aws.endpointUrlSsm", "http://127.0.0.1:" + ssm.getAddress().getPort());
        return new AwsClients(CONFIG, AwsClients.Caller.API_REQUEST);
    }

    private TokenSecret secret() {
        return new TokenSecret(CONFIG, clients());
    }

    @Test
    void theSecretIsReadOnceWithASignedGetParameter() {
        answer.set("{\"Parameter\":{\"Name\":\"/lpsa-forms/token-secret\",\"Type\":\"SecureString\",\"Value\":\"0123456789abcdef0123456789abcdef-x\"}}");
        TokenSecret secret = secret();
        assertArrayEquals("0123456789abcdef0123456789abcdef-x".getBytes(StandardCharsets.UTF_8), secret.get());
        secret.get();
        assertEquals(1, calls.get(), "read once, not per request");
        assertEquals("AmazonSSM.GetParameter", seen.get().get("target"));
        assertTrue(seen.get().get("authorization").startsWith("AWS4-HMAC-SHA256 Credential=local/"), seen.get().get("authorization"));
        assertTrue(seen.get().get("authorization").contains("/eu-west-1/ssm/aws4_request"));
        assertTrue(seen.get().get("body").contains("\"Name\":\"/lpsa-forms/token-secret\""), seen.get().get("body"));
        assertTrue(seen.get().get("body").contains("\"WithDecryption\":true"));
    }

    @Test
    void aRestoredCopyReadsTheSecretAfreshAndKeepsTheOldOneIfThatFails() {
        answer.set("{\"Parameter\":{\"Value\":\"first-secret-first-secret-first-secret\"}}");
        TokenSecret secret = secret();
        secret.get();
        answer.set("{\"Parameter\":{\"Value\":\"rotated-secret-rotated-secret-rotated\"}}");
        secret.expire();
        assertEquals("rotated-secret-rotated-secret-rotated", new String(secret.get(), StandardCharsets.UTF_8));
        assertEquals(2, calls.get());

        status.set(400);
        answer.set("{\"__type\":\"AccessDeniedException\"}");
        secret.expire();
        assertEquals("rotated-secret-rotated-secret-rotated", new String(secret.get(), StandardCharsets.UTF_8));
    }

    @Test
    void aRotatedSecretIsReadAgainAfterTheRefreshAndAnSsmFailureKeepsTheOldOne() {
        AtomicLong now = new AtomicLong(0);
        TokenSecret secret = new TokenSecret(CONFIG, clients(), now::get);
        answer.set("{\"Parameter\":{\"Value\":\"first-secret-first-secret-first-secret\"}}");
        assertEquals("first-secret-first-secret-first-secret", new String(secret.get(), StandardCharsets.UTF_8));

        answer.set("{\"Parameter\":{\"Value\":\"second-secret-second-secret-second-secret\"}}");
        now.set(TokenSecret.REFRESH.toNanos() - 1);
        assertEquals("first-secret-first-secret-first-secret", new String(secret.get(), StandardCharsets.UTF_8));
        assertEquals(1, calls.get());

        now.set(TokenSecret.REFRESH.toNanos());
        assertEquals("second-secret-second-secret-second-secret", new String(secret.get(), StandardCharsets.UTF_8));
        assertEquals(2, calls.get());
        assertEquals(List.of("second-secret-second-secret-second-secret", "first-secret-first-secret-first-secret"),
                secret.verificationKeys().stream().map(k -> new String(k, StandardCharsets.UTF_8)).toList(),
                "links other containers signed before the rotation reached them still verify for a while");

        status.set(500);
        answer.set("{\"__type\":\"InternalServerError\"}");
        now.addAndGet(TokenSecret.REFRESH.toNanos());
        assertEquals("second-secret-second-secret-second-secret", new String(secret.get(), StandardCharsets.UTF_8),
                "an SSM failure at refresh keeps the secret already read");
        int afterFailure = calls.get();
        assertTrue(afterFailure > 2, "the failed read was tried (the SDK retries a 500)");
        secret.get();
        assertEquals(afterFailure, calls.get(), "asked again only a minute later");
        assertEquals(1, secret.verificationKeys().size(), "the previous secret is no longer accepted once its while is over");
    }

    @Test
    void aMissingParameterOrAShortSecretFailsClearly() {
        status.set(400);
        answer.set("{\"__type\":\"ParameterNotFound\"}");
        assertThrows(ParameterNotFoundException.class, () -> secret().get());

        status.set(200);
        answer.set("{\"Parameter\":{\"Value\":\"short\"}}");
        assertTrue(assertThrows(IllegalStateException.class, () -> secret().get()).getMessage().contains("at least 32"));
    }
}
