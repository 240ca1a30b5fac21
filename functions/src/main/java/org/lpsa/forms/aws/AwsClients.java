package org.lpsa.forms.aws;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.lpsa.forms.Config;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.defaultsmode.DefaultsMode;
import software.amazon.awssdk.awscore.endpoints.AccountIdEndpointMode;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.utils.Lazy;

/**
 * The SDK's own clients, built once per function and only those it uses (each on its first use): one
 * HTTP client for all of them (Apache HttpClient 5, the SDK's default: measured here, it costs a request
 * less of its own time than url-connection, and it sends a request's headers and body in one write), the region Lambda names, the default credentials chain,
 * and call timeouts chosen for the caller. Endpoints are the SDK's business: in AWS the regional ones,
 * locally those of the SDK's own settings ({@code AWS_ENDPOINT_URL_DYNAMODB} and the like, or the
 * {@code aws.endpointUrlDynamoDb} system properties where the local stack runs every handler in one JVM).
 */
public final class AwsClients implements AutoCloseable {
    /**
     * Who waits for an AWS call, and so how long it may take: one attempt, and the whole call with the
     * SDK's retries. A timed-out call is answered 503 by the API (or retried later in the background).
     */
    public enum Caller {
        /**
         * A person's browser is waiting (API Gateway gives up at 30 s, the function at 15 s): a DynamoDB
         * item call takes milliseconds, so one attempt gets 1 s and the call, retries included, 3 s;
         * a request that makes several calls still answers within its budget.
         */
        API_REQUEST(Duration.ofSeconds(1), Duration.ofSeconds(3)),
        /**
         * A stream batch, a schedule or an emailed idea (60 s and more): longer, so a slow moment of a
         * service is ridden out, yet short enough that a batch of 10 finishes inside the function's timeout.
         */
        BACKGROUND(Duration.ofSeconds(2), Duration.ofSeconds(5));

        private final Duration attempt;
        private final Duration call;

        Caller(Duration attempt, Duration call) {
            this.attempt = attempt;
            this.call = call;
        }
    }

    /** S3 GetObject hands back a message of up to 40 MB: its first byte can take longer than an item's. */
    private static final Duration S3_ATTEMPT = Duration.ofSeconds(5);
    private static final Duration S3_CALL = Duration.ofSeconds(15);

    private final Region region;
    private final Caller caller;
    private final List<ExecutionInterceptor> interceptors;
    private final DefaultCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();
    private final SdkHttpClient http;
    private final Lazy<DynamoDbClient> dynamoDb;
    private final Lazy<SesV2Client> sesV2;
    private final Lazy<S3Client> s3;
    private final Lazy<SsmClient> ssm;

    public AwsClients(Config config, Caller caller) {
        this(config, caller, List.of());
    }

    /** With interceptors on every call besides our own (the benchmark times HTTP with one; tests make calls fail). */
    public AwsClients(Config config, Caller caller, List<ExecutionInterceptor> extraInterceptors) {
        // first: the TLS context inside it is the longest single part of a cold start (see HttpClientBuiltAhead)
        this.http = new HttpClientBuiltAhead(() -> Apache5HttpClient.builder().build());
        this.region = Region.of(config.require(Config.AWS_REGION));
        this.caller = caller;
        List<ExecutionInterceptor> all = new ArrayList<>();
        all.add(new DryRun());
        all.add(new AwsCallLog());
        all.addAll(extraInterceptors);
        this.interceptors = List.copyOf(all);
        // each service's builder lives in a class of its own (not a lambda, whose type would name the client), so
        // a function never even loads the interfaces of the clients it does not use
        this.dynamoDb = new Lazy<>(new DynamoDb(this));
        this.sesV2 = new Lazy<>(new SesV2(this));
        this.s3 = new Lazy<>(new S3(this));
        this.ssm = new Lazy<>(new Ssm(this));
    }

    private record DynamoDb(AwsClients clients) implements Supplier<DynamoDbClient> {
        @Override
        public DynamoDbClient get() {
            // DynamoDB's account-based endpoints are off: the regional endpoint for every call, without the
            // account-id part of the endpoint rules (measured here: a quicker first call in a fresh JVM)
            return loadRequestPathAhead(clients.configure(DynamoDbClient.builder(), clients.caller.attempt, clients.caller.call)
                    .accountIdEndpointMode(AccountIdEndpointMode.DISABLED).build());
        }
    }

    private record SesV2(AwsClients clients) implements Supplier<SesV2Client> {
        @Override
        public SesV2Client get() {
            return clients.configure(SesV2Client.builder(), clients.caller.attempt, clients.caller.call).build();
        }
    }

    private record S3(AwsClients clients) implements Supplier<S3Client> {
        @Override
        public S3Client get() {
            return clients.configure(S3Client.builder(), S3_ATTEMPT, S3_CALL).build();
        }
    }

    private record Ssm(AwsClients clients) implements Supplier<SsmClient> {
        @Override
        public SsmClient get() {
            return clients.configure(SsmClient.builder(), clients.caller.attempt, clients.caller.call).build();
        }
    }

    public DynamoDbClient dynamoDb() {
        return dynamoDb.getValue();
    }

    public SesV2Client sesV2() {
        return sesV2.getValue();
    }

    public S3Client s3() {
        return s3.getValue();
    }

    public SsmClient ssm() {
        return ssm.getValue();
    }

    /** The clients built so far, by service name: a function builds only those it uses. */
    public List<String> built() {
        List<String> names = new ArrayList<>();
        if (dynamoDb.hasValue()) {
            names.add("DynamoDB");
        }
        if (sesV2.hasValue()) {
            names.add("SESv2");
        }
        if (s3.hasValue()) {
            names.add("S3");
        }
        if (ssm.hasValue()) {
            names.add("SSM");
        }
        return names;
    }

    private <B extends AwsSyncClientBuilder<B, ?> & AwsClientBuilder<B, ?>> B configure(B builder, Duration attempt, Duration call) {
        builder.httpClient(http);
        return builder.region(region)
                .credentialsProvider(credentials)
                // every call goes to a service in the function's own region; stated, so nothing is looked up to decide
                .defaultsMode(DefaultsMode.IN_REGION)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        // the SDK's standard retries (3 attempts, jittered backoff, a retry quota), within the timeouts below
                        .retryStrategy(RetryMode.STANDARD)
                        .apiCallAttemptTimeout(attempt)
                        .apiCallTimeout(call)
                        .executionInterceptors(interceptors)
                        .build());
    }

    /**
     * Starts loading the SDK's request path for DynamoDB (marshalling, endpoint rules, signing) on a thread
     * of its own, with a GetItem stopped before it is sent, and hands the client back at once: in a fresh
     * JVM the first request is read and checked meanwhile instead of waiting for that class loading. Where
     * SnapStart takes a snapshot, priming covers this before anyone waits, and this thread is long done.
     */
    private static DynamoDbClient loadRequestPathAhead(DynamoDbClient client) {
        Thread loader = new Thread(() -> {
            try {
                DryRun.run(() -> client.getItem(b -> b.tableName(Priming.IMPOSSIBLE_KEY)
                        .key(java.util.Map.of("key", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(Priming.IMPOSSIBLE_KEY)))));
            } catch (RuntimeException ignored) {
                // only time was to be saved; the first real call reports its own failure
            }
        }, "sdk-request-path");
        loader.setDaemon(true);
        loader.start();
        return client;
    }

    /** Closes the clients that were built, then the HTTP client they share (the SDK leaves a shared one open). */
    @Override
    public void close() {
        // Lazy.close() would build a client that was never used, so only the built ones are closed
        for (Lazy<? extends AutoCloseable> built : List.of(dynamoDb, sesV2, s3, ssm)) {
            if (built.hasValue()) {
                try {
                    built.getValue().close();
                } catch (Exception ignored) {
                    // closing frees sockets; nothing is lost when it fails
                }
            }
        }
        http.close();
        credentials.close();
    }
}
