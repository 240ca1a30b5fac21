package org.lpsa.forms.mail;

import com.google.common.net.InternetDomainName;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What our emails may repeat of what someone typed into a form. The address a form gives is not
 * verified, so a name or title holding a link or an address would let anyone use our mail to carry it
 * to a stranger; such text is not repeated (the email says "Hello," or "your idea" instead).
 *
 * <p>The decision is made on the text as a mail program may show it: NFKC (full-width letters and dots
 * become plain ones), every dot look-alike and written-out dot ({@code [.]}, {@code (dot)}) made a dot,
 * then any word that is a host name under a public suffix (the public suffix list, through Guava) refuses
 * it, as does anything that looks like a URL or an address. Every step is linear in the text.
 */
final class Echo {
    /** Characters a reader takes for a dot: ideographic, middle and leader dots, and the like. */
    private static final Pattern DOT_LIKE = Pattern.compile(
            "[\\u3002\\uff61\\u2024\\u2027\\u00b7\\u2219\\u22c5\\u30fb\\u0701\\u0702\\u2e31\\u2e33\\ufe52\\u06d4]");
    /** A dot written out: [.] (.) {.} [dot] (dot). */
    private static final Pattern WRITTEN_DOT = Pattern.compile("(?i)\\s?[\\[({]\\s?(?:\\.|dot)\\s?[\\])}]\\s?");
    private static final Pattern URL_OR_ADDRESS = Pattern.compile("(?i)(?:://|www|http|@|mailto:)");
    /** What separates words that could be host names. */
    private static final Pattern NOT_IN_A_HOST = Pattern.compile("[^\\p{L}\\p{M}\\p{N}.-]+");

    private Echo() {}

    /** The text when it is safe to repeat, else null. */
    static String safe(String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        String seen = Normalizer.normalize(typed, Normalizer.Form.NFKC);
        seen = WRITTEN_DOT.matcher(DOT_LIKE.matcher(seen).replaceAll(".")).replaceAll(".").toLowerCase(Locale.ROOT);
        if (URL_OR_ADDRESS.matcher(seen).find()) {
            return null;
        }
        for (String word : NOT_IN_A_HOST.split(seen)) {
            if (isHostName(word)) {
                return null;
            }
        }
        return typed;
    }

    /** A word such as prize-evil.de, example.co.uk or пример.рф: a name under a public suffix. */
    private static boolean isHostName(String word) {
        int from = 0;
        int to = word.length();
        while (from < to && (word.charAt(from) == '.' || word.charAt(from) == '-')) {
            from++;
        }
        while (to > from && (word.charAt(to - 1) == '.' || word.charAt(to - 1) == '-')) {
            to--;
        }
        String host = word.substring(from, to);
        return host.indexOf('.') > 0 && host.length() <= 253 && InternetDomainName.isValid(host)
                && InternetDomainName.from(host).hasPublicSuffix();
    }

    /** "Dear NAME," or "Hello," when there is no name we may repeat. */
    static String greeting(String name) {
        String safe = safe(name);
        return safe == null ? "Hello," : "Dear " + safe + ",";
    }
}
