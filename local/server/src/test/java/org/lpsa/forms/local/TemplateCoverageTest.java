package org.lpsa.forms.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.lpsa.forms.Config;
import org.lpsa.forms.mail.Mailer;
import org.lpsa.forms.local.aws.LocalTemplate;
import org.lpsa.forms.local.aws.RepoRoot;

/** template.yaml declares every handler, table and setting that the functions' code uses. */
class TemplateCoverageTest {
    private final Path root = RepoRoot.find();
    private final LocalTemplate template = LocalTemplate.load(root.resolve("template.yaml"), "lpsa-local", Map.of());

    @Test
    void everyHandlerInTheTemplateIsAStreamHandlerOfTheJar() throws Exception {
        for (LocalTemplate.Function f : template.functions()) {
            Class<?> type = Class.forName(f.handler().split("::")[0]);
            assertTrue(RequestStreamHandler.class.isAssignableFrom(type), f.logicalId());
            type.getConstructor();
        }
    }

    @Test
    void everyHandlerClassInTheCodeIsAFunctionOfTheTemplate() throws IOException {
        Set<String> inCode = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root.resolve("functions/src/main/java"))) {
            for (Path file : files.filter(p -> p.toString().endsWith("Handler.java")).toList()) {
                String source = Files.readString(file);
                boolean concrete = !source.contains("abstract class");
                if (concrete && (source.contains("implements RequestStreamHandler") || source.contains("extends ApiHandler"))) {
                    String path = root.resolve("functions/src/main/java").relativize(file).toString();
                    inCode.add(path.substring(0, path.length() - 5).replace('/', '.'));
                }
            }
        }
        Set<String> inTemplate = new TreeSet<>();
        template.functions().forEach(f -> inTemplate.add(f.handler().split("::")[0]));
        assertEquals(inCode, inTemplate);
    }

    @Test
    void everySettingTheCodeReadsIsSetByTheTemplateOrIsALocalOverride() throws Exception {
        Set<String> read = new TreeSet<>();
        Matcher m = Pattern.compile("public static final String \\w+ = \"(\\w+)\";").matcher(
                Files.readString(root.resolve("functions/src/main/java/org/lpsa/forms/Config.java")));
        while (m.find()) {
            read.add(m.group(1));
        }
        // LPSA_* are set only by the local stack and tests; Lambda sets AWS_REGION and AWS_LAMBDA_* itself
        read.removeIf(name -> name.startsWith("LPSA_") || name.equals(Config.AWS_REGION) || name.startsWith("AWS_LAMBDA_"));
        for (LocalTemplate.Function f : template.functions()) {
            assertTrue(f.environment().keySet().containsAll(read), f.logicalId() + " lacks some of " + read);
        }
    }

    @Test
    void everyTableVariablePointsAtATableOfTheTemplate() {
        Set<String> tables = new TreeSet<>();
        template.tables().forEach(t -> tables.add(t.name()));
        for (LocalTemplate.Function f : template.functions()) {
            f.environment().forEach((name, value) -> {
                if (name.endsWith("_TABLE")) {
                    assertTrue(tables.contains(value), name + "=" + value);
                }
            });
        }
    }

    @Test
    void emailsGivenUpByTheMailerOrTheSweeperRaiseTheAdminsAlarm() {
        String pattern = "{ $." + Mailer.GAVE_UP_LOG_FIELD + " IS TRUE }";
        Set<String> logGroups = new TreeSet<>();
        Set<String> metrics = new TreeSet<>();
        template.resourcesOfType("AWS::Logs::MetricFilter").values().forEach(filter -> {
            if (pattern.equals(filter.get("FilterPattern"))) {
                logGroups.add(String.valueOf(template.resolve(filter.get("LogGroupName"))));
                Map<String, Object> metric = LocalTemplate.map(LocalTemplate.list(filter.get("MetricTransformations")).get(0));
                metrics.add(template.resolve(metric.get("MetricNamespace")) + " " + metric.get("MetricName"));
            }
        });
        // the log groups the mailer and the sweeper write to (their LoggingConfig), each watched
        Set<String> written = new TreeSet<>();
        for (String function : Set.of("MailerFunction", "SweeperFunction")) {
            Map<String, Object> props = template.resourcesOfType("AWS::Serverless::Function").get(function);
            written.add(String.valueOf(template.resolve(LocalTemplate.map(props.get("LoggingConfig")).get("LogGroup"))));
        }
        assertEquals(written, logGroups);
        assertEquals(2, logGroups.size(), logGroups.toString());
        assertEquals(1, metrics.size(), metrics.toString());
        assertTrue(template.resourcesOfType("AWS::CloudWatch::Alarm").values().stream()
                .anyMatch(alarm -> metrics.contains(template.resolve(alarm.get("Namespace")) + " " + alarm.get("MetricName"))
                        && alarm.get("AlarmActions") != null), "an alarm with actions watches " + metrics);
    }
}
