package org.lpsa.forms.ideas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lpsa.forms.FieldError;
import org.lpsa.forms.http.ApiException;
import org.lpsa.forms.http.Fields;

class IdeaFormTest {
    private static Map<String, Object> valid() {
        Map<String, Object> form = new HashMap<>();
        form.put("submissionId", "9f1c2e7a-5b3d-4c1e");
        form.put("area", "webinar-topics");
        form.put("title", "A webinar on fiscal transfers");
        form.put("text", "Formula-based grants compared.");
        form.put("email", "grace@example.org");
        return form;
    }

    private static List<FieldError> errorsOf(Map<String, Object> form) {
        return assertThrows(ApiException.class, () -> IdeaForm.validate(Fields.ofJson(form))).errors();
    }

    @Test
    void aValueOfTheWrongTypeIsOneErrorForItsFieldNotTwo() {
        Map<String, Object> form = valid();
        form.put("title", 42);
        form.put("text", List.of("a", "list"));
        assertEquals(List.of(new FieldError("title", "must be text"), new FieldError("text", "must be text")), errorsOf(form));
    }
}
