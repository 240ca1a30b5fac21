package org.lpsa.forms.local.aws;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;

/** The Lambda context of a local invocation: a request id, the function's name, and when its timeout ends. */
public record LocalContext(String functionName, String awsRequestId, long deadlineMillis) implements Context {
    /** Lambda's default timeout when the template sets none. */
    static final int DEFAULT_TIMEOUT_SECONDS = 15;

    public static LocalContext of(String functionName, String requestId) {
        return of(functionName, requestId, DEFAULT_TIMEOUT_SECONDS);
    }

    /** An invocation starting now, of a function whose timeout is {@code timeoutSeconds}. */
    public static LocalContext of(String functionName, String requestId, int timeoutSeconds) {
        return new LocalContext(functionName, requestId, System.currentTimeMillis() + timeoutSeconds * 1000L);
    }

    @Override public String getAwsRequestId() { return awsRequestId; }
    @Override public String getLogGroupName() { return "/aws/lambda/" + functionName; }
    @Override public String getLogStreamName() { return "local"; }
    @Override public String getFunctionName() { return functionName; }
    @Override public String getFunctionVersion() { return "$LATEST"; }
    @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:000000000000:function:" + functionName; }
    @Override public CognitoIdentity getIdentity() { return null; }
    @Override public ClientContext getClientContext() { return null; }
    @Override public int getRemainingTimeInMillis() { return (int) Math.max(0, deadlineMillis - System.currentTimeMillis()); }
    @Override public int getMemoryLimitInMB() { return 1024; }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override public void log(String message) { System.out.print(message); }
            @Override public void log(byte[] message) { System.out.print(new String(message, StandardCharsets.UTF_8)); }
        };
    }
}
