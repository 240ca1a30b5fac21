package org.lpsa.forms.aws;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.lpsa.forms.Config;
import software.amazon.awssdk.core.warmup.SdkWarmUp;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Builds every AWS client once: explicit region, the light url-connection HTTP client, the default
 * credentials chain, and an endpoint override only where a local endpoint is configured.
 *
 * <p>The HTTP client is built on a thread of its own, started here: most of its cost is the JDK's TLS
 * context (security providers, CA certificates), which has nothing to do with building the DynamoDB
 * client, so where the function has more than one core the two overlap during a cold start. The first
 * request waits for it if it is not ready yet.
 */
public final class AwsClients {
    private final Config config;
    private final BuiltInBackground http;

    public AwsClients(Config config) {
        this.config = config;
        this.http = new BuiltInBackground();
    }

    public DynamoDbClient dynamoDb() {
        var builder = DynamoDbClient.builder().region(region()).httpClient(http);
        String endpoint = config.optional(Config.DYNAMODB_ENDPOINT);
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
        }
        DynamoDbClient client = builder.build();
        if (config.initialisesAheadOfRequests()) {
            // Before a SnapStart snapshot (or for provisioned concurrency): finish the TLS context, and load the
            // SDK's generic request path with its own warm-up (a throwaway client answered by a canned response;
            // one unsigned request to STS for the TLS code), so that the snapshot holds them. The handlers then
            // make one real read with this client, which loads signing and the operation's own code too.
            http.awaitReady();
            SdkWarmUp.warmUp(DynamoDbClient.class);
        }
        return client;
    }

    /** Signed single calls (S3 GetObject, SSM GetParameter, SESv2 SendEmail) through the same HTTP client and credentials chain. */
    public SignedCall signedCall() {
        return new SignedCall(http, region().id());
    }

    /** The S3 endpoint for path-style requests: the local one when configured. */
    public URI s3Endpoint() {
        String endpoint = config.optional(Config.S3_ENDPOINT);
        return URI.create(endpoint != null ? endpoint : "https://s3." + region().id() + ".amazonaws.com");
    }

    public URI sesEndpoint() {
        String endpoint = config.optional(Config.SES_ENDPOINT);
        return URI.create(endpoint != null ? endpoint : "https://email." + region().id() + ".amazonaws.com");
    }

    public URI ssmEndpoint() {
        String endpoint = config.optional(Config.SSM_ENDPOINT);
        return URI.create(endpoint != null ? endpoint : "https://ssm." + region().id() + ".amazonaws.com");
    }

    private Region region() {
        return Region.of(config.get(Config.AWS_REGION, "us-east-1"));
    }

    /** The url-connection client, built on a daemon thread; requests wait for it (and see its failure, if any). */
    private static final class BuiltInBackground implements SdkHttpClient {
        private final CompletableFuture<SdkHttpClient> client = new CompletableFuture<>();

        BuiltInBackground() {
            Thread builder = new Thread(() -> {
                try {
                    client.complete(UrlConnectionHttpClient.builder().build());
                } catch (Throwable e) {
                    client.completeExceptionally(e);
                }
            }, "http-client-init");
            builder.setDaemon(true);
            builder.start();
        }

        void awaitReady() {
            ready();
        }

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return ready().prepareRequest(request);
        }

        /** The client, or the failure that prevented it, as it was thrown (not wrapped). */
        private SdkHttpClient ready() {
            try {
                return client.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException failure) {
                    throw failure;
                }
                if (e.getCause() instanceof Error failure) {
                    throw failure;
                }
                throw e;
            }
        }

        @Override
        public String clientName() {
            return "UrlConnection";
        }

        @Override
        public void close() {
            client.thenAccept(SdkHttpClient::close);
        }
    }
}
