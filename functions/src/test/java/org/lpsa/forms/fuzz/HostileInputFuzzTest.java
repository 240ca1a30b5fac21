package org.lpsa.forms.fuzz;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.lpsa.forms.Json;
import org.lpsa.forms.Refused;
import org.lpsa.forms.http.ApiException;
import org.lpsa.forms.http.ApiRequest;
import org.lpsa.forms.http.Fields;
import org.lpsa.forms.ideas.AreaClassifier;
import org.lpsa.forms.ideas.IdeaForm;
import org.lpsa.forms.inbound.MailParser;
import org.lpsa.forms.inbound.ParsedMail;
import org.lpsa.forms.inbound.ReplyCleaner;
import org.lpsa.forms.registration.LinkTokens;
import org.lpsa.forms.registration.RegistrationForm;

/**
 * Fuzz targets for what strangers hand us: form and JSON bodies, link tokens, emailed ideas, the area
 * classifier. Each may refuse its input (a 4xx, a quarantine), never fail otherwise. In the normal test
 * run each replays its inputs (src/test/resources/org/lpsa/forms/fuzz/HostileInputFuzzTestInputs/METHOD/);
 * {@code JAZZER_FUZZ=1} fuzzes (README, "Fuzzing"). A finding becomes a file there, and so a test.
 */
class HostileInputFuzzTest {
    private static final LinkTokens TOKENS = new LinkTokens(() -> "fuzzing-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8));

    @FuzzTest(maxDuration = "20s")
    void formBodies(FuzzedDataProvider data) {
        String type = data.pickValue(List.of("application/x-www-form-urlencoded", "application/json", "text/plain",
                "application/x-www-form-urlencoded; charset=ISO-8859-1", "multipart/form-data"));
        byte[] body = data.consumeRemainingAsBytes();
        ApiRequest request = new ApiRequest("fuzz", "POST", "/events/demo/registrations", Map.of("content-type", type), Map.of(),
                Map.of("eventId", "demo"), body, "192.0.2.1");
        try {
            Fields fields = Fields.of(request);
            if (fields.hasText("ideaForm")) {
                IdeaForm.validate(fields);
            } else {
                assertNotNull(RegistrationForm.validate(fields).email());
            }
        } catch (ApiException | Refused refused) {
            assertTrue(refused instanceof Refused || ((ApiException) refused).status() < 500, "refusals are 4xx");
        }
    }

    @FuzzTest(maxDuration = "20s")
    void jsonFields(FuzzedDataProvider data) {
        boolean idea = data.consumeBoolean();
        String text = data.consumeRemainingAsString();
        Map<String, Object> values;
        try {
            values = Json.map(Json.value(text));
        } catch (IOException notJson) {
            return;
        }
        try {
            if (idea) {
                IdeaForm.validate(Fields.ofJson(values));
            } else {
                RegistrationForm.validate(Fields.ofJson(values));
            }
        } catch (ApiException | Refused refused) {
            // a refusal naming the field is the answer to bad input
        }
    }

    @FuzzTest(maxDuration = "20s")
    void linkTokens(FuzzedDataProvider data) {
        String purpose = data.pickValue(List.of(LinkTokens.MANAGE, LinkTokens.REGISTERED));
        String token = data.consumeRemainingAsString();
        // a token not made by us opens nothing, whatever it holds
        assertTrue(TOKENS.verify(token, purpose, Instant.EPOCH).isEmpty());
    }

    @FuzzTest(maxDuration = "30s")
    void emailedIdeas(byte[] raw) throws IOException {
        try {
            ParsedMail mail = MailParser.parse(raw);
            ReplyCleaner.clean(String.valueOf(mail.text()));
            AreaClassifier.classify(List.of("ideas+courses@example.org"), String.valueOf(mail.subject()), String.valueOf(mail.text()));
        } catch (MailParser.Unreadable quarantined) {
            // stored quarantined with the reason: the answer to a message we cannot read
        }
    }

    @FuzzTest(maxDuration = "20s")
    void areaClassifier(FuzzedDataProvider data) {
        List<String> recipients = List.of(data.consumeString(200), data.consumeString(200));
        String subject = data.consumeString(500);
        String text = data.consumeRemainingAsString();
        assertNotNull(AreaClassifier.classify(recipients, subject, text));
    }
}
