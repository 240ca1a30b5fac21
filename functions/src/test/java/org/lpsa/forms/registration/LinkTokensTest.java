package org.lpsa.forms.registration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinkTokensTest {
    private static final Instant NOW = Instant.parse("2022-06-01T00:00:00Z");
    private final LinkTokens tokens = new LinkTokens("a-secret-of-at-least-thirty-two-characters"
            .getBytes(StandardCharsets.UTF_8)::clone);

    @Test
    void aTokenCarriesItsRegistrationAndPurpose() {
        String token = tokens.issue(LinkTokens.MANAGE, "demo", "ana@example.org", NOW.plusSeconds(60));
        LinkTokens.Claims claims = tokens.verify(token, LinkTokens.MANAGE, NOW).orElseThrow();
        assertEquals("demo", claims.eventId());
        assertEquals("ana@example.org", claims.subject());
    }

    @Test
    void wrongPurposeExpiryOtherSecretOrGarbageAreRefused() {
        String token = tokens.issue(LinkTokens.MANAGE, "demo", "ana@example.org", NOW.plusSeconds(60));
        assertTrue(tokens.verify(token, LinkTokens.REGISTERED, NOW).isEmpty());
        assertTrue(tokens.verify(token, LinkTokens.MANAGE, NOW.plusSeconds(60)).isEmpty());
        LinkTokens other = new LinkTokens("another-secret-of-at-least-thirty-two-chars".getBytes(StandardCharsets.UTF_8)::clone);
        assertTrue(other.verify(token, LinkTokens.MANAGE, NOW).isEmpty());
        for (String garbage : new String[] {null, "", ".", "abc", "a.b.c", "%%%.%%%", token + "x", "x" + token}) {
            assertTrue(tokens.verify(garbage, LinkTokens.MANAGE, NOW).isEmpty(), String.valueOf(garbage));
        }
    }

    @Test
    void onlyTheSpellingIssuedIsAccepted() {
        String token = tokens.issue(LinkTokens.MANAGE, "demo", "ana@example.org", NOW.plusSeconds(60));
        // 32 signature bytes are 43 characters whose last two bits are spare: flipping one decodes the same
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char last = token.charAt(token.length() - 1);
        String sameBytes = token.substring(0, token.length() - 1) + alphabet.charAt(alphabet.indexOf(last) ^ 1);
        assertArrayEquals(Base64.getUrlDecoder().decode(token.substring(token.indexOf('.') + 1)),
                Base64.getUrlDecoder().decode(sameBytes.substring(sameBytes.indexOf('.') + 1)));
        assertTrue(tokens.verify(sameBytes, LinkTokens.MANAGE, NOW).isEmpty());
        assertTrue(tokens.verify(token, LinkTokens.MANAGE, NOW).isPresent());
    }

    @Test
    void aLinkSignedWithThePreviousSecretVerifiesOnlyWhileThatSecretIsGiven() {
        byte[] old = "old-secret-old-secret-old-secret-old".getBytes(StandardCharsets.UTF_8);
        byte[] current = "new-secret-new-secret-new-secret-new".getBytes(StandardCharsets.UTF_8);
        Instant expiry = Instant.parse("2030-01-01T00:00:00Z");
        String token = new LinkTokens(() -> old).issue(LinkTokens.MANAGE, "demo", "ana@example.org", expiry);
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        assertTrue(new LinkTokens(() -> current, () -> List.of(current, old)).verify(token, LinkTokens.MANAGE, now).isPresent());
        assertTrue(new LinkTokens(() -> current).verify(token, LinkTokens.MANAGE, now).isEmpty());
    }
}
