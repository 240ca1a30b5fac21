package org.lpsa.forms.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** cfn-lint (what `sam validate --lint` runs) finds nothing in template.yaml: no error, no warning. */
class TemplateLintTest {
    @Test
    void cfnLintFindsNothing() throws Exception {
        assertEquals("", lint(Path.of("../template.yaml")));
    }

    @Test
    void cfnLintWouldFindAWrongTemplate() throws Exception {
        Path broken = Files.createTempFile("template", ".yaml");
        try {
            Files.writeString(broken, Files.readString(Path.of("../template.yaml")).replace("Runtime: java21", "Runtime: java7"));
            assertTrue(lint(broken).contains("java7"), "cfn-lint reports a runtime that does not exist");
        } finally {
            Files.deleteIfExists(broken);
        }
    }

    private static String lint(Path template) throws Exception {
        Process lint = new ProcessBuilder("cfn-lint", template.toString()).redirectErrorStream(true).start();
        lint.getOutputStream().close();
        String out = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(lint.waitFor(120, TimeUnit.SECONDS), "cfn-lint did not finish");
        return out;
    }
}
