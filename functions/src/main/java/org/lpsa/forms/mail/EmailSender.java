package org.lpsa.forms.mail;

import java.util.List;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.Attachment;
import software.amazon.awssdk.services.sesv2.model.AttachmentContentDisposition;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.Message;
import software.amazon.awssdk.services.sesv2.model.MessageHeader;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

/**
 * Sends through SESv2 SendEmail with Simple content: SES builds the MIME from the parts, headers and
 * attachments (and the local SES emulator records all three, which it does not for Raw content).
 */
public final class EmailSender {
    /** SES refused or could not be reached; the message was not sent. */
    public static final class SendFailure extends RuntimeException {
        private final String code;
        private final boolean throttled;

        SendFailure(String code, String message, Throwable cause, boolean throttled) {
            super(message, cause);
            this.code = code;
            this.throttled = throttled;
        }

        /** SES throttled the send (its rate), or no place within the rate came in time: retry soon, not a failure. */
        public boolean throttled() {
            return throttled;
        }

        /** SES's error code (e.g. MessageRejected, TooManyRequestsException), or the client-side failure's class. */
        public String code() {
            return code;
        }
    }

    private final SesV2Client ses;
    private final String configurationSet;
    private final SendRate rate;

    /** Not paced: {@code configurationSet} is the SES configuration set that reports bounces and complaints (null: none). */
    public EmailSender(SesV2Client ses, String configurationSet) {
        this(ses, configurationSet, SendRate.UNPACED);
    }

    /** Each send waits for its place within the account's sending {@code rate}. */
    public EmailSender(SesV2Client ses, String configurationSet, SendRate rate) {
        this.ses = ses;
        this.configurationSet = configurationSet;
        this.rate = rate;
    }

    /** A function's sender: the configuration set of {@code config}, paced through its Limits table. */
    public static EmailSender of(org.lpsa.forms.Config config, SesV2Client ses, software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamo) {
        return new EmailSender(ses, config.optional(org.lpsa.forms.Config.MAIL_CONFIGURATION_SET),
                new SendRate(ses, dynamo, config.require(org.lpsa.forms.Config.LIMITS_TABLE), java.time.Clock.systemUTC()));
    }

    /** Sends one email, within the sending rate; returns the SES message id. */
    public String send(OutgoingEmail email) {
        if (!rate.acquire()) {
            throw new SendFailure("Paced", "no place within the sending rate came in time", null, true);
        }
        try {
            return ses.sendEmail(request(email, configurationSet)).messageId();
        } catch (AwsServiceException refused) {
            String code = refused.awsErrorDetails() == null ? null : refused.awsErrorDetails().errorCode();
            throw new SendFailure(code != null ? code : "HTTP " + refused.statusCode(), "SES refused the email", refused,
                    refused.isThrottlingException());
        } catch (SdkException unreachable) {
            throw new SendFailure(unreachable.getClass().getSimpleName(), "SES could not be reached", unreachable, false);
        }
    }

    static SendEmailRequest request(OutgoingEmail email, String configurationSet) {
        List<MessageHeader> headers = email.headers().entrySet().stream()
                .map(h -> MessageHeader.builder().name(h.getKey()).value(h.getValue()).build()).toList();
        List<Attachment> attachments = email.attachments().stream()
                .map(a -> Attachment.builder().fileName(a.filename()).contentType(a.contentType())
                        .contentDisposition(AttachmentContentDisposition.ATTACHMENT)
                        .rawContent(SdkBytes.fromByteArray(a.content())).build())
                .toList();
        Message.Builder message = Message.builder()
                .subject(utf8(email.subject()))
                .body(b -> b.text(utf8(email.text())).html(utf8(email.html())));
        // empty lists are left out rather than sent as []
        if (!headers.isEmpty()) {
            message.headers(headers);
        }
        if (!attachments.isEmpty()) {
            message.attachments(attachments);
        }
        SendEmailRequest.Builder request = SendEmailRequest.builder()
                .fromEmailAddress(email.from())
                .destination(d -> d.toAddresses(email.to()))
                .content(c -> c.simple(message.build()))
                .configurationSetName(configurationSet);
        if (email.replyTo() != null) {
            request.replyToAddresses(email.replyTo());
        }
        return request.build();
    }

    private static Content utf8(String data) {
        return Content.builder().data(data).charset("UTF-8").build();
    }
}
