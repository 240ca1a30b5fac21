package org.lpsa.forms.local.aws;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * SNS for the local stack: a message published to a topic of the template reaches the functions the
 * template subscribes to it, in the event shape Lambda gives them (one record, the message as text).
 */
public final class SnsStandIn {
    /** SNS's own limit on a message. */
    public static final int MAX_MESSAGE_BYTES = 256 * 1024;

    private final String stackName;
    private final Map<String, List<LambdaInvoker>> subscribers = new LinkedHashMap<>();

    public SnsStandIn(String stackName) {
        this.stackName = stackName;
    }

    public void subscribe(String topicLogicalId, LambdaInvoker function) {
        subscribers.computeIfAbsent(topicLogicalId, id -> new ArrayList<>()).add(function);
    }

    public List<String> topics() {
        return List.copyOf(subscribers.keySet());
    }

    /** Delivers the message to every subscriber of the topic; returns the SNS message id, or null for no such topic. */
    public String publish(String topicLogicalId, String message) {
        List<LambdaInvoker> functions = subscribers.get(topicLogicalId);
        if (functions == null) {
            return null;
        }
        String messageId = UUID.randomUUID().toString();
        for (LambdaInvoker function : functions) {
            function.invoke(event(topicLogicalId, messageId, message, function.functionName()));
        }
        return messageId;
    }

    byte[] event(String topic, String messageId, String message, String functionName) {
        String topicArn = "arn:aws:sns:us-east-1:000000000000:" + stackName + "-" + topic;
        Map<String, Object> sns = new LinkedHashMap<>();
        sns.put("Type", "Notification");
        sns.put("MessageId", messageId);
        sns.put("TopicArn", topicArn);
        sns.put("Subject", null);
        sns.put("Message", message);
        sns.put("Timestamp", Instant.now().toString());
        sns.put("SignatureVersion", "1");
        sns.put("MessageAttributes", Map.of());
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("EventSource", "aws:sns");
        record.put("EventVersion", "1.0");
        record.put("EventSubscriptionArn", topicArn + ":" + functionName);
        record.put("Sns", sns);
        try {
            return JSON.std.asBytes(Map.of("Records", List.of(record)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
