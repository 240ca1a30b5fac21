package org.lpsa.forms;

import java.text.Normalizer;
import java.util.regex.Pattern;

/** Cleaning of what people type: Unicode NFC, invisible control characters removed, white space tidied. */
public final class FormText {
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cf}&&[^\\u200c\\u200d\\n]]");
    private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");

    private FormText() {}

    /** One line: runs of white space, new lines too, become one space. */
    public static String line(String raw) {
        if (raw == null) {
            return null;
        }
        String value = WHITE_SPACE.matcher(nfc(raw)).replaceAll(" ");
        return CONTROL.matcher(value).replaceAll("").strip();
    }

    /**
     * NFC. Text below U+0300 (Latin letters, accents precomposed) is NFC already; skipping the
     * normaliser there spares most requests the loading of its Unicode tables.
     */
    static String nfc(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            if (raw.charAt(i) >= '\u0300') {
                return Normalizer.normalize(raw, Normalizer.Form.NFC);
            }
        }
        return raw;
    }

    /**
     * Paragraphs: line breaks kept (as \n), spaces at the end of a line and runs of blank lines removed.
     * One pass over the text, linear in its length whatever it holds (a pattern such as {@code [ ]+\n}
     * takes quadratic time on a long run of spaces with no line break after it).
     */
    public static String paragraphs(String raw) {
        if (raw == null) {
            return null;
        }
        String value = nfc(raw).replace("\r\n", "\n").replace('\r', '\n').replace('\t', ' ');
        value = CONTROL.matcher(value).replaceAll("");
        StringBuilder out = new StringBuilder(value.length());
        int spacesFrom = -1;
        int lineBreaks = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\u00a0') {
                if (spacesFrom < 0) {
                    spacesFrom = out.length();
                }
                out.append(c);
            } else if (c == '\n') {
                if (spacesFrom >= 0) {
                    out.setLength(spacesFrom);
                    spacesFrom = -1;
                }
                // at most one blank line between paragraphs
                if (++lineBreaks <= 2) {
                    out.append('\n');
                }
            } else {
                spacesFrom = -1;
                lineBreaks = 0;
                out.append(c);
            }
        }
        return out.toString().strip();
    }
}
