package org.lpsa.forms.ideas;

import org.lpsa.forms.EmailAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.lpsa.forms.FieldError;
import org.lpsa.forms.FormText;
import org.lpsa.forms.PriorityArea;
import org.lpsa.forms.http.Fields;
import org.lpsa.forms.registration.CountryZones;
import org.lpsa.forms.registration.RegistrationForm;

/** Validates the idea form, listing every problem at once. */
public final class IdeaForm {
    public static final int MAX_TEXT = 10_000;
    static final int MAX_TITLE = 200;
    private static final Pattern SUBMISSION_ID = Pattern.compile("^[A-Za-z0-9_-]{8,100}$");

    public record Submission(String submissionId, PriorityArea area, String title, String text, String name, String email,
                             String country, String organization, String eventId) {}

    private IdeaForm() {}

    public static Submission validate(Fields fields) {
        List<FieldError> errors = new ArrayList<>();
        String submissionId = trim(fields.text("submissionId"));
        String title = FormText.line(fields.text("title"));
        String text = FormText.paragraphs(fields.text("text"));
        String email = EmailAddress.normalise(fields.text("email"));
        if (submissionId == null && fields.isForm()) {
            // a page without JavaScript sends no id: the content itself makes one, so a double post stores one idea
            // (without a title or text the form is refused for those, not for the id the page could not make)
            submissionId = "form-" + IdeaService.sha256(title + "\n" + text + "\n" + email).substring(0, 32);
        }
        if (submissionId == null || !SUBMISSION_ID.matcher(submissionId).matches()) {
            errors.add(new FieldError("submissionId", submissionId == null
                    ? "is missing: the page makes one; reload the page and send again."
                    : "must be 8 to 100 letters, digits, dashes or underscores."));
        }
        String areaId = trim(fields.text("area"));
        PriorityArea area = areaId == null ? null : PriorityArea.byId(areaId).orElse(null);
        if (area == null) {
            // in the words of the form: the ids are the API's (they are listed in the README)
            errors.add(new FieldError("area", "Choose the area your idea is about: " + java.util.Arrays.stream(PriorityArea.values())
                    .filter(a -> a != PriorityArea.OTHER)
                    .map(PriorityArea::label).collect(java.util.stream.Collectors.joining(", ")) + ", or something else."));
        }
        if (title == null || title.isEmpty()) {
            errors.add(new FieldError("title", "Give your idea a short title."));
        } else if (title.codePointCount(0, title.length()) > MAX_TITLE) {
            errors.add(new FieldError("title", "must be at most " + MAX_TITLE + " characters"));
        }
        if (text == null || text.isEmpty()) {
            errors.add(new FieldError("text", "Describe your idea."));
        } else if (text.codePointCount(0, text.length()) > MAX_TEXT) {
            errors.add(new FieldError("text", "must be at most " + MAX_TEXT + " characters"));
        }
        String name = optional(fields.text("name"), "name", errors);
        if (email != null && email.isEmpty()) {
            email = null;
        }
        if (email != null && !RegistrationForm.isEmail(email)) {
            errors.add(new FieldError("email", "Enter an email address like name@example.org, or leave it empty."));
        }
        String country = trim(fields.text("country"));
        if (country != null) {
            country = country.toUpperCase(Locale.ROOT);
            if (!CountryZones.isCountry(country)) {
                errors.add(new FieldError("country", "Choose a country by its two-letter ISO code, such as KE or NP."));
            }
        }
        String organization = optional(fields.text("organization"), "organization", errors);
        String eventId = trim(fields.text("eventId"));
        if (eventId != null && !eventId.matches("^[a-z0-9][a-z0-9-]{0,63}$")) {
            errors.add(new FieldError("eventId", "is not a meeting's id"));
        }
        fields.refuseIfAny(errors);
        return new Submission(submissionId, area, title, text, name, email, country, organization, eventId);
    }

    private static String optional(String raw, String field, List<FieldError> errors) {
        String value = FormText.line(raw);
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.codePointCount(0, value.length()) > MAX_TITLE) {
            errors.add(new FieldError(field, "must be at most " + MAX_TITLE + " characters"));
        }
        return value;
    }

    private static String trim(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
