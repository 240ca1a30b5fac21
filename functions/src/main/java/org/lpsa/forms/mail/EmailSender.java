package org.lpsa.forms.mail;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.Attachment;
import software.amazon.awssdk.services.sesv2.model.AttachmentContentDisposition;
import software.amazon.awssdk.services.sesv2.model.Body;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.Message;
import software.amazon.awssdk.services.sesv2.model.MessageHeader;

/** Sends through SESv2 with Simple content: SES builds the MIME, we give parts, headers, attachments. */
public final class EmailSender {
    private final SesV2Client ses;

    public EmailSender(SesV2Client ses) {
        this.ses = ses;
    }

    /** Sends one email; returns the SES message id. */
    public String send(OutgoingEmail email) {
        List<MessageHeader> headers = new ArrayList<>();
        email.headers().forEach((name, value) -> headers.add(MessageHeader.builder().name(name).value(value).build()));
        List<Attachment> attachments = new ArrayList<>();
        for (OutgoingEmail.Attachment a : email.attachments()) {
            attachments.add(Attachment.builder()
                    .fileName(a.filename())
                    .contentType(a.contentType())
                    .contentDisposition(AttachmentContentDisposition.ATTACHMENT)
                    .rawContent(SdkBytes.fromByteArray(a.content()))
                    .build());
        }
        Message message = Message.builder()
                .subject(utf8(email.subject()))
                .body(Body.builder().text(utf8(email.text())).html(utf8(email.html())).build())
                .headers(headers)
                .attachments(attachments.isEmpty() ? null : attachments)
                .build();
        return ses.sendEmail(b -> b
                .fromEmailAddress(email.from())
                .destination(d -> d.toAddresses(email.to()))
                .replyToAddresses(email.replyTo() == null ? null : List.of(email.replyTo()))
                .content(c -> c.simple(message))).messageId();
    }

    private static Content utf8(String data) {
        return Content.builder().charset("UTF-8").data(data).build();
    }
}
