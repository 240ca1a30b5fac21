package org.lpsa.forms.inbound;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Decodes a text part, trusting its declared charset only as far as the bytes agree: UTF-8 bytes
 * labelled as a Latin charset (a common mistake of mail programs) are read as UTF-8; bytes invalid
 * in the declared charset fall back to UTF-8, then Windows-1252, which decodes anything.
 */
public final class TextCharsets {
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final Set<String> LATIN = Set.of("us-ascii", "ascii", "iso-8859-1", "latin1", "iso8859-1", "windows-1252",
            "cp1252", "iso-8859-15");

    private TextCharsets() {}

    public static String decode(byte[] bytes, String declared) {
        String name = declared == null ? "" : declared.trim().toLowerCase(Locale.ROOT);
        String utf8 = strict(bytes, StandardCharsets.UTF_8);
        boolean multibyte = utf8 != null && hasNonAscii(bytes);
        if (multibyte && (name.isEmpty() || LATIN.contains(name) || name.equals("utf-8") || name.equals("utf8"))) {
            return utf8;
        }
        Charset charset = lookup(name);
        if (charset != null) {
            if (charset.equals(StandardCharsets.ISO_8859_1) || charset.name().equalsIgnoreCase("US-ASCII")) {
                // what mail programs label Latin-1 is in practice Windows-1252 (curly quotes in 0x80-0x9F)
                charset = WINDOWS_1252;
            }
            String decoded = strict(bytes, charset);
            if (decoded != null) {
                return decoded;
            }
        }
        return utf8 != null ? utf8 : new String(bytes, WINDOWS_1252);
    }

    private static Charset lookup(String name) {
        if (name.isEmpty()) {
            return null;
        }
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    private static String strict(byte[] bytes, Charset charset) {
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static boolean hasNonAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return true;
            }
        }
        return false;
    }
}
