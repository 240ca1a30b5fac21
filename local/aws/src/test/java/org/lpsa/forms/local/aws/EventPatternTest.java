package org.lpsa.forms.local.aws;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EventPatternTest {
    private static Map<String, Object> record(String status) {
        return Map.of("eventName", "INSERT", "dynamodb", Map.of("NewImage", Map.of("emailStatus", Map.of("S", status))));
    }

    @Test
    void theMailerFilterPassesOnlyPendingItems() {
        EventPattern pending = EventPattern.parse("{\"dynamodb\":{\"NewImage\":{\"emailStatus\":{\"S\":[\"PENDING\"]}}}}");
        assertTrue(pending.matches(record("PENDING")));
        assertFalse(pending.matches(record("SENT")));
        assertFalse(pending.matches(Map.of("dynamodb", Map.of("NewImage", Map.of()))));
        assertFalse(pending.matches(Map.of("eventName", "REMOVE")));
    }

    @Test
    void prefixAnythingButAndExistsRules() {
        assertTrue(EventPattern.parse("{\"eventName\":[{\"prefix\":\"INS\"}]}").matches(record("x")));
        assertFalse(EventPattern.parse("{\"eventName\":[{\"anything-but\":[\"INSERT\"]}]}").matches(record("x")));
        assertTrue(EventPattern.parse("{\"eventName\":[{\"anything-but\":[\"REMOVE\"]}]}").matches(record("x")));
        assertTrue(EventPattern.parse("{\"userIdentity\":[{\"exists\":false}]}").matches(record("x")));
        assertFalse(EventPattern.parse("{\"eventName\":[{\"exists\":false}]}").matches(record("x")));
    }
}
