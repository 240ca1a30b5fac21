package org.lpsa.forms.ideas;

import java.time.Instant;
import java.util.List;

/** One idea for the work programme, from the web form or by email. */
public record Idea(String ideaId, String channel, String submissionId, String messageId, String area, String areaReason,
                   String status, Instant receivedAt, String name, String email, String country, String organization,
                   String eventId, String title, String text, String contentHash, String s3Bucket, String s3Key, List<Attachment> attachments,
                   String noAcknowledgementReason, boolean registrant) {

    public static final String WEB = "web";
    public static final String EMAIL = "email";
    public static final String NEW = "new";
    public static final String QUARANTINED = "quarantined";
    public static final String REVIEWED = "reviewed";

    public record Attachment(String name, String type, long size, boolean inline) {}

    /** Whether an acknowledgement is owed: someone to write to, and nothing that forbids it. */
    public boolean acknowledge() {
        return email != null && noAcknowledgementReason == null && !QUARANTINED.equals(status);
    }
}
