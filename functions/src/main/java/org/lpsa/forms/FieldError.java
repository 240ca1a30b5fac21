package org.lpsa.forms;

import java.util.LinkedHashMap;
import java.util.Map;

/** One problem with one field, in words a person filling the form understands. */
public record FieldError(String field, String message) {
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("field", field);
        json.put("message", message);
        return json;
    }
}
