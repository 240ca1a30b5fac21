package org.lpsa.forms.local.aws;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyExistsException;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

/** Creates in the local emulators the tables (with keys and indexes) and buckets that template.yaml declares. */
public final class LocalTables {
    private LocalTables() {}

    /** A DynamoDB client for an emulator: dummy credentials, fixed region, the light HTTP client. */
    public static DynamoDbClient client(URI endpoint) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.builder().build())
                .build();
    }

    /** An S3 client for s3proxy: path-style addressing, dummy credentials. */
    public static S3Client s3(URI endpoint) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.builder().build())
                .build();
    }

    /** Creates every bucket of the template that does not exist yet. */
    public static void createBuckets(S3Client s3, LocalTemplate template) {
        for (String bucket : template.buckets()) {
            try {
                s3.createBucket(b -> b.bucket(bucket));
            } catch (BucketAlreadyOwnedByYouException | BucketAlreadyExistsException exists) {
                // made by an earlier run against the same emulator
            }
        }
    }

    /** Creates every table of the template that does not exist yet. */
    public static void createAll(DynamoDbClient dynamo, LocalTemplate template) {
        for (LocalTemplate.Table table : template.tables()) {
            try {
                dynamo.createTable(createRequest(table));
            } catch (ResourceInUseException exists) {
                // created by an earlier run against the same emulator
            }
            awaitActive(dynamo, table.name());
        }
    }

    /**
     * Waits until a new table takes requests: the emulator answers CreateTable with the table still CREATING
     * and refuses items for it until it turns ACTIVE a moment later.
     */
    public static void awaitActive(DynamoDbClient dynamo, String table) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (dynamo.describeTable(b -> b.tableName(table)).table().tableStatus() != TableStatus.ACTIVE) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("table " + table + " did not become ACTIVE within 10 s");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for table " + table, e);
            }
        }
    }

    static CreateTableRequest createRequest(LocalTemplate.Table table) {
        Map<String, Object> p = table.properties();
        List<AttributeDefinition> attributes = new ArrayList<>();
        for (Object a : LocalTemplate.list(p.get("AttributeDefinitions"))) {
            attributes.add(AttributeDefinition.builder()
                    .attributeName(text(a, "AttributeName"))
                    .attributeType(text(a, "AttributeType"))
                    .build());
        }
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (Object i : LocalTemplate.list(p.get("GlobalSecondaryIndexes"))) {
            Map<String, Object> projection = LocalTemplate.map(LocalTemplate.map(i).get("Projection"));
            List<String> nonKey = LocalTemplate.list(projection.get("NonKeyAttributes")).stream().map(String::valueOf).toList();
            indexes.add(GlobalSecondaryIndex.builder()
                    .indexName(text(i, "IndexName"))
                    .keySchema(keySchema(LocalTemplate.map(i).get("KeySchema")))
                    .projection(Projection.builder()
                            .projectionType(String.valueOf(projection.getOrDefault("ProjectionType", "ALL")))
                            .nonKeyAttributes(nonKey.isEmpty() ? null : nonKey)
                            .build())
                    .build());
        }
        return CreateTableRequest.builder()
                .tableName(table.name())
                .attributeDefinitions(attributes)
                .keySchema(keySchema(p.get("KeySchema")))
                .globalSecondaryIndexes(indexes.isEmpty() ? null : indexes)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .build();
    }

    private static List<KeySchemaElement> keySchema(Object elements) {
        List<KeySchemaElement> keys = new ArrayList<>();
        for (Object k : LocalTemplate.list(elements)) {
            keys.add(KeySchemaElement.builder().attributeName(text(k, "AttributeName")).keyType(text(k, "KeyType")).build());
        }
        return keys;
    }

    private static String text(Object map, String key) {
        return String.valueOf(LocalTemplate.map(map).get(key));
    }
}
