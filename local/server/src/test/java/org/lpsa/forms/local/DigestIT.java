package org.lpsa.forms.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lpsa.forms.aws.Items;
import org.lpsa.forms.events.Event;
import org.lpsa.forms.events.EventRepository;
import org.lpsa.forms.ideas.Idea;
import org.lpsa.forms.ideas.IdeaRepository;
import org.lpsa.forms.local.aws.LocalTables;
import org.lpsa.forms.local.aws.RepoRoot;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The admins' daily digest on the local stack, run at chosen times through POST /_local/run/DigestFunction. */
class DigestIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ZoneId ORGANISERS = ZoneId.of("America/New_York");
    private static LocalStack stack;

    @BeforeAll
    static void start() throws Exception {
        Path root = RepoRoot.find();
        stack = LocalStack.startOn(root, root.resolve("local/server/target/it-state-digest"), 0);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void at0800OrganisersTimeTheAdminsAreToldOnceWhatIsNewAndOnAQuietDayNothing() throws Exception {
        Instant start = Instant.now().plus(Duration.ofDays(20));
        meeting("budget-talk", "Budgets for local governments", start);
        meeting("chapters", "Regional chapters", start);
        register("budget-talk", "amina@example.org", "198.18.9.1");
        register("budget-talk", "bruno@example.org", "198.18.9.2");
        register("chapters", "chen@example.org", "198.18.9.3");
        String idea = "{\"submissionId\":\"0b1c2d3e-4f50-4a61-8b72-9c8d7e6f5a4b\",\"area\":\"online-courses\","
                + "\"title\":\"A course on own-source revenue\",\"text\":\"For small towns.\",\"name\":\"Dana\",\"email\":\"dana@example.org\"}";
        assertEquals(201, post("/ideas", idea, "198.18.9.4").statusCode());
        try (var dynamo = LocalTables.client(stack.emulators().dynamodb())) {
            new IdeaRepository(dynamo, LocalStack.STACK_NAME + "-Ideas").insertIfAbsent(Idea.builder().ideaId("quarantined-1")
                    .channel(Idea.EMAIL).messageId("m-1").area("other").areaReason("not read").status(Idea.QUARANTINED)
                    .receivedAt(Instant.now()).title("(a message that could not be read)").text("").build());
        }
        stack.drainStreams();

        Instant eight = next0800();
        assertEquals("not_yet", run(eight.minus(Duration.ofMinutes(1))));
        assertEquals(0, digests().size());
        assertEquals("sent", run(eight.plus(Duration.ofMinutes(3))));
        List<Map<String, Object>> digests = digests();
        assertEquals(1, digests.size());
        String subject = String.valueOf(digests.get(0).get("subject"));
        assertTrue(subject.contains("3 registrations, 2 ideas, 1 waiting for review"), subject);
        String text = String.valueOf(digests.get(0).get("text"));
        assertTrue(text.contains("- Budgets for local governments: 2\n  ./lpsa admin --local registrations list --event budget-talk --since "), text);
        assertTrue(text.contains("- Regional chapters: 1"), text);
        assertTrue(text.contains("- Online courses"), text);
        assertTrue(text.contains("Quarantined ideas waiting for review: 1\nReview them: ./lpsa admin --local ideas list --status quarantined"), text);
        assertTrue(!text.contains("amina@example.org") && !text.contains("Dana"), "counts and commands, not people: " + text);

        assertEquals("handled_today", run(eight.plus(Duration.ofMinutes(18))), "once a day");
        assertEquals("nothing_new", run(eight.plus(Duration.ofDays(1))), "a quiet day");
        assertEquals(1, digests().size());

        // a registration on the quiet day's afternoon (the runs' clock is ahead of the stack's, so it is written as stored)
        Instant afternoon = eight.plus(Duration.ofDays(1)).plus(Duration.ofHours(6));
        try (var dynamo = LocalTables.client(stack.emulators().dynamodb())) {
            dynamo.putItem(b -> b.tableName(LocalStack.STACK_NAME + "-Registrations").item(Map.of(
                    "eventId", AttributeValue.fromS("chapters"), "email", AttributeValue.fromS("dmitri@example.org"),
                    "status", AttributeValue.fromS("registered"), "registeredAt", AttributeValue.fromS(Items.timestamp(afternoon)),
                    "registeredDay", AttributeValue.fromS(afternoon.atOffset(java.time.ZoneOffset.UTC).toLocalDate().toString()))));
        }
        assertEquals("sent", run(eight.plus(Duration.ofDays(2))), "the next day with something new");
        List<Map<String, Object>> later = digests();
        assertEquals(2, later.size());
        assertTrue(String.valueOf(later.get(1).get("subject")).contains("1 registration, 0 ideas"), String.valueOf(later.get(1).get("subject")));
    }

    private static Instant next0800() {
        ZonedDateTime now = ZonedDateTime.now(ORGANISERS);
        ZonedDateTime eight = now.toLocalDate().atTime(8, 0).atZone(ORGANISERS);
        return (eight.isAfter(now) ? eight : eight.plusDays(1)).toInstant();
    }

    private static void meeting(String eventId, String title, Instant start) {
        try (var dynamo = LocalTables.client(stack.emulators().dynamodb())) {
            new EventRepository(dynamo, LocalStack.STACK_NAME + "-Events", Clock.systemUTC()).put(new Event(eventId, title,
                    start, Duration.ofMinutes(90), ORGANISERS, List.of(), "https://meet.example.org/" + eventId, start, false));
        }
    }

    private static void register(String eventId, String email, String source) throws Exception {
        String body = "{\"name\":\"Reader\",\"email\":\"" + email + "\",\"organization\":\"Org\",\"role\":\"other\",\"country\":\"KE\","
                + "\"interests\":[\"other\"],\"newsletter\":false,\"timeZone\":\"Africa/Nairobi\"}";
        HttpResponse<String> answer = post("/events/" + eventId + "/registrations", body, source);
        assertEquals(201, answer.statusCode(), answer.body());
    }

    private static HttpResponse<String> post(String path, String json, String source) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(stack.url() + path)).header("Content-Type", "application/json")
                .header("X-Local-Source-Ip", source).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String run(Instant now) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(stack.url() + "/_local/run/DigestFunction"))
                .header("X-Local-Now", now.toString()).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        return String.valueOf(JSON.std.mapFrom(answer.body()).get("digest"));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> digests() throws Exception {
        List<Object> all = (List<Object>) JSON.std.anyFrom(HTTP.send(HttpRequest.newBuilder(URI.create(stack.url() + "/_local/outbox.json")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        return all.stream().map(e -> (Map<String, Object>) e).filter(e -> ((List<?>) e.get("to")).contains(LocalStack.LOCAL_ADMIN)).toList();
    }
}
