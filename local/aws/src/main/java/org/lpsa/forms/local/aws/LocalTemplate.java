package org.lpsa.forms.local.aws;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * template.yaml read the way the local stack needs it: tables, functions, their HTTP routes, stream
 * sources and schedules, with the intrinsic functions the template uses resolved to local values.
 */
public final class LocalTemplate {
    public record Table(String logicalId, String name, Map<String, Object> properties) {
        public boolean streamed() {
            return properties.get("StreamSpecification") != null;
        }
    }

    public record HttpRoute(String method, String path) {}

    /** An SES receipt rule: which recipients, where the S3 action stores, which function the Lambda action calls. */
    public record ReceiptRule(List<String> recipients, String bucket, String prefix, String functionLogicalId) {}

    /** A stream event source: its table, filters, BatchSize and ParallelizationFactor (concurrent batches). */
    public record StreamSource(String tableLogicalId, List<String> filterPatterns, int batchSize, int parallelization) {}

    /**
     * {@code topics}: the logical ids of the SNS topics the function is subscribed to; {@code codeUri}: its
     * package (its own or the Globals'); {@code skipBuild}: its Metadata tells {@code sam build} to deploy that as it is.
     */
    public record Function(String logicalId, String handler, Map<String, String> environment,
                           List<HttpRoute> routes, List<StreamSource> streams, List<String> schedules, List<String> topics,
                           String codeUri, boolean skipBuild, int timeoutSeconds) {}

    /** The HTTP API's CORS configuration; empty lists when the template sets none. */
    public record Cors(List<String> allowOrigins, List<String> allowMethods, List<String> allowHeaders, int maxAge) {
        public boolean allows(String origin) {
            return origin != null && (allowOrigins.contains("*") || allowOrigins.contains(origin));
        }
    }

    /** A CloudFormation short-form intrinsic such as {@code !Ref X}, kept until it is resolved. */
    record Intrinsic(String name, Object argument) {}

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!]+)}");

    private final Map<String, Object> root;
    private final String stackName;
    private final Map<String, String> parameters = new LinkedHashMap<>();

    private LocalTemplate(Map<String, Object> root, String stackName, Map<String, String> overrides) {
        this.root = root;
        this.stackName = stackName;
        map(root.get("Parameters")).forEach((name, spec) -> {
            Object fallback = map(spec).get("Default");
            parameters.put(name, fallback == null ? "" : String.valueOf(fallback));
        });
        parameters.putAll(overrides);
    }

    public static LocalTemplate load(Path file, String stackName, Map<String, String> parameterOverrides) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Map<String, Object> root = new Yaml(new CloudFormationConstructor()).load(reader);
            return new LocalTemplate(root, stackName, parameterOverrides);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public String stackName() {
        return stackName;
    }

    public String parameter(String name) {
        return parameters.get(name);
    }

    public List<Table> tables() {
        List<Table> tables = new ArrayList<>();
        resources().forEach((id, resource) -> {
            if ("AWS::DynamoDB::Table".equals(map(resource).get("Type"))) {
                tables.add(new Table(id, tableName(id), map(map(resource).get("Properties"))));
            }
        });
        return tables;
    }

    /** Names of the S3 buckets the template declares. */
    public List<String> buckets() {
        List<String> buckets = new ArrayList<>();
        resources().forEach((id, resource) -> {
            if ("AWS::S3::Bucket".equals(map(resource).get("Type"))) {
                buckets.add(bucketName(id));
            }
        });
        return buckets;
    }

    public List<ReceiptRule> receiptRules() {
        List<ReceiptRule> rules = new ArrayList<>();
        resources().forEach((id, resource) -> {
            if (!"AWS::SES::ReceiptRule".equals(map(resource).get("Type"))) {
                return;
            }
            Map<String, Object> rule = map(map(map(resource).get("Properties")).get("Rule"));
            String bucket = null;
            String prefix = "";
            String function = null;
            for (Object action : list(rule.get("Actions"))) {
                Map<String, Object> s3 = map(map(action).get("S3Action"));
                if (!s3.isEmpty()) {
                    bucket = String.valueOf(resolve(s3.get("BucketName")));
                    Object p = s3.get("ObjectKeyPrefix");
                    prefix = p == null ? "" : String.valueOf(resolve(p));
                }
                Map<String, Object> lambda = map(map(action).get("LambdaAction"));
                if (!lambda.isEmpty() && lambda.get("FunctionArn") instanceof Intrinsic arn) {
                    function = getAttParts(arn.argument())[0];
                }
            }
            rules.add(new ReceiptRule(strings(rule.get("Recipients")), bucket, prefix, function));
        });
        return rules;
    }

    public Table table(String logicalId) {
        return tables().stream().filter(t -> t.logicalId().equals(logicalId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("template.yaml has no table " + logicalId));
    }

    public List<Function> functions() {
        Map<String, Object> globals = map(map(root.get("Globals")).get("Function"));
        List<Function> functions = new ArrayList<>();
        resources().forEach((id, resource) -> {
            if (!"AWS::Serverless::Function".equals(map(resource).get("Type"))) {
                return;
            }
            Map<String, Object> properties = map(map(resource).get("Properties"));
            Map<String, String> environment = new LinkedHashMap<>();
            environmentOf(globals).forEach((k, v) -> environment.put(k, String.valueOf(resolve(v))));
            environmentOf(properties).forEach((k, v) -> environment.put(k, String.valueOf(resolve(v))));
            List<HttpRoute> routes = new ArrayList<>();
            List<StreamSource> streams = new ArrayList<>();
            List<String> schedules = new ArrayList<>();
            List<String> topics = new ArrayList<>();
            map(properties.get("Events")).forEach((name, event) -> {
                Map<String, Object> eventProperties = map(map(event).get("Properties"));
                switch (String.valueOf(map(event).get("Type"))) {
                    case "HttpApi" -> routes.add(new HttpRoute(
                            String.valueOf(eventProperties.get("Method")).toUpperCase(Locale.ROOT),
                            String.valueOf(eventProperties.get("Path"))));
                    case "DynamoDB" -> streams.add(streamSource(eventProperties));
                    case "Schedule" -> schedules.add(String.valueOf(resolve(eventProperties.get("Schedule"))));
                    case "SNS" -> {
                        if (eventProperties.get("Topic") instanceof Intrinsic topic) {
                            topics.add(String.valueOf(topic.argument()));
                        }
                    }
                    default -> { }
                }
            });
            Object codeUri = properties.containsKey("CodeUri") ? properties.get("CodeUri") : globals.get("CodeUri");
            boolean skipBuild = Boolean.TRUE.equals(map(map(resource).get("Metadata")).get("SkipBuild"));
            Object timeoutGiven = properties.containsKey("Timeout") ? properties.get("Timeout") : map(globals).get("Timeout");
            int timeout = timeoutGiven == null ? 3 : Integer.parseInt(String.valueOf(resolve(timeoutGiven)));
            functions.add(new Function(id, String.valueOf(properties.get("Handler")), environment, routes, streams, schedules, topics,
                    codeUri == null ? null : String.valueOf(codeUri), skipBuild, timeout));
        });
        return functions;
    }

    public Cors cors() {
        for (Object resource : resources().values()) {
            if ("AWS::Serverless::HttpApi".equals(map(resource).get("Type"))) {
                Map<String, Object> cors = map(map(map(resource).get("Properties")).get("CorsConfiguration"));
                Object maxAge = cors.get("MaxAge");
                return new Cors(strings(cors.get("AllowOrigins")), strings(cors.get("AllowMethods")),
                        strings(cors.get("AllowHeaders")), maxAge == null ? 0 : Integer.parseInt(String.valueOf(resolve(maxAge))));
            }
        }
        return new Cors(List.of(), List.of(), List.of(), 0);
    }

    /** The HTTP API's per-route throttling (DefaultRouteSettings): requests a second and burst; null when none is set. */
    public record Throttle(double ratePerSecond, int burst) {}

    public Throttle apiThrottle() {
        for (Object resource : resources().values()) {
            if ("AWS::Serverless::HttpApi".equals(map(resource).get("Type"))) {
                Map<String, Object> settings = map(map(map(resource).get("Properties")).get("DefaultRouteSettings"));
                Object rate = settings.get("ThrottlingRateLimit");
                Object burst = settings.get("ThrottlingBurstLimit");
                if (rate != null && burst != null) {
                    return new Throttle(Double.parseDouble(String.valueOf(resolve(rate))), Integer.parseInt(String.valueOf(resolve(burst))));
                }
            }
        }
        return null;
    }

    /** A list, or a comma-delimited string (a CommaDelimitedList parameter), as strings. */
    private List<String> strings(Object value) {
        Object resolved = resolve(value);
        if (resolved instanceof List<?> l) {
            return l.stream().map(v -> String.valueOf(resolve(v)).trim()).toList();
        }
        if (resolved == null) {
            return List.of();
        }
        return java.util.Arrays.stream(String.valueOf(resolved).split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }

    private StreamSource streamSource(Map<String, Object> properties) {
        Object stream = properties.get("Stream");
        if (!(stream instanceof Intrinsic intrinsic) || !intrinsic.name().equals("GetAtt")) {
            throw new IllegalArgumentException("a DynamoDB event's Stream must be !GetAtt Table.StreamArn, not " + stream);
        }
        String tableId = getAttParts(intrinsic.argument())[0];
        List<String> patterns = new ArrayList<>();
        for (Object filter : list(map(properties.get("FilterCriteria")).get("Filters"))) {
            patterns.add(String.valueOf(map(filter).get("Pattern")));
        }
        Object batch = properties.get("BatchSize");
        Object parallel = properties.get("ParallelizationFactor");
        return new StreamSource(tableId, patterns, batch == null ? 100 : Integer.parseInt(String.valueOf(batch)),
                parallel == null ? 1 : Integer.parseInt(String.valueOf(parallel)));
    }

    /** The value with !Ref, !Sub and !GetAtt replaced by their local meaning. */
    public Object resolve(Object value) {
        if (!(value instanceof Intrinsic intrinsic)) {
            return value;
        }
        return switch (intrinsic.name()) {
            case "Ref" -> ref(String.valueOf(intrinsic.argument()));
            case "Sub" -> sub(intrinsic.argument());
            case "GetAtt" -> {
                String[] parts = getAttParts(intrinsic.argument());
                yield "arn:aws:local:" + parts[0] + ":" + parts[1];
            }
            default -> throw new IllegalArgumentException("the local stack does not resolve !" + intrinsic.name());
        };
    }

    private String ref(String name) {
        if (parameters.containsKey(name)) {
            return parameters.get(name);
        }
        return switch (name) {
            case "AWS::StackName" -> stackName;
            case "AWS::Region" -> "us-east-1";
            case "AWS::AccountId" -> "000000000000";
            case "AWS::Partition" -> "aws";
            case "AWS::URLSuffix" -> "amazonaws.com";
            default -> {
                Map<String, Object> resource = map(resources().get(name));
                if (resource.isEmpty()) {
                    throw new IllegalArgumentException("template.yaml: !Ref to unknown " + name);
                }
                yield switch (String.valueOf(resource.get("Type"))) {
                    case "AWS::DynamoDB::Table" -> tableName(name);
                    case "AWS::S3::Bucket" -> bucketName(name);
                    default -> name;
                };
            }
        };
    }

    private String sub(Object argument) {
        String text;
        Map<String, Object> variables = Map.of();
        if (argument instanceof List<?> parts) {
            text = String.valueOf(parts.get(0));
            variables = map(parts.get(1));
        } else {
            text = String.valueOf(argument);
        }
        Matcher matcher = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            Object replacement = variables.containsKey(name) ? resolve(variables.get(name))
                    : name.contains(".") ? resolve(new Intrinsic("GetAtt", name)) : ref(name);
            matcher.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(replacement)));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private String tableName(String logicalId) {
        Object name = map(map(resources().get(logicalId)).get("Properties")).get("TableName");
        return name == null ? stackName + "-" + logicalId : String.valueOf(resolve(name));
    }

    /** A bucket's BucketName, or the lower-case stack-and-id name CloudFormation would generate in its place. */
    private String bucketName(String logicalId) {
        Object name = map(map(resources().get(logicalId)).get("Properties")).get("BucketName");
        return name == null ? (stackName + "-" + logicalId).toLowerCase(java.util.Locale.ROOT) : String.valueOf(resolve(name));
    }

    private static String[] getAttParts(Object argument) {
        if (argument instanceof List<?> parts) {
            return new String[] {String.valueOf(parts.get(0)), String.valueOf(parts.get(1))};
        }
        return String.valueOf(argument).split("\\.", 2);
    }

    /** Every resource of one type: logical id to its properties as written (intrinsics unresolved; see {@link #resolve}). */
    public Map<String, Map<String, Object>> resourcesOfType(String type) {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        resources().forEach((id, resource) -> {
            if (type.equals(map(resource).get("Type"))) {
                found.put(id, map(map(resource).get("Properties")));
            }
        });
        return found;
    }

    private Map<String, Object> resources() {
        return map(root.get("Resources"));
    }

    private static Map<String, Object> environmentOf(Map<String, Object> properties) {
        return map(map(properties.get("Environment")).get("Variables"));
    }

    /** A YAML mapping as a map; anything else as an empty one. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** A YAML sequence as a list; anything else as an empty one. */
    public static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }

    /** SnakeYAML's safe constructor, taught CloudFormation's short-form tags. */
    private static final class CloudFormationConstructor extends SafeConstructor {
        CloudFormationConstructor() {
            super(new LoaderOptions());
            yamlMultiConstructors.put("!", new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    String name = node.getTag().getValue().substring(1);
                    Object argument;
                    if (node instanceof ScalarNode scalar) {
                        argument = constructScalar(scalar);
                    } else if (node instanceof SequenceNode sequence) {
                        argument = constructSequence(sequence);
                    } else {
                        argument = constructMapping((MappingNode) node);
                    }
                    return new Intrinsic(name, argument);
                }
            });
        }
    }
}
