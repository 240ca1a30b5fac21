package org.lpsa.forms.mail;

import java.util.List;
import java.util.Map;

/** One email ready to send: both text and HTML bodies, extra headers, attachments. */
public record OutgoingEmail(String from, List<String> to, String replyTo, String subject, String text, String html,
                            Map<String, String> headers, List<Attachment> attachments) {

    public record Attachment(String filename, String contentType, byte[] content) {}
}
