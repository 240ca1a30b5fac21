package org.lpsa.forms.inbound;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lpsa.forms.Config;
import org.lpsa.forms.Json;
import org.lpsa.forms.Log;
import org.lpsa.forms.aws.AwsClients;
import org.lpsa.forms.aws.Priming;
import org.lpsa.forms.contacts.ContactRepository;
import org.lpsa.forms.ideas.IdeaRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The SES receipt rule's Lambda action (invoked asynchronously, after the S3 action stored the
 * message). A failure is thrown, so Lambda retries; the messageId keeps the retry from storing twice.
 */
public final class InboundEmailHandler implements RequestStreamHandler {
    /** A short reply of the kind people send, to parse, clean and classify while priming. */
    private static final String REHEARSAL = "From: Priming <priming@example.org>\r\nTo: ideas+webinars@example.org\r\n"
            + "Subject: Priming\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
            + "A webinar on fiscal transfers.\r\n\r\nOn Mon, 1 Jan 2024, someone wrote:\r\n> earlier\r\n";

    private final InboundEmailService service;
    private final Priming priming;

    public InboundEmailHandler() {
        this(Config.fromEnvironment());
    }

    private InboundEmailHandler(Config config) {
        this(config, new AwsClients(config, AwsClients.Caller.BACKGROUND));
        priming.register();
    }

    /** The function as deployed, on the given clients. */
    public InboundEmailHandler(Config config, AwsClients clients) {
        this(build(config, clients));
        String bucket = config.require(Config.INBOUND_BUCKET);
        priming.read(clients.dynamoDb(), config.require(Config.IDEAS_TABLE), "ideaId")
                .read(clients.dynamoDb(), config.require(Config.CONTACTS_TABLE), "email")
                .call(() -> clients.s3().headObject(b -> b.bucket(bucket).key(config.get(Config.INBOUND_PREFIX, "") + Priming.IMPOSSIBLE_KEY)));
    }

    public InboundEmailHandler(InboundEmailService service) {
        this.service = service;
        this.priming = new Priming("InboundEmailFunction", Priming.BACKGROUND_ROUNDS).step(() -> InboundEmailService.rehearse(
                REHEARSAL.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    public Priming priming() {
        return priming;
    }

    private static InboundEmailService build(Config config, AwsClients clients) {
        DynamoDbClient dynamo = clients.dynamoDb();
        return new InboundEmailService(new RawMessages(clients.s3()), new IdeaRepository(dynamo, config.require(Config.IDEAS_TABLE)),
                new ContactRepository(dynamo, config.require(Config.CONTACTS_TABLE)),
                new InboundEmailService.Settings(config.require(Config.INBOUND_BUCKET), config.get(Config.INBOUND_PREFIX, ""),
                        config.get(Config.MAIL_DOMAIN, "decentralization.net")),
                Clock.systemUTC());
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String requestId = context == null ? "none" : context.getAwsRequestId();
        List<Map<String, Object>> results = new ArrayList<>();
        try (Log.Scope ignored = Log.request(requestId)) {
            for (SesReceipt receipt : SesReceipt.fromEvent(Json.object(input))) {
                InboundEmailService.Outcome outcome = service.receive(receipt);
                Log.info(requestId, outcome == InboundEmailService.Outcome.STORED ? "email idea stored" : "email already stored",
                        "messageId", receipt.messageId());
                results.add(Map.of("messageId", receipt.messageId(), "outcome", outcome.name().toLowerCase(java.util.Locale.ROOT)));
            }
        }
        output.write(Json.bytes(Map.of("results", results)));
    }
}
