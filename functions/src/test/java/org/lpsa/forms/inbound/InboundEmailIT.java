package org.lpsa.forms.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.lpsa.forms.TestStack;
import org.lpsa.forms.ideas.Idea;
import org.lpsa.forms.local.aws.SesInboundStandIn;
import org.lpsa.forms.local.aws.StreamPump;
import org.lpsa.forms.outbox.MailerHandler;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Ideas by email, through S3 (s3proxy), the inbound handler and the mailer, against the emulators:
 * the corpus in src/test/resources/mail/ with its manifest, redeliveries, the events/ samples, a 5 MB message.
 */
class InboundEmailIT {
    private static final Path CORPUS = Path.of("src/test/resources/mail");

    @TestFactory
    Stream<DynamicTest> everyMessageOfTheCorpusIsStoredSortedAndAnsweredAsItsManifestSays() throws IOException {
        List<Object> manifest = JSON.std.listFrom(Files.readString(CORPUS.resolve("manifest.json")));
        assertTrue(manifest.size() >= 25, "a corpus of at least 25 messages");
        return manifest.stream().map(o -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) o;
            return DynamicTest.dynamicTest(String.valueOf(m.get("file")), () -> checkMessage(m));
        });
    }

    @SuppressWarnings("unchecked")
    private void checkMessage(Map<String, Object> m) throws IOException {
        TestStack stack = new TestStack();
        byte[] raw = Files.readAllBytes(CORPUS.resolve(String.valueOf(m.get("file"))));
        Map<String, String> verdicts = (Map<String, String>) m.getOrDefault("verdicts", Map.of());
        String recipient = (String) m.getOrDefault("recipient", "ideas@decentralization.net");
        String envelope = (String) m.get("envelopeSender");
        String messageId = stack.inbound().deliver(raw, verdicts, envelope, List.of(recipient));

        Idea idea = stack.ideas().find("email#" + messageId).orElseThrow(() -> new AssertionError("no idea stored"));
        // mail is wrapped at about 72 characters: phrases are compared with line breaks as spaces
        String text = idea.text().replaceAll("\\s+", " ");
        for (Object phrase : (List<Object>) m.getOrDefault("textContains", List.of())) {
            assertTrue(text.contains(String.valueOf(phrase)), "text lacks \"" + phrase + "\":\n" + idea.text());
        }
        for (Object phrase : (List<Object>) m.getOrDefault("textNotContains", List.of())) {
            assertFalse(text.contains(String.valueOf(phrase)), "text keeps \"" + phrase + "\":\n" + idea.text());
        }
        assertEquals(m.get("area"), idea.area(), "area (" + idea.areaReason() + ")");
        assertEquals(Boolean.TRUE.equals(m.get("quarantined")), Idea.QUARANTINED.equals(idea.status()), "quarantined");
        assertNotNull(idea.title());
        assertEquals("inbound/" + messageId, idea.s3Key());
        for (Object a : (List<Object>) m.getOrDefault("attachments", List.of())) {
            Map<String, Object> expected = (Map<String, Object>) a;
            assertTrue(idea.attachments().stream().anyMatch(x -> x.name().equals(expected.get("name"))
                    && x.type().equalsIgnoreCase(String.valueOf(expected.get("type"))) && x.size() > 0),
                    "attachment " + expected + " in " + idea.attachments());
        }

        try (StreamPump stream = stack.ideasStream(new MailerHandler(stack.mailer()))) {
            stream.pollOnce();
        }
        boolean acknowledge = Boolean.TRUE.equals(m.get("acknowledge"));
        assertEquals(acknowledge ? 1 : 0, stack.sentEmails().size(),
                "acknowledgement (reason not to answer: " + idea.noAcknowledgementReason() + ")");
        if (acknowledge) {
            List<?> headers = (List<?>) stack.sentEmails().get(0).get("headers");
            assertTrue(headers.contains(Map.of("name", "Auto-Submitted", "value", "auto-replied")));
            assertTrue(headers.contains(Map.of("name", "X-Auto-Response-Suppress", "value", "All")));
        }
    }

    @Test
    void aMessageOfTenThousandNestedMultipartsIsKeptQuarantinedAndNotAnsweredAndTheFunctionLives() {
        TestStack stack = new TestStack();
        StringBuilder raw = new StringBuilder("From: Nested <nested@example.org>\r\nTo: ideas@decentralization.net\r\n"
                + "Subject: Deep\r\nMIME-Version: 1.0\r\n");
        for (int depth = 0; depth < 10_000; depth++) {
            raw.append("Content-Type: multipart/mixed; boundary=\"b").append(depth).append("\"\r\n\r\n--b").append(depth).append("\r\n");
        }
        raw.append("Content-Type: text/plain\r\n\r\nhello\r\n");
        String messageId = stack.inbound().deliver(raw.toString().getBytes(StandardCharsets.US_ASCII), Map.of(), null, null);

        Idea idea = stack.ideas().find("email#" + messageId).orElseThrow();
        assertEquals(Idea.QUARANTINED, idea.status());
        assertTrue(idea.noAcknowledgementReason().contains("nested deeper than 20"), idea.noAcknowledgementReason());
        assertEquals("inbound/" + messageId, idea.s3Key(), "the original is kept for an admin");
        try (StreamPump stream = stack.ideasStream(new MailerHandler(stack.mailer()))) {
            stream.drain();
        }
        assertTrue(stack.sentEmails().isEmpty());
    }

    @Test
    void aRedeliveredMessageStoresNothingAndSendsNothingMore() {
        TestStack stack = new TestStack();
        SesInboundStandIn inbound = stack.inbound();
        byte[] raw = plainMessage("Amara Okafor <amara.okafor@example.org>", "A dataset of local revenues",
                "Could the Alliance publish a dataset of local own-source revenues?\r\n\r\n"
                        + "On Fri, 10 Jun 2022 at 14:02, LPSA <ideas@decentralization.net> wrote:\r\n> Dear colleagues\r\n");
        String first = inbound.deliver(raw, Map.of(), null, null);
        try (StreamPump stream = stack.ideasStream(new MailerHandler(stack.mailer()))) {
            stream.pollOnce();
            String second = inbound.deliver(raw, Map.of(), null, null);
            stream.pollOnce();
            assertEquals(first, second);
        }
        assertEquals(1, stack.dynamo.scan(b -> b.tableName(stack.table("IdeasTable"))).count());
        assertEquals(1, stack.sentTo("amara.okafor@example.org").size());
        Idea idea = stack.ideas().find("email#" + first).orElseThrow();
        assertEquals("Could the Alliance publish a dataset of local own-source revenues?", idea.text());
        assertEquals("knowledge-products", idea.area());
    }

    @Test
    void theSampleSesEventsOfTheEventsFolderDriveTheHandler() throws IOException {
        TestStack stack = new TestStack();
        var rule = stack.template.receiptRules().get(0);
        var s3 = org.lpsa.forms.local.aws.LocalTables.s3(org.lpsa.forms.local.aws.Emulators.shared().s3());
        Map<String, byte[]> messages = Map.of(
                "o3vrnil0e2ic28trm7dfhrc2v0cnbeccl4nbp0g1", plainMessage("Amara Okafor <amara.okafor@example.org>",
                        "Re: LPSA Open Planning Meeting 2022/23", "A regional chapter for West Africa, please.\r\n"),
                "p4wsojm1f3jd39usn8egs3w1dodcfdm5oh1q2", ("From: Kenji Tanaka <kenji.tanaka@example.com>\r\nTo: ideas@decentralization.net\r\n"
                        + "Subject: Automatic reply: LPSA Open Planning Meeting 2022/23\r\nAuto-Submitted: auto-replied\r\n\r\n"
                        + "I am out of the office until Monday.\r\n").getBytes(StandardCharsets.UTF_8),
                "q5xtpkn2g4ke40vto9fht4x2epeegn6pi2r3", plainMessage("Prize Office <offers@example.net>", "You have won",
                        "Claim your prize now.\r\n"));
        messages.forEach((id, raw) -> s3.putObject(b -> b.bucket(rule.bucket()).key(rule.prefix() + id), RequestBody.fromBytes(raw)));
        InboundEmailHandler handler = new InboundEmailHandler(new InboundEmailService(
                stack.rawMessages(), stack.ideas(), stack.contacts(),
                new InboundEmailService.Settings(rule.bucket(), rule.prefix(), "decentralization.net"), stack.clock));

        for (String sample : List.of("ses-receipt-normal.json", "ses-receipt-auto-reply.json", "ses-receipt-spam-fail.json")) {
            Map<String, Object> result = TestStack.invoke(handler, stack.sampleEvent(sample));
            assertTrue(String.valueOf(result.get("results")).contains("stored"), sample + ": " + result);
        }
        Idea normal = stack.ideas().find("email#o3vrnil0e2ic28trm7dfhrc2v0cnbeccl4nbp0g1").orElseThrow();
        assertEquals("regional-chapters", normal.area());
        assertTrue(normal.acknowledge());
        Idea autoReply = stack.ideas().find("email#p4wsojm1f3jd39usn8egs3w1dodcfdm5oh1q2").orElseThrow();
        assertFalse(autoReply.acknowledge());
        Idea spam = stack.ideas().find("email#q5xtpkn2g4ke40vto9fht4x2epeegn6pi2r3").orElseThrow();
        assertEquals(Idea.QUARANTINED, spam.status());
        try (StreamPump stream = stack.ideasStream(new MailerHandler(stack.mailer()))) {
            stream.pollOnce();
        }
        assertEquals(1, stack.sentEmails().size());
        assertEquals(1, stack.sentTo("amara.okafor@example.org").size());
    }

    @Test
    void aFiveMegabyteMessageIsReadWithoutKeepingItsAttachment() {
        TestStack stack = new TestStack();
        byte[] payload = new byte[3_800_000];
        new Random(7).nextBytes(payload);
        String base64 = Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(payload);
        String raw = "From: Priya Sharma <priya.sharma@example.org>\r\nTo: ideas@decentralization.net\r\n"
                + "Subject: Survey data on municipal finance\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
                + "--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
                + "Attached is our survey dataset of 400 municipalities; the data could become a knowledge product.\r\n"
                + "--b1\r\nContent-Type: application/zip\r\nContent-Disposition: attachment; filename=\"survey.zip\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + base64 + "\r\n--b1--\r\n";
        byte[] bytes = raw.getBytes(StandardCharsets.US_ASCII);
        assertTrue(bytes.length > 5_000_000, "a message over 5 MB: " + bytes.length);

        String messageId = stack.inbound().deliver(bytes, Map.of(), null, null);

        Idea idea = stack.ideas().find("email#" + messageId).orElseThrow();
        assertTrue(idea.text().startsWith("Attached is our survey dataset"));
        assertEquals(List.of(new Idea.Attachment("survey.zip", "application/zip", payload.length, false)), idea.attachments());
        assertEquals("knowledge-products", idea.area());
    }

    static byte[] plainMessage(String from, String subject, String body) {
        List<String> lines = new ArrayList<>(List.of("From: " + from, "To: ideas@decentralization.net", "Subject: " + subject,
                "Date: Fri, 10 Jun 2022 14:04:58 +0000", "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", ""));
        return (String.join("\r\n", lines) + "\r\n" + body).getBytes(StandardCharsets.UTF_8);
    }
}
