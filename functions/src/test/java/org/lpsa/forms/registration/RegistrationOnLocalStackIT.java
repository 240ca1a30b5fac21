package org.lpsa.forms.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lpsa.forms.TestStack;
import org.lpsa.forms.local.aws.StreamPump;
import org.lpsa.forms.outbox.MailerHandler;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The registration path against LocalStack, where Docker runs (skipped where it does not, as on the
 * project's build machines). Run alone with: mvn -B verify -Dit.test=RegistrationOnLocalStackIT
 */
@Testcontainers(disabledWithoutDocker = true)
class RegistrationOnLocalStackIT {
    /** The last community image before LocalStack required an auth token. */
    @Container
    static final LocalStackContainer LOCALSTACK = new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.4"))
            .withServices(LocalStackContainer.Service.DYNAMODB, LocalStackContainer.Service.SES);

    @Test
    void aRegistrationIsStoredOnceAndConfirmedOnce() throws Exception {
        URI endpoint = LOCALSTACK.getEndpoint();
        TestStack stack = new TestStack(endpoint, endpoint, null);
        stack.seedMeeting("demo", true);
        // LocalStack verifies identities at once; SES refuses to send from unverified ones
        for (String identity : List.of("decentralization.net", "events@decentralization.net")) {
            stack.clients.sesV2().createEmailIdentity(b -> b.emailIdentity(identity));
        }
        RegisterHandler register = stack.registerHandler();

        assertEquals(201, TestStack.invoke(register, stack.sampleEvent("register-new.json")).get("statusCode"));
        assertEquals(200, TestStack.invoke(register, stack.sampleEvent("register-same-email-other-case.json")).get("statusCode"));
        try (StreamPump stream = stack.registrationsStream(new MailerHandler(stack.mailer()))) {
            stream.pollOnce();
            stream.pollOnce();
        }

        Map<String, AttributeValue> item = stack.dynamo.getItem(b -> b.tableName(stack.table("RegistrationsTable"))
                .key(Map.of("eventId", AttributeValue.fromS("demo"), "email", AttributeValue.fromS("ana.perez@example.org")))).item();
        assertEquals("SENT", item.get("emailStatus").s());
        List<Map<String, Object>> sent = sentTo(endpoint, "ana.perez@example.org");
        assertEquals(1, sent.size());
        assertTrue(String.valueOf(((Map<?, ?>) sent.get(0).get("Body")).get("text_part")).contains("5:45 PM"));
    }

    /** LocalStack's record of sent mail: GET /_aws/ses. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> sentTo(URI endpoint, String address) throws Exception {
        HttpURLConnection c = (HttpURLConnection) URI.create(endpoint + "/_aws/ses").toURL().openConnection();
        try (InputStream in = c.getInputStream()) {
            List<Map<String, Object>> messages = (List<Map<String, Object>>) JSON.std.mapFrom(in).get("messages");
            return messages.stream()
                    .filter(m -> String.valueOf(((Map<?, ?>) m.get("Destination")).get("ToAddresses")).contains(address))
                    .toList();
        }
    }
}
