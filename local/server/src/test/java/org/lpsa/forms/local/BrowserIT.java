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
            String output = node(root, "check.mjs", stack.url(), "browser-check.log", 4);
            assertTrue(output.contains("all browser checks passed"), output);
        }
    }

    /** Every email's HTML (EmailSamples) at 360 and 600 px: local/browser/emails.mjs. */
    @Test
    void everyEmailFitsAPhoneLoadsNothingRemoteAndPassesAxe() throws Exception {
        assertTrue(Files.isExecutable(CHROMIUM), "the browser tests need Chromium at " + CHROMIUM
                + " (Debian: apt-get install chromium; or set CHROMIUM)");
        Path root = RepoRoot.find();
        Path dir = root.resolve("local/server/target/email-samples");
        Files.createDirectories(dir);
        for (var sample : EmailSamples.all().entrySet()) {
            Files.writeString(dir.resolve(sample.getKey() + ".html"), sample.getValue().html());
            Files.writeString(dir.resolve(sample.getKey() + ".txt"), sample.getValue().text());
        }
        String output = node(root, "emails.mjs", dir.toString(), "email-check.log", 3);
        assertTrue(output.contains("ok   confirmation.html at 360 px: no sideways scrolling"), output);
        assertTrue(output.contains("all email checks passed"), output);
    }

    /** Runs a script of local/browser with its argument; asserts it finished in time and exited 0; returns what it printed. */
    private static String node(Path root, String script, String argument, String logName, int minutes) throws Exception {
        Path log = root.resolve("local/server/target/" + logName);
        Process check = new ProcessBuilder("node", root.resolve("local/browser/" + script).toString(), argument)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        check.getOutputStream().close();
        boolean finished = check.waitFor(minutes, TimeUnit.MINUTES);
        if (!finished) {
            check.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println(output);
        assertTrue(finished, script + " did not finish in " + minutes + " minutes:\n" + output);
        assertEquals(0, check.exitValue(), output);
        return output;
    }
}
