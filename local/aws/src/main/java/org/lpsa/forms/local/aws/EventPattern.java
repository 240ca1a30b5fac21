package org.lpsa.forms.local.aws;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Lambda event filtering (FilterCriteria) for the stand-ins: an EventBridge-style pattern matched
 * against an event. Supports what templates here use: nested objects, value lists, prefix,
 * anything-but and exists.
 */
public final class EventPattern {
    private final Map<String, Object> pattern;

    private EventPattern(Map<String, Object> pattern) {
        this.pattern = pattern;
    }

    public static EventPattern parse(String json) {
        try {
            return new EventPattern(JSON.std.mapFrom(json));
        } catch (IOException e) {
            throw new UncheckedIOException("bad filter pattern " + json, e);
        }
    }

    public boolean matches(Map<String, Object> event) {
        return matchObject(pattern, event);
    }

    private static boolean matchObject(Map<String, Object> pattern, Map<String, Object> event) {
        for (Map.Entry<String, Object> entry : pattern.entrySet()) {
            Object value = event == null ? null : event.get(entry.getKey());
            if (entry.getValue() instanceof Map<?, ?> nested) {
                if (!(value instanceof Map<?, ?> nestedEvent) || !matchObject(LocalTemplate.map(nested), LocalTemplate.map(nestedEvent))) {
                    return false;
                }
            } else if (!matchValues(LocalTemplate.list(entry.getValue()), value)) {
                return false;
            }
        }
        return true;
    }

    private static boolean matchValues(List<?> allowed, Object value) {
        for (Object rule : allowed) {
            if (rule instanceof Map<?, ?> m) {
                Map<String, Object> r = LocalTemplate.map(m);
                if (r.containsKey("exists") && Boolean.TRUE.equals(r.get("exists")) == (value != null)) {
                    return true;
                }
                if (value != null && r.containsKey("prefix") && String.valueOf(value).startsWith(String.valueOf(r.get("prefix")))) {
                    return true;
                }
                if (value != null && r.containsKey("anything-but") && !LocalTemplate.list(r.get("anything-but")).contains(value)
                        && !String.valueOf(value).equals(String.valueOf(r.get("anything-but")))) {
                    return true;
                }
            } else if (value != null && String.valueOf(rule).equals(String.valueOf(value))) {
                return true;
            }
        }
        return false;
    }
}
