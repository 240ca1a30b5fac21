package org.lpsa.forms.aws;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * The SDK's HTTP client, built on a thread of its own from the moment the function starts. Most of its
 * cost is the JDK's TLS context (security providers, the CA certificates), which nothing needs before the
 * first AWS call: where the JVM has two cores it is ready while the SDK's clients are built and the first
 * request is read. The first call waits for it if it is not ready yet, and sees its failure if it failed.
 */
final class HttpClientBuiltAhead implements SdkHttpClient {
    private final CompletableFuture<SdkHttpClient> client = new CompletableFuture<>();

    HttpClientBuiltAhead(Supplier<SdkHttpClient> build) {
        Thread builder = new Thread(() -> {
            try {
                client.complete(build.get());
            } catch (Throwable e) {
                client.completeExceptionally(e);
            }
        }, "http-client-init");
        builder.setDaemon(true);
        builder.start();
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return ready().prepareRequest(request);
    }

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
        return "Apache5";
    }

    @Override
    public void close() {
        client.thenAccept(SdkHttpClient::close);
    }
}
