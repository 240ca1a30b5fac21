package org.lpsa.forms.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lpsa.forms.Config;
import org.lpsa.forms.TestStack;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The read that loads the request path before a SnapStart snapshot, against the emulator. */
class WarmUpIT {
    private final TestStack stack = new TestStack();
    private final List<String> operations = new ArrayList<>();

    private DynamoDbClient countingClient(Config config) {
        return DynamoDbClient.builder()
                .endpointOverride(URI.create(config.require(Config.DYNAMODB_ENDPOINT)))
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                        operations.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
                    }
                }))
                .build();
    }

    private Config config(String initializationType) {
        Map<String, String> values = new HashMap<>();
        values.put(Config.EVENTS_TABLE, stack.table("EventsTable"));
        values.put(Config.DYNAMODB_ENDPOINT, stack.config().require(Config.DYNAMODB_ENDPOINT));
        values.put(Config.INITIALIZATION_TYPE, initializationType);
        return Config.of(values);
    }

    @Test
    void aSnapStartInitialisationReadsOnceAndAnOnDemandOneDoesNot() {
        Config snapStart = config("snap-start");
        EventRepository events = EventRepository.forFunction(snapStart, countingClient(snapStart), Clock.systemUTC());
        assertEquals(List.of("GetItem"), operations);
        assertTrue(events.find(EventRepository.WARM_UP_KEY).isEmpty(), "the key is one no event can have");
        assertEquals(1, operations.size(), "and it is refused without a read");

        operations.clear();
        Config onDemand = config("on-demand");
        EventRepository.forFunction(onDemand, countingClient(onDemand), Clock.systemUTC());
        assertEquals(List.of(), operations, "a registrant is waiting: no warm-up");
    }

    @Test
    void aFailedWarmUpReadDoesNotFailTheInitialisation() {
        Config snapStart = config("snap-start");
        new EventRepository(countingClient(snapStart), "no-such-table", Clock.systemUTC()).warmUp();
        assertEquals(List.of(), operations, "the failed read reached no afterExecution");
    }
}
