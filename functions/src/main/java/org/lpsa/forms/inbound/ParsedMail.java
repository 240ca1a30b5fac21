package org.lpsa.forms.inbound;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What an incoming message says, after MIME decoding: headers, sender, subject, text, attachments.
 * {@code fromOneMailbox}: one From header naming exactly one mailbox (not a group, not a list).
 */
public record ParsedMail(Map<String, List<String>> headers, String fromAddress, String fromName, String subject,
                         String messageIdHeader, boolean report, String text, List<Attachment> attachments,
                         boolean fromOneMailbox) {

    /** A part kept out of the text: recorded, never opened. */
    public record Attachment(String name, String type, long size, boolean inline) {}

    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public boolean hasHeader(String name) {
        return headers.containsKey(name.toLowerCase(Locale.ROOT));
    }
}
