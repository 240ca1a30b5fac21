package org.lpsa.forms.mail;

import java.util.regex.Pattern;

/**
 * What our emails may repeat of what someone typed into a form. The address a form gives is not
 * verified, so a name or title written as a link would let anyone use our mail to carry it to a
 * stranger; such text is not repeated (the email says "Hello," or "your idea" instead).
 */
final class Echo {
    private static final Pattern LINKISH = Pattern.compile(
            "(?i)(://|www\\.|@|\\b[a-z0-9-]+\\.(com|net|org|info|biz|io|co|ru|cn|xyz|top|click|link|site|online|shop|app|ly)\\b)");

    private Echo() {}

    /** The text when it is safe to repeat, else null. */
    static String safe(String typed) {
        return typed == null || typed.isBlank() || LINKISH.matcher(typed).find() ? null : typed;
    }

    /** "Dear NAME," or "Hello," when there is no name we may repeat. */
    static String greeting(String name) {
        String safe = safe(name);
        return safe == null ? "Hello," : "Dear " + safe + ",";
    }
}
