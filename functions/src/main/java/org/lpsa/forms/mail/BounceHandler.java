package org.lpsa.forms.mail;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Map;
import org.lpsa.forms.Config;
import org.lpsa.forms.Json;
import org.lpsa.forms.Log;
import org.lpsa.forms.aws.AwsClients;
import org.lpsa.forms.aws.Priming;
import org.lpsa.forms.contacts.ContactRepository;

/**
 * SES bounces and complaints, published by the mail configuration set to SNS: each address that
 * bounced for good or complained is marked suppressed in Contacts, and the mailer writes to it no more.
 * A failure throws, so that Lambda retries the SNS delivery.
 */
public final class BounceHandler implements RequestStreamHandler {
    /** A transient bounce: read like any feedback, and it suppresses no one. */
    private static final byte[] REHEARSAL = Json.bytes(Map.of("Records", java.util.List.of(Map.of("Sns", Map.of("Message",
            Json.write(Map.of("eventType", "Bounce", "bounce", Map.of("bounceType", "Transient", "bouncedRecipients", java.util.List.of()))))))));

    private final ContactRepository contacts;
    private final Clock clock;
    private final Priming priming;

    public BounceHandler() {
        this(Config.fromEnvironment());
    }

    private BounceHandler(Config config) {
        this(config, new AwsClients(config, AwsClients.Caller.BACKGROUND));
        priming.register();
    }

    /** The function as deployed, on the given clients. */
    public BounceHandler(Config config, AwsClients clients) {
        this(new ContactRepository(clients.dynamoDb(), config.require(Config.CONTACTS_TABLE)), Clock.systemUTC());
        priming.read(clients.dynamoDb(), config.require(Config.CONTACTS_TABLE), "email");
    }

    public BounceHandler(ContactRepository contacts, Clock clock) {
        this.contacts = contacts;
        this.clock = clock;
        this.priming = new Priming("BounceFunction", Priming.BACKGROUND_ROUNDS).step(() -> handle(REHEARSAL, "init"));
    }

    public Priming priming() {
        return priming;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String requestId = context == null ? "none" : context.getAwsRequestId();
        try (Log.Scope ignored = Log.request(requestId)) {
            output.write(handle(input.readAllBytes(), requestId));
        }
    }

    private byte[] handle(byte[] input, String requestId) {
        Map<String, Object> event;
        try {
            event = Json.object(new java.io.ByteArrayInputStream(input));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        int suppressed = 0;
        for (Object record : Json.list(event.get("Records"))) {
            Object message = Json.map(Json.map(record).get("Sns")).get("Message");
            if (message == null) {
                continue;
            }
            MailFeedback feedback;
            try {
                feedback = MailFeedback.parse(message.toString());
            } catch (IOException notJson) {
                // e.g. the text SES sends when the destination is set up; nothing to suppress, and no retry
                Log.info(requestId, "mail feedback not understood; skipped");
                continue;
            }
            for (String address : feedback.suppress()) {
                contacts.suppress(address, feedback.kind(), clock.instant());
                suppressed++;
            }
            Log.info(requestId, "mail feedback", "kind", feedback.kind(), "addresses", feedback.suppress().size());
        }
        return Json.bytes(Map.of("suppressed", suppressed));
    }
}
