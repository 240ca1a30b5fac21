package org.lpsa.forms.local.aws;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * SES email receiving, stood in for: a raw message is stored in S3 under the receipt rule's prefix and
 * the SES messageId, then the rule's function is invoked with an SES-shaped event, as SES does. The
 * messageId derives from the bytes, so delivering the same bytes again is a redelivery.
 */
public final class SesInboundStandIn {
    public static final List<String> VERDICTS = List.of("spam", "virus", "spf", "dkim", "dmarc");
    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>\",;:()]+@[^\\s<>\",;:()]+");

    private final S3Client s3;
    private final LocalTemplate.ReceiptRule rule;
    private final LambdaInvoker function;

    /** {@code function} may be null when the caller invokes the function itself (see {@link #store}). */
    public SesInboundStandIn(S3Client s3, LocalTemplate.ReceiptRule rule, LambdaInvoker function) {
        this.s3 = s3;
        this.rule = rule;
        this.function = function;
    }

    public static String messageId(byte[] raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw), 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * Receives one message. {@code verdicts} maps spam, virus, spf, dkim, dmarc to PASS, FAIL or GRAY
     * (missing means PASS); a null envelope sender is taken from Return-Path, else From; null recipients
     * from To and Cc where they match the rule. Returns the messageId.
     */
    public String deliver(byte[] raw, Map<String, String> verdicts, String envelopeSender, List<String> recipients) {
        function.invoke(store(raw, verdicts, envelopeSender, recipients));
        return messageId(raw);
    }

    /** What SES does before it invokes the function: the message stored in S3; returns the event for it. */
    public byte[] store(byte[] raw, Map<String, String> verdicts, String envelopeSender, List<String> recipients) {
        String messageId = messageId(raw);
        Map<String, List<String>> headers = headers(raw);
        String sender = envelopeSender != null ? envelopeSender
                : "<>".equals(first(headers.get("return-path"), null)) ? ""
                : first(addresses(headers.get("return-path")), first(addresses(headers.get("from")), ""));
        List<String> to = recipients != null ? recipients : matchingRecipients(headers);
        s3.putObject(b -> b.bucket(rule.bucket()).key(rule.prefix() + messageId), RequestBody.fromBytes(raw));
        try {
            return JSON.std.asBytes(event(messageId, sender, to, headers, verdicts));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> matchingRecipients(Map<String, List<String>> headers) {
        List<String> found = new ArrayList<>();
        List<String> candidates = new ArrayList<>(addresses(headers.get("to")));
        candidates.addAll(addresses(headers.get("cc")));
        for (String address : candidates) {
            for (String ruleRecipient : rule.recipients()) {
                if (sameMailbox(address, ruleRecipient)) {
                    found.add(address);
                }
            }
        }
        return found.isEmpty() ? List.of(rule.recipients().get(0)) : found;
    }

    /** ideas+webinars@d matches ideas@d: the plus label is the sender's choice of area. */
    static boolean sameMailbox(String address, String ruleRecipient) {
        String a = address.toLowerCase(Locale.ROOT);
        String r = ruleRecipient.toLowerCase(Locale.ROOT);
        if (!r.contains("@")) {
            return a.endsWith("@" + r);
        }
        int at = a.indexOf('@');
        String local = a.substring(0, at);
        int plus = local.indexOf('+');
        return ((plus < 0 ? local : local.substring(0, plus)) + a.substring(at)).equals(r);
    }

    private Map<String, Object> event(String messageId, String sender, List<String> recipients, Map<String, List<String>> headers,
                                      Map<String, String> verdicts) {
        String now = Instant.now().toString();
        Map<String, Object> common = new LinkedHashMap<>();
        common.put("returnPath", sender);
        common.put("from", headers.getOrDefault("from", List.of()));
        common.put("date", first(headers.get("date"), now));
        common.put("to", headers.getOrDefault("to", List.of()));
        common.put("messageId", first(headers.get("message-id"), "<" + messageId + "@local>"));
        common.put("subject", first(headers.get("subject"), ""));
        List<Map<String, Object>> headerList = new ArrayList<>();
        headers.forEach((name, values) -> values.forEach(v -> headerList.add(Map.of("name", name, "value", v))));
        Map<String, Object> mail = new LinkedHashMap<>();
        mail.put("timestamp", now);
        mail.put("source", sender);
        mail.put("messageId", messageId);
        mail.put("destination", recipients);
        mail.put("headersTruncated", false);
        mail.put("headers", headerList);
        mail.put("commonHeaders", common);
        Map<String, Object> receipt = new LinkedHashMap<>();
        receipt.put("timestamp", now);
        receipt.put("processingTimeMillis", 1);
        receipt.put("recipients", recipients);
        for (String verdict : VERDICTS) {
            receipt.put(verdict + "Verdict", Map.of("status", verdicts.getOrDefault(verdict, "PASS")));
        }
        receipt.put("dmarcPolicy", "none");
        receipt.put("action", Map.of("type", "Lambda", "functionArn", "arn:aws:lambda:us-east-1:000000000000:function:"
                + (function == null ? rule.functionLogicalId() : function.functionName()), "invocationType", "Event"));
        return Map.of("Records", List.of(Map.of("eventSource", "aws:ses", "eventVersion", "1.0",
                "ses", Map.of("mail", mail, "receipt", receipt))));
    }

    /** The top-level header fields, unfolded, names lower-cased. */
    static Map<String, List<String>> headers(byte[] raw) {
        String text = new String(raw, 0, Math.min(raw.length, 256 * 1024), StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            end = text.indexOf("\n\n");
        }
        String block = (end < 0 ? text : text.substring(0, end)).replaceAll("\r?\n[ \t]+", " ");
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String line : block.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(line.substring(colon + 1).trim());
            }
        }
        return headers;
    }

    private static List<String> addresses(List<String> values) {
        List<String> found = new ArrayList<>();
        if (values != null) {
            for (String value : values) {
                Matcher m = ADDRESS.matcher(value);
                while (m.find()) {
                    found.add(m.group());
                }
            }
        }
        return found;
    }

    private static String first(List<String> values, String fallback) {
        return values == null || values.isEmpty() ? fallback : values.get(0);
    }
}
