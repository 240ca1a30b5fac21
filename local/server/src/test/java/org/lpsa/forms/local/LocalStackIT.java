package org.lpsa.forms.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
    void anIdeaOfTwentyThousandSpacesAndOneWordIsAnsweredWithinASecond() throws Exception {
        // text cleaning is linear: a pattern with overlapping runs took seconds to minutes on such input
        String body = "{\"submissionId\":\"linear-0001\",\"area\":\"other\",\"title\":\"t\",\"text\":\""
                + " ".repeat(20_000) + "x\"}";
        long began = System.nanoTime();
        HttpResponse<String> answer = post("/ideas", "application/json", body);
        long millis = (System.nanoTime() - began) / 1_000_000;
        assertEquals(201, answer.statusCode(), answer.body());
        assertTrue(millis < 1_000, "answered after " + millis + " ms");
    }

    @Test
    void jsonWithBytesThatAreNotUtf8IsRefusedAsAFormIs() throws Exception {
        byte[] body = ("{\"name\":\"Ana\u00ff\",\"email\":\"ana.bytes@example.org\",\"organization\":\"City\",\"role\":\"other\","
                + "\"country\":\"KE\",\"interests\":[\"other\"],\"newsletter\":false}").getBytes(StandardCharsets.ISO_8859_1);
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(stack.url() + "/events/demo/registrations"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("UTF-8"), answer.body());
    }

    @Test
    void aRequestIsAnsweredWithinTwoSecondsWhileTwentySlowClientsTrickleTheirs() throws Exception {
        URI url = URI.create(stack.url());
        List<java.net.Socket> slow = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                java.net.Socket socket = new java.net.Socket(url.getHost(), url.getPort());
                // a request whose body never arrives in full: its handler waits for the rest
                socket.getOutputStream().write(("POST /ideas HTTP/1.1\r\nHost: " + url.getAuthority()
                        + "\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                slow.add(socket);
            }
            long began = System.nanoTime();
            // bounded, so a server held by the slow clients fails the test instead of hanging it
            HttpResponse<String> info = HTTP.send(HttpRequest.newBuilder(URI.create(stack.url() + "/events/demo"))
                    .timeout(java.time.Duration.ofSeconds(15)).GET().build(), HttpResponse.BodyHandlers.ofString());
            long millis = (System.nanoTime() - began) / 1_000_000;
            assertEquals(200, info.statusCode());
            assertTrue(millis < 2_000, "answered after " + millis + " ms");
        } finally {
            for (java.net.Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void aNameHoldingAHostNameIsNotRepeatedInTheConfirmation() throws Exception {
        String body = "{\"name\":\"Claim your prize at prize-evil.de now\",\"email\":\"stranger@example.org\","
                + "\"organization\":\"x\",\"role\":\"other\",\"country\":\"KE\",\"interests\":[\"other\"],\"newsletter\":false}";
        assertEquals(201, post("/events/demo/registrations", "application/json", body).statusCode());
        Map<String, Object> email = awaitOneEmailTo("stranger@example.org");
        String text = String.valueOf(email.get("text")) + email.get("html") + email.get("subject");
        assertTrue(text.contains("\n\nHello,\n"), "a plain greeting instead: " + text);
        assertFalse(text.contains("prize-evil"), text);
    }

    @Test
    void theRootLeadsToTheDemoMeetingsPageWhichSaysWhenItIsWithoutJavaScript() throws Exception {
        HttpResponse<String> root = get("/");
        assertEquals(302, root.statusCode());
        assertEquals("/events/demo/register", root.headers().firstValue("location").orElseThrow());
        HttpResponse<String> page = get("/events/demo/register");
        assertEquals(200, page.statusCode());
        String html = page.body();
        assertTrue(html.contains("<form id=\"register\" method=\"post\" action=\"/events/demo/registrations\""), html);
        java.time.LocalDate day = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusMonths(1);
        String date = day.format(java.time.format.DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", java.util.Locale.ENGLISH));
        assertTrue(html.contains(date + ", 12:00 UTC"), "the date and the start in UTC: " + date);
        assertTrue(html.contains("90 minutes, online, on Zoom"), html);
        assertTrue(html.contains("href=\"/privacy\""), "the form links to the privacy notice");

        HttpResponse<String> privacy = get("/privacy");
        assertEquals(200, privacy.statusCode());
        assertTrue(privacy.body().contains("365 days after the meeting"), privacy.body());
        assertTrue(get("/ideas.html").body().contains("href=\"/privacy\""), "so does the ideas form");
    }

    @Test
    void aJsonRegistrationIsConfirmedOnceInTheOutbox() throws Exception {
        String body = "{\"name\":\"Priya Sharma\",\"email\":\"Priya.Sharma@Example.org\",\"organization\":\"Institute\","
                + "\"role\":\"researcher\",\"country\":\"IN\",\"interests\":[\"online-courses\"],\"newsletter\":true}";
        assertEquals(201, post("/events/demo/registrations", "application/json", body).statusCode());
        HttpResponse<String> again = post("/events/demo/registrations", "application/json", body.replace("Priya.Sharma@Example.org", "PRIYA.sharma@example.org"));
        assertEquals(200, again.statusCode());
        HttpResponse<String> invalid = post("/events/demo/registrations", "application/json", body.replace("Priya.Sharma@Example.org", "priya"));
        assertEquals(400, invalid.statusCode());
        assertTrue(invalid.body().contains("\"field\":\"email\""), invalid.body());

        awaitOneEmailTo("priya.sharma@example.org");
        stack.drainStreams();
        List<Map<String, Object>> mine = outboxTo("priya.sharma@example.org");
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
    void aPlainFormRegistrationCanBeCancelledThroughTheManageLinkInItsConfirmation() throws Exception {
        String form = "name=Kwame+Mensah&email=kwame%40example.org&organization=District+Assembly&role=government-official"
                + "&country=GH&interests=country-support&newsletter=on&website=";
        HttpResponse<String> posted = post("/events/demo/registrations", "application/x-www-form-urlencoded", form);
        assertEquals(303, posted.statusCode());
        String location = posted.headers().firstValue("location").orElseThrow();
        HttpResponse<String> thanks = get(location);
        assertEquals(200, thanks.statusCode());
        assertFalse(thanks.body().contains("kwame"), "the thank-you page names no address: " + thanks.body());
        assertFalse(holdsLocalPart(location, "kwame"), "nor does its redirect: " + location);

        HttpResponse<String> invalid = post("/events/demo/registrations", "application/x-www-form-urlencoded",
                form.replace("kwame%40example.org", "kwame"));
        assertEquals(400, invalid.statusCode());
        assertTrue(invalid.headers().firstValue("content-type").orElse("").startsWith("text/html"));
        assertTrue(invalid.body().contains("Email address"), invalid.body());

        String text = String.valueOf(awaitOneEmailTo("kwame@example.org").get("text"));
        java.util.regex.Matcher link = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(stack.url())
                + "/manage\\?token=(\\S+)").matcher(text);
        assertTrue(link.find(), text);
        String token = java.net.URLDecoder.decode(link.group(1), StandardCharsets.UTF_8);
        assertEquals(200, get("/manage?token=" + link.group(1)).statusCode());

        int signature = token.indexOf('.') + 1;
        String changed = token.substring(0, signature) + (token.charAt(signature) == 'A' ? 'B' : 'A') + token.substring(signature + 1);
        assertEquals(400, post("/manage", "application/x-www-form-urlencoded", "action=cancel&token=" + changed).statusCode());

        HttpResponse<String> cancelled = post("/manage", "application/x-www-form-urlencoded", "action=cancel&token=" + token);
        assertEquals(303, cancelled.statusCode());
        assertEquals(200, get(cancelled.headers().firstValue("location").orElseThrow()).statusCode());
        HttpResponse<String> shown = get("/manage?token=" + link.group(1));
        assertTrue(shown.body().contains("<strong>cancelled</strong>"), shown.body());
        assertFalse(holdsLocalPart(link.group(1), "kwame"), "the manage link names a random id, not the address: " + token);

        // deleted, then registered again: the old link opens nothing, the new confirmation's link works
        assertEquals(303, post("/manage", "application/x-www-form-urlencoded", "action=delete&token=" + link.group(1)).statusCode());
        assertEquals(303, post("/events/demo/registrations", "application/x-www-form-urlencoded", form).statusCode());
        HttpResponse<String> old = get("/manage?token=" + link.group(1));
        assertEquals(410, old.statusCode());
        assertTrue(old.body().contains("no longer valid"), old.body());
        stack.drainStreams();
        List<Map<String, Object>> sent = outboxTo("kwame@example.org");
        java.util.regex.Matcher renewed = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(stack.url())
                + "/manage\\?token=(\\S+)").matcher(String.valueOf(sent.get(sent.size() - 1).get("text")));
        assertTrue(renewed.find());
        assertNotEquals(link.group(1), renewed.group(1));
        HttpResponse<String> again = get("/manage?token=" + renewed.group(1));
        assertEquals(200, again.statusCode());
        assertFalse(again.body().contains("<strong>cancelled</strong>"), again.body());
    }

    /** Whether {@code local} shows in {@code url}, in clear or in any base64url-decoded part of it. */
    private static boolean holdsLocalPart(String url, String local) {
        String decoded = java.net.URLDecoder.decode(url, StandardCharsets.UTF_8);
        for (String part : decoded.split("[^A-Za-z0-9_-]+")) {
            try {
                if (new String(java.util.Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8).contains(local)) {
                    return true;
                }
            } catch (IllegalArgumentException notBase64) {
                // not a base64 part
            }
        }
        return decoded.contains(local);
    }

    @Test
    void aSourceSendingTwentyOneRegistrationsInSecondsGets429WhileAnotherSourceIsStillServed() throws Exception {
        // a source's count is per clock minute: the whole burst, up to the late form, falls in one
        long into = System.currentTimeMillis() % 60_000;
        if (into > 50_000) {
            Thread.sleep(60_000 - into + 50);
        }
        int limited = 0;
        for (int i = 0; i < 21; i++) {
            String body = "{\"name\":\"Burst " + i + "\",\"email\":\"burst" + i + "@example.org\",\"organization\":\"x\","
                    + "\"role\":\"other\",\"country\":\"FR\",\"interests\":[\"other\"],\"newsletter\":false}";
            HttpResponse<String> answer = postFrom("203.0.113.7", "/events/demo/registrations", "application/json", body);
            if (answer.statusCode() == 429) {
                limited++;
                assertTrue(answer.headers().firstValue("retry-after").isPresent(), "429 says when to try again");
            } else {
                assertEquals(201, answer.statusCode(), answer.body());
            }
        }
        assertTrue(limited >= 1, "one source cannot send 21 registrations in a few seconds");

        String other = "{\"name\":\"Other\",\"email\":\"other-source@example.org\",\"organization\":\"x\","
                + "\"role\":\"other\",\"country\":\"FR\",\"interests\":[\"other\"],\"newsletter\":false}";
        assertEquals(201, postFrom("203.0.113.8", "/events/demo/registrations", "application/json", other).statusCode(),
                "another source is still served");

        HttpResponse<String> page = postFrom("203.0.113.7", "/events/demo/registrations", "application/x-www-form-urlencoded",
                "name=Late&email=late%40example.org&organization=x&role=other&country=FR&interests=other&website=");
        assertEquals(429, page.statusCode());
        assertTrue(page.headers().firstValue("content-type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("Please wait a minute and send it again"), page.body());
    }

    @Test
    void aFilledHoneypotAnswersLikeASuccessAndSendsNothing() throws Exception {
        String body = "{\"name\":\"Bot\",\"email\":\"bot@example.org\",\"organization\":\"x\",\"role\":\"other\","
                + "\"country\":\"FR\",\"interests\":[\"other\"],\"newsletter\":true,\"website\":\"http://spam.example.com\"}";
        assertEquals(201, post("/events/demo/registrations", "application/json", body).statusCode());
        stack.drainStreams();
        assertTrue(outboxTo("bot@example.org").isEmpty());
    }

    @Test
    void corsPreflightsAreAnsweredForTheTemplatesOriginsOnly() throws Exception {
        HttpResponse<String> allowed = HTTP.send(HttpRequest.newBuilder(URI.create(stack.url() + "/events/demo/registrations"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://decentralization.net")
                .header("Access-Control-Request-Method", "POST").header("Access-Control-Request-Headers", "content-type").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(204, allowed.statusCode());
        assertEquals("https://decentralization.net", allowed.headers().firstValue("access-control-allow-origin").orElse(null));
        assertTrue(allowed.headers().firstValue("access-control-allow-methods").orElse("").contains("POST"));
        assertTrue(allowed.headers().firstValue("access-control-allow-headers").orElse("").contains("content-type"));

        HttpResponse<String> other = HTTP.send(HttpRequest.newBuilder(URI.create(stack.url() + "/events/demo/registrations"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://elsewhere.example.com")
                .header("Access-Control-Request-Method", "POST").build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(other.headers().firstValue("access-control-allow-origin").isEmpty());

        HttpResponse<String> facts = HTTP.send(HttpRequest.newBuilder(URI.create(stack.url() + "/events/demo"))
                .header("Origin", "https://decentralization.net").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, facts.statusCode());
        assertEquals("https://decentralization.net", facts.headers().firstValue("access-control-allow-origin").orElse(null));
        assertTrue(facts.body().contains("\"registrationOpen\":true"), facts.body());
    }

    @Test
    void anIdeaFromTheFormIsStoredOnceAndAcknowledgedOnce() throws Exception {
        String body = "{\"submissionId\":\"a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d\",\"area\":\"online-courses\","
                + "\"title\":\"A course on local revenue\",\"text\":\"Property tax administration for small towns.\","
                + "\"name\":\"Tomas Silva\",\"email\":\"tomas@example.org\"}";
        assertEquals(201, post("/ideas", "application/json", body).statusCode());
        assertEquals(200, post("/ideas", "application/json", body).statusCode());
        Map<String, Object> ack = awaitOneEmailTo("tomas@example.org");
        assertTrue(String.valueOf(ack.get("text")).contains("A course on local revenue"));
        assertEquals(1, ideasFrom("tomas@example.org").size());

        HttpResponse<String> form = post("/ideas", "application/x-www-form-urlencoded",
                "submissionId=f0e1d2c3-b4a5-4968-8776-655443322110&area=convening&title=Peer+exchange&text=City+to+city.&website=");
        assertEquals(303, form.statusCode());
        assertEquals(200, get(form.headers().firstValue("location").orElseThrow()).statusCode());
    }

    @Test
    void emailedIdeasAreStoredCleanedAndAcknowledgedOnceButMachinesAreNeverAnswered() throws Exception {
        String plain = "From: Amara Okafor <amara@example.org>\r\nTo: ideas@decentralization.net\r\nSubject: Data on local budgets\r\n"
                + "Message-ID: <1@example.org>\r\n\r\nA dataset of municipal budgets would help researchers.\r\n\r\n"
                + "On Fri, 10 Jun 2022 at 14:02, LPSA <ideas@decentralization.net> wrote:\r\n> Dear colleagues, join us\r\n";
        HttpResponse<String> first = postEmail(plain, Map.of());
        assertEquals(202, first.statusCode());
        awaitOneEmailTo("amara@example.org");
        assertEquals(202, postEmail(plain, Map.of()).statusCode(), "a redelivery");
        stack.drainStreams();
        assertEquals(1, outboxTo("amara@example.org").size());
        List<Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> ideas = ideasFrom("amara@example.org");
        assertEquals(1, ideas.size());
        assertEquals("A dataset of municipal budgets would help researchers.", ideas.get(0).get("text").s());
        assertEquals("knowledge-products", ideas.get(0).get("area").s());

        String outOfOffice = "From: Kenji <kenji@example.com>\r\nTo: ideas@decentralization.net\r\n"
                + "Subject: Automatic reply: Data\r\nAuto-Submitted: auto-replied\r\n\r\nI am away.\r\n";
        String bounce = "From: MAILER-DAEMON@example.net\r\nReturn-Path: <>\r\nTo: ideas@decentralization.net\r\n"
                + "Subject: Undeliverable\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"r\"\r\n\r\n"
                + "--r\r\nContent-Type: text/plain\r\n\r\nDelivery failed.\r\n--r\r\nContent-Type: message/delivery-status\r\n\r\n"
                + "Status: 5.1.1\r\n--r--\r\n";
        String spam = "From: Prize <prize@example.net>\r\nTo: ideas@decentralization.net\r\nSubject: You won\r\n\r\nClaim now.\r\n";
        assertEquals(202, postEmail(outOfOffice, Map.of()).statusCode());
        assertEquals(202, postEmail(bounce, Map.of()).statusCode());
        assertEquals(202, postEmail(spam, Map.of("X-Local-Spam-Verdict", "FAIL")).statusCode());
        stack.drainStreams();
        assertTrue(outboxTo("kenji@example.com").isEmpty());
        assertTrue(outboxTo("mailer-daemon@example.net").isEmpty() && outboxTo("MAILER-DAEMON@example.net").isEmpty());
        assertTrue(outboxTo("prize@example.net").isEmpty());
        assertEquals(1, ideasFrom("kenji@example.com").size());
        assertEquals("quarantined", ideasFrom("prize@example.net").get(0).get("status").s());
    }

    @Test
    void aBouncePublishedToTheTopicSuppressesTheAddressAndNothingMoreIsSent() throws Exception {
        String bounce = "{\"eventType\":\"Bounce\",\"bounce\":{\"bounceType\":\"Permanent\","
                + "\"bouncedRecipients\":[{\"emailAddress\":\"Gone.Away@example.org\"}]}}";
        HttpResponse<String> published = HTTP.send(HttpRequest.newBuilder(URI.create(stack.url() + "/_local/sns/MailFeedbackTopic"))
                .POST(HttpRequest.BodyPublishers.ofString(bounce)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, published.statusCode(), published.body());
        HttpResponse<String> unknown = HTTP.send(HttpRequest.newBuilder(URI.create(stack.url() + "/_local/sns/NoSuchTopic"))
                .POST(HttpRequest.BodyPublishers.ofString(bounce)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.body().contains("MailFeedbackTopic"), unknown.body());

        String body = "{\"name\":\"Gone Away\",\"email\":\"gone.away@example.org\",\"organization\":\"Org\",\"role\":\"other\","
                + "\"country\":\"KE\",\"interests\":[\"other\"],\"newsletter\":false}";
        assertEquals(201, post("/events/demo/registrations", "application/json", body).statusCode());
        stack.drainStreams();
        try (var dynamo = org.lpsa.forms.local.aws.LocalTables.client(stack.emulators().dynamodb())) {
            var item = dynamo.getItem(b -> b.tableName(LocalStack.STACK_NAME + "-Registrations").consistentRead(true)
                    .key(Map.of("eventId", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("demo"),
                            "email", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("gone.away@example.org")))).item();
            assertEquals("SKIPPED", item.get("emailStatus").s(), "the mailer skips a suppressed address");
        }
        assertTrue(outboxTo("gone.away@example.org").isEmpty());
    }

    private static HttpResponse<String> postEmail(String raw, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.url() + "/_local/inbound-email"))
                .POST(HttpRequest.BodyPublishers.ofString(raw));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> ideasFrom(String email) {
        try (var dynamo = org.lpsa.forms.local.aws.LocalTables.client(stack.emulators().dynamodb())) {
            return dynamo.scan(b -> b.tableName(LocalStack.STACK_NAME + "-Ideas")).items().stream()
                    .filter(i -> i.containsKey("email") && i.get("email").s().equals(email)).toList();
        }
    }

    /** Once the stream stand-in has delivered everything owed (a drain, not a wait), the one email to {@code address}. */
    private static Map<String, Object> awaitOneEmailTo(String address) throws Exception {
        stack.drainStreams();
        List<Map<String, Object>> mine = outboxTo(address);
        assertEquals(1, mine.size(), "one email to " + address);
        return mine.get(0);
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

    /** A post as a client at {@code source} would send it (the local stand-in's X-Local-Source-Ip). */
    private static HttpResponse<String> postFrom(String source, String path, String type, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(stack.url() + path)).header("Content-Type", type)
                .header("X-Local-Source-Ip", source).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String type, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(stack.url() + path)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
