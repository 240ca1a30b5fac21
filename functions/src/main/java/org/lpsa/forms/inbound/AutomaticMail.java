package org.lpsa.forms.inbound;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Never answer a machine or a forged sender: says why a message must get no acknowledgement (bounces,
 * auto-replies, lists, bulk, our own mail, failed checks, a From that neither DKIM nor SPF vouches for,
 * a From that is not exactly one mailbox at a domain name, an upstream spam mark), or nothing when a
 * person wrote it.
 */
public final class AutomaticMail {
    private static final Pattern MACHINE_LOCAL_PART = Pattern.compile(
            "^(mailer-daemon|postmaster|no-?reply|no_reply|do-?not-?reply|donotreply|bounces?)([+.-].*)?$", Pattern.CASE_INSENSITIVE);
    private static final Pattern AUTO_SUBJECT = Pattern.compile(
            "^\\s*(automatic reply|auto(matic)?[ -]?reply|autoreply|out of (the )?office|on vacation|abwesenheitsnotiz|"
                    + "réponse automatique|respuesta automática|resposta automática|undeliverable|delivery status notification|"
                    + "mail delivery failed|returned mail)\\b.*",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern IP_ADDRESS = Pattern.compile("^[0-9.]+$|^[0-9a-f:]*:[0-9a-f:.]*$");

    private AutomaticMail() {}

    /** An upstream filter's spam mark (SpamAssassin's X-Spam-Flag: YES or X-Spam-Status: Yes, ...). */
    public static boolean spamFlagged(ParsedMail mail) {
        String flag = mail.header("X-Spam-Flag");
        String status = mail.header("X-Spam-Status");
        return (flag != null && flag.trim().equalsIgnoreCase("yes"))
                || (status != null && status.trim().toLowerCase(Locale.ROOT).startsWith("yes"));
    }

    /** Why this message must not be answered; empty when a person can be answered. */
    public static Optional<String> reasonNotToAnswer(ParsedMail mail, SesReceipt receipt, String ourDomain) {
        for (String verdict : SesReceipt.VERDICTS) {
            if (receipt.failed(verdict)) {
                return Optional.of(verdict + " check failed");
            }
        }
        if (!receipt.passed("dkim") && !receipt.passed("spf")) {
            // neither DKIM nor SPF vouches for the sender: the From may be forged, and the reply would go to a stranger
            return Optional.of("neither DKIM nor SPF passed");
        }
        if (spamFlagged(mail)) {
            return Optional.of("marked as spam by an upstream filter");
        }
        if (receipt.nullSender()) {
            return Optional.of("empty envelope sender (a delivery report)");
        }
        if (mail.report()) {
            return Optional.of("delivery report (multipart/report)");
        }
        String from = mail.fromAddress() == null ? "" : mail.fromAddress().toLowerCase(Locale.ROOT);
        if (from.isEmpty()) {
            return Optional.of("no From address");
        }
        if (!mail.fromOneMailbox()) {
            return Optional.of("From is not exactly one mailbox");
        }
        int at = from.indexOf('@');
        String domain = at < 0 ? "" : from.substring(at + 1);
        if (domain.startsWith("[") || IP_ADDRESS.matcher(domain).matches() || !domain.contains(".")) {
            return Optional.of("From's domain is not a name");
        }
        if (MACHINE_LOCAL_PART.matcher(at < 0 ? from : from.substring(0, at)).matches()) {
            return Optional.of("sent by a machine address");
        }
        if (from.endsWith("@" + ourDomain.toLowerCase(Locale.ROOT)) || envelope(receipt).endsWith("@" + ourDomain.toLowerCase(Locale.ROOT))) {
            return Optional.of("sent from our own domain");
        }
        String autoSubmitted = mail.header("Auto-Submitted");
        if (autoSubmitted != null && !autoSubmitted.trim().toLowerCase(Locale.ROOT).startsWith("no")) {
            return Optional.of("Auto-Submitted: " + autoSubmitted.trim());
        }
        String precedence = mail.header("Precedence");
        if (precedence != null && precedence.trim().toLowerCase(Locale.ROOT).matches("bulk|junk|list|auto_reply")) {
            return Optional.of("Precedence: " + precedence.trim());
        }
        for (String header : new String[] {"X-Autoreply", "X-Autorespond", "List-Id", "List-Unsubscribe"}) {
            if (mail.hasHeader(header)) {
                return Optional.of(header + " present");
            }
        }
        if (mail.subject() != null && AUTO_SUBJECT.matcher(mail.subject()).matches()) {
            return Optional.of("subject of an automatic reply");
        }
        return Optional.empty();
    }

    private static String envelope(SesReceipt receipt) {
        return receipt.envelopeSender().trim().toLowerCase(Locale.ROOT).replaceAll("^<|>$", "");
    }
}
