package org.lpsa.forms.aws;

import java.io.IOException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** What a failed AWS call means for the person waiting. */
public final class AwsFailures {
    /** How long a caller is asked to wait before trying again when AWS is throttling or unavailable. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private AwsFailures() {}

    /**
     * True when AWS was throttling, failing on its side (5xx) or out of reach, after the SDK's retries and
     * within the call timeouts: the request may succeed a little later, so the caller hears 503, not 500.
     */
    public static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ApiCallTimeoutException || t instanceof ApiCallAttemptTimeoutException) {
                return true;
            }
            if (t instanceof AwsServiceException service) {
                return service.isThrottlingException() || service.statusCode() >= 500;
            }
            if (t instanceof SdkClientException && t.getCause() instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}
