package org.lpsa.forms.aws;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.lpsa.forms.Config;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Builds every AWS client once: explicit region, the light url-connection HTTP client, the default
 * credentials chain (one for all calls), and an endpoint override only where a local endpoint is
 * configured.
 *
 * <p>The HTTP client is built on a thread of its own, started here: most of its cost is the JDK's TLS
 * context (security providers, CA certificates), which has nothing to do with reading the request, so
 * where the function has more than one core the two overlap during a cold start. The first request
 * waits for it if it is not ready yet. (Preparing the credentials, the signer and DynamoDB's model
 * classes on that thread as well was measured and gained nothing: the TLS context alone already keeps
 * it busy until the first request is ready to go.)
 */
public final class AwsClients {
    private final Config config;
    private final BuiltInBackground http;
    private final SignedCall signedCall;

    public AwsClients(Config config) {
        this(config, null);
    }

    /** With a given HTTP client (a timed one in the benchmark, say) in place of the url-connection client. */
    public AwsClients(Config config, SdkHttpClient httpClient) {
        this.http = new BuiltInBackground(httpClient); // first: it is the longest part of a cold start
        this.config = config;
        AwsCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();
        this.signedCall = new SignedCall(http, credentials, region().id());
    }

    /** DynamoDB for the functions: its JSON protocol over the signed call (see {@link DynamoDbJsonClient} for why). */
    public DynamoDbClient dynamoDb() {
        if (config.initialisesAheadOfRequests()) {
            // Before a SnapStart snapshot (or for provisioned concurrency) the TLS context is finished, so that the
            // snapshot holds it; the handlers then make one real read, which loads signing and the request path.
            http.awaitReady();
        }
        return new DynamoDbJsonClient(signedCall(), dynamoDbEndpoint());
    }

    public URI dynamoDbEndpoint() {
        return endpoint(Config.DYNAMODB_ENDPOINT, "dynamodb");
    }

    /** Signed single calls (S3 GetObject, SSM GetParameter, SESv2 SendEmail) through the same HTTP client and credentials chain. */
    public SignedCall signedCall() {
        return signedCall;
    }

    /** The S3 endpoint for path-style requests: the local one when configured. */
    public URI s3Endpoint() {
        return endpoint(Config.S3_ENDPOINT, "s3");
    }

    public URI sesEndpoint() {
        return endpoint(Config.SES_ENDPOINT, "email");
    }

    public URI ssmEndpoint() {
        return endpoint(Config.SSM_ENDPOINT, "ssm");
    }

    /**
     * The configured local endpoint, else the service's regional one: {@code amazonaws.com}, or
     * {@code amazonaws.com.cn} in the China regions. (The isolated partitions and FIPS endpoints are not
     * covered; a deployment there sets the endpoint variables.)
     */
    private URI endpoint(String configured, String service) {
        String local = config.optional(configured);
        if (local != null) {
            return URI.create(local);
        }
        String region = region().id();
        return URI.create("https://" + service + "." + region + (region.startsWith("cn-") ? ".amazonaws.com.cn" : ".amazonaws.com"));
    }

    private Region region() {
        return Region.of(config.get(Config.AWS_REGION, "us-east-1"));
    }

    /** The url-connection client, built on a daemon thread; requests wait for it (and see its failure, if any). */
    private static final class BuiltInBackground implements SdkHttpClient {
        private final CompletableFuture<SdkHttpClient> client = new CompletableFuture<>();

        BuiltInBackground(SdkHttpClient given) {
            Thread builder = new Thread(() -> {
                try {
                    client.complete(given != null ? given : UrlConnectionHttpClient.builder().build());
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
