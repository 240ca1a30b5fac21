package org.lpsa.forms.admin;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Where the admin tool reads and writes: the local stack (found through .lpsa/local.json) or a
 * deployed stack in AWS (tables named after the stack, the default credentials chain or a profile).
 */
public final class Target implements AutoCloseable {
    private final String stackName;
    private final DynamoDbClient dynamo;
    private final S3Client s3;

    private Target(String stackName, DynamoDbClient dynamo, S3Client s3) {
        this.stackName = stackName;
        this.dynamo = dynamo;
        this.s3 = s3;
    }

    /** The running local stack; a clear error when it is not running. */
    public static Target local(Path localJson) {
        if (!Files.isRegularFile(localJson)) {
            throw new AdminException("The local stack is not running (no " + localJson + "). Start it with ./lpsa local.");
        }
        Map<String, Object> state;
        try {
            state = JSON.std.mapFrom(Files.readString(localJson));
        } catch (IOException e) {
            throw new AdminException("Cannot read " + localJson + ": " + e.getMessage());
        }
        Object pid = state.get("pid");
        if (pid == null || ProcessHandle.of(((Number) pid).longValue()).map(ProcessHandle::isAlive).orElse(false) == Boolean.FALSE) {
            throw new AdminException(localJson + " is stale: the local stack that wrote it (pid " + pid
                    + ") is no longer running. Start it again with ./lpsa local.");
        }
        AwsCredentialsProvider dummy = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
        DynamoDbClient dynamo = DynamoDbClient.builder().region(Region.US_EAST_1).credentialsProvider(dummy)
                .endpointOverride(URI.create(String.valueOf(state.get("dynamodb"))))
                .httpClient(Apache5HttpClient.create()).build();
        Object s3Endpoint = state.get("s3");
        S3Client s3 = s3Endpoint == null ? null : S3Client.builder().region(Region.US_EAST_1).credentialsProvider(dummy)
                .endpointOverride(URI.create(String.valueOf(s3Endpoint))).forcePathStyle(true)
                .httpClient(Apache5HttpClient.create()).build();
        return new Target(String.valueOf(state.getOrDefault("stackName", "lpsa-local")), dynamo, s3);
    }

    /** A deployed stack: its tables are named "STACK-Events" and so on. */
    public static Target aws(String stackName, String profile, String region) {
        AwsCredentialsProvider credentials = profile == null ? DefaultCredentialsProvider.builder().build()
                : ProfileCredentialsProvider.create(profile);
        var dynamo = DynamoDbClient.builder().credentialsProvider(credentials).httpClient(Apache5HttpClient.create());
        var s3 = S3Client.builder().credentialsProvider(credentials).httpClient(Apache5HttpClient.create());
        Region chosen = region != null ? Region.of(region) : profile != null
                ? DefaultAwsRegionProviderChain.builder().profileName(profile).build().getRegion() : null;
        if (chosen != null) {
            dynamo.region(chosen);
            s3.region(chosen);
        }
        return new Target(stackName, dynamo.build(), s3.build());
    }

    /** Against given clients, as tests do. */
    public static Target of(String stackName, DynamoDbClient dynamo, S3Client s3) {
        return new Target(stackName, dynamo, s3);
    }

    public DynamoDbClient dynamo() {
        return dynamo;
    }

    public S3Client s3() {
        return s3;
    }

    public String table(String name) {
        return stackName + "-" + name;
    }

    @Override
    public void close() {
        dynamo.close();
        if (s3 != null) {
            s3.close();
        }
    }
}
