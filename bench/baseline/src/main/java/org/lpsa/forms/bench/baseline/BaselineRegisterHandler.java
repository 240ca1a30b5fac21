package org.lpsa.forms.bench.baseline;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * THE BASELINE, never deployed: the same registration written the way the public AWS samples do it,
 * to measure ours against. SDK defaults (the Apache HTTP client), the Enhanced client with
 * TableSchema.fromBean built per request, a default Jackson ObjectMapper built in the handler, and
 * the aws-lambda-java-events classes the runtime fills by reflection.
 */
public class BaselineRegisterHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final DynamoDbClient dynamo;

    public BaselineRegisterHandler() {
        // SDK defaults throughout; the benchmark's local endpoint reaches it through AWS_ENDPOINT_URL_DYNAMODB
        dynamo = DynamoDbClient.create();
    }

    /** What the Java runtime does for a POJO handler: the event JSON mapped onto the events class, the answer back to JSON. */
    public byte[] invokeAsRuntimeWould(byte[] event) throws Exception {
        ObjectMapper runtime = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        APIGatewayV2HTTPEvent parsed = runtime.readValue(event, APIGatewayV2HTTPEvent.class);
        return runtime.writeValueAsBytes(handleRequest(parsed, null));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        ObjectMapper mapper = new ObjectMapper();
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).build();
        DynamoDbTable<EventBean> events = enhanced.table(System.getenv("EVENTS_TABLE"), TableSchema.fromBean(EventBean.class));
        DynamoDbTable<RegistrationBean> registrations = enhanced.table(System.getenv("REGISTRATIONS_TABLE"),
                TableSchema.fromBean(RegistrationBean.class));
        try {
            String eventId = event.getPathParameters().get("eventId");
            if (events.getItem(Key.builder().partitionValue(eventId).build()) == null) {
                return answer(404, "{\"message\":\"no such event\"}");
            }
            RegistrationBean registration = mapper.readValue(event.getBody(), RegistrationBean.class);
            if (registration.getEmail() == null || !registration.getEmail().contains("@")) {
                return answer(400, "{\"message\":\"invalid email\"}");
            }
            registration.setEventId(eventId);
            registration.setEmail(registration.getEmail().trim().toLowerCase());
            registration.setRegisteredAt(Instant.now().toString());
            registration.setEmailStatus("PENDING");
            registration.setStatus("registered");
            try {
                registrations.putItem(PutItemEnhancedRequest.builder(RegistrationBean.class).item(registration)
                        .conditionExpression(Expression.builder().expression("attribute_not_exists(email)").build()).build());
            } catch (ConditionalCheckFailedException exists) {
                return answer(200, mapper.writeValueAsString(Map.of("status", "already-registered")));
            }
            return answer(201, mapper.writeValueAsString(Map.of("status", "registered", "email", registration.getEmail())));
        } catch (Exception e) {
            return answer(500, "{\"message\":\"error\"}");
        }
    }

    private static APIGatewayV2HTTPResponse answer(int status, String body) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withBody(body)
                .withHeaders(Map.of("content-type", "application/json")).build();
    }
}
