package org.lpsa.forms.architecture;

import java.io.IOException;
import java.net.URI;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.utils.IoUtils;

/** What the architecture rules forbid, written once so the rules are seen to catch it (never run). */
final class Offenders {
    private Offenders() {}

    /** Uses a class the SDK marks @SdkProtectedApi. */
    static final class ProtectedApiUser {
        void close(AutoCloseable c) {
            IoUtils.closeQuietly(c, null);
        }
    }

    /** Builds and sends an HTTP request to AWS itself. */
    static final class HandMadeCall {
        void send(SdkHttpClient http) throws IOException {
            SdkHttpFullRequest request = SdkHttpFullRequest.builder().method(SdkHttpMethod.POST)
                    .uri(URI.create("https://dynamodb.us-east-1.amazonaws.com")).build();
            http.prepareRequest(HttpExecuteRequest.builder().request(request).build()).call();
        }
    }

    /** A service that answers in status codes. */
    static final class HttpAwareService {
        void refuse() {
            throw new org.lpsa.forms.http.ApiException(404, "eventId", "no such meeting");
        }
    }

    /** Reads a whole table. */
    static final class Scanner {
        int count(software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamo) {
            return dynamo.scan(b -> b.tableName("Registrations")).count();
        }
    }

    /** Signs requests with a signer of its own making. */
    static final class OwnSigner {
        Object signer() {
            return AwsV4HttpSigner.create();
        }
    }
}
