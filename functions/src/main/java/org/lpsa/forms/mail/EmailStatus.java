package org.lpsa.forms.mail;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Where the email an item owes stands, stored by name in its {@link #ATTRIBUTE} (the stream's filter
 * and the admins' console read it): PENDING, claimed SENDING by one mailer, then SENT, SKIPPED (nobody
 * to write to, or a cap) or FAILED (given up after the last attempt).
 */
public enum EmailStatus {
    PENDING, SENDING, SENT, SKIPPED, FAILED;

    public static final String ATTRIBUTE = "emailStatus";

    public AttributeValue value() {
        return AttributeValue.fromS(name());
    }

    /** The stored status, or null when the item owes no email. */
    public static EmailStatus of(String stored) {
        return stored == null ? null : valueOf(stored);
    }
}
