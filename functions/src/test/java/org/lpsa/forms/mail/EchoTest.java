package org.lpsa.forms.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class EchoTest {
    @Test
    void namesAndTitlesInAnyScriptAreRepeated() {
        assertEquals("Dear Ana Pérez,", Echo.greeting("Ana Pérez"));
        assertEquals("Dear 李明,", Echo.greeting("李明"));
        assertEquals("Dear अनीता शर्मा,", Echo.greeting("अनीता शर्मा"));
        assertEquals("Fiscal transfers: a dataset (2010-2024)", Echo.safe("Fiscal transfers: a dataset (2010-2024)"));
        assertEquals("Dr. J. O'Neil-Smith", Echo.safe("Dr. J. O'Neil-Smith"));
    }

    @Test
    void textWrittenAsALinkOrAnAddressIsNotRepeated() {
        assertEquals("Hello,", Echo.greeting("Visit https://example.test/win"));
        assertEquals("Hello,", Echo.greeting("cheap-pills.shop"));
        assertEquals("Hello,", Echo.greeting(null));
        assertNull(Echo.safe("Great offer at www.example.test"));
        assertNull(Echo.safe("write to someone@example.org"));
        assertNull(Echo.safe("bit.ly/abc"));
    }

    @Test
    void hostNamesUnderAnyPublicSuffixAreNotRepeatedHoweverTheDotIsWritten() {
        assertNull(Echo.safe("Claim your prize at prize-evil.de now"), ".de, which a short list of endings missed");
        assertNull(Echo.safe("see example.co.uk"));
        assertNull(Echo.safe("see evil\uff0ecom"), "a full-width dot");
        assertNull(Echo.safe("see evil\u3002com"), "an ideographic full stop");
        assertNull(Echo.safe("example[.]com"));
        assertNull(Echo.safe("example (dot) com"));
        assertNull(Echo.safe("Gewinn auf m\u00fcnchen-preis.de"));
        assertNull(Echo.safe("\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444"), "an IDN");
        assertNull(Echo.safe("write to me\uff20example.org"), "a full-width @");
        assertNull(Echo.safe("HTTP link"));
        assertNull(Echo.safe("WWW dot example"));
    }

    @Test
    void namesWithDotsThatAreNoHostNamesAreStillRepeated() {
        assertEquals("Ana.Perez", Echo.safe("Ana.Perez"));
        assertEquals("A.B. Smith", Echo.safe("A.B. Smith"));
        assertEquals("St. Petersburg Institute, v2.0 report", Echo.safe("St. Petersburg Institute, v2.0 report"));
        assertEquals("-".repeat(10_000), Echo.safe("-".repeat(10_000)));
    }
}
