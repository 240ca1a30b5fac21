package org.lpsa.forms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {
    @Test
    void warmsUpOnlyWhenNoRequestIsWaiting() {
        assertTrue(Config.of(Map.of(Config.INITIALIZATION_TYPE, "snap-start")).initialisesAheadOfRequests());
        assertTrue(Config.of(Map.of(Config.INITIALIZATION_TYPE, "provisioned-concurrency")).initialisesAheadOfRequests());
        assertFalse(Config.of(Map.of(Config.INITIALIZATION_TYPE, "on-demand")).initialisesAheadOfRequests());
        assertFalse(Config.of(Map.of()).initialisesAheadOfRequests());
    }

    @Test
    void missingRequiredSettingIsNamed() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Config.of(Map.of()).require(Config.EVENTS_TABLE));
        assertEquals("missing configuration EVENTS_TABLE", e.getMessage());
    }
}
