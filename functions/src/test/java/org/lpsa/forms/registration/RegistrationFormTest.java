package org.lpsa.forms.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lpsa.forms.FieldError;
import org.lpsa.forms.http.ApiException;
import org.lpsa.forms.http.ApiRequest;
import org.lpsa.forms.http.Fields;

class RegistrationFormTest {
    private static Map<String, Object> valid() {
        Map<String, Object> form = new HashMap<>();
        form.put("name", "  Ana   Pérez ");
        form.put("email", " Ana.Perez@Example.ORG ");
        form.put("organization", "Ministry of Local Government");
        form.put("role", "government-official");
        form.put("country", "np");
        form.put("interests", List.of("webinar-topics", "country-support", "webinar-topics"));
        form.put("newsletter", true);
        return form;
    }

    private static List<FieldError> errorsOf(Map<String, Object> form) {
        return assertThrows(ApiException.class, () -> RegistrationForm.validate(Fields.ofJson(form))).errors();
    }

    @Test
    void aValidFormIsNormalised() {
        RegistrationRequest r = RegistrationForm.validate(Fields.ofJson(valid()));
        assertEquals("Ana Pérez", r.name());
        assertEquals("ana.perez@example.org", r.email());
        assertEquals("NP", r.country());
        assertEquals(Role.GOVERNMENT_OFFICIAL, r.role());
        assertEquals(List.of("webinar-topics", "country-support"), r.interests());
        assertTrue(r.newsletter());
        assertEquals(ZoneId.of("Asia/Kathmandu"), r.timeZone());
        assertEquals(RegistrationRequest.TimeZoneSource.COUNTRY, r.timeZoneSource());
    }

    @Test
    void everyBadFieldIsListedWithItsName() {
        Map<String, Object> form = new HashMap<>();
        form.put("email", "not-an-address");
        form.put("role", "minister");
        form.put("country", "ZZ");
        form.put("interests", List.of("gardening"));
        form.put("timeZone", "EST");
        List<String> fields = errorsOf(form).stream().map(FieldError::field).toList();
        assertEquals(List.of("name", "email", "organization", "role", "country", "interests", "newsletter", "timeZone"), fields);
    }

    @Test
    void emailsThatAreNotAddressesAreRefused() {
        for (String bad : List.of("ana", "ana@", "@example.org", "ana@example", "ana perez@example.org", "ana@@example.org",
                "ana..perez@example.org", "ana@example..org", "<ana@example.org>", "a".repeat(250) + "@example.org")) {
            Map<String, Object> form = valid();
            form.put("email", bad);
            assertEquals("email", errorsOf(form).get(0).field(), bad);
        }
        for (String good : List.of("ana+lpsa@example.org", "a.b-c_d@sub.example.co.uk", "O'Neil@example.ie")) {
            Map<String, Object> form = valid();
            form.put("email", good);
            assertEquals(good.toLowerCase(), RegistrationForm.validate(Fields.ofJson(form)).email());
        }
    }

    @Test
    void wrongJsonTypesAreFieldErrorsNotFailures() {
        Map<String, Object> form = valid();
        form.put("name", 42);
        form.put("interests", Map.of("a", 1));
        form.put("newsletter", "maybe");
        List<String> fields = errorsOf(form).stream().map(FieldError::field).toList();
        assertEquals(List.of("name", "interests", "newsletter"), fields);
    }

    @Test
    void aGivenZoneWinsAndACountryOfManyZonesFallsBackToUtc() {
        Map<String, Object> form = valid();
        form.put("country", "US");
        RegistrationRequest guessed = RegistrationForm.validate(Fields.ofJson(form));
        assertEquals(ZoneId.of("UTC"), guessed.timeZone());
        assertEquals(RegistrationRequest.TimeZoneSource.DEFAULT, guessed.timeZoneSource());

        form.put("timeZone", "America/Chicago");
        RegistrationRequest given = RegistrationForm.validate(Fields.ofJson(form));
        assertEquals(ZoneId.of("America/Chicago"), given.timeZone());
        assertEquals(RegistrationRequest.TimeZoneSource.GIVEN, given.timeZoneSource());
    }

    @Test
    void namesLongerThanTheLimitAreRefusedAndControlCharactersRemoved() {
        Map<String, Object> form = valid();
        form.put("name", "x".repeat(201));
        assertEquals("must be at most 200 characters", errorsOf(form).get(0).message());
        form.put("name", "Ana\u0000\u202e Pérez\n");
        assertEquals("Ana Pérez", RegistrationForm.validate(Fields.ofJson(form)).name());
    }

    @Test
    void aPlainHtmlFormSendsRepeatedInterestsAndAnUntickedNewsletterSendsNothing() {
        String body = "name=Ana&email=ana%40example.org&organization=City&role=researcher&country=KE"
                + "&interests=webinar-topics&interests=online-courses&website=";
        ApiRequest request = new ApiRequest("r", "POST", "/events/demo/registrations",
                Map.of("content-type", "application/x-www-form-urlencoded"), Map.of(), Map.of("eventId", "demo"),
                body.getBytes(StandardCharsets.UTF_8), "192.0.2.10");
        Fields fields = Fields.of(request);
        RegistrationRequest r = RegistrationForm.validate(fields);
        assertEquals(List.of("webinar-topics", "online-courses"), r.interests());
        assertFalse(r.newsletter());
        assertEquals(ZoneId.of("Africa/Nairobi"), r.timeZone());
        assertFalse(fields.has("website"), "an empty honeypot is not filled");
    }

    @Test
    void theNewsletterIsTrueOrFalseAndNothingElse() {
        Map<String, Object> form = valid();
        for (Object unclear : List.of("", " ", "yes", "no", 1, 0, "1", "0", "off", "maybe")) {
            form.put("newsletter", unclear);
            assertEquals(List.of(new FieldError("newsletter", "must be true or false")), errorsOf(form), "newsletter: " + unclear);
        }
        for (Object yes : List.of(true, "true", "True", "on")) {
            form.put("newsletter", yes);
            assertTrue(RegistrationForm.validate(Fields.ofJson(form)).newsletter(), String.valueOf(yes));
        }
        for (Object no : List.of(false, "false")) {
            form.put("newsletter", no);
            assertFalse(RegistrationForm.validate(Fields.ofJson(form)).newsletter(), String.valueOf(no));
        }
    }

    @Test
    void aPlainFormsNewsletterBoxIsOnOrAbsent() {
        String body = "name=Ana&email=ana%40example.org&organization=City&role=researcher&country=KE&interests=other";
        assertTrue(RegistrationForm.validate(Fields.of(formPost(body + "&newsletter=on"))).newsletter());
        assertFalse(RegistrationForm.validate(Fields.of(formPost(body))).newsletter());
        for (String unclear : List.of("", "yes", "1")) {
            List<FieldError> errors = assertThrows(ApiException.class,
                    () -> RegistrationForm.validate(Fields.of(formPost(body + "&newsletter=" + unclear)))).errors();
            assertEquals(List.of(new FieldError("newsletter", "must be true or false")), errors, "newsletter=" + unclear);
        }
    }

    private static ApiRequest formPost(String body) {
        return new ApiRequest("r", "POST", "/events/demo/registrations", Map.of("content-type", "application/x-www-form-urlencoded"),
                Map.of(), Map.of("eventId", "demo"), body.getBytes(StandardCharsets.UTF_8), "192.0.2.10");
    }
}
