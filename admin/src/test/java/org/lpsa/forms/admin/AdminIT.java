package org.lpsa.forms.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lpsa.forms.events.Event;
import org.lpsa.forms.events.EventRepository;
import org.lpsa.forms.ideas.Idea;
import org.lpsa.forms.ideas.IdeaRepository;
import org.lpsa.forms.local.aws.Emulators;
import org.lpsa.forms.local.aws.LocalTables;
import org.lpsa.forms.local.aws.LocalTemplate;
import org.lpsa.forms.local.aws.RepoRoot;
import org.lpsa.forms.registration.RegistrationRepository;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.s3.S3Client;

/** Every admin command against the emulators, with seeded data, read back from stdout and files. */
class AdminIT {
    private static final AtomicInteger STACKS = new AtomicInteger();
    private static final Instant START = Instant.parse("2022-06-10T12:00:00Z");

    private String stack;
    private LocalTemplate template;
    private DynamoDbClient dynamo;
    private S3Client s3;
    private Target target;

    @TempDir
    Path dir;

    @BeforeEach
    void setUp() {
        stack = "admin" + ProcessHandle.current().pid() + "-" + STACKS.incrementAndGet();
        template = LocalTemplate.load(RepoRoot.find().resolve("template.yaml"), stack, Map.of());
        dynamo = LocalTables.client(Emulators.shared().dynamodb());
        s3 = LocalTables.s3(Emulators.shared().s3());
        LocalTables.createAll(dynamo, template);
        LocalTables.createBuckets(s3, template);
        target = Target.of(stack, dynamo, s3);
        new EventRepository(dynamo, stack + "-Events", java.time.Clock.systemUTC()).put(new Event("opm-2022",
                "LPSA Open Planning Meeting 2022/23", START, Duration.ofMinutes(90), ZoneId.of("America/New_York"), List.of(),
                null, START, false));
    }

    private record Result(int exit, String out, String err) {}

    private Result admin(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AdminCli cli = new AdminCli();
        cli.preset = target;
        int exit = AdminCli.run(cli, args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(exit, out.toString(), err.toString());
    }

    private void register(String email, String name, String country, String role, String zone, boolean newsletter, String registeredAt) {
        Map<String, AttributeValue> item = registrationItem(email, name, country, role, zone, newsletter, registeredAt);
        dynamo.putItem(b -> b.tableName(stack + "-Registrations").item(item));
    }

    private static Map<String, AttributeValue> registrationItem(String email, String name, String country, String role, String zone,
                                                                boolean newsletter, String registeredAt) {
        return Map.ofEntries(Map.entry("eventId", s("opm-2022")), Map.entry("email", s(email)), Map.entry("name", s(name)),
                Map.entry("organization", s("Ministry")), Map.entry("role", s(role)), Map.entry("country", s(country)),
                Map.entry("timeZone", s(zone)), Map.entry("interests", AttributeValue.fromSs(List.of("webinar-topics"))),
                Map.entry("newsletter", AttributeValue.fromBool(newsletter)), Map.entry("status", s("registered")),
                Map.entry("registeredAt", s(registeredAt)), Map.entry("emailStatus", s("SENT")));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private void seedPeople() {
        register("ana@example.org", "Ana Pérez", "NP", "government-official", "Asia/Kathmandu", true, "2022-06-01T09:00:00.000Z");
        register("sam@example.org", "Sam Okafor", "NG", "researcher", "Africa/Lagos", false, "2022-06-02T09:00:00.000Z");
        register("lee@example.org", "Lee Wong", "US", "civil-society", "America/New_York", true, "2022-06-03T09:00:00.000Z");
    }

    @SuppressWarnings("unchecked")
    @Test
    void registrationsListAsJsonCsvAndFiltered() throws Exception {
        seedPeople();
        Result json = admin("registrations", "list", "--event", "opm-2022", "--format", "json");
        assertEquals(0, json.exit(), json.err());
        List<Object> rows = JSON.std.listFrom(json.out());
        assertEquals(3, rows.size());
        Map<String, Object> ana = (Map<String, Object>) rows.stream().filter(r -> ((Map<?, ?>) r).get("email").equals("ana@example.org"))
                .findFirst().orElseThrow();
        for (String field : RegistrationsCommands.COLUMNS) {
            assertTrue(ana.containsKey(field), field);
        }
        assertEquals("Ana Pérez", ana.get("name"));

        Result csv = admin("registrations", "list", "--event", "opm-2022", "--format", "csv");
        List<List<String>> lines = CsvReader.parse(csv.out());
        assertEquals(RegistrationsCommands.COLUMNS, lines.get(0));
        assertEquals(4, lines.size());

        assertEquals(1, JSON.std.listFrom(admin("registrations", "list", "--event", "opm-2022", "--country", "ng", "--format", "json").out()).size());
        assertEquals(1, JSON.std.listFrom(admin("registrations", "list", "--event", "opm-2022", "--role", "civil-society", "--format", "json").out()).size());
        assertEquals(2, JSON.std.listFrom(admin("registrations", "list", "--event", "opm-2022", "--since", "2022-06-02", "--format", "json").out()).size());
        assertTrue(admin("registrations", "list", "--event", "opm-2022").out().contains("(3 rows)"));
    }

    @Test
    void anExportOf5000RegistrationsPagesThroughAllAndKeepsNamesInEveryScript() throws Exception {
        List<String> names = List.of("فاطمة الزهراء", "王小明", "अनीता शर्मा", "José Núñez", "Zoë Ólafsdóttir", "Nguyễn Văn An");
        List<WriteRequest> batch = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            String name = names.get(i % names.size()) + " " + i;
            batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(registrationItem("person" + i + "@example.org", name, "EG",
                    "researcher", "Africa/Cairo", i % 2 == 0, "2022-06-01T09:00:00.000Z")).build()).build());
            if (batch.size() == 25) {
                List<WriteRequest> chunk = List.copyOf(batch);
                dynamo.batchWriteItem(b -> b.requestItems(Map.of(stack + "-Registrations", chunk)));
                batch.clear();
            }
        }
        Path file = dir.resolve("zoom.csv");
        Result result = admin("registrations", "export", "--event", "opm-2022", "--out", file.toString());
        assertEquals(0, result.exit(), result.err());
        byte[] bytes = Files.readAllBytes(file);
        assertEquals((byte) 0xEF, bytes[0], "UTF-8 BOM");
        List<List<String>> lines = CsvReader.parse(new String(bytes, StandardCharsets.UTF_8).substring(1));
        assertEquals(RegistrationsCommands.ZOOM_COLUMNS, lines.get(0));
        assertEquals(5001, lines.size());
        List<String> arabic = lines.stream().filter(l -> l.get(0).equals("person0@example.org")).findFirst().orElseThrow();
        assertEquals(List.of("person0@example.org", "فاطمة الزهراء", "0", "Ministry", "Egypt", "researcher"), arabic.subList(0, 6));
        for (int i = 1; i < names.size(); i++) {
            int n = i;
            List<String> line = lines.stream().filter(l -> l.get(0).equals("person" + n + "@example.org")).findFirst().orElseThrow();
            assertEquals(names.get(i) + " " + i, line.get(1) + " " + line.get(2));
        }
    }

    @Test
    void cancelMarksTheRegistrationCancelled() {
        seedPeople();
        Result result = admin("registrations", "cancel", "--event", "opm-2022", "--email", "Ana@Example.org");
        assertEquals(0, result.exit(), result.err());
        assertEquals("cancelled", new RegistrationRepository(dynamo, stack + "-Registrations").find("opm-2022", "ana@example.org")
                .orElseThrow().status());
        assertEquals(1, admin("registrations", "cancel", "--event", "opm-2022", "--email", "ana@example.org").exit(), "already cancelled");
    }

    private Idea idea(String id, String channel, String area, String status, String email, String at) {
        return Idea.builder().ideaId(id).channel(channel)
                .submissionId(channel.equals("web") ? "sub-" + id : null).messageId(channel.equals("email") ? "msg-" + id : null)
                .area(area).areaReason("keywords").status(status).receivedAt(Instant.parse(at)).name("Grace").email(email)
                .title("Title " + id).text("Text of " + id)
                .s3Bucket(channel.equals("email") ? stack + "-inboundmailbucket" : null)
                .s3Key(channel.equals("email") ? "inbound/msg-" + id : null)
                .build();
    }

    private void seedIdeas() {
        IdeaRepository ideas = new IdeaRepository(dynamo, stack + "-Ideas");
        ideas.insertIfAbsent(idea("web#1", "web", "webinar-topics", "new", "grace@example.org", "2022-06-01T10:00:00Z"));
        ideas.insertIfAbsent(idea("email#2", "email", "webinar-topics", "new", "grace@example.org", "2022-06-02T10:00:00Z"));
        ideas.insertIfAbsent(idea("email#3", "email", "other", "quarantined", "spam@example.net", "2022-06-03T10:00:00Z"));
        s3.putObject(b -> b.bucket(stack + "-inboundmailbucket").key("inbound/msg-email#2"), RequestBody.fromString("raw"));
    }

    @SuppressWarnings("unchecked")
    @Test
    void ideasListShowSetAreaReleaseAndExport() throws Exception {
        seedIdeas();
        List<Object> all = JSON.std.listFrom(admin("ideas", "list", "--format", "json").out());
        assertEquals(List.of("email#3", "email#2", "web#1"), all.stream().map(i -> ((Map<?, ?>) i).get("ideaId")).toList(), "newest first");
        for (String field : IdeasCommands.COLUMNS) {
            assertTrue(((Map<String, Object>) all.get(0)).containsKey(field), field);
        }
        assertEquals(2, JSON.std.listFrom(admin("ideas", "list", "--area", "webinar-topics", "--format", "json").out()).size());
        assertEquals(1, JSON.std.listFrom(admin("ideas", "list", "--channel", "web", "--format", "json").out()).size());
        assertEquals(1, JSON.std.listFrom(admin("ideas", "list", "--status", "quarantined", "--format", "json").out()).size());

        Map<String, Object> shown = JSON.std.mapFrom(admin("ideas", "show", "email#2").out());
        assertEquals("Text of email#2", shown.get("text"));
        assertEquals("inbound/msg-email#2", shown.get("s3Key"));

        assertEquals(0, admin("ideas", "set-area", "email#2", "online-courses").exit());
        Map<String, Object> moved = JSON.std.mapFrom(admin("ideas", "show", "email#2").out());
        assertEquals("online-courses", moved.get("area"));
        assertEquals("set by an admin", moved.get("areaReason"));
        assertEquals(1, admin("ideas", "set-area", "email#2", "gardening").exit());

        assertEquals(0, admin("ideas", "release", "email#3").exit());
        assertEquals("new", JSON.std.mapFrom(admin("ideas", "show", "email#3").out()).get("status"));
        assertEquals(1, admin("ideas", "release", "email#3").exit(), "not quarantined any more");

        Path file = dir.resolve("ideas.csv");
        assertEquals(0, admin("ideas", "export", "--out", file.toString()).exit());
        List<List<String>> lines = CsvReader.parse(Files.readString(file).substring(1));
        assertEquals(4, lines.size());
        assertTrue(lines.get(0).contains("text"));
    }

    @SuppressWarnings("unchecked")
    @Test
    void statsCountRegistrationsAndIdeas() throws Exception {
        seedPeople();
        seedIdeas();
        Map<String, Object> stats = JSON.std.mapFrom(admin("stats", "--event", "opm-2022", "--format", "json").out());
        Map<String, Object> r = (Map<String, Object>) stats.get("registrations");
        assertEquals(3, r.get("registered"));
        assertEquals(2, r.get("newsletter"));
        assertEquals(Map.of("NG", 1, "NP", 1, "US", 1), r.get("byCountry"));
        assertEquals(Map.of("Sub-Saharan Africa", 1, "South Asia", 1, "North America", 1), r.get("byRegion"));
        assertEquals(Map.of("UTC+5:45", 1, "UTC+1", 1, "UTC-4", 1), r.get("byUtcOffset"));
        Map<String, Object> ideas = (Map<String, Object>) stats.get("ideas");
        assertEquals(Map.of("webinar-topics", 2, "other", 1), ideas.get("byArea"));
        assertEquals(Map.of("web", 1, "email", 2), ideas.get("byChannel"));

        String table = admin("stats", "--event", "opm-2022").out();
        assertTrue(table.contains("NP"), table);
        assertTrue(table.contains("South Asia"), table);

        List<String> csv = admin("stats", "--event", "opm-2022", "--format", "csv").out().lines().toList();
        assertEquals("group,value,count", csv.get(0).replace("\uFEFF", ""));
        assertTrue(csv.contains("registrations,registered,3"), csv.toString());
        assertTrue(csv.contains("country,NP,1"), csv.toString());
        assertTrue(csv.contains("UTC offset at the meeting,UTC+5:45,1"), csv.toString());
        assertTrue(csv.contains("idea channel,email,2"), csv.toString());
    }

    @SuppressWarnings("unchecked")
    @Test
    void contactsExportThenForgetLeavesNothingAnywhere() throws Exception {
        seedPeople();
        seedIdeas();
        dynamo.putItem(b -> b.tableName(stack + "-Contacts").item(Map.of("email", s("grace@example.org"), "name", s("Grace"))));
        register("grace@example.org", "Grace Wanjiru", "KE", "researcher", "Africa/Nairobi", true, "2022-06-04T09:00:00.000Z");

        Map<String, Object> everything = JSON.std.mapFrom(admin("contacts", "export", "grace@example.org").out());
        assertEquals(1, ((List<?>) everything.get("registrations")).size());
        assertEquals(2, ((List<?>) everything.get("ideas")).size());
        assertEquals("Grace", ((Map<String, Object>) everything.get("contact")).get("name"));

        Result forgot = admin("contacts", "forget", "Grace@Example.org", "--format", "json");
        assertEquals(0, forgot.exit(), forgot.err());
        assertEquals(5, JSON.std.listFrom(forgot.out()).size(), forgot.out());
        for (String table : List.of("Registrations", "Ideas", "Contacts")) {
            boolean left = dynamo.scan(b -> b.tableName(stack + "-" + table)).items().stream()
                    .anyMatch(i -> i.containsKey("email") && i.get("email").s().equals("grace@example.org"));
            assertFalse(left, "an item with that email is left in " + table);
        }
        assertFalse(s3.listObjectsV2(b -> b.bucket(stack + "-inboundmailbucket")).contents().stream()
                .anyMatch(o -> o.key().equals("inbound/msg-email#2")), "the original message is deleted");
        assertEquals(3, dynamo.scan(b -> b.tableName(stack + "-Registrations")).count(), "others are kept");
    }

    @Test
    void eventsPutShowListClose() throws Exception {
        Path file = dir.resolve("webinar.json");
        Files.writeString(file, "{\"eventId\":\"webinar-2022-09\",\"title\":\"Fiscal transfers\",\"startsAt\":\"2022-09-15T13:00:00Z\","
                + "\"durationMinutes\":60,\"organiserZone\":\"Europe/Paris\",\"referenceCities\":[{\"label\":\"Paris\",\"zone\":\"Europe/Paris\"}],"
                + "\"registrationClosesAt\":\"2022-09-15T13:00:00Z\",\"status\":\"open\"}");
        assertEquals(0, admin("events", "put", file.toString()).exit());
        assertEquals("Fiscal transfers", JSON.std.mapFrom(admin("events", "show", "webinar-2022-09").out()).get("title"));
        assertEquals(2, JSON.std.listFrom(admin("events", "list", "--format", "json").out()).size());
        assertEquals(0, admin("events", "close", "webinar-2022-09").exit());
        assertEquals("closed", JSON.std.mapFrom(admin("events", "show", "webinar-2022-09").out()).get("status"));
        assertEquals(1, admin("events", "close", "nope").exit());
    }

    @SuppressWarnings("unchecked")
    @Test
    void registrationsListAndStatsShowTheReminders() throws Exception {
        Map<String, AttributeValue> owed = new java.util.HashMap<>(registrationItem("owed@example.org", "Owed", "NP", "other",
                "Asia/Kathmandu", false, "2022-06-01T09:00:00.000Z"));
        owed.put("reminderKind", s("SHORT_NOTICE"));
        owed.put("reminderDueAt", s("2022-06-10T11:00:00Z"));
        owed.put("remindersSent", AttributeValue.fromN("1"));
        owed.put("remindersSkipped", AttributeValue.fromN("1"));
        // its confirmation put back twice by SES's throttling, waiting to be sent again
        owed.put("emailStatus", AttributeValue.fromS("PENDING"));
        owed.put("emailError", AttributeValue.fromS("TooManyRequestsException"));
        owed.put("emailThrottled", AttributeValue.fromN("2"));
        Map<String, AttributeValue> off = new java.util.HashMap<>(registrationItem("off@example.org", "Off", "NP", "other",
                "Asia/Kathmandu", false, "2022-06-01T09:00:00.000Z"));
        off.put("remindersOff", AttributeValue.fromBool(true));
        dynamo.putItem(b -> b.tableName(stack + "-Registrations").item(owed));
        dynamo.putItem(b -> b.tableName(stack + "-Registrations").item(off));

        List<Object> rows = JSON.std.listFrom(admin("registrations", "list", "--event", "opm-2022", "--format", "json").out());
        Map<String, Object> owedRow = rows.stream().map(r -> (Map<String, Object>) r).filter(r -> "owed@example.org".equals(r.get("email")))
                .findFirst().orElseThrow();
        assertEquals("SHORT_NOTICE at 2022-06-10T11:00:00Z", owedRow.get("nextReminder"));
        assertEquals(1, ((Number) owedRow.get("remindersSent")).intValue());
        assertTrue(rows.stream().map(r -> (Map<String, Object>) r).anyMatch(r -> "off".equals(r.get("nextReminder"))));

        Map<String, Object> stats = JSON.std.mapFrom(admin("stats", "--event", "opm-2022", "--format", "json").out());
        Map<String, Object> reminders = (Map<String, Object>) ((Map<String, Object>) stats.get("registrations")).get("reminders");
        assertEquals(Map.of("sent", 1, "skipped", 1, "owed", 1, "turnedOff", 1), reminders);
        Map<String, Object> emails = (Map<String, Object>) ((Map<String, Object>) stats.get("registrations")).get("emails");
        assertEquals(1, emails.get("retrying"), emails.toString());
        assertEquals(2, emails.get("throttled"), emails.toString());
        String table = admin("stats", "--event", "opm-2022").out();
        assertTrue(table.contains("Emails: owed 0, sending 0, retrying 1, sent ") && table.contains("throttled 2"), table);
        assertTrue(table.contains("Reminders: sent 1, skipped 1, owed 1, turnedOff 1"), table);
    }

    @SuppressWarnings("unchecked")
    @Test
    void movingAMeetingTellsEachRegistrantOnceWithACalendarEntryThatMoves() throws Exception {
        String kathmandu = "moved.kathmandu@example.org";
        String lima = "moved.lima@example.org";
        register(kathmandu, "Ana", "NP", "other", "Asia/Kathmandu", false, "2022-06-01T09:00:00.000Z");
        register(lima, "Luis", "PE", "other", "America/Lima", false, "2022-06-01T09:00:00.000Z");
        var ses = software.amazon.awssdk.services.sesv2.SesV2Client.builder().endpointOverride(Emulators.shared().ses())
                .region(software.amazon.awssdk.regions.Region.US_EAST_1).credentialsProvider(
                        software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                                software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("local", "local"))).build();
        var mailer = org.lpsa.forms.outbox.Outbox.mailer(dynamo, new org.lpsa.forms.outbox.Outbox.Tables(stack + "-Events",
                stack + "-Registrations", stack + "-Ideas", stack + "-Contacts"), new org.lpsa.forms.mail.EmailSender(ses, null),
                new org.lpsa.forms.registration.LinkTokens("0123456789abcdef0123456789abcdef"::getBytes),
                new org.lpsa.forms.mail.Mailer.Settings("LPSA <events@decentralization.net>", "decentralization.net",
                        "https://forms.example.org", "ideas@decentralization.net"), java.time.Clock.systemUTC());

        // the meeting moves one hour later: 13:00 UTC
        Path moved = dir.resolve("moved.json");
        Map<String, Object> event = JSON.std.mapFrom(admin("events", "show", "opm-2022").out());
        event.put("startsAt", "2022-06-10T13:00:00Z");
        Files.writeString(moved, JSON.std.asString(event));
        Result put = admin("events", "put", moved.toString());
        assertEquals(0, put.exit(), put.err());
        assertTrue(put.err().contains("2 registrant(s)"), put.err());
        for (String address : List.of(kathmandu, lima)) {
            assertEquals(org.lpsa.forms.mail.Mailer.Outcome.SENT, mailer.deliver(stack + "-Registrations",
                    Map.of("eventId", s("opm-2022"), "email", s(address)), "test"));
        }
        List<Map<String, Object>> sent = sesStore();
        Map<String, Object> toKathmandu = sent.stream().filter(e -> String.valueOf(e.get("destination")).contains(kathmandu)).findFirst().orElseThrow();
        String text = String.valueOf(((Map<String, Object>) toKathmandu.get("body")).get("text"));
        assertTrue(String.valueOf(toKathmandu.get("subject")).startsWith("Meeting changed"), String.valueOf(toKathmandu.get("subject")));
        assertTrue(text.contains("6:45 PM") && text.contains("Kathmandu"), "the new time in their zone: " + text);
        String ics = new String(java.util.Base64.getDecoder().decode(String.valueOf(((Map<String, Object>) ((List<Object>) toKathmandu
                .get("attachments")).get(0)).get("content"))), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(ics.contains("UID:" + org.lpsa.forms.mail.IcsCalendar.uid("opm-2022", kathmandu, "decentralization.net")), ics);
        java.util.regex.Matcher sequence = java.util.regex.Pattern.compile("SEQUENCE:(\\d+)").matcher(ics);
        assertTrue(sequence.find() && Long.parseLong(sequence.group(1)) > 0, "a higher SEQUENCE than the confirmation's 0: " + ics);

        // the same again: nothing is owed
        Result again = admin("events", "put", moved.toString());
        assertFalse(again.err().contains("registrant(s)"), again.err());
        assertEquals(org.lpsa.forms.mail.Mailer.Outcome.NOT_DUE, mailer.deliver(stack + "-Registrations",
                Map.of("eventId", s("opm-2022"), "email", s(kathmandu)), "test"));

        // then it is called off: each is told once, with a calendar file that removes the entry
        Result cancel = admin("events", "cancel", "opm-2022", "--message", "We meet again in September.");
        assertEquals(0, cancel.exit(), cancel.err());
        assertTrue(cancel.err().contains("2 registrant(s)"), cancel.err());
        assertEquals(org.lpsa.forms.mail.Mailer.Outcome.SENT, mailer.deliver(stack + "-Registrations",
                Map.of("eventId", s("opm-2022"), "email", s(lima)), "test"));
        Map<String, Object> called = sesStore().stream().filter(e -> String.valueOf(e.get("destination")).contains(lima))
                .filter(e -> String.valueOf(e.get("subject")).startsWith("Meeting cancelled")).findFirst().orElseThrow();
        assertTrue(String.valueOf(((Map<String, Object>) called.get("body")).get("text")).contains("We meet again in September."));
        String cancelIcs = new String(java.util.Base64.getDecoder().decode(String.valueOf(((Map<String, Object>) ((List<Object>) called
                .get("attachments")).get(0)).get("content"))), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(cancelIcs.contains("METHOD:CANCEL") && cancelIcs.contains("STATUS:CANCELLED")
                && cancelIcs.contains("UID:" + org.lpsa.forms.mail.IcsCalendar.uid("opm-2022", lima, "decentralization.net")), cancelIcs);
        assertEquals(1, admin("events", "cancel", "opm-2022").exit(), "cancelled once");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> sesStore() throws Exception {
        var c = (java.net.HttpURLConnection) Emulators.shared().ses().resolve("/store").toURL().openConnection();
        try (var in = c.getInputStream()) {
            Map<String, Object> store = JSON.std.mapFrom(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            return ((List<Object>) store.get("emails")).stream().map(e -> (Map<String, Object>) e).toList();
        }
    }

    @Test
    void localWithoutARunningStackSaysSoClearly() throws Exception {
        StringWriter err = new StringWriter();
        int exit = AdminCli.run(new AdminCli(), new String[] {"registrations", "list", "--event", "demo", "--local",
                "--local-file", dir.resolve("missing.json").toString()}, new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals(1, exit);
        assertTrue(err.toString().contains("./lpsa local"), err.toString());

        Path stale = dir.resolve("local.json");
        Files.writeString(stale, "{\"url\":\"http://127.0.0.1:1\",\"dynamodb\":\"http://127.0.0.1:1\",\"pid\":999999999}");
        err = new StringWriter();
        exit = AdminCli.run(new AdminCli(), new String[] {"ideas", "list", "--local", "--local-file", stale.toString()},
                new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals(1, exit);
        assertTrue(err.toString().contains("stale"), err.toString());
    }
}
