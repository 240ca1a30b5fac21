package org.lpsa.forms.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lpsa.forms.local.aws.RepoRoot;

/** The local stack end to end over HTTP: what a newcomer does right after `./lpsa local`. */
class LocalStackIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalStack stack;
    private static Path state;

    @BeforeAll
    static void start() throws Exception {
        Path root = RepoRoot.find();
        state = root.resolve("local/server/target/it-state");
        stack = LocalStack.startOn(root, state, 0);
    }

    @AfterAll
    static void stop() {
        stack.close();
        assertFalse(Files.exists(state.resolve("local.json")), "local.json is removed on stop");
    }

    @Test
    void localJsonNamesTheEndpoints() throws Exception {
        Map<String, Object> local = JSON.std.mapFrom(Files.readString(state.resolve("local.json")));
        assertEquals(stack.url(), local.get("url"));
        assertTrue(String.valueOf(local.get("dynamodb")).startsWith("http://127.0.0.1:"));
        assertTrue(String.valueOf(local.get("ses")).startsWith("http://127.0.0.1:"));
        assertEquals(ProcessHandle.current().pid(), ((Number) local.get("pid")).longValue());
    }

    @Test
    void theRegistrationPageIsServed() throws Exception {
        HttpResponse<String> page = get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<form id=\"register\" method=\"post\" action=\"/events/demo/registrations\""));
    }

    @Test
    void aJsonRegistrationIsConfirmedOnceInTheOutboxWithinTenSeconds() throws Exception {
        String body = "{\"name\":\"Priya Sharma\",\"email\":\"Priya.Sharma@Example.org\",\"organization\":\"Institute\","
                + "\"role\":\"researcher\",\"country\":\"IN\",\"interests\":[\"online-courses\"],\"newsletter\":true}";
        assertEquals(201, post("/events/demo/registrations", "application/json", body).statusCode());
        HttpResponse<String> again = post("/events/demo/registrations", "application/json", body.replace("Priya.Sharma@Example.org", "PRIYA.sharma@example.org"));
        assertEquals(200, again.statusCode());
        HttpResponse<String> invalid = post("/events/demo/registrations", "application/json", body.replace("Priya.Sharma@Example.org", "priya"));
        assertEquals(400, invalid.statusCode());
        assertTrue(invalid.body().contains("\"field\":\"email\""), invalid.body());

        List<Map<String, Object>> mine = List.of();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline && mine.isEmpty()) {
            Thread.sleep(200);
            mine = outboxTo("priya.sharma@example.org");
        }
        Thread.sleep(1200);
        mine = outboxTo("priya.sharma@example.org");
        assertEquals(1, mine.size(), "exactly one confirmation");
        Map<String, Object> email = mine.get(0);
        assertTrue(String.valueOf(email.get("text")).contains("5:30 PM IST (UTC+5:30), your time in Kolkata"), String.valueOf(email.get("text")));
        assertEquals("auto-generated", ((Map<?, ?>) email.get("headers")).get("Auto-Submitted"));
        Map<?, ?> attachment = (Map<?, ?>) ((List<?>) email.get("attachments")).get(0);
        assertEquals("demo.ics", attachment.get("filename"));
        assertTrue(new String(Base64.getDecoder().decode((String) attachment.get("content")), StandardCharsets.UTF_8)
                .contains("BEGIN:VEVENT"));
        assertEquals(200, get("/_local/outbox").statusCode());
    }

    @Test
    void unknownPathsAre404() throws Exception {
        assertEquals(404, get("/no/such/page").statusCode());
        assertEquals(404, get("/../pom.xml").statusCode());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> outboxTo(String address) throws Exception {
        List<Object> all = (List<Object>) JSON.std.anyFrom(get("/_local/outbox.json").body());
        return all.stream().map(e -> (Map<String, Object>) e)
                .filter(e -> ((List<?>) e.get("to")).contains(address)).toList();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(stack.url() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String type, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(stack.url() + path)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
