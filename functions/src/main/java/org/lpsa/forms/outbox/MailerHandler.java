package org.lpsa.forms.outbox;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lpsa.forms.Config;
import org.lpsa.forms.Json;
import org.lpsa.forms.Log;
import org.lpsa.forms.aws.AwsClients;
import org.lpsa.forms.aws.Priming;
import org.lpsa.forms.aws.TokenSecret;
import org.lpsa.forms.mail.Mailer;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The Registrations and Ideas streams (filtered to emailStatus = PENDING): one email per record. The
 * table comes from the record's stream ARN. Records whose handling failed are reported in
 * batchItemFailures, so Lambda retries only those.
 */
public final class MailerHandler implements RequestStreamHandler {
    private final Mailer mailer;
    private final Priming priming;

    public MailerHandler() {
        this(Config.fromEnvironment());
    }

    private MailerHandler(Config config) {
        this(config, new AwsClients(config, AwsClients.Caller.BACKGROUND));
        priming.register();
    }

    /** The function as deployed, on the given clients. */
    public MailerHandler(Config config, AwsClients clients) {
        this(config, clients, new TokenSecret(config, clients));
    }

    private MailerHandler(Config config, AwsClients clients, TokenSecret secret) {
        this(Outbox.mailer(config, clients, secret));
        Outbox.primeClients(priming, config, clients, secret);
    }

    public MailerHandler(Mailer mailer) {
        this.mailer = mailer;
        // a batch of no records is answered as usual; every email is composed and made into a request, none is sent
        this.priming = new Priming("MailerFunction", Priming.BACKGROUND_ROUNDS)
                .step(() -> handle(new java.io.ByteArrayInputStream("{\"Records\":[]}".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                        "init"))
                .step(mailer::rehearse);
    }

    public Priming priming() {
        return priming;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String requestId = context == null ? "none" : context.getAwsRequestId();
        try (Log.Scope ignored = Log.request(requestId)) {
            output.write(handle(input, requestId));
        }
    }

    private byte[] handle(InputStream input, String requestId) {
        List<Map<String, Object>> failures = new ArrayList<>();
        Map<String, Object> event;
        try {
            event = Json.object(input);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        for (Object r : Json.list(event.get("Records"))) {
            Map<String, Object> record = Json.map(r);
            Map<String, Object> dynamodb = Json.map(record.get("dynamodb"));
            String table = tableOf(String.valueOf(record.get("eventSourceARN")));
            try {
                Map<String, AttributeValue> key = new HashMap<>();
                Json.map(dynamodb.get("Keys")).forEach((name, value) -> key.put(name, AttributeValue.fromS(
                        String.valueOf(Json.map(value).get("S")))));
                mailer.deliver(table, key, requestId);
            } catch (RuntimeException e) {
                Log.error(requestId, "stream record failed", e, "table", table);
                failures.add(Map.of("itemIdentifier", String.valueOf(dynamodb.get("SequenceNumber"))));
            }
        }
        return Json.bytes(Map.of("batchItemFailures", failures));
    }

    /** "arn:aws:dynamodb:region:account:table/NAME/stream/LABEL" to NAME. */
    static String tableOf(String streamArn) {
        int start = streamArn.indexOf(":table/") + 7;
        int end = streamArn.indexOf("/stream/", start);
        return start < 7 ? streamArn : streamArn.substring(start, end < 0 ? streamArn.length() : end);
    }
}
