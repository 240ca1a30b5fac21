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
import org.lpsa.forms.aws.AwsClients;
import org.lpsa.forms.contacts.ContactRepository;
import org.lpsa.forms.http.Json;
import org.lpsa.forms.http.Log;
import org.lpsa.forms.ideas.IdeaRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The SES receipt rule's Lambda action (invoked asynchronously, after the S3 action stored the
 * message). A failure is thrown, so Lambda retries; the messageId keeps the retry from storing twice.
 */
public final class InboundEmailHandler implements RequestStreamHandler {
    private final InboundEmailService service;

    public InboundEmailHandler() {
        this(Config.fromEnvironment());
    }

    private InboundEmailHandler(Config config) {
        this(build(config));
    }

    public InboundEmailHandler(InboundEmailService service) {
        this.service = service;
    }

    private static InboundEmailService build(Config config) {
        AwsClients clients = new AwsClients(config);
        DynamoDbClient dynamo = clients.dynamoDb();
        return new InboundEmailService(new RawMessages(clients.signedCall(), clients.s3Endpoint()), new IdeaRepository(dynamo, config.require(Config.IDEAS_TABLE)),
                new ContactRepository(dynamo, config.require(Config.CONTACTS_TABLE)),
                new InboundEmailService.Settings(config.require(Config.INBOUND_BUCKET), config.get(Config.INBOUND_PREFIX, ""),
                        config.get(Config.MAIL_DOMAIN, "decentralization.net")),
                Clock.systemUTC());
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String requestId = context == null ? "none" : context.getAwsRequestId();
        List<Map<String, Object>> results = new ArrayList<>();
        for (SesReceipt receipt : SesReceipt.fromEvent(Json.object(input))) {
            InboundEmailService.Outcome outcome = service.receive(receipt);
            Log.info(requestId, outcome == InboundEmailService.Outcome.STORED ? "email idea stored" : "email already stored",
                    "messageId", receipt.messageId());
            results.add(Map.of("messageId", receipt.messageId(), "outcome", outcome.name().toLowerCase(java.util.Locale.ROOT)));
        }
        output.write(Json.bytes(Map.of("results", results)));
    }
}
