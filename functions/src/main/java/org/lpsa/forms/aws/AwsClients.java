package org.lpsa.forms.aws;

import java.net.URI;
import org.lpsa.forms.Config;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Builds every AWS client once: explicit region, the light url-connection HTTP client, the default
 * credentials chain, and an endpoint override only where a local endpoint is configured.
 */
public final class AwsClients {
    private final Config config;
    private final SdkHttpClient http = UrlConnectionHttpClient.builder().build();

    public AwsClients(Config config) {
        this.config = config;
    }

    public DynamoDbClient dynamoDb() {
        var builder = DynamoDbClient.builder().region(region()).httpClient(http);
        String endpoint = config.optional(Config.DYNAMODB_ENDPOINT);
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }

    public SesV2Client ses() {
        var builder = SesV2Client.builder().region(region()).httpClient(http);
        String endpoint = config.optional(Config.SES_ENDPOINT);
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }

    /** Path-style addressing, which works against S3 and local stand-ins alike. */
    public S3Client s3() {
        var builder = S3Client.builder().region(region()).httpClient(http).forcePathStyle(true);
        String endpoint = config.optional(Config.S3_ENDPOINT);
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }

    public SsmClient ssm() {
        var builder = SsmClient.builder().region(region()).httpClient(http);
        String endpoint = config.optional(Config.SSM_ENDPOINT);
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }

    private Region region() {
        return Region.of(config.get(Config.AWS_REGION, "us-east-1"));
    }
}
