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

    public static Builder builder() {
        return new Builder();
    }

    /** An idea built field by name; what is not set stays empty (null, no attachments, not a registrant). */
    public static final class Builder {
        private String ideaId;
        private String channel;
        private String submissionId;
        private String messageId;
        private String area;
        private String areaReason;
        private String status;
        private Instant receivedAt;
        private String name;
        private String email;
        private String country;
        private String organization;
        private String eventId;
        private String title;
        private String text;
        private String contentHash;
        private String s3Bucket;
        private String s3Key;
        private List<Attachment> attachments = List.of();
        private String noAcknowledgementReason;
        private boolean registrant;

        public Builder ideaId(String ideaId) {
            this.ideaId = ideaId;
            return this;
        }

        public Builder channel(String channel) {
            this.channel = channel;
            return this;
        }

        public Builder submissionId(String submissionId) {
            this.submissionId = submissionId;
            return this;
        }

        public Builder messageId(String messageId) {
            this.messageId = messageId;
            return this;
        }

        public Builder area(String area) {
            this.area = area;
            return this;
        }

        public Builder areaReason(String areaReason) {
            this.areaReason = areaReason;
            return this;
        }

        public Builder status(String status) {
            this.status = status;
            return this;
        }

        public Builder receivedAt(Instant receivedAt) {
            this.receivedAt = receivedAt;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder email(String email) {
            this.email = email;
            return this;
        }

        public Builder country(String country) {
            this.country = country;
            return this;
        }

        public Builder organization(String organization) {
            this.organization = organization;
            return this;
        }

        public Builder eventId(String eventId) {
            this.eventId = eventId;
            return this;
        }

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        public Builder text(String text) {
            this.text = text;
            return this;
        }

        public Builder contentHash(String contentHash) {
            this.contentHash = contentHash;
            return this;
        }

        public Builder s3Bucket(String s3Bucket) {
            this.s3Bucket = s3Bucket;
            return this;
        }

        public Builder s3Key(String s3Key) {
            this.s3Key = s3Key;
            return this;
        }

        public Builder attachments(List<Attachment> attachments) {
            this.attachments = attachments;
            return this;
        }

        public Builder noAcknowledgementReason(String noAcknowledgementReason) {
            this.noAcknowledgementReason = noAcknowledgementReason;
            return this;
        }

        public Builder registrant(boolean registrant) {
            this.registrant = registrant;
            return this;
        }

        public Idea build() {
            return new Idea(ideaId, channel, submissionId, messageId, area, areaReason, status, receivedAt, name, email, country,
                    organization, eventId, title, text, contentHash, s3Bucket, s3Key, attachments, noAcknowledgementReason, registrant);
        }
    }


    /** Whether an acknowledgement is owed: someone to write to, and nothing that forbids it. */
    public boolean acknowledge() {
        return email != null && noAcknowledgementReason == null && !QUARANTINED.equals(status);
    }
}
