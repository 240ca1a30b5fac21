package org.lpsa.forms.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class MailFeedbackTest {
    @Test
    void aPermanentBounceSuppressesEachRecipientAsAContactsKey() throws Exception {
        MailFeedback f = MailFeedback.parse("{\"eventType\":\"Bounce\",\"bounce\":{\"bounceType\":\"Permanent\",\"bouncedRecipients\":"
                + "[{\"emailAddress\":\"No.Such.Person@Example.org\"},{\"emailAddress\":\"Ana <ana@example.org>\"}]}}");
        assertEquals(MailFeedback.PERMANENT_BOUNCE, f.kind());
        assertEquals(List.of("no.such.person@example.org", "ana@example.org"), f.suppress());
    }

    @Test
    void aTransientBounceSuppressesNobody() throws Exception {
        MailFeedback f = MailFeedback.parse("{\"eventType\":\"Bounce\",\"bounce\":{\"bounceType\":\"Transient\",\"bouncedRecipients\":"
                + "[{\"emailAddress\":\"full@example.org\"}]}}");
        assertEquals(List.of(), f.suppress());
    }

    @Test
    void aComplaintSuppressesAndTheIdentityNotificationShapeIsReadToo() throws Exception {
        MailFeedback f = MailFeedback.parse("{\"notificationType\":\"Complaint\",\"complaint\":{\"complainedRecipients\":"
                + "[{\"emailAddress\":\"annoyed@example.org\"}]}}");
        assertEquals(MailFeedback.COMPLAINT, f.kind());
        assertEquals(List.of("annoyed@example.org"), f.suppress());
    }

    @Test
    void aNotSpamReportSuppressesNobody() throws Exception {
        assertEquals(List.of(), MailFeedback.parse("{\"eventType\":\"Complaint\",\"complaint\":{\"complaintFeedbackType\":"
                + "\"not-spam\",\"complainedRecipients\":[{\"emailAddress\":\"happy@example.org\"}]}}").suppress());
    }

    @Test
    void deliveriesAndUnknownEventsSuppressNobody() throws Exception {
        assertEquals(List.of(), MailFeedback.parse("{\"eventType\":\"Delivery\",\"delivery\":{}}").suppress());
        assertEquals(List.of(), MailFeedback.parse("{}").suppress());
    }
}
