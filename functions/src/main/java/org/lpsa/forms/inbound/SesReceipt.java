package org.lpsa.forms.inbound;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lpsa.forms.Json;

/**
 * The parts of an SES receipt event (Lambda action) that we use. aws-lambda-java-events has no class
 * for it, so this reads the documented JSON shape itself.
 */
public record SesReceipt(String messageId, String envelopeSender, List<String> recipients, Map<String, String> verdicts) {

    public static final List<String> VERDICTS = List.of("spam", "virus", "spf", "dkim", "dmarc");

    public static List<SesReceipt> fromEvent(Map<String, Object> event) {
        List<SesReceipt> receipts = new ArrayList<>();
        for (Object record : Json.list(event.get("Records"))) {
            Map<String, Object> ses = Json.map(Json.map(record).get("ses"));
            Map<String, Object> mail = Json.map(ses.get("mail"));
            Map<String, Object> receipt = Json.map(ses.get("receipt"));
            Map<String, String> verdicts = new java.util.LinkedHashMap<>();
            for (String name : VERDICTS) {
                Object status = Json.map(receipt.get(name + "Verdict")).get("status");
                verdicts.put(name, status == null ? "GRAY" : String.valueOf(status).toUpperCase(Locale.ROOT));
            }
            List<String> recipients = new ArrayList<>();
            for (Object r : Json.list(receipt.get("recipients"))) {
                recipients.add(String.valueOf(r));
            }
            Object source = mail.get("source");
            receipts.add(new SesReceipt(String.valueOf(mail.get("messageId")), source == null ? "" : String.valueOf(source),
                    recipients, verdicts));
        }
        return receipts;
    }

    public boolean passed(String verdict) {
        return "PASS".equals(verdicts.get(verdict));
    }

    public boolean failed(String verdict) {
        return "FAIL".equals(verdicts.get(verdict));
    }

    /** MAIL FROM:&lt;&gt;, as bounces and other delivery reports are sent. */
    public boolean nullSender() {
        String s = envelopeSender.trim();
        return s.isEmpty() || s.equals("<>");
    }
}
