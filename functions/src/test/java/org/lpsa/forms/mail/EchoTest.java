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
}
