package org.lpsa.forms.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ReplyCleanerTest {
    @Test
    void gmailQuoteIsCut() {
        String text = "My idea is a course.\n\nOn Fri, 10 Jun 2022 at 14:02, LPSA <ideas@decentralization.net> wrote:\n> Dear all\n> invitation";
        assertEquals("My idea is a course.", ReplyCleaner.clean(text));
    }

    @Test
    void aWrappedAttributionIsCut() {
        String text = "Idea.\r\n\r\nOn Fri, 10 Jun 2022 at 14:02, Local Public Sector Alliance\r\n<ideas@decentralization.net> wrote:\r\n\r\n> old";
        assertEquals("Idea.", ReplyCleaner.clean(text));
    }

    @Test
    void outlookHeaderBlockIsCut() {
        String text = "Proposal below.\n\n________________________________\nFrom: LPSA <ideas@decentralization.net>\nSent: Friday, June 10, 2022 2:02 PM\nTo: me\n\nOriginal";
        assertEquals("Proposal below.", ReplyCleaner.clean(text));
        assertEquals("A\n\nB", ReplyCleaner.clean("A\n\nB\n-----Original Message-----\nFrom: x\nold"));
    }

    @Test
    void signaturesAndMobileFootersAreCut() {
        assertEquals("Text.", ReplyCleaner.clean("Text.\n-- \nJane Doe\n+1 555 0100"));
        assertEquals("Short note.", ReplyCleaner.clean("Short note.\n\nSent from my iPhone"));
    }

    @Test
    void aLineThatMerelyStartsWithOnIsKept() {
        assertEquals("On decentralization, we need data.\nMore.", ReplyCleaner.clean("On decentralization, we need data.\nMore."));
    }
}
