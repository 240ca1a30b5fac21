package org.lpsa.forms.aws;

import org.lpsa.forms.Log;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * One log line for every AWS call that failed after the SDK's retries: the service, the operation, the
 * AWS error code and request id (what AWS support asks for). Never the error's message, which may quote
 * an item. A failed condition is a write's normal answer ("already registered"), not a failure.
 */
final class AwsCallLog implements ExecutionInterceptor {
    private static final String CONDITION_FAILED = "ConditionalCheckFailedException";

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        Throwable failure = context.exception();
        String code = null;
        String awsRequestId = null;
        Integer status = null;
        if (failure instanceof AwsServiceException service) {
            code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            awsRequestId = service.requestId();
            status = service.statusCode();
        }
        // priming asks for error answers on purpose (missing keys, writes stopped before sending)
        if (CONDITION_FAILED.equals(code) || DryRun.active() || Priming.running()) {
            return;
        }
        Log.warn(Log.currentRequestId(), "AWS call failed",
                "service", attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
                "operation", attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
                "awsErrorCode", code,
                "awsRequestId", awsRequestId,
                "statusCode", status,
                "error", failure.getClass().getSimpleName());
    }
}
