package org.lpsa.forms.registration;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * A registration's link id: 128 random bits, base64url. Its manage link names it instead of the address,
 * and a deleted registration takes it along, so a link sent for it opens nothing that comes after.
 */
public final class LinkIds {
    private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
    private static volatile SecureRandom random = new SecureRandom();

    private LinkIds() {}

    public static String next() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return ENCODE.encodeToString(bytes);
    }

    /** After a SnapStart restore: copies restored from one snapshot must not share a generator's state. */
    public static void renew() {
        random = new SecureRandom();
    }

    /** Whether {@code text} could be a link id (checked before anything is read with it). */
    static boolean wellFormed(String text) {
        return text != null && text.length() == 22 && text.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_');
    }
}
