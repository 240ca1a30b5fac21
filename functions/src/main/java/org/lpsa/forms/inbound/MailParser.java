package org.lpsa.forms.inbound;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.dom.address.MailboxList;
import org.apache.james.mime4j.field.address.LenientAddressParser;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;

/**
 * Parses a raw message with mime4j, leniently (real mail breaks the rules): the text is the first
 * text/plain part, else the first text/html part made text; everything else is an attachment, recorded
 * by name, type and size and never opened.
 */
public final class MailParser {
    /** Longer texts are cut (the original stays in S3): ideas are read by people, items stay small. */
    public static final int MAX_TEXT = 10_000;

    private MailParser() {}

    /** How deep multiparts may nest, and how many parts a message may have, before it is not read at all. */
    public static final int MAX_NESTING = 20;
    public static final int MAX_PARTS = 1_000;

    /** A message beyond the limits: it is kept (quarantined) for an admin, never read. */
    public static final class Unreadable extends Exception {
        Unreadable(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * Parses the message after checking its structure with mime4j's streaming parser, which keeps no
     * stack of its own: a message nested deeper than {@link #MAX_NESTING} or with more than
     * {@link #MAX_PARTS} parts is refused before the (recursive) message builder sees it.
     */
    public static ParsedMail parse(byte[] raw) throws IOException, Unreadable {
        checkStructure(raw);
        return parse(new java.io.ByteArrayInputStream(raw));
    }

    private static void checkStructure(byte[] raw) throws IOException, Unreadable {
        MimeTokenStream tokens = new MimeTokenStream(MimeConfig.PERMISSIVE);
        tokens.parse(new java.io.ByteArrayInputStream(raw));
        int depth = 0;
        int parts = 0;
        try {
            for (EntityState state = tokens.getState(); state != EntityState.T_END_OF_STREAM; state = tokens.next()) {
                if (state == EntityState.T_START_MULTIPART) {
                    if (++depth > MAX_NESTING) {
                        throw new Unreadable("multiparts nested deeper than " + MAX_NESTING);
                    }
                } else if (state == EntityState.T_END_MULTIPART) {
                    depth--;
                } else if (state == EntityState.T_START_BODYPART && ++parts > MAX_PARTS) {
                    throw new Unreadable("more than " + MAX_PARTS + " parts");
                }
            }
        } catch (org.apache.james.mime4j.MimeException broken) {
            throw new Unreadable("not a message mime4j can read");
        }
    }

    static ParsedMail parse(InputStream raw) throws IOException {
        DefaultMessageBuilder builder = new DefaultMessageBuilder();
        builder.setMimeEntityConfig(MimeConfig.PERMISSIVE);
        builder.setDecodeMonitor(DecodeMonitor.SILENT);
        Message message = builder.parseMessage(raw);

        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Field field : message.getHeader().getFields()) {
            headers.computeIfAbsent(field.getName().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(field.getBody().trim());
        }
        String fromAddress = null;
        String fromName = null;
        MailboxList from = message.getFrom();
        if (from != null && !from.isEmpty()) {
            Mailbox first = from.get(0);
            fromAddress = first.getAddress();
            fromName = first.getName();
        }
        Parts parts = new Parts();
        collect(message, parts);
        String text = parts.plain != null && !parts.plain.isBlank() ? parts.plain
                : parts.html != null ? HtmlText.toText(parts.html)
                : parts.preamble != null ? withoutMimeDebris(parts.preamble) : "";
        String subject = message.getSubject();
        return new ParsedMail(headers, fromAddress, fromName, subject == null ? null : subject.strip(), message.getMessageId(),
                "multipart/report".equalsIgnoreCase(message.getMimeType()), text, parts.attachments, oneMailbox(headers.get("from")));
    }

    /** One From header whose address list is one mailbox: not a group ("Friends: a@x, b@y;"), not two addresses. */
    private static boolean oneMailbox(List<String> fromHeaders) {
        if (fromHeaders == null || fromHeaders.size() != 1) {
            return false;
        }
        AddressList addresses = LenientAddressParser.DEFAULT.parseAddressList(fromHeaders.get(0));
        return addresses.size() == 1 && addresses.get(0) instanceof Mailbox;
    }

    private static final class Parts {
        String plain;
        String html;
        String preamble;
        final List<ParsedMail.Attachment> attachments = new ArrayList<>();
    }

    private static void collect(Entity entity, Parts parts) throws IOException {
        Body body = entity.getBody();
        if (body instanceof Multipart multipart) {
            if (multipart.getBodyParts().isEmpty() && parts.preamble == null) {
                // a boundary that never appears: the whole content landed in the preamble
                parts.preamble = multipart.getPreamble();
            }
            for (Entity part : multipart.getBodyParts()) {
                collect(part, parts);
            }
            return;
        }
        if (body instanceof Message nested) {
            collect(nested, parts);
            return;
        }
        if (!(body instanceof SingleBody single)) {
            return;
        }
        String type = entity.getMimeType() == null ? "text/plain" : entity.getMimeType().toLowerCase(Locale.ROOT);
        String filename = entity.getFilename();
        boolean attachment = "attachment".equalsIgnoreCase(entity.getDispositionType()) || filename != null
                || !type.startsWith("text/") || entity.getHeader().getField("Content-ID") != null && !type.equals("text/html");
        if (type.equals("message/delivery-status") || type.equals("text/rfc822-headers")) {
            return;
        }
        if (attachment) {
            long size;
            try (InputStream in = single.getInputStream()) {
                size = in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            parts.attachments.add(new ParsedMail.Attachment(filename == null ? "(unnamed)" : filename, type, size,
                    "inline".equalsIgnoreCase(entity.getDispositionType()) || entity.getHeader().getField("Content-ID") != null));
            return;
        }
        byte[] bytes;
        try (InputStream in = single.getInputStream()) {
            bytes = in.readAllBytes();
        }
        String text = TextCharsets.decode(bytes, entity.getCharset());
        if (type.equals("text/html")) {
            if (parts.html == null) {
                parts.html = text;
            }
        } else if (parts.plain == null) {
            parts.plain = text;
        }
    }

    /** Boundary lines and part headers left in a preamble by a broken multipart. */
    static String withoutMimeDebris(String preamble) {
        StringBuilder out = new StringBuilder();
        boolean inHeaders = false;
        for (String line : preamble.replace("\r\n", "\n").split("\n", -1)) {
            if (line.startsWith("--") && line.trim().length() > 2 && !line.trim().contains(" ")) {
                inHeaders = true;
                continue;
            }
            if (inHeaders) {
                if (line.isBlank()) {
                    inHeaders = false;
                } else if (line.matches("(?i)^[a-z-]+:.*") || line.startsWith(" ") || line.startsWith("\t")) {
                    continue;
                } else {
                    inHeaders = false;
                }
            }
            if (!inHeaders) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }
}
