package org.lpsa.forms.registration;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.lpsa.forms.aws.TokenSecret;

/**
 * Signed links: {@code base64url(payload).base64url(HMAC-SHA256)}, the payload naming the purpose, the
 * event, a subject and the expiry. The subject is a registration's random link id (manage links) or
 * nothing (the thank-you page): never an address, since links end up in logs, histories and referrers.
 * Checked in constant time; a token opens only what and the purpose it was made for. Version 1 links,
 * which carried the address, are no longer accepted.
 */
public final class LinkTokens {
    /** The manage link in emails: see and cancel or delete the registration. */
    public static final String MANAGE = "manage";
    /** The thank-you page after a plain form post. */
    public static final String REGISTERED = "registered";

    public record Claims(String purpose, String eventId, String subject, Instant expiresAt) {}

    private static final String VERSION = "v2";
    private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODE = Base64.getUrlDecoder();

    private final Supplier<byte[]> secret;
    private final Supplier<List<byte[]>> verificationKeys;

    /** The secret is fetched on first use, so requests that sign nothing never wait for it. */
    public LinkTokens(Supplier<byte[]> secret) {
        this(secret, () -> List.of(secret.get()));
    }

    /** Signs with {@code secret}; accepts a link signed with any of {@code verificationKeys} (a rotation's grace). */
    public LinkTokens(Supplier<byte[]> secret, Supplier<List<byte[]>> verificationKeys) {
        this.secret = secret;
        this.verificationKeys = verificationKeys;
    }

    /** Signing and verifying with the link-signing secret, and its predecessor for a while after a rotation. */
    public static LinkTokens of(TokenSecret secret) {
        return new LinkTokens(secret, secret::verificationKeys);
    }

    /** A link for {@code purpose} about {@code eventId}; {@code subject} a link id or "" (never an address). */
    public String issue(String purpose, String eventId, String subject, Instant expiresAt) {
        String payload = String.join("\n", VERSION, purpose, eventId, subject, Long.toString(expiresAt.getEpochSecond()));
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return ENCODE.encodeToString(bytes) + "." + ENCODE.encodeToString(mac(secret.get(), bytes));
    }

    /** The claims of a token made by us for this purpose and not expired; empty otherwise. */
    public Optional<Claims> verify(String token, String purpose, Instant now) {
        if (token == null || token.length() > 1024) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return Optional.empty();
        }
        byte[] payload;
        byte[] signature;
        try {
            payload = DECODE.decode(token.substring(0, dot));
            signature = DECODE.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        if (!token.equals(ENCODE.encodeToString(payload) + "." + ENCODE.encodeToString(signature))) {
            // the decoder ignores a last character's spare bits: only the one spelling we issue is accepted
            return Optional.empty();
        }
        boolean signedByUs = false;
        for (byte[] key : verificationKeys.get()) {
            signedByUs |= MessageDigest.isEqual(mac(key, payload), signature);
        }
        if (!signedByUs) {
            return Optional.empty();
        }
        String[] parts = new String(payload, StandardCharsets.UTF_8).split("\n", -1);
        if (parts.length != 5 || !parts[0].equals(VERSION) || !parts[1].equals(purpose)) {
            return Optional.empty();
        }
        Instant expires = Instant.ofEpochSecond(Long.parseLong(parts[4]));
        if (!now.isBefore(expires)) {
            return Optional.empty();
        }
        return Optional.of(new Claims(parts[1], parts[2], parts[3], expires));
    }

    private static byte[] mac(byte[] key, byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(payload);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }
}
