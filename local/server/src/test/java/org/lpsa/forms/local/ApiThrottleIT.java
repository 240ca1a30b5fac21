package org.lpsa.forms.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.lpsa.forms.local.aws.LocalTemplate;
import org.lpsa.forms.local.aws.RepoRoot;

/** The local API stand-in keeps the template's route throttling (ApiRateLimit, ApiBurstLimit), as API Gateway does. */
class ApiThrottleIT {
    @Test
    void aRouteAnswers429AboveTheTemplatesBurstAndServesAgainOnceItRefills() throws Exception {
        Path root = RepoRoot.find();
        LocalTemplate.Throttle throttle = LocalTemplate.load(root.resolve("template.yaml"), LocalStack.STACK_NAME, java.util.Map.of()).apiThrottle();
        assertEquals(100.0, throttle.ratePerSecond());
        assertEquals(200, throttle.burst());
        try (LocalStack stack = LocalStack.startOn(root, root.resolve("local/server/target/it-state-throttle"), 0)) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest facts = HttpRequest.newBuilder(URI.create(stack.url() + "/events/demo")).timeout(Duration.ofSeconds(20)).build();
            int requests = 2 * throttle.burst();
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                answers.add(http.sendAsync(facts, HttpResponse.BodyHandlers.ofString()));
            }
            int ok = 0;
            int tooMany = 0;
            for (var answer : answers) {
                HttpResponse<String> r = answer.get();
                if (r.statusCode() == 200) {
                    ok++;
                } else {
                    assertEquals(429, r.statusCode(), r.body());
                    assertEquals("{\"message\":\"Too Many Requests\"}", r.body());
                    tooMany++;
                }
            }
            assertTrue(tooMany > 0, "above the burst some are refused: " + ok + " served");
            assertTrue(ok >= throttle.burst(), "the burst is served: " + ok);
            // the bucket refills at the rate: within a few seconds the route serves again
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            int status;
            do {
                status = http.send(facts, HttpResponse.BodyHandlers.ofString()).statusCode();
            } while (status == 429 && System.nanoTime() < deadline);
            assertEquals(200, status, "served again once the bucket refills");
        }
    }
}
