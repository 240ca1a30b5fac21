package org.lpsa.forms.registration;

import org.lpsa.forms.EmailAddress;
import java.time.DateTimeException;
import java.time.ZoneId;
import org.lpsa.forms.events.Zones;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.lpsa.forms.FieldError;
import org.lpsa.forms.FormText;
import org.lpsa.forms.PriorityArea;
import org.lpsa.forms.http.Fields;

/** Validates a registration form field by field, listing every problem at once. */
public final class RegistrationForm {
    public static final String DEFAULT_FORM_VERSION = "api-1";
    static final int MAX_TEXT = 200;
    private static final Pattern EMAIL = Pattern.compile(
            "^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.[A-Za-z]{2,63}$");
    private static final Pattern FORM_VERSION = Pattern.compile("^[A-Za-z0-9._-]{1,40}$");

    private RegistrationForm() {}

    /** What the manage page may change: the time zone, the interests, the newsletter choice. */
    /** {@code reminders} is null when the form did not offer the choice (left as it was). */
    public record Changes(ZoneId timeZone, List<String> interests, boolean newsletter, Boolean reminders) {}

    /**
     * The manage page's update form: a zone (required there: it is preselected), interests, the newsletter box,
     * and the reminders box (the form says {@code remindersShown}, since an unticked box sends nothing).
     */
    public static Changes changes(Fields fields) {
        List<FieldError> errors = new ArrayList<>();
        ZoneId zone = zone(fields.text("timeZone"), errors);
        if (zone == null && errors.isEmpty()) {
            errors.add(new FieldError("timeZone", "Choose your time zone."));
        }
        List<String> interests = interests(fields.list("interests"), errors);
        Boolean newsletter = fields.flag("newsletter");
        Boolean reminders = fields.has("remindersShown") || fields.has("reminders") ? fields.flag("reminders") : null;
        fields.refuseIfAny(errors);
        return new Changes(zone, interests, Boolean.TRUE.equals(newsletter), reminders);
    }

    public static RegistrationRequest validate(Fields fields) {
        List<FieldError> errors = new ArrayList<>();
        String name = singleLine(fields.text("name"), "name", "Enter your name.", errors);
        String email = email(fields.text("email"), errors);
        String organization = singleLine(fields.text("organization"), "organization",
                "Enter your organization, or \"independent\".", errors);
        Role role = role(fields.text("role"), errors);
        String country = country(fields.text("country"), errors);
        List<String> interests = interests(fields.list("interests"), errors);
        Boolean newsletter = fields.flag("newsletter");
        if (newsletter == null && !fields.has("newsletter")) {
            errors.add(new FieldError("newsletter", "Say whether you want the newsletter: true or false."));
        }
        ZoneId zone = zone(fields.text("timeZone"), errors);
        String invitedBy = optionalLine(fields.text("invitedBy"), "invitedBy", errors);
        String formVersion = fields.text("formVersion");
        if (formVersion == null || formVersion.isBlank()) {
            formVersion = DEFAULT_FORM_VERSION;
        } else if (!FORM_VERSION.matcher(formVersion.trim()).matches()) {
            errors.add(new FieldError("formVersion", "must be up to 40 letters, digits, dots, dashes or underscores"));
        }
        fields.refuseIfAny(errors);
        RegistrationRequest.TimeZoneSource source = RegistrationRequest.TimeZoneSource.GIVEN;
        if (zone == null) {
            Optional<ZoneId> countryZone = CountryZones.primary(country);
            zone = countryZone.orElse(ZoneId.of("UTC"));
            source = countryZone.isPresent() ? RegistrationRequest.TimeZoneSource.COUNTRY : RegistrationRequest.TimeZoneSource.DEFAULT;
        }
        return new RegistrationRequest(email, name, organization, role, country, interests, newsletter, zone, source,
                invitedBy, formVersion.trim());
    }

    public static boolean isEmail(String normalised) {
        return normalised.length() <= 254 && normalised.indexOf('@') <= 64 && EMAIL.matcher(normalised).matches();
    }

    private static String email(String raw, List<FieldError> errors) {
        String email = EmailAddress.normalise(raw);
        if (email == null || email.isEmpty()) {
            errors.add(new FieldError("email", "Enter your email address."));
            return null;
        }
        if (!isEmail(email)) {
            errors.add(new FieldError("email", "Enter an email address like name@example.org."));
            return null;
        }
        return email;
    }

    private static String singleLine(String raw, String field, String missing, List<FieldError> errors) {
        String value = FormText.line(raw);
        if (value == null || value.isEmpty()) {
            errors.add(new FieldError(field, missing));
            return null;
        }
        return withinLimit(value, field, errors);
    }

    private static String optionalLine(String raw, String field, List<FieldError> errors) {
        String value = FormText.line(raw);
        return value == null || value.isEmpty() ? null : withinLimit(value, field, errors);
    }

    private static String withinLimit(String value, String field, List<FieldError> errors) {
        if (value.codePointCount(0, value.length()) > MAX_TEXT) {
            errors.add(new FieldError(field, "must be at most " + MAX_TEXT + " characters"));
            return null;
        }
        return value;
    }

    private static Role role(String raw, List<FieldError> errors) {
        if (raw == null || raw.isBlank()) {
            errors.add(new FieldError("role", "Choose your role."));
            return null;
        }
        Optional<Role> role = Role.byId(raw.trim());
        if (role.isEmpty()) {
            errors.add(new FieldError("role", "Choose one of: " + String.join(", ", Role.ids()) + "."));
        }
        return role.orElse(null);
    }

    private static String country(String raw, List<FieldError> errors) {
        if (raw == null || raw.isBlank()) {
            errors.add(new FieldError("country", "Choose your country."));
            return null;
        }
        String code = raw.trim().toUpperCase(Locale.ROOT);
        if (!CountryZones.isCountry(code)) {
            errors.add(new FieldError("country", "Choose a country by its two-letter ISO code, such as KE or NP."));
            return null;
        }
        return code;
    }

    private static List<String> interests(List<String> raw, List<FieldError> errors) {
        Set<String> chosen = new LinkedHashSet<>();
        for (String value : raw) {
            String id = value == null ? "" : value.trim();
            if (id.isEmpty()) {
                continue;
            }
            if (PriorityArea.byId(id).isEmpty()) {
                errors.add(new FieldError("interests", "Unknown priority area \"" + clip(id) + "\": choose from "
                        + String.join(", ", PriorityArea.ids()) + "."));
                return List.of();
            }
            chosen.add(id);
        }
        if (chosen.isEmpty()) {
            errors.add(new FieldError("interests", "Choose at least one priority area."));
        }
        return List.copyOf(chosen);
    }

    private static ZoneId zone(String raw, List<FieldError> errors) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String id = raw.trim();
        try {
            // region names only: "EST" and the like are ambiguous abbreviations, not places
            if (id.contains("/") || id.equals("UTC")) {
                // stored and printed under its current name: Asia/Calcutta is Asia/Kolkata
                return Zones.canonical(ZoneId.of(id));
            }
        } catch (DateTimeException invalid) {
            // reported below
        }
        errors.add(new FieldError("timeZone", "Use a time zone name such as Africa/Nairobi or America/New_York."));
        return null;
    }

    private static String clip(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }
}
