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
 * credentials chain, and an endpoint override only where a local endpoint is configured.
 *
 * <p>A cold start is mostly class loading, and the first request's path has two halves that do not
 * depend on each other: reading the request (JSON, our validation) and the AWS side (the JDK's TLS
 * context, credentials, the SigV4 signer, DynamoDB's request and response classes). The AWS side is
 * prepared on a thread of its own, started here, so that where the function has more than one core the
 * two halves load side by side. Requests wait only for the HTTP client; the rest is done again, quickly,
 * by whoever gets there first.
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
        this.config = config;
        AwsCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();
        this.http = new BuiltInBackground(httpClient, () -> {
            SignedCall.prepare(credentials);
            DynamoDbJsonClient.prepare();
        });
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
        String endpoint = config.optional(Config.DYNAMODB_ENDPOINT);
        return URI.create(endpoint != null ? endpoint : "https://dynamodb." + region().id() + ".amazonaws.com");
    }

    /** Signed single calls (S3 GetObject, SSM GetParameter, SESv2 SendEmail) through the same HTTP client and credentials chain. */
    public SignedCall signedCall() {
        return signedCall;
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

    /**
     * The url-connection client, built on a daemon thread, which then runs the preparation; requests wait
     * for the client (and see its failure, if any), never for the preparation.
     */
    private static final class BuiltInBackground implements SdkHttpClient {
        private final CompletableFuture<SdkHttpClient> client = new CompletableFuture<>();

        BuiltInBackground(SdkHttpClient given, Runnable preparation) {
            Thread builder = new Thread(() -> {
                try {
                    client.complete(given != null ? given : UrlConnectionHttpClient.builder().build());
                } catch (Throwable e) {
                    client.completeExceptionally(e);
                    return;
                }
                try {
                    preparation.run();
                } catch (RuntimeException ignored) {
                    // only loads classes ahead of time: a real failure shows on the request that meets it
                }
            }, "aws-client-init");
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
