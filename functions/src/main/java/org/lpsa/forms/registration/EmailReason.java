package org.lpsa.forms.registration;

/**
 * Why a registration owes an email, stored beside its emailStatus ({@code emailReason}): the mailer
 * writes the confirmation, the notice of a cancellation, or the confirmation of changed details.
 */
final class EmailReason {
    static final String ATTRIBUTE = "emailReason";
    static final String CONFIRMATION = "confirmation";
    static final String CANCELLATION = "cancellation";
    static final String UPDATE = "update";
    static final String MEETING_CHANGED = "meetingChanged";
    static final String MEETING_CANCELLED = "meetingCancelled";

    private EmailReason() {}
}
