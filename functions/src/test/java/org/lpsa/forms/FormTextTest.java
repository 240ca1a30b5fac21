package org.lpsa.forms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class FormTextTest {
    @Test
    void paragraphsKeepLineBreaksAndDropTrailingSpacesAndExtraBlankLines() {
        assertEquals("First line\nsecond line\n\nNext paragraph", FormText.paragraphs("First line   \r\nsecond line\u00a0\n\n\n\n  \nNext paragraph  "));
        assertEquals("a\n\n  b", FormText.paragraphs("a\n\n\n  b"), "spaces that begin a line are kept");
        assertEquals("tab and\ncontrol", FormText.paragraphs("tab\tand\u0007 \ncontrol"));
        assertNull(FormText.paragraphs(null));
    }

    @Test
    void aLongRunOfSpacesWithNoLineBreakIsKeptAsTyped() {
        String spaces = " ".repeat(40_000);
        assertEquals("x" + spaces + "y", FormText.paragraphs("x" + spaces + "y"));
        assertEquals("x", FormText.paragraphs(spaces + "x"), "leading and trailing spaces of the whole text go");
    }

    @Test
    void aLineIsOneRunOfWords() {
        assertEquals("Ana Pérez", FormText.line("  Ana \n\t Pe\u0301rez "));
    }
}
