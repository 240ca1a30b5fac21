package org.lpsa.forms.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * template.yaml as CloudFormation sees it after the SAM transform: one distribution serving the pages from
 * the bucket and the API's routes from the HTTP API, every function published with SnapStart behind its
 * alias, the API and the streams calling the alias.
 */
@SuppressWarnings("unchecked")
class TransformedTemplateTest {
    private static Map<String, Object> resources;
    private static Map<String, Object> outputs;

    @BeforeAll
    static void transform() throws Exception {
        Map<String, Object> template = LeastPrivilegeTest.transform(Files.readString(Path.of("../template.yaml")));
        resources = (Map<String, Object>) template.get("Resources");
        outputs = (Map<String, Object>) template.get("Outputs");
    }

    @Test
    void theMailDomainIsAnSesIdentityWithDkimAndMailFromAndTheOutputsNameItsDnsRecords() {
        Map<String, Object> identity = map(resources.get("MailIdentity"));
        assertEquals("AWS::SES::EmailIdentity", identity.get("Type"));
        assertEquals("CreatesMailIdentity", identity.get("Condition"), "only when CreateMailIdentity is true");
        Map<String, Object> props = props(identity);
        assertEquals(Boolean.TRUE, map(props.get("DkimAttributes")).get("SigningEnabled"));
        assertEquals("RSA_2048_BIT", map(props.get("DkimSigningAttributes")).get("NextSigningKeyLength"));
        assertTrue(map(props.get("MailFromAttributes")).containsKey("MailFromDomain"), "a MAIL FROM subdomain");
        assertEquals(Boolean.FALSE, map(props.get("FeedbackAttributes")).get("EmailForwardingEnabled"), "feedback through the configuration set");
        Map<String, Object> reputation = map(props(map(resources.get("MailConfigurationSet"))).get("ReputationOptions"));
        assertEquals(Boolean.TRUE, reputation.get("ReputationMetricsEnabled"));
        for (int i = 1; i <= 3; i++) {
            String value = String.valueOf(map(outputs.get("MailDkimRecord" + i)).get("Value"));
            assertTrue(value.contains("DkimDNSTokenName" + i) && value.contains("DkimDNSTokenValue" + i) && value.contains("CNAME"), value);
        }
        assertTrue(String.valueOf(map(outputs.get("MailFromMxRecord")).get("Value")).contains("MX 10 feedback-smtp."));
        assertTrue(String.valueOf(map(outputs.get("MailFromSpfRecord")).get("Value")).contains("v=spf1 include:amazonses.com"));
        assertTrue(String.valueOf(map(outputs.get("MailDmarcRecord")).get("Value")).contains("v=DMARC1"));
    }

    @Test
    void oneDistributionServesThePagesFromTheBucketAndTheApiRoutesFromTheHttpApi() {
        List<Map<String, Object>> distributions = ofType("AWS::CloudFront::Distribution");
        assertEquals(1, distributions.size());
        Map<String, Object> config = map(props(distributions.get(0)).get("DistributionConfig"));
        Map<String, String> originOf = new java.util.HashMap<>();
        for (Object o : (List<Object>) config.get("Origins")) {
            Map<String, Object> origin = map(o);
            originOf.put(String.valueOf(origin.get("Id")), String.valueOf(origin.get("DomainName")));
        }
        String pages = String.valueOf(map(config.get("DefaultCacheBehavior")).get("TargetOriginId"));
        assertTrue(originOf.get(pages).contains("SiteBucket") && originOf.get(pages).contains("RegionalDomainName"),
                "/ and the assets come from the site bucket: " + originOf.get(pages));
        assertTrue(((List<Object>) map(config.get("DefaultCacheBehavior")).get("FunctionAssociations")).size() == 1,
                "/ is redirected to the current meeting's page");

        List<Map<String, Object>> behaviors = ((List<Object>) config.get("CacheBehaviors")).stream().map(TransformedTemplateTest::map).toList();
        Map<String, Object> api = ofType("AWS::ApiGatewayV2::Api").get(0);
        for (String route : map(map(props(api).get("Body")).get("paths")).keySet()) {
            String path = route.replaceAll("\\{[^}]+}", "x");
            Map<String, Object> behavior = behaviors.stream().filter(b -> matches(String.valueOf(b.get("PathPattern")), path))
                    .findFirst().orElse(null);
            assertTrue(behavior != null, "no cache behavior sends " + route + " anywhere but the bucket");
            assertTrue(originOf.get(String.valueOf(behavior.get("TargetOriginId"))).contains("HttpApi"), route + " goes to the HTTP API");
        }
        assertFalse(behaviors.stream().anyMatch(b -> matches(String.valueOf(b.get("PathPattern")), "/ideas.html")),
                "the ideas form is a page of the bucket");
    }

    @Test
    void everyFunctionIsPublishedWithSnapStartAndCalledThroughItsAlias() {
        List<String> functions = names("AWS::Lambda::Function");
        assertEquals(10, functions.size(), functions.toString());
        for (String function : functions) {
            Map<String, Object> props = props(map(resources.get(function)));
            assertEquals("PublishedVersions", map(props.get("SnapStart")).get("ApplyOn"), function);
            assertTrue(resources.containsKey(function + "Aliaslive"), function + " has its alias");
            assertTrue(props.get("LoggingConfig") != null, function + " logs to a log group of the template's");
        }
        for (Map<String, Object> permission : ofType("AWS::Lambda::Permission")) {
            assertTrue(String.valueOf(props(permission).get("FunctionName")).contains("Aliaslive"),
                    "every permission names an alias: " + props(permission));
        }
        List<Map<String, Object>> streams = ofType("AWS::Lambda::EventSourceMapping");
        assertEquals(2, streams.size(), "the mailer reads the Registrations and Ideas streams");
        for (Map<String, Object> mapping : streams) {
            assertTrue(props(mapping).get("FilterCriteria") != null, "only records that owe an email wake the mailer");
            assertTrue(String.valueOf(props(mapping).get("FunctionName")).contains("Aliaslive"));
        }
    }

    /** CloudFront's path patterns: * for any characters, ? for one. */
    private static boolean matches(String pattern, String path) {
        String regex = Pattern.quote(pattern).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q");
        return path.matches(regex);
    }

    private static List<Map<String, Object>> ofType(String type) {
        return resources.values().stream().map(TransformedTemplateTest::map).filter(r -> type.equals(r.get("Type"))).toList();
    }

    private static List<String> names(String type) {
        return resources.entrySet().stream().filter(e -> type.equals(map(e.getValue()).get("Type"))).map(Map.Entry::getKey).toList();
    }

    private static Map<String, Object> props(Map<String, Object> resource) {
        return map(resource.get("Properties"));
    }

    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
