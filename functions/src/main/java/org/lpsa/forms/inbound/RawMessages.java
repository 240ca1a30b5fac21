package org.lpsa.forms.inbound;

import java.io.InputStream;
import software.amazon.awssdk.services.s3.S3Client;

/** Reads the raw messages the SES receipt rule stored in S3. */
public final class RawMessages {
    private final S3Client s3;

    public RawMessages(S3Client s3) {
        this.s3 = s3;
    }

    /** The message's bytes as a stream; the caller closes it. */
    public InputStream open(String bucket, String key) {
        return s3.getObject(b -> b.bucket(bucket).key(key));
    }
}
