package org.lpsa.forms.inbound;

import java.io.InputStream;
import java.net.URI;
import java.util.Map;
import org.lpsa.forms.aws.SignedCall;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/** Reads the raw messages the SES receipt rule stored in S3 (GetObject, path-style, signed). */
public final class RawMessages {
    /** SHA-256 of an empty body: S3 wants the payload hash stated. */
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private final SignedCall calls;
    private final URI endpoint;

    public RawMessages(SignedCall calls, URI endpoint) {
        this.calls = calls;
        this.endpoint = endpoint;
    }

    /** The message's bytes as a stream; the caller closes it. */
    public InputStream open(String bucket, String key) {
        URI uri = URI.create(endpoint.toString().replaceAll("/+$", "") + "/" + SdkHttpUtils.urlEncode(bucket) + "/"
                + SdkHttpUtils.urlEncodeIgnoreSlashes(key));
        SignedCall.Response response = calls.send("s3", SdkHttpMethod.GET, uri, Map.of("x-amz-content-sha256", EMPTY_SHA256), null);
        if (!response.ok()) {
            String text = response.text();
            throw new IllegalStateException("S3 GetObject " + bucket + "/" + key + " failed with " + response.status() + ": "
                    + text.substring(0, Math.min(300, text.length())));
        }
        return response.body();
    }
}
