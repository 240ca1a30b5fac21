package org.lpsa.forms.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * The client's wire format and its handling of what a DynamoDB endpoint can answer, against a stand-in
 * server on loopback that answers in turn from a script: retries, backoff limits, checksums, errors.
 */
class DynamoDbJsonClientTest {
    /** One scripted answer: status, body and headers (by default the body's right checksum). */
    private record Answer(int status, String body, Map<String, String> headers) {
        static Answer of(int status, String body) {
            return new Answer(status, body, Map.of("x-amz-crc32", crc(body)));
        }

        static String crc(String body) {
            CRC32 crc = new CRC32();
            crc.update(body.getBytes(StandardCharsets.UTF_8));
            return Long.toString(crc.getValue());
        }
    }

    private static final String OK_ITEM = "{\"Item\":{\"pk\":{\"S\":\"a\"}}}";
    private final List<Answer> script = Collections.synchronizedList(new ArrayList<>());
    private final List<Map<String, Object>> received = Collections.synchronizedList(new ArrayList<>());
    private final List<String> targets = Collections.synchronizedList(new ArrayList<>());
    private final HttpServer server;
    private final DynamoDbJsonClient client;

    DynamoDbJsonClientTest() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] request = exchange.getRequestBody().readAllBytes();
            received.add(JSON.std.mapFrom(request));
            targets.add(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            Answer answer = script.isEmpty() ? Answer.of(500, "{}") : script.remove(0);
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("x-amzn-RequestId", "req-" + received.size());
            answer.headers().forEach(exchange.getResponseHeaders()::add);
            exchange.sendResponseHeaders(answer.status(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        SignedCall call = new SignedCall(UrlConnectionHttpClient.create(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")), "us-east-1");
        client = new DynamoDbJsonClient(call, URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private GetItemResponse get() {
        return client.getItem(b -> b.tableName("t").key(Map.of("pk", AttributeValue.fromS("a"))));
    }

    @Test
    void requestIsDynamoDbJsonWithTheOperationAsTarget() {
        script.add(Answer.of(200, "{}"));
        client.putItem(PutItemRequest.builder().tableName("t")
                .item(Map.of("pk", AttributeValue.fromS("a"), "n", AttributeValue.fromN("3"), "ok", AttributeValue.fromBool(false)))
                .conditionExpression("attribute_not_exists(pk)").build());
        assertEquals(List.of("DynamoDB_20120810.PutItem"), targets);
        assertEquals(Map.of("TableName", "t", "ConditionExpression", "attribute_not_exists(pk)",
                "Item", Map.of("pk", Map.of("S", "a"), "n", Map.of("N", "3"), "ok", Map.of("BOOL", false))), received.get(0));
    }

    @Test
    void serverErrorsAndThrottlingAreRetried() {
        script.add(Answer.of(500, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\",\"message\":\"x\"}"));
        script.add(Answer.of(400, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException\",\"message\":\"slow down\"}"));
        script.add(Answer.of(400, "{\"__type\":\"com.amazon.coral.availability#ThrottlingException\",\"message\":\"slow down\"}"));
        script.add(Answer.of(200, OK_ITEM));
        assertEquals("a", get().item().get("pk").s());
        assertEquals(4, received.size());
    }

    @Test
    void aRequestTheServiceRefusesIsNotRetried() {
        script.add(Answer.of(400, "{\"__type\":\"com.amazon.coral.validate#ValidationException\",\"message\":\"One or more parameter values were invalid\"}"));
        script.add(Answer.of(200, OK_ITEM));
        DynamoDbException failed = assertThrows(DynamoDbException.class, this::get);
        assertEquals("ValidationException", failed.awsErrorDetails().errorCode());
        assertEquals(1, failed.numAttempts());
        assertEquals(1, received.size());
    }

    @Test
    void givesUpAfterTheLastAttemptWithTheLastError() {
        for (int i = 0; i < DynamoDbJsonClient.MAX_ATTEMPTS; i++) {
            script.add(Answer.of(503, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ServiceUnavailable\",\"message\":\"down " + i + "\"}"));
        }
        script.add(Answer.of(200, OK_ITEM));
        DynamoDbException failed = assertThrows(DynamoDbException.class, this::get);
        assertEquals(503, failed.statusCode());
        assertEquals("ServiceUnavailable", failed.awsErrorDetails().errorCode());
        assertEquals("down " + (DynamoDbJsonClient.MAX_ATTEMPTS - 1), failed.awsErrorDetails().errorMessage());
        assertEquals(DynamoDbJsonClient.MAX_ATTEMPTS, received.size());
        assertEquals(DynamoDbJsonClient.MAX_ATTEMPTS, failed.numAttempts());
        assertEquals(503, failed.awsErrorDetails().sdkHttpResponse().statusCode());
    }

    @Test
    void theMessageNamesServiceStatusAndRequestIdOnce() {
        script.add(Answer.of(400, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException\",\"message\":\"Requested resource not found\"}"));
        ResourceNotFoundException failed = assertThrows(ResourceNotFoundException.class, this::get);
        String message = failed.getMessage();
        assertTrue(message.startsWith("Requested resource not found (Service: DynamoDb, Status Code: 400, Request ID: req-1"), message);
        assertEquals(message.indexOf("Status Code"), message.lastIndexOf("Status Code"), message);
    }

    @Test
    void aFailedConditionIsNotRetried() {
        script.add(Answer.of(400, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException\",\"message\":\"The conditional request failed\"}"));
        ConditionalCheckFailedException failed = assertThrows(ConditionalCheckFailedException.class,
                () -> client.putItem(b -> b.tableName("t").item(Map.of("pk", AttributeValue.fromS("a"))).conditionExpression("attribute_not_exists(pk)")));
        assertEquals("req-1", failed.requestId());
        assertEquals(1, received.size());
    }

    @Test
    void aFailedConditionCarriesTheItemItWasAskedFor() {
        script.add(Answer.of(400, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException\","
                + "\"message\":\"The conditional request failed\",\"Item\":{\"pk\":{\"S\":\"a\"},\"n\":{\"N\":\"7\"}}}"));
        ConditionalCheckFailedException failed = assertThrows(ConditionalCheckFailedException.class,
                () -> client.putItem(b -> b.tableName("t").item(Map.of("pk", AttributeValue.fromS("a")))
                        .conditionExpression("attribute_not_exists(pk)").returnValuesOnConditionCheckFailure("ALL_OLD")));
        assertEquals(Map.of("pk", AttributeValue.fromS("a"), "n", AttributeValue.fromN("7")), failed.item());
        assertEquals("The conditional request failed", failed.awsErrorDetails().errorMessage());
    }

    @Test
    void theErrorTypeHeaderNamesTheErrorBeforeTheBody() {
        script.add(new Answer(400, "{\"message\":\"The conditional request failed\"}", Map.of(
                "x-amzn-ErrorType", "ConditionalCheckFailedException:http://internal.amazon.com/coral/com.amazon.coral.validate/",
                "x-amz-crc32", Answer.crc("{\"message\":\"The conditional request failed\"}"))));
        assertThrows(ConditionalCheckFailedException.class, () -> client.deleteItem(b -> b.tableName("t")
                .key(Map.of("pk", AttributeValue.fromS("a"))).conditionExpression("attribute_exists(pk)")));
    }

    @Test
    void aReadThatFailsItsChecksumIsAskedAgain() {
        script.add(new Answer(200, OK_ITEM, Map.of("x-amz-crc32", "12345")));
        script.add(Answer.of(200, OK_ITEM));
        assertEquals("a", get().item().get("pk").s());
        assertEquals(2, received.size());
    }

    @Test
    void aWriteThatFailsItsChecksumIsNotSentAgain() {
        script.add(new Answer(200, "{}", Map.of("x-amz-crc32", "12345")));
        script.add(Answer.of(200, "{}"));
        SdkClientException failed = assertThrows(SdkClientException.class,
                () -> client.putItem(b -> b.tableName("t").item(Map.of("pk", AttributeValue.fromS("a")))));
        assertTrue(failed.getMessage().contains("checksum"), failed.getMessage());
        assertEquals(1, received.size());
    }

    @Test
    void aResponseWithoutAChecksumIsTakenAsItIs() {
        script.add(new Answer(200, OK_ITEM, Map.of()));
        assertEquals("a", get().item().get("pk").s());
        assertEquals(1, received.size());
    }

    @Test
    void aResponseOfTheWrongShapeIsAClientErrorNotACrash() {
        script.add(Answer.of(200, "{\"Item\":\"not a map\"}"));
        SdkClientException failed = assertThrows(SdkClientException.class, this::get);
        assertTrue(failed.getMessage().contains("cannot read"), failed.getMessage());
        script.add(Answer.of(200, "null"));
        assertFalse(get().hasItem());
    }

    @Test
    void anErrorThatIsNotJsonKeepsItsStatusAndText() {
        script.add(Answer.of(413, "<html>too large</html>"));
        DynamoDbException failed = assertThrows(DynamoDbException.class, this::get);
        assertEquals(413, failed.statusCode());
        assertEquals("Unknown", failed.awsErrorDetails().errorCode());
        assertEquals("<html>too large</html>", failed.awsErrorDetails().errorMessage());
        assertEquals(1, received.size());
    }

    @Test
    void anUnreachableEndpointIsAClientErrorAfterTheRetries() {
        server.stop(0);
        SdkClientException failed = assertThrows(SdkClientException.class, this::get);
        assertEquals("DynamoDB GetItem could not be reached", failed.getMessage());
        Throwable cause = failed.getCause();
        while (cause != null && !(cause instanceof IOException)) {
            cause = cause.getCause();
        }
        assertNotNull(cause, () -> "no IOException under " + failed.getCause());
    }
}
