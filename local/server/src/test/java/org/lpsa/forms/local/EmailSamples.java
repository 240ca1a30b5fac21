package org.lpsa.forms.local;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lpsa.forms.events.Event;
import org.lpsa.forms.mail.CancellationEmail;
import org.lpsa.forms.mail.ConfirmationEmail;
import org.lpsa.forms.mail.DigestEmail;
import org.lpsa.forms.mail.IdeaAcknowledgement;
import org.lpsa.forms.mail.MeetingCancelledEmail;
import org.lpsa.forms.mail.OutgoingEmail;
import org.lpsa.forms.mail.Recipient;
import org.lpsa.forms.mail.ReminderEmail;

/** One of every email the service sends, composed as the functions compose them, for a deployed site's links. */
final class EmailSamples {
    static final String SITE = "https://forms.decentralization.net";
    static final String FROM = "Local Public Sector Alliance <events@decentralization.net>";
    static final Event MEETING = new Event("opm-2027", "LPSA Open Planning Meeting", Instant.parse("2027-06-10T12:00:00Z"),
            Duration.ofMinutes(90), ZoneId.of("America/New_York"), List.of(new Event.ReferenceCity("New York", ZoneId.of("America/New_York")),
            new Event.ReferenceCity("Nairobi", ZoneId.of("Africa/Nairobi"))), "https://zoom.us/j/81234567890?pwd=Q2xvY2tXb3JrT3JhbmdlUGxhbmV0", null, false);
    static final Recipient ANA = new Recipient("Ana Pérez", "ana@example.org", ZoneId.of("Asia/Kathmandu"), false);
    static final String MANAGE = SITE + "/manage?token=eyJzdWIiOiJsaW5rLWlkIn0.c2lnbmF0dXJl";

    private EmailSamples() {}

    /** Every kind, by a name for its file. */
    static Map<String, OutgoingEmail> all() {
        Instant now = Instant.parse("2027-05-01T09:00:00Z");
        Map<String, OutgoingEmail> all = new LinkedHashMap<>();
        all.put("confirmation", ConfirmationEmail.compose(MEETING, ANA, MANAGE, FROM, "decentralization.net", now));
        all.put("confirmation-zone-unknown", ConfirmationEmail.compose(MEETING, new Recipient("Ana Pérez", "ana@example.org",
                ZoneId.of("UTC"), true), MANAGE, FROM, "decentralization.net", now));
        all.put("meeting-changed", ConfirmationEmail.compose(MEETING, ANA, MANAGE, FROM, "decentralization.net", now,
                ConfirmationEmail.Reason.MEETING_CHANGED));
        all.put("reminder-day-before", ReminderEmail.compose(MEETING, ANA, false, MANAGE, MANAGE.replace("/manage?", "/unsubscribe?"), FROM,
                "decentralization.net", now));
        all.put("reminder-one-hour", ReminderEmail.compose(MEETING, ANA, true, MANAGE, MANAGE.replace("/manage?", "/unsubscribe?"), FROM,
                "decentralization.net", now));
        all.put("cancellation", CancellationEmail.compose(MEETING, ANA, FROM, SITE));
        all.put("meeting-cancelled", MeetingCancelledEmail.compose(MEETING, ANA, "We will announce a new date in the newsletter.", MANAGE,
                FROM, "decentralization.net", now));
        all.put("idea-acknowledgement", IdeaAcknowledgement.compose(new IdeaAcknowledgement.Received("Amara Okafor", "amara@example.org",
                "A webinar series on intergovernmental fiscal transfers", "webinar-topics", true), FROM, "ideas@decentralization.net", SITE));
        all.put("digest", DigestEmail.compose(new DigestEmail.Model("Wednesday 2 June", "Tuesday 1 June, 08:00 New York time",
                List.of(new DigestEmail.Meeting("LPSA Open Planning Meeting", 42,
                        "./lpsa admin --stack lpsa-forms registrations list --event opm-2027 --since 2027-06-01")),
                List.of(new DigestEmail.Area("Webinar topics", 3), new DigestEmail.Area("Online courses", 1)),
                "./lpsa admin --stack lpsa-forms ideas list --since 2027-06-01", 1, "./lpsa admin --stack lpsa-forms ideas list --status quarantined"),
                FROM, "admins@decentralization.net"));
        return all;
    }
}
