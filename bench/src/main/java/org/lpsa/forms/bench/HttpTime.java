package org.lpsa.forms.bench;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * Time spent inside the SDK HTTP client's calls (sending, waiting, reading the answer), per thread, so
 * that a handler's own time is its total minus this. The warm run hands the handler its AWS clients
 * built over this wrapper, through their constructor: the production path is otherwise unchanged.
 */
final class HttpTime implements SdkHttpClient {
    private static final ThreadLocal<AtomicLong> SPENT = ThreadLocal.withInitial(AtomicLong::new);
    private final SdkHttpClient client;

    HttpTime(SdkHttpClient client) {
        this.client = client;
    }

    /** Nanoseconds spent in HTTP calls on this thread since the last call, and resets. */
    static long takeNanos() {
        return SPENT.get().getAndSet(0);
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        ExecutableHttpRequest prepared = client.prepareRequest(request);
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                long start = System.nanoTime();
                try {
                    HttpExecuteResponse response = prepared.call();
                    return HttpExecuteResponse.builder().response(response.httpResponse())
                            .responseBody(response.responseBody().map(body -> AbortableInputStream.create(new Timed(body), body)).orElse(null))
                            .build();
                } finally {
                    SPENT.get().addAndGet(System.nanoTime() - start);
                }
            }

            @Override
            public void abort() {
                prepared.abort();
            }
        };
    }

    @Override
    public String clientName() {
        return client.clientName();
    }

    @Override
    public void close() {
        client.close();
    }

    /** The answer's body: reading it is HTTP time too. */
    private static final class Timed extends FilterInputStream {
        Timed(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            long start = System.nanoTime();
            try {
                return super.read();
            } finally {
                SPENT.get().addAndGet(System.nanoTime() - start);
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            long start = System.nanoTime();
            try {
                return super.read(buffer, offset, length);
            } finally {
                SPENT.get().addAndGet(System.nanoTime() - start);
            }
        }
    }
}
