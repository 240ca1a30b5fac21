package org.lpsa.forms.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lpsa.forms.Config;

/** Where the functions send their calls: the regional endpoint of the region's partition, or a configured local one. */
class AwsClientsTest {
    private static AwsClients in(Map<String, String> environment) {
        return new AwsClients(Config.of(environment));
    }

    @Test
    void regionalEndpointsInTheCommercialRegions() {
        AwsClients clients = in(Map.of(Config.AWS_REGION, "eu-west-1"));
        assertEquals(URI.create("https://dynamodb.eu-west-1.amazonaws.com"), clients.dynamoDbEndpoint());
        assertEquals(URI.create("https://email.eu-west-1.amazonaws.com"), clients.sesEndpoint());
        assertEquals(URI.create("https://s3.eu-west-1.amazonaws.com"), clients.s3Endpoint());
        assertEquals(URI.create("https://ssm.eu-west-1.amazonaws.com"), clients.ssmEndpoint());
    }

    @Test
    void theChinaRegionsUseTheirOwnDomain() {
        AwsClients clients = in(Map.of(Config.AWS_REGION, "cn-north-1"));
        assertEquals(URI.create("https://dynamodb.cn-north-1.amazonaws.com.cn"), clients.dynamoDbEndpoint());
        assertEquals(URI.create("https://ssm.cn-north-1.amazonaws.com.cn"), clients.ssmEndpoint());
    }

    @Test
    void aConfiguredEndpointWins() {
        AwsClients clients = in(Map.of(Config.AWS_REGION, "cn-north-1", Config.DYNAMODB_ENDPOINT, "http://127.0.0.1:4567"));
        assertEquals(URI.create("http://127.0.0.1:4567"), clients.dynamoDbEndpoint());
        assertEquals(URI.create("https://email.cn-north-1.amazonaws.com.cn"), clients.sesEndpoint());
    }
}
