package org.lpsa.forms.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.lpsa.forms.local.aws.RepoRoot;

/**
 * The pages in headless Chromium (local/browser/check.mjs, puppeteer-core and axe-core from npm) against a
 * fresh local stack: every page state without a WCAG 2.1 A/AA violation, keyboard order, the JS and the
 * plain-form registrations reaching the outbox, the manage page's update and cancel, a browser in
 * Asia/Kathmandu told 5:45 PM. Needs Debian's chromium (.ci/run installs it when missing).
 */
class BrowserIT {
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

    @Test
    void everyPageStateIsAccessibleAndWorksInChromium() throws Exception {
        assertTrue(Files.isExecutable(CHROMIUM), "the browser tests need Chromium at " + CHROMIUM
                + " (Debian: apt-get install chromium; or set CHROMIUM)");
        Path root = RepoRoot.find();
        try (LocalStack stack = LocalStack.startOn(root, root.resolve("local/server/target/it-state-browser"), 0)) {
            Path log = root.resolve("local/server/target/browser-check.log");
            Process check = new ProcessBuilder("node", root.resolve("local/browser/check.mjs").toString(), stack.url())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            check.getOutputStream().close();
            boolean finished = check.waitFor(4, TimeUnit.MINUTES);
            if (!finished) {
                check.destroyForcibly();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            System.out.println(output);
            assertTrue(finished, "the browser checks did not finish in 4 minutes:\n" + output);
            assertEquals(0, check.exitValue(), output);
            assertTrue(output.contains("all browser checks passed"), output);
        }
    }
}
