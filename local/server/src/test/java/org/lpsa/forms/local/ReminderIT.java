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
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lpsa.forms.contacts.ContactRepository;
import org.lpsa.forms.events.Event;
import org.lpsa.forms.events.EventRepository;
import org.lpsa.forms.local.aws.LocalTables;
import org.lpsa.forms.local.aws.RepoRoot;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reminders on the local stack, run at chosen times through POST /_local/run/ReminderFunction with X-Local-Now. */
class ReminderIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalStack stack;

    @BeforeAll
    static void start() throws Exception {
        Path root = RepoRoot.find();
        stack = LocalStack.startOn(root, root.resolve("local/server/target/it-state-reminders"), 0);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void anHourBeforeEachRegistrantGetsOneShortNoticeReminderAndASecondRunSendsNone() throws Exception {
        Instant start = Instant.now().plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MINUTES);
        meeting("soon", start);
        register("soon", "early.bird@example.org", "Africa/Nairobi", "198.18.7.1");
        register("soon", "second.bird@example.org", "America/Lima", "198.18.7.2");
        stack.drainStreams();

        Map<String, Object> first = run(start.minus(Duration.ofMinutes(55)));
        assertEquals(2, ((Number) first.get("sent")).intValue(), first.toString());
        for (String address : List.of("early.bird@example.org", "second.bird@example.org")) {
            List<Map<String, Object>> reminders = reminders(address);
            assertEquals(1, reminders.size(), address);
            assertTrue(String.valueOf(reminders.get(0).get("subject")).startsWith("Starting in one hour"));
        }
        Map<String, Object> second = run(start.minus(Duration.ofMinutes(50)));
        assertEquals(0, ((Number) second.get("sent")).intValue(), second.toString());
        assertEquals(1, reminders("early.bird@example.org").size(), "each reminder is sent once");
    }

    @Test
    void aRegistrantInKathmanduIsRemindedTheDayBeforeAtNineTheirTime() throws Exception {
        Instant start = LocalDate.now(ZoneOffset.UTC).plusDays(8).atTime(12, 0).toInstant(ZoneOffset.UTC);
        meeting("next-week", start);
        register("next-week", "kathmandu@example.org", "Asia/Kathmandu", "198.18.7.3");
        stack.drainStreams();

        Instant nineInKathmandu = start.minus(Duration.ofDays(1)).atZone(ZoneId.of("Asia/Kathmandu")).withHour(9).withMinute(0).toInstant();
        assertEquals(start.minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.DAYS).plus(Duration.ofMinutes(3 * 60 + 15)), nineInKathmandu,
                "09:00 in Kathmandu is 03:15 UTC");
        assertEquals(0, ((Number) run(nineInKathmandu.minus(Duration.ofHours(1))).get("sent")).intValue(), "not an hour earlier");
        assertEquals(0, reminders("kathmandu@example.org").size());
        assertEquals(1, ((Number) run(nineInKathmandu).get("sent")).intValue());
        List<Map<String, Object>> sent = reminders("kathmandu@example.org");
        assertEquals(1, sent.size());
        String text = String.valueOf(sent.get(0).get("text"));
        assertTrue(text.contains("5:45 PM") && text.contains("Kathmandu"), text);
        assertTrue(text.contains("/unsubscribe?token="), text);

        // one click from the mail client (RFC 8058): no more reminders, not even the one an hour before
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("(/unsubscribe\\?token=\\S+)").matcher(text);
        assertTrue(link.find());
        HttpResponse<String> off = HTTP.send(HttpRequest.newBuilder(URI.create(stack.url() + link.group(1)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, off.statusCode(), off.body());
        assertEquals(0, ((Number) run(start.minus(Duration.ofMinutes(55))).get("sent")).intValue(), "reminders are off");
        assertEquals(1, reminders("kathmandu@example.org").size());
    }

    @Test
    void aNewTimeZoneOnTheManagePageMovesTheDayBeforeReminderToTheNewMorning() throws Exception {
        Instant start = LocalDate.now(ZoneOffset.UTC).plusDays(9).atTime(12, 0).toInstant(ZoneOffset.UTC);
        meeting("moving-zone", start);
        register("moving-zone", "mover@example.org", "Asia/Kathmandu", "198.18.7.4");
        stack.drainStreams();
        HttpResponse<String> updated = manage(manageToken("mover@example.org"), "America%2FLima", "");
        assertEquals(303, updated.statusCode(), updated.body());
        stack.drainStreams();

        Instant nineInKathmandu = start.minus(Duration.ofDays(1)).atZone(ZoneId.of("Asia/Kathmandu")).withHour(9).withMinute(0).toInstant();
        Instant nineInLima = start.minus(Duration.ofDays(1)).atZone(ZoneId.of("America/Lima")).withHour(9).withMinute(0).toInstant();
        assertEquals(0, ((Number) run(nineInKathmandu).get("sent")).intValue(), "not at the old zone's morning");
        assertEquals(1, ((Number) run(nineInLima).get("sent")).intValue(), "at 09:00 in Lima");
    }

    @Test
    void aReminderToAnAddressThatBouncedIsSkippedAndCounted() throws Exception {
        Instant start = Instant.now().plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MINUTES);
        meeting("bounced", start);
        register("bounced", "gone.away@example.org", "Africa/Accra", "198.18.7.6");
        stack.drainStreams();
        try (var dynamo = LocalTables.client(stack.emulators().dynamodb())) {
            new ContactRepository(dynamo, LocalStack.STACK_NAME + "-Contacts").suppress("gone.away@example.org", "bounce", Instant.now());
            Map<String, Object> run = run(start.minus(Duration.ofMinutes(55)));
            assertEquals(0, ((Number) run.get("sent")).intValue(), run.toString());
            assertEquals(0, reminders("gone.away@example.org").size());
            Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(LocalStack.STACK_NAME + "-Registrations")
                    .key(Map.of("eventId", AttributeValue.fromS("bounced"), "email", AttributeValue.fromS("gone.away@example.org")))).item();
            assertEquals("1", item.get("remindersSkipped").n(), item.toString());
            assertTrue(!item.containsKey("remindersSent") || "0".equals(item.get("remindersSent").n()), item.toString());
        }
    }

    @Test
    void theManagePageTurnsRemindersOffAndBackOn() throws Exception {
        Instant start = Instant.now().plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MINUTES);
        meeting("switch", start);
        register("switch", "switcher@example.org", "Europe/Lisbon", "198.18.7.5");
        stack.drainStreams();
        String token = manageToken("switcher@example.org");

        HttpResponse<String> off = manage(token, "Europe%2FLisbon", "&remindersShown=yes");
        assertEquals(303, off.statusCode(), off.body());
        assertTrue(off.headers().firstValue("Location").orElse("").contains("remindersOff"));
        assertEquals(0, ((Number) run(start.minus(Duration.ofMinutes(56))).get("sent")).intValue(), "reminders are off");

        HttpResponse<String> on = manage(token, "Europe%2FLisbon", "&remindersShown=yes&reminders=on");
        assertEquals(303, on.statusCode(), on.body());
        String done = HTTP.send(HttpRequest.newBuilder(URI.create(stack.url() + on.headers().firstValue("Location").orElseThrow())).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(done.contains("Reminders are on again"), done);
        assertEquals(1, ((Number) run(start.minus(Duration.ofMinutes(55))).get("sent")).intValue(), "on again: the one-hour reminder comes");
        assertEquals(1, reminders("switcher@example.org").size());
    }

    private static String manageToken(String address) throws Exception {
        String confirmation = String.valueOf(JSON.std.listFrom(HTTP.send(HttpRequest.newBuilder(URI.create(stack.url()
                + "/_local/outbox.json")).build(), HttpResponse.BodyHandlers.ofString()).body()).stream()
                .map(e -> (Map<?, ?>) e).filter(e -> ((List<?>) e.get("to")).contains(address)).findFirst().orElseThrow().get("text"));
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("/manage\\?token=(\\S+)").matcher(confirmation);
        assertTrue(link.find(), confirmation);
        return link.group(1);
    }

    private static HttpResponse<String> manage(String token, String zone, String more) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(stack.url() + "/manage"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(
                        "token=" + token + "&action=update&timeZone=" + zone + "&interests=other" + more)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void meeting(String eventId, Instant start) {
        try (var dynamo = LocalTables.client(stack.emulators().dynamodb())) {
            new EventRepository(dynamo, LocalStack.STACK_NAME + "-Events", Clock.systemUTC()).put(new Event(eventId, "Meeting " + eventId,
                    start, Duration.ofMinutes(90), ZoneId.of("America/New_York"), List.of(), "https://meet.example.org/" + eventId, start, false));
        }
    }

    private static void register(String eventId, String email, String zone, String source) throws Exception {
        String body = "{\"name\":\"Reader\",\"email\":\"" + email + "\",\"organization\":\"Org\",\"role\":\"other\",\"country\":\"KE\","
                + "\"interests\":[\"other\"],\"newsletter\":false,\"timeZone\":\"" + zone + "\"}";
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(stack.url() + "/events/" + eventId + "/registrations"))
                .header("Content-Type", "application/json").header("X-Local-Source-Ip", source)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, answer.statusCode(), answer.body());
    }

    private static Map<String, Object> run(Instant now) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(stack.url() + "/_local/run/ReminderFunction"))
                .header("X-Local-Now", now.toString()).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        return JSON.std.mapFrom(answer.body());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> reminders(String address) throws Exception {
        List<Object> all = (List<Object>) JSON.std.anyFrom(HTTP.send(HttpRequest.newBuilder(URI.create(stack.url() + "/_local/outbox.json")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        return all.stream().map(e -> (Map<String, Object>) e).filter(e -> ((List<?>) e.get("to")).contains(address))
                .filter(e -> !String.valueOf(e.get("subject")).startsWith("Registration")).toList();
    }
}
