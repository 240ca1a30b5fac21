package org.lpsa.forms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {
    @Test
    void missingRequiredSettingIsNamed() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Config.of(Map.of()).require(Config.EVENTS_TABLE));
        assertEquals("missing configuration EVENTS_TABLE", e.getMessage());
    }
}
