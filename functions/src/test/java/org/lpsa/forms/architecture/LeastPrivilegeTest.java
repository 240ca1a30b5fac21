package org.lpsa.forms.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Least privilege, checked: each function's AWS calls are derived from the code (the SDK client methods
 * reachable from its handler, through our classes, lambdas, method references and implementations of our
 * interfaces) and compared with the actions its role is given in the template after the SAM transform (as
 * CloudFormation sees it). A missing action or an extra one fails, and so does a resource of "*" where AWS
 * allows a narrower one. Mutated templates show the test fails when it should.
 */
class LeastPrivilegeTest {
    /** The services our code calls, by the SDK client's package, and their IAM prefixes. */
    private static final Map<String, String> SERVICES = Map.of("dynamodb", "dynamodb", "sesv2", "ses", "s3", "s3", "ssm", "ssm");
    /** SDK methods whose IAM action has another name. */
    private static final Map<String, String> ACTION_OF = Map.of("s3:HeadObject", "s3:GetObject");
    /** Actions that accept no narrower resource than "*" (AWS's service authorization reference). */
    private static final Set<String> STAR_ONLY = Set.of("ses:GetAccount");

    private static final JavaClasses FUNCTIONS = new ClassFileImporter().importPath(Path.of("target/classes"));
    private static Map<String, Object> transformed;

    @BeforeAll
    static void transform() throws Exception {
        transformed = transform(Files.readString(Path.of("../template.yaml")));
    }

    @Test
    void everyFunctionsRoleHoldsExactlyTheActionsItsCodeCalls() {
        assertEquals(List.of(), problems(transformed));
    }

    @Test
    void noRoleHoldsScanOrKmsDecryptOnEverything() throws Exception {
        for (Map.Entry<String, Set<String>> role : grantedActions(transformed).entrySet()) {
            assertFalse(role.getValue().contains("dynamodb:Scan"), role.getKey() + " may Scan, and no code of ours scans");
        }
        assertFalse(JSON.std.asString(transformed).contains("\"kms:Decrypt\""), "no kms:Decrypt (the aws/ssm key needs none)");
    }

    @Test
    void mutatedTemplatesFail() throws Exception {
        String template = Files.readString(Path.of("../template.yaml"));
        Map<String, String> mutations = new TreeMap<>();
        mutations.put("an extra action", template.replaceFirst("Action: \\[dynamodb:GetItem\\]", "Action: [dynamodb:GetItem, dynamodb:Scan]"));
        mutations.put("a missing action", template.replaceFirst("Action: ses:SendEmail", "Action: ses:SendBounce"));
        mutations.put("a wrong handler", template.replace("org.lpsa.forms.registration.RegisterHandler::handleRequest",
                "org.lpsa.forms.events.EventInfoHandler::handleRequest"));
        mutations.put("a resource of *", template.replaceFirst("Resource: !GetAtt EventsTable.Arn", "Resource: \"*\""));
        for (Map.Entry<String, String> mutation : mutations.entrySet()) {
            assertFalse(mutation.getValue().equals(template), "the mutation '" + mutation.getKey() + "' changed nothing");
            Map<String, Object> mutated;
            try {
                mutated = transform(mutation.getValue());
            } catch (IllegalStateException refusedByTheTransform) {
                continue;
            }
            assertFalse(problems(mutated).isEmpty(), "a template with " + mutation.getKey() + " passed");
        }
    }

    // what the code calls

    /** For each handler class, the IAM actions (of the services above) its code can reach. */
    static Set<String> actionsOf(String handlerClass) {
        Set<String> actions = new TreeSet<>();
        Set<JavaCodeUnit> seen = new HashSet<>();
        Deque<JavaCodeUnit> todo = new ArrayDeque<>();
        JavaClass handler = FUNCTIONS.get(handlerClass);
        for (JavaClass c = handler; c != null && ours(c); c = c.getRawSuperclass().orElse(null)) {
            todo.addAll(c.getCodeUnits());
        }
        while (!todo.isEmpty()) {
            JavaCodeUnit unit = todo.pop();
            if (!seen.add(unit)) {
                continue;
            }
            JavaClass owner = unit.getOwner();
            // the bodies of its lambdas are methods of their own in the same class
            String lambdaPrefix = "lambda$" + (unit.getName().equals("<init>") ? "new" : unit.getName()) + "$";
            owner.getCodeUnits().stream().filter(u -> u.getName().startsWith(lambdaPrefix)).forEach(todo::add);
            unit.getMethodCallsFromSelf().forEach(call -> follow(handler, call.getTargetOwner(), call.getName(),
                    call.getTarget().getRawParameterTypes().size(), actions, todo));
            unit.getConstructorCallsFromSelf().forEach(call -> follow(handler, call.getTargetOwner(), "<init>",
                    call.getTarget().getRawParameterTypes().size(), actions, todo));
            unit.getMethodReferencesFromSelf().forEach(ref -> follow(handler, ref.getTargetOwner(), ref.getName(),
                    ref.getTarget().getRawParameterTypes().size(), actions, todo));
            unit.getConstructorReferencesFromSelf().forEach(ref -> follow(handler, ref.getTargetOwner(), "<init>",
                    ref.getTarget().getRawParameterTypes().size(), actions, todo));
        }
        return actions;
    }

    private static void follow(JavaClass handler, JavaClass target, String name, int parameters, Set<String> actions,
                               Deque<JavaCodeUnit> todo) {
        String pkg = target.getPackageName();
        if (pkg.startsWith("software.amazon.awssdk.services.") && target.getSimpleName().endsWith("Client")) {
            String service = SERVICES.get(pkg.substring("software.amazon.awssdk.services.".length()));
            if (service != null && !name.equals("<init>") && !List.of("close", "serviceName", "serviceClientConfiguration",
                    "builder", "create", "waiter", "utilities").contains(name)) {
                String operation = name.endsWith("Paginator") ? name.substring(0, name.length() - "Paginator".length()) : name;
                String action = service + ":" + Character.toUpperCase(operation.charAt(0)) + operation.substring(1);
                actions.add(ACTION_OF.getOrDefault(action, action));
            }
            return;
        }
        if (!ours(target)) {
            return;
        }
        // the method itself, and where it is implemented or overridden in our code (interfaces, abstract classes);
        // a call on the handler's own hierarchy (ApiHandler calling handle()) runs this handler's code, not another's
        List<JavaClass> owners = new ArrayList<>(List.of(target));
        if (handler.isAssignableTo(target.getName())) {
            for (JavaClass c = handler; c != null && ours(c) && !c.equals(target); c = c.getRawSuperclass().orElse(null)) {
                owners.add(c);
            }
        } else {
            owners.addAll(target.getAllSubclasses());
        }
        for (JavaClass owner : owners) {
            for (JavaCodeUnit unit : owner.getCodeUnits()) {
                if (unit.getName().equals(name) && unit.getRawParameterTypes().size() == parameters) {
                    todo.add(unit);
                }
            }
        }
        // a class's static initialiser runs with it
        target.getStaticInitializer().ifPresent(todo::add);
    }

    private static boolean ours(JavaClass c) {
        return c.getPackageName().startsWith("org.lpsa.forms");
    }

    // what the template grants

    /** Every problem of the transformed template: missing and extra actions, and "*" resources. */
    @SuppressWarnings("unchecked")
    static List<String> problems(Map<String, Object> template) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> resources = (Map<String, Object>) template.get("Resources");
        Map<String, Set<String>> granted = grantedActions(template);
        resources.forEach((name, value) -> {
            Map<String, Object> resource = (Map<String, Object>) value;
            if (!"AWS::Lambda::Function".equals(resource.get("Type"))) {
                return;
            }
            Map<String, Object> props = (Map<String, Object>) resource.get("Properties");
            String handler = String.valueOf(props.get("Handler"));
            String handlerClass = handler.substring(0, handler.indexOf("::"));
            if (!FUNCTIONS.contain(handlerClass)) {
                problems.add(name + ": no handler class " + handlerClass);
                return;
            }
            Set<String> needed = actionsOf(handlerClass);
            Set<String> has = granted.getOrDefault(name, Set.of());
            Set<String> missing = new TreeSet<>(needed);
            missing.removeAll(has);
            Set<String> extra = new TreeSet<>(has);
            extra.removeAll(needed);
            if (!missing.isEmpty()) {
                problems.add(name + " (" + handlerClass + ") lacks " + missing);
            }
            if (!extra.isEmpty()) {
                problems.add(name + " (" + handlerClass + ") may also " + extra + ", which its code never calls");
            }
        });
        statements(template).forEach((role, list) -> list.forEach(statement -> {
            Object actionValue = statement.get("Action");
            List<Object> actions = actionValue instanceof List<?> l ? (List<Object>) l : List.of(String.valueOf(actionValue));
            Object resource = statement.get("Resource");
            boolean star = "*".equals(resource) || resource instanceof List<?> l && l.contains("*");
            for (Object action : actions) {
                if (star && relevant(String.valueOf(action)) && !STAR_ONLY.contains(String.valueOf(action))) {
                    problems.add(role + " grants " + action + " on \"*\"");
                }
            }
        }));
        return problems;
    }

    /** The actions of the services we call, per function (logical id), from its role's inline and our managed policies. */
    @SuppressWarnings("unchecked")
    static Map<String, Set<String>> grantedActions(Map<String, Object> template) {
        Map<String, Set<String>> out = new TreeMap<>();
        Map<String, Object> resources = (Map<String, Object>) template.get("Resources");
        Map<String, List<Map<String, Object>>> byRole = statements(template);
        resources.forEach((name, value) -> {
            Map<String, Object> resource = (Map<String, Object>) value;
            if (!"AWS::Lambda::Function".equals(resource.get("Type"))) {
                return;
            }
            Object role = ((Map<String, Object>) resource.get("Properties")).get("Role");
            String roleName = role instanceof Map<?, ?> m && m.get("Fn::GetAtt") instanceof List<?> l ? String.valueOf(l.get(0)) : "";
            Set<String> actions = new TreeSet<>();
            for (Map<String, Object> statement : byRole.getOrDefault(roleName, List.of())) {
                Object actionValue = statement.get("Action");
                List<Object> list = actionValue instanceof List<?> l ? (List<Object>) l : List.of(String.valueOf(actionValue));
                list.stream().map(String::valueOf).filter(LeastPrivilegeTest::relevant).forEach(actions::add);
            }
            out.put(name, actions);
        });
        return out;
    }

    /** Each role's Allow statements: its inline policies and the managed policies of this template it names. */
    @SuppressWarnings("unchecked")
    private static Map<String, List<Map<String, Object>>> statements(Map<String, Object> template) {
        Map<String, Object> resources = (Map<String, Object>) template.get("Resources");
        Map<String, List<Map<String, Object>>> out = new TreeMap<>();
        resources.forEach((name, value) -> {
            Map<String, Object> resource = (Map<String, Object>) value;
            if (!"AWS::IAM::Role".equals(resource.get("Type"))) {
                return;
            }
            Map<String, Object> props = (Map<String, Object>) resource.get("Properties");
            List<Map<String, Object>> list = new ArrayList<>();
            for (Object policy : (List<Object>) props.getOrDefault("Policies", List.of())) {
                list.addAll(statementsOf(((Map<String, Object>) policy).get("PolicyDocument")));
            }
            for (Object arn : (List<Object>) props.getOrDefault("ManagedPolicyArns", List.of())) {
                if (arn instanceof Map<?, ?> ref && ref.get("Ref") != null && resources.get(String.valueOf(ref.get("Ref"))) instanceof Map<?, ?> managed) {
                    list.addAll(statementsOf(((Map<String, Object>) managed.get("Properties")).get("PolicyDocument")));
                }
            }
            list.removeIf(s -> !"Allow".equals(s.get("Effect")));
            out.put(name, list);
        });
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> statementsOf(Object document) {
        Object statement = ((Map<String, Object>) document).get("Statement");
        return statement instanceof List<?> l ? (List<Map<String, Object>>) l : List.of((Map<String, Object>) statement);
    }

    /** An action of a service our code calls; the stream reads of event sources and the queues of failures are Lambda's. */
    private static boolean relevant(String action) {
        String lower = action.toLowerCase(Locale.ROOT);
        boolean streamRead = lower.startsWith("dynamodb:") && (lower.endsWith("stream") || lower.endsWith("streams")
                || lower.equals("dynamodb:getrecords") || lower.equals("dynamodb:getsharditerator"));
        return SERVICES.containsValue(lower.substring(0, Math.max(0, lower.indexOf(':')))) && !streamRead;
    }

    /** The template after the SAM transform (deploy/transform.py, aws-sam-translator). */
    static Map<String, Object> transform(String template) throws Exception {
        Path file = Files.createTempFile("template", ".yaml");
        Files.writeString(file, template);
        try {
            Process python = new ProcessBuilder("python3", "../deploy/transform.py", file.toString()).redirectErrorStream(false).start();
            python.getOutputStream().close();
            byte[] out = python.getInputStream().readAllBytes();
            String err = new String(python.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(python.waitFor(60, TimeUnit.SECONDS));
            if (python.exitValue() != 0) {
                throw new IllegalStateException("the SAM transform refused the template: " + err);
            }
            return JSON.std.mapFrom(new String(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
