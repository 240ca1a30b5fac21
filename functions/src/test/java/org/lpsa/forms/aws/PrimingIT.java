package org.lpsa.forms.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.lpsa.forms.Config;
import org.lpsa.forms.TestStack;
import org.lpsa.forms.digest.DigestHandler;
import org.lpsa.forms.events.EventInfoHandler;
import org.lpsa.forms.ideas.IdeaHandler;
import org.lpsa.forms.inbound.InboundEmailHandler;
import org.lpsa.forms.local.aws.LocalTables;
import org.lpsa.forms.mail.BounceHandler;
import org.lpsa.forms.outbox.MailerHandler;
import org.lpsa.forms.outbox.SweeperHandler;
import org.lpsa.forms.registration.ManageHandler;
import org.lpsa.forms.registration.RegisterHandler;
import org.lpsa.forms.registration.ReminderHandler;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * SnapStart priming of every function, against the emulators: it calls AWS through each client the
 * function uses; a registration's and a count's writes reach DynamoDB and are refused by their conditions,
 * other writes go as far as signing; nothing is stored or sent.
 */
class PrimingIT {
    private final TestStack stack = new TestStack();
    /** Operations started, and operations that reached AWS and were answered (errors included). */
    private final Set<String> started = ConcurrentHashMap.newKeySet();
    private final Set<String> answered = ConcurrentHashMap.newKeySet();
    /** The HTTP status of every answered call that is not a read. */
    private final Set<String> writeAnswers = ConcurrentHashMap.newKeySet();
    private static final Set<String> READS = Set.of("GetItem", "Query", "GetAccount", "HeadObject");

    private final ExecutionInterceptor recorder = new ExecutionInterceptor() {
        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            started.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        }

        @Override
        public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
            String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
            answered.add(operation);
            if (!READS.contains(operation)) {
                writeAnswers.add(operation + " " + context.httpResponse().statusCode());
            }
        }
    };

    @Test
    void primingEveryFunctionReadsThroughItsClientsAndStoresAndSendsNothing() {
        Config config = stack.config();
        AwsClients clients = stack.clients(recorder);
        List<Priming> all = List.of(
                new RegisterHandler(config, clients).priming(),
                new EventInfoHandler(config, clients).priming(),
                new ManageHandler(config, clients).priming(),
                new IdeaHandler(config, clients).priming(),
                new InboundEmailHandler(config, clients).priming(),
                new MailerHandler(config, clients).priming(),
                new SweeperHandler(config, clients).priming(),
                new BounceHandler(config, clients).priming(),
                new ReminderHandler(config, clients).priming(),
                new DigestHandler(config, clients).priming());
        for (Priming priming : all) {
            priming.prime();
            priming.restored();
        }

        assertTrue(answered.containsAll(Set.of("GetItem", "GetAccount", "HeadObject")), "reads that reached AWS: " + answered);
        // the registration's write and the count's were sent and refused (400, their conditions failed); nothing else was sent
        assertEquals(Set.of("PutItem 400", "UpdateItem 400"), writeAnswers, "the writes that reached DynamoDB");
        Set<String> expected = new java.util.HashSet<>(READS);
        expected.addAll(Set.of("PutItem", "UpdateItem"));
        assertEquals(expected, answered, "what was sent");

        for (String table : List.of("EventsTable", "RegistrationsTable", "IdeasTable", "ContactsTable", "LimitsTable")) {
            assertEquals(0, stack.dynamo.scan(b -> b.tableName(stack.table(table))).count(), table + " holds nothing");
        }
        assertTrue(stack.sentEmails().isEmpty(), "no email was sent");
        for (String bucket : stack.template.buckets()) {
            assertEquals(0, LocalTables.s3(stack.s3Endpoint()).listObjectsV2(b -> b.bucket(bucket)).keyCount(), bucket + " holds nothing");
        }
    }
}
