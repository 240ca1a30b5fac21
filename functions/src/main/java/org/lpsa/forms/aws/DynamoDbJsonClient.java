package org.lpsa.forms.aws;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.zip.CRC32;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * The functions' DynamoDB client: the six item operations they use (GetItem, PutItem, UpdateItem,
 * DeleteItem, Query, Scan), sent in DynamoDB's JSON protocol through {@link SignedCall}, with the SDK's
 * own request and response classes, so the repositories are written against {@link DynamoDbClient} as
 * usual. Any other operation throws {@link UnsupportedOperationException}.
 *
 * <p>Why not the SDK's client: its request pipeline (interceptors, endpoint rules, auth-scheme
 * resolution, protocol marshallers, retry strategies) is some 2,000 classes loaded on the first call,
 * about half of a cold start. Requests and responses here are written and read from the model classes'
 * own field descriptions ({@link SdkField}), as the SDK's JSON protocol does. What the pipeline does
 * that matters for these operations is done here too: SigV4 signing (the SDK's signer), retries of
 * throttling, server errors and lost connections with jittered backoff, the response checksum
 * ({@code x-amz-crc32}), and errors as the SDK's exception classes ({@link ConditionalCheckFailedException}
 * and the others, with code, message, status and request id).
 */
public final class DynamoDbJsonClient implements DynamoDbClient {
    static final int MAX_ATTEMPTS = 4;
    private static final String TARGET_PREFIX = "DynamoDB_20120810.";
    private static final Duration BASE_DELAY = Duration.ofMillis(25);
    private static final Duration MAX_DELAY = Duration.ofSeconds(1);

    private final SignedCall call;
    private final URI endpoint;

    public DynamoDbJsonClient(SignedCall call, URI endpoint) {
        this.call = call;
        this.endpoint = endpoint.getPath().isEmpty() ? endpoint.resolve("/") : endpoint;
    }

    @Override
    public GetItemResponse getItem(GetItemRequest request) {
        return (GetItemResponse) send("GetItem", request, GetItemResponse::builder);
    }

    @Override
    public PutItemResponse putItem(PutItemRequest request) {
        return (PutItemResponse) send("PutItem", request, PutItemResponse::builder);
    }

    @Override
    public UpdateItemResponse updateItem(UpdateItemRequest request) {
        return (UpdateItemResponse) send("UpdateItem", request, UpdateItemResponse::builder);
    }

    @Override
    public DeleteItemResponse deleteItem(DeleteItemRequest request) {
        return (DeleteItemResponse) send("DeleteItem", request, DeleteItemResponse::builder);
    }

    @Override
    public QueryResponse query(QueryRequest request) {
        return (QueryResponse) send("Query", request, QueryResponse::builder);
    }

    @Override
    public ScanResponse scan(ScanRequest request) {
        return (ScanResponse) send("Scan", request, ScanResponse::builder);
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
        // the HTTP client belongs to AwsClients
    }

    private Object send(String operation, SdkPojo request, Supplier<? extends SdkPojo> response) {
        byte[] body = write(request);
        Map<String, String> headers = Map.of(
                "Content-Type", "application/x-amz-json-1.0",
                "X-Amz-Target", TARGET_PREFIX + operation);
        for (int attempt = 1; ; attempt++) {
            RuntimeException failure;
            try (SignedCall.Response answer = call.send("dynamodb", SdkHttpMethod.POST, endpoint, headers, body)) {
                byte[] bytes = answer.bytes();
                String requestId = answer.header("x-amzn-RequestId");
                if (!checksumMatches(answer.header("x-amz-crc32"), bytes)) {
                    failure = SdkClientException.create("DynamoDB " + operation + ": response checksum mismatch (request id " + requestId + ")");
                } else if (answer.ok()) {
                    return read(bytes, response.get());
                } else {
                    AwsServiceException error = error(answer.status(), requestId, bytes);
                    if (!retryable(error)) {
                        throw error;
                    }
                    failure = error;
                }
            } catch (UncheckedIOException | IOException lost) {
                failure = SdkClientException.builder().message("DynamoDB " + operation + " could not be reached").cause(lost).build();
            }
            if (attempt >= MAX_ATTEMPTS) {
                throw failure;
            }
            pause(attempt);
        }
    }

    private static boolean retryable(AwsServiceException error) {
        if (error.statusCode() >= 500) {
            return true;
        }
        String code = error.awsErrorDetails().errorCode();
        return code.equals("ProvisionedThroughputExceededException") || code.equals("ThrottlingException")
                || code.equals("RequestLimitExceeded") || code.equals("LimitExceededException");
    }

    /** Full jitter: a random wait up to 25 ms, 50, 100..., at most 1 s. */
    private static void pause(int attempt) {
        long ceiling = Math.min(MAX_DELAY.toMillis(), BASE_DELAY.toMillis() << (attempt - 1));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SdkClientException.create("interrupted while waiting to retry a DynamoDB request");
        }
    }

    private static boolean checksumMatches(String expected, byte[] body) {
        if (expected == null) {
            return true;
        }
        CRC32 crc = new CRC32();
        crc.update(body);
        return Long.toString(crc.getValue()).equals(expected.trim());
    }

    /** DynamoDB's error body: {"__type":"com.amazonaws.dynamodb.v20120810#Code","message":"..."}. */
    static AwsServiceException error(int status, String requestId, byte[] body) {
        String code = "Unknown";
        String message = null;
        Map<String, Object> fields = Map.of();
        try {
            if (body.length > 0) {
                fields = JSON.std.mapFrom(body);
            }
        } catch (IOException | RuntimeException notJson) {
            message = new String(body, StandardCharsets.UTF_8);
        }
        if (fields.get("__type") instanceof String type) {
            code = type.substring(type.lastIndexOf('#') + 1);
        }
        if (fields.get("message") instanceof String text) {
            message = text;
        } else if (fields.get("Message") instanceof String text) {
            message = text;
        }
        if (message == null || message.isBlank()) {
            message = "HTTP status " + status;
        }
        AwsErrorDetails details = AwsErrorDetails.builder()
                .errorCode(code).errorMessage(message).serviceName("DynamoDb").build();
        AwsServiceException.Builder error = switch (code) {
            case "ConditionalCheckFailedException" -> ConditionalCheckFailedException.builder();
            case "ResourceNotFoundException" -> ResourceNotFoundException.builder();
            default -> DynamoDbException.builder();
        };
        return error.awsErrorDetails(details).statusCode(status).requestId(requestId)
                .message(message + " (Service: DynamoDb, Status Code: " + status + ", Request ID: " + requestId + ")")
                .build();
    }

    // Requests: the model's fields by their JSON names, unset ones left out.

    static byte[] write(SdkPojo request) {
        try {
            return JSON.std.asBytes(object(request));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> object(SdkPojo pojo) {
        Map<String, Object> json = new LinkedHashMap<>();
        for (SdkField<?> field : pojo.sdkFields()) {
            if (field.location() != MarshallLocation.PAYLOAD) {
                continue;
            }
            Object value = jsonValue(field, field.getValueOrDefault(pojo));
            if (value != null) {
                json.put(field.locationName(), value);
            }
        }
        return json;
    }

    private static Object jsonValue(SdkField<?> field, Object value) {
        if (value == null || value instanceof SdkAutoConstructList<?> || value instanceof SdkAutoConstructMap<?, ?>) {
            return null;
        }
        if (value instanceof SdkPojo pojo) {
            return object(pojo);
        }
        if (value instanceof List<?> list) {
            SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
            List<Object> json = new ArrayList<>(list.size());
            for (Object element : list) {
                json.add(jsonValue(member, element));
            }
            return json;
        }
        if (value instanceof Map<?, ?> map) {
            SdkField<?> member = field.getTrait(MapTrait.class).valueFieldInfo();
            Map<String, Object> json = new LinkedHashMap<>();
            map.forEach((key, element) -> json.put((String) key, jsonValue(member, element)));
            return json;
        }
        if (value instanceof SdkBytes bytes) {
            return Base64.getEncoder().encodeToString(bytes.asByteArrayUnsafe());
        }
        if (value instanceof Instant instant) {
            return BigDecimal.valueOf(instant.getEpochSecond()).add(BigDecimal.valueOf(instant.getNano(), 9));
        }
        return value; // String, Boolean, Integer, Long, Double
    }

    // Responses: each known field read into the model's builder; unknown ones ignored.

    static SdkPojo read(byte[] body, SdkPojo builder) {
        Map<String, Object> json;
        try {
            json = body.length == 0 ? Map.of() : JSON.std.mapFrom(body);
        } catch (IOException e) {
            throw SdkClientException.builder().message("DynamoDB answered with something that is not JSON").cause(e).build();
        }
        return (SdkPojo) ((SdkBuilder<?, ?>) fill(builder, json)).build();
    }

    private static SdkPojo fill(SdkPojo builder, Map<String, Object> json) {
        for (SdkField<?> field : builder.sdkFields()) {
            Object value = json.get(field.locationName());
            if (value != null) {
                field.set(builder, modelValue(field, value));
            }
        }
        return builder;
    }

    @SuppressWarnings("unchecked")
    private static Object modelValue(SdkField<?> field, Object value) {
        return switch (field.marshallingType().getKnownType()) {
            case STRING -> value.toString();
            case BOOLEAN -> (Boolean) value;
            case INTEGER -> ((Number) value).intValue();
            case LONG -> ((Number) value).longValue();
            case DOUBLE -> ((Number) value).doubleValue();
            case INSTANT -> instant((Number) value);
            case SDK_BYTES -> SdkBytes.fromByteArrayUnsafe(Base64.getDecoder().decode((String) value));
            case SDK_POJO -> ((SdkBuilder<?, ?>) fill(field.constructor().get(), (Map<String, Object>) value)).build();
            case LIST -> {
                SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
                List<Object> list = new ArrayList<>();
                for (Object element : (List<Object>) value) {
                    list.add(element == null ? null : modelValue(member, element));
                }
                yield list;
            }
            case MAP -> {
                SdkField<?> member = field.getTrait(MapTrait.class).valueFieldInfo();
                Map<String, Object> map = new LinkedHashMap<>();
                ((Map<String, Object>) value).forEach((key, element) ->
                        map.put(key, element == null ? null : modelValue(member, element)));
                yield map;
            }
            default -> throw SdkClientException.create("DynamoDB field " + field.memberName() + " of an unexpected type");
        };
    }

    private static Instant instant(Number epochSeconds) {
        BigDecimal seconds = new BigDecimal(epochSeconds.toString());
        return Instant.ofEpochSecond(seconds.longValue(), seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
    }
}
