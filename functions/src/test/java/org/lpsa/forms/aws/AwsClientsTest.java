package org.lpsa.forms.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lpsa.forms.Config;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.regions.Region;

/** How the functions' clients are set up: region, timeouts by caller, our interceptor, and the SDK's own endpoint settings. */
class AwsClientsTest {
    private static final String DYNAMODB_ENDPOINT = "aws.endpointUrlDynamoDb";
    private final String endpointBefore = System.getProperty(DYNAMODB_ENDPOINT);

    @AfterEach
    void restoreEndpoint() {
        if (endpointBefore == null) {
            System.clearProperty(DYNAMODB_ENDPOINT);
        } else {
            System.setProperty(DYNAMODB_ENDPOINT, endpointBefore);
        }
    }

    private static AwsClients in(String region, AwsClients.Caller caller) {
        return new AwsClients(Config.of(Map.of(Config.AWS_REGION, region)), caller);
    }

    @Test
    void anApiRequestWaitsSecondsAndTheBackgroundLonger() {
        try (AwsClients api = in("eu-west-1", AwsClients.Caller.API_REQUEST);
             AwsClients background = in("eu-west-1", AwsClients.Caller.BACKGROUND)) {
            ClientOverrideConfiguration apiDynamo = api.dynamoDb().serviceClientConfiguration().overrideConfiguration();
            assertEquals(Duration.ofSeconds(1), apiDynamo.apiCallAttemptTimeout().orElseThrow());
            assertEquals(Duration.ofSeconds(3), apiDynamo.apiCallTimeout().orElseThrow());
            ClientOverrideConfiguration mail = background.sesV2().serviceClientConfiguration().overrideConfiguration();
            assertEquals(Duration.ofSeconds(5), mail.apiCallTimeout().orElseThrow());
            ClientOverrideConfiguration s3 = background.s3().serviceClientConfiguration().overrideConfiguration();
            assertEquals(Duration.ofSeconds(15), s3.apiCallTimeout().orElseThrow(), "a stored message may be large");
            assertTrue(apiDynamo.executionInterceptors().stream().anyMatch(AwsCallLog.class::isInstance), "failed calls are logged");
            assertEquals(Region.EU_WEST_1, api.ssm().serviceClientConfiguration().region());
        }
    }

    @Test
    void theEndpointComesFromTheSdksOwnSettings() {
        try (AwsClients inAws = in("ap-south-1", AwsClients.Caller.API_REQUEST)) {
            assertFalse(inAws.dynamoDb().serviceClientConfiguration().endpointOverride().isPresent(),
                    "in AWS the SDK resolves the regional endpoint itself");
        }
        System.setProperty(DYNAMODB_ENDPOINT, "http://127.0.0.1:4567");
        try (AwsClients local = in("ap-south-1", AwsClients.Caller.API_REQUEST)) {
            assertEquals(URI.create("http://127.0.0.1:4567"), local.dynamoDb().serviceClientConfiguration().endpointOverride().orElseThrow());
        }
    }

    @Test
    void onlyTheClientsAFunctionUsesAreBuilt() {
        try (AwsClients clients = in("eu-west-1", AwsClients.Caller.API_REQUEST)) {
            assertEquals(List.of(), clients.built());
            clients.dynamoDb();
            clients.dynamoDb();
            assertEquals(List.of("DynamoDB"), clients.built());
            clients.ssm();
            assertEquals(List.of("DynamoDB", "SSM"), clients.built());
        }
    }
}
