package org.lpsa.forms.mail;

import org.lpsa.forms.EmailAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lpsa.forms.Json;

/**
 * What SES reports about mail we sent, as it arrives through SNS: the addresses that must not be
 * written to again. A permanent bounce (the address does not exist) and a complaint (the person
 * marked our mail as spam) suppress; a transient bounce (a full mailbox), a "not spam" report and
 * anything else do not.
 */
public record MailFeedback(String kind, List<String> suppress) {
    public static final String PERMANENT_BOUNCE = "permanent-bounce";
    public static final String COMPLAINT = "complaint";

    /**
     * One SES notification (the SNS message body): event publishing from a configuration set names it
     * in {@code eventType}, identity notifications in {@code notificationType}; both shapes are read.
     */
    public static MailFeedback parse(String message) throws java.io.IOException {
        Map<String, Object> event = Json.map(Json.value(message));
        Object type = event.containsKey("eventType") ? event.get("eventType") : event.get("notificationType");
        if ("Bounce".equals(type)) {
            Map<String, Object> bounce = Json.map(event.get("bounce"));
            if (!"Permanent".equals(bounce.get("bounceType"))) {
                return new MailFeedback("transient-bounce", List.of());
            }
            return new MailFeedback(PERMANENT_BOUNCE, addresses(bounce.get("bouncedRecipients")));
        }
        if ("Complaint".equals(type)) {
            Map<String, Object> complaint = Json.map(event.get("complaint"));
            if ("not-spam".equals(complaint.get("complaintFeedbackType"))) {
                // the person's mail provider reports they said it is not spam
                return new MailFeedback("not-spam", List.of());
            }
            return new MailFeedback(COMPLAINT, addresses(complaint.get("complainedRecipients")));
        }
        return new MailFeedback(String.valueOf(type).toLowerCase(java.util.Locale.ROOT), List.of());
    }

    private static List<String> addresses(Object recipients) {
        List<String> out = new ArrayList<>();
        if (recipients instanceof List<?> list) {
            for (Object recipient : list) {
                Object address = Json.map(recipient).get("emailAddress");
                if (address != null) {
                    out.add(bareAddress(address.toString()));
                }
            }
        }
        return out;
    }

    /** {@code Name <a@b>} or {@code a@b}, as the Contacts key: trimmed and lower-cased. */
    static String bareAddress(String address) {
        int open = address.lastIndexOf('<');
        int close = address.lastIndexOf('>');
        String bare = open >= 0 && close > open ? address.substring(open + 1, close) : address;
        return EmailAddress.normalise(bare);
    }
}
