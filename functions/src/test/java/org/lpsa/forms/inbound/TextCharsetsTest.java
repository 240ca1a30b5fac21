package org.lpsa.forms.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextCharsetsTest {
    @Test
    void utf8LabelledLatin1IsReadAsUtf8() {
        byte[] bytes = "Décentralisation à Abidjan".getBytes(StandardCharsets.UTF_8);
        assertEquals("Décentralisation à Abidjan", TextCharsets.decode(bytes, "iso-8859-1"));
    }

    @Test
    void realLatin1AndWindows1252AreRead() {
        assertEquals("Málaga, España", TextCharsets.decode("Málaga, España".getBytes(StandardCharsets.ISO_8859_1), "ISO-8859-1"));
        byte[] quotes = "“local” – voices".getBytes(Charset.forName("windows-1252"));
        assertEquals("“local” – voices", TextCharsets.decode(quotes, "windows-1252"));
        assertEquals("“local” – voices", TextCharsets.decode(quotes, "iso-8859-1"), "Latin-1 labels mean Windows-1252 in mail");
    }

    @Test
    void unknownOrMissingCharsetsFallBack() {
        assertEquals("naïve", TextCharsets.decode("naïve".getBytes(StandardCharsets.UTF_8), "x-unknown"));
        assertEquals("café", TextCharsets.decode("café".getBytes(Charset.forName("windows-1252")), null));
    }
}
