package org.lpsa.forms.local.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** template.yaml as the local stack reads it. */
class LocalTemplateTest {
    private final LocalTemplate template = LocalTemplate.load(RepoRoot.find().resolve("template.yaml"), "lpsa-local", Map.of());

    @Test
    void tablesAreNamedAfterTheStackAndKeepTheirKeys() {
        LocalTemplate.Table registrations = template.table("RegistrationsTable");
        assertEquals("lpsa-local-Registrations", registrations.name());
        assertTrue(registrations.streamed());
        var request = LocalTables.createRequest(registrations);
        assertEquals("eventId", request.keySchema().get(0).attributeName());
        assertEquals("email", request.keySchema().get(1).attributeName());
    }

    @Test
    void functionsCarryTheirRoutesStreamsAndResolvedEnvironment() {
        LocalTemplate.Function register = function("RegisterFunction");
        assertEquals(new LocalTemplate.HttpRoute("POST", "/events/{eventId}/registrations"), register.routes().get(0));
        assertEquals("lpsa-local-Events", register.environment().get("EVENTS_TABLE"));
        assertEquals("lpsa-local-Registrations", register.environment().get("REGISTRATIONS_TABLE"));
        assertEquals("Local Public Sector Alliance <events@decentralization.net>", register.environment().get("SENDER_ADDRESS"),
                "the sender's address is made at the mail domain");

        LocalTemplate.StreamSource stream = function("MailerFunction").streams().get(0);
        assertEquals("RegistrationsTable", stream.tableLogicalId());
        assertEquals(10, stream.batchSize());
        assertEquals(4, stream.parallelization());
        assertTrue(stream.filterPatterns().get(0).contains("PENDING"));

        assertEquals("rate(1 minute)", function("SweeperFunction").schedules().get(0));
    }

    @Test
    void parameterOverridesWin() {
        LocalTemplate other = LocalTemplate.load(RepoRoot.find().resolve("template.yaml"), "x",
                Map.of("SenderName", "Test", "MailDomain", "example.org"));
        assertEquals("Test <events@example.org>", other.functions().get(0).environment().get("SENDER_ADDRESS"));
    }

    private LocalTemplate.Function function(String id) {
        return template.functions().stream().filter(f -> f.logicalId().equals(id)).findFirst().orElseThrow();
    }
}
