package org.lpsa.forms.aws;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * One AWS API call signed with the SDK's own SigV4 signer and sent through the SDK's HTTP client. The
 * functions make all their AWS calls this way: S3 GetObject, SSM GetParameter and SESv2 SendEmail
 * directly (their full SDK clients would add about 12 MB of model classes to the deployed jar), and
 * DynamoDB through {@link DynamoDbJsonClient}.
 */
public final class SignedCall {
    public record Response(int status, SdkHttpResponse http, InputStream body) implements AutoCloseable {
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The first value of a response header (names compared without case), or null. */
        public String header(String name) {
            return http.firstMatchingHeader(name).orElse(null);
        }

        public byte[] bytes() {
            try (InputStream in = body) {
                return in == null ? new byte[0] : in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public String text() {
            return new String(bytes(), java.nio.charset.StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            if (body != null) {
                body.close();
            }
        }
    }

    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final String region;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    public SignedCall(SdkHttpClient http, AwsCredentialsProvider credentials, String region) {
        this.http = http;
        this.credentials = credentials;
        this.region = region;
    }

    /** Sends a signed request; the caller reads and closes the response. */
    public Response send(String service, SdkHttpMethod method, URI uri, Map<String, String> headers, byte[] body) {
        SdkHttpFullRequest.Builder request = SdkHttpFullRequest.builder().method(method).uri(uri);
        headers.forEach(request::putHeader);
        AwsCredentialsIdentity identity = credentials.resolveIdentity().join();
        ContentStreamProvider payload = body == null ? null : ContentStreamProvider.fromByteArray(body);
        SignedRequest signed = signer.sign(r -> r.identity(identity)
                .request(request.build())
                .payload(payload)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        try {
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
                    .request(signed.request())
                    .contentStreamProvider(signed.payload().orElse(null))
                    .build()).call();
            return new Response(response.httpResponse().statusCode(), response.httpResponse(), response.responseBody().orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException(service + " could not be reached", e);
        }
    }
}
