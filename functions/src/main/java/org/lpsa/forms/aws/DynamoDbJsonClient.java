package org.lpsa.forms.aws;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
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
 * throttling, server errors and lost connections with jittered backoff (longer for throttling), the
 * response checksum ({@code x-amz-crc32}; a read whose body fails it is asked again, a write is not),
 * and errors as the SDK's exception classes ({@link ConditionalCheckFailedException} with the item when
 * one was asked for, and the others, with code, message, status, request id and the HTTP response).
 */
public final class DynamoDbJsonClient implements DynamoDbClient {
    /** Attempts in all, the first one included. */
    static final int MAX_ATTEMPTS = 5;
    private static final String TARGET_PREFIX = "DynamoDB_20120810.";
    /** First backoff ceiling after a server error or a lost connection: 25 ms, then 50, 100, 200. */
    private static final long BASE_DELAY_MS = 25;
    /** First backoff ceiling after throttling: 250 ms, then 500, 1,000, 2,000; under 4 s in all, well inside the 15 s timeout. */
    private static final long THROTTLED_BASE_DELAY_MS = 250;
    private static final long MAX_DELAY_MS = 2_000;

    private final SignedCall call;
    private final URI endpoint;

    public DynamoDbJsonClient(SignedCall call, URI endpoint) {
        this.call = call;
        this.endpoint = endpoint.getPath().isEmpty() ? endpoint.resolve("/") : endpoint;
    }

    @Override
    public GetItemResponse getItem(GetItemRequest request) {
        return (GetItemResponse) send("GetItem", READ, request, GetItemResponse::builder);
    }

    @Override
    public PutItemResponse putItem(PutItemRequest request) {
        return (PutItemResponse) send("PutItem", WRITE, request, PutItemResponse::builder);
    }

    @Override
    public UpdateItemResponse updateItem(UpdateItemRequest request) {
        return (UpdateItemResponse) send("UpdateItem", WRITE, request, UpdateItemResponse::builder);
    }

    @Override
    public DeleteItemResponse deleteItem(DeleteItemRequest request) {
        return (DeleteItemResponse) send("DeleteItem", WRITE, request, DeleteItemResponse::builder);
    }

    @Override
    public QueryResponse query(QueryRequest request) {
        return (QueryResponse) send("Query", READ, request, QueryResponse::builder);
    }

    @Override
    public ScanResponse scan(ScanRequest request) {
        return (ScanResponse) send("Scan", READ, request, ScanResponse::builder);
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
        // the HTTP client belongs to AwsClients
    }

    private static final boolean READ = true;
    private static final boolean WRITE = false;

    private Object send(String operation, boolean read, SdkPojo request, Supplier<? extends SdkPojo> response) {
        byte[] body = write(request);
        Map<String, String> headers = Map.of(
                "Content-Type", "application/x-amz-json-1.0",
                "X-Amz-Target", TARGET_PREFIX + operation);
        for (int attempt = 1; ; attempt++) {
            RuntimeException failure;
            long baseDelay = BASE_DELAY_MS;
            try (SignedCall.Response answer = call.send("dynamodb", SdkHttpMethod.POST, endpoint, headers, body)) {
                byte[] bytes = answer.bytes();
                String requestId = answer.header("x-amzn-RequestId");
                if (!checksumMatches(answer.header("x-amz-crc32"), bytes)) {
                    failure = SdkClientException.create("DynamoDB " + operation + ": response checksum mismatch (request id " + requestId + ")");
                    if (!read) {
                        throw failure; // the write may well have been done: asking again could report a false conflict
                    }
                } else if (answer.ok()) {
                    return read(bytes, response.get());
                } else {
                    AwsServiceException error = error(answer, bytes, attempt);
                    if (throttled(error)) {
                        baseDelay = THROTTLED_BASE_DELAY_MS;
                    } else if (error.statusCode() < 500) {
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
            pause(baseDelay, attempt);
        }
    }

    private static boolean throttled(AwsServiceException error) {
        return switch (error.awsErrorDetails().errorCode()) {
            case "ProvisionedThroughputExceededException", "ThrottlingException", "RequestLimitExceeded",
                    "LimitExceededException", "TransactionInProgressException" -> true;
            default -> false;
        };
    }

    /**
     * Full jitter: a random wait up to the ceiling, which doubles each attempt up to 2 s. The random
     * source is seeded from the clock on each call, not kept: a Lambda SnapStart snapshot would carry a
     * kept generator's state into every restored instance, and their retries would fall in step.
     */
    private static void pause(long baseDelayMs, int attempt) {
        long ceiling = Math.min(MAX_DELAY_MS, baseDelayMs << (attempt - 1));
        try {
            Thread.sleep(new SplittableRandom(System.nanoTime()).nextLong(ceiling + 1));
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

    /**
     * DynamoDB's error: the code in the {@code x-amzn-ErrorType} header ("Code:http://...") or the body's
     * {@code __type} ("com.amazonaws.dynamodb.v20120810#Code"), the text in its {@code message}.
     */
    static AwsServiceException error(SignedCall.Response answer, byte[] body, int attempts) {
        String message = null;
        Map<String, Object> fields = Map.of();
        try {
            if (body.length > 0 && JSON.std.anyFrom(body) instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> object = (Map<String, Object>) map;
                fields = object;
            }
        } catch (IOException | RuntimeException notJson) {
            message = new String(body, StandardCharsets.UTF_8);
        }
        String code = errorCode(answer.header("x-amzn-ErrorType"), fields);
        if (fields.get("message") instanceof String text) {
            message = text;
        } else if (fields.get("Message") instanceof String text) {
            message = text;
        }
        if (message == null || message.isBlank()) {
            message = "HTTP status " + answer.status();
        }
        AwsErrorDetails details = AwsErrorDetails.builder()
                .errorCode(code).errorMessage(message).serviceName("DynamoDb").sdkHttpResponse(answer.http()).build();
        AwsServiceException.Builder error = switch (code) {
            case "ConditionalCheckFailedException" -> conditionFailed(fields);
            case "ResourceNotFoundException" -> ResourceNotFoundException.builder();
            default -> DynamoDbException.builder();
        };
        // the exception's getMessage() adds service, status and request id to this message
        return error.awsErrorDetails(details).statusCode(answer.status()).requestId(answer.header("x-amzn-RequestId"))
                .message(message).numAttempts(attempts).build();
    }

    private static String errorCode(String header, Map<String, Object> fields) {
        String code = header;
        if (code == null || code.isBlank()) {
            code = fields.get("__type") instanceof String type ? type
                    : fields.get("code") instanceof String plain ? plain : null;
        }
        if (code == null || code.isBlank()) {
            return "Unknown";
        }
        int colon = code.indexOf(':');
        code = colon >= 0 ? code.substring(0, colon) : code;
        return code.substring(code.lastIndexOf('#') + 1).trim();
    }

    /** A failed condition carries the item as it stood when ReturnValuesOnConditionCheckFailure asked for it. */
    private static ConditionalCheckFailedException.Builder conditionFailed(Map<String, Object> fields) {
        ConditionalCheckFailedException.Builder builder = ConditionalCheckFailedException.builder();
        try {
            fill(builder, fields);
        } catch (RuntimeException unreadable) {
            // the error stays the error without its item
        }
        return builder;
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
        try {
            Map<String, Object> json = body.length == 0 ? null : JSON.std.mapFrom(body);
            return (SdkPojo) ((SdkBuilder<?, ?>) fill(builder, json == null ? Map.of() : json)).build();
        } catch (IOException | ClassCastException | IllegalArgumentException e) {
            throw SdkClientException.builder().message("DynamoDB answered with JSON this client cannot read").cause(e).build();
        }
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
