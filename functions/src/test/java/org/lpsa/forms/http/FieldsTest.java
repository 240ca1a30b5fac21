package org.lpsa.forms.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lpsa.forms.FieldError;

class FieldsTest {
    private static final String FORM = "application/x-www-form-urlencoded";

    private static ApiRequest post(String contentType, byte[] body) {
        return new ApiRequest("r", "POST", "/x", contentType == null ? Map.of() : Map.of("content-type", contentType),
                Map.of(), Map.of(), body, "192.0.2.10");
    }

    @Test
    void otherMediaTypesAre415NamingTheHeader() {
        ApiException e = assertThrows(ApiException.class, () -> Fields.of(post("text/plain", "{}".getBytes())));
        assertEquals(415, e.status());
        assertEquals("Content-Type", e.errors().get(0).field());
        assertEquals(415, assertThrows(ApiException.class, () -> Fields.of(post(null, "{}".getBytes()))).status());
    }

    @Test
    void jsonWithACharsetParameterIsAccepted() {
        Fields fields = Fields.of(post("Application/JSON; charset=UTF-8", "{\"name\":\"Ana\"}".getBytes()));
        assertEquals("Ana", fields.text("name"));
    }

    @Test
    void bodiesOver16KbAre413() {
        byte[] big = ("{\"name\":\"" + "x".repeat(16 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        ApiException e = assertThrows(ApiException.class, () -> Fields.of(post("application/json", big)));
        assertEquals(413, e.status());
    }

    @Test
    void brokenJsonAndNonObjectsAre400() {
        assertEquals(400, assertThrows(ApiException.class, () -> Fields.of(post("application/json", "{\"name\":".getBytes()))).status());
        assertEquals(400, assertThrows(ApiException.class, () -> Fields.of(post("application/json", "[1,2]".getBytes()))).status());
        assertEquals(400, assertThrows(ApiException.class, () -> Fields.of(post("application/json", new byte[] {(byte) 0xC3, 0x28}))).status());
    }

    @Test
    void formValuesArePercentDecodedAsUtf8() {
        Fields fields = Fields.of(post(FORM, "name=Ana+P%C3%A9rez&sum=1%2B1%3d2&emoji=%F0%9F%98%80&typed=caf\u00e9+%26+th\u00e9"
                .getBytes(StandardCharsets.UTF_8)));
        assertEquals("Ana P\u00e9rez", fields.text("name"));
        assertEquals("1+1=2", fields.text("sum"));
        assertEquals("\uD83D\uDE00", fields.text("emoji"));
        assertEquals("caf\u00e9 & th\u00e9", fields.text("typed"));
        fields.refuseIfAny(List.of());
    }

    @Test
    void percentEscapesThatAreNotUtf8Are400NamingTheField() {
        // Latin-1, a stray byte, a cut sequence, an encoded surrogate, an overlong slash
        for (String bad : List.of("caf%E9", "%ff", "%E2%82", "%ED%A0%80", "%C0%AF")) {
            Fields fields = Fields.of(post(FORM, ("name=Ana&title=" + bad).getBytes(StandardCharsets.UTF_8)));
            assertNull(fields.text("title"), bad);
            assertEquals("Ana", fields.text("name"));
            ApiException e = assertThrows(ApiException.class, () -> fields.refuseIfAny(List.of()), bad);
            assertEquals(400, e.status());
            assertEquals(List.of(new FieldError("title", "is not valid text (UTF-8)")), e.errors(), bad);
        }
    }

    @Test
    void brokenPercentEscapesAre400NamingTheField() {
        for (String bad : List.of("%zz", "abc%", "%4", "%\u0663\u0663")) {
            Fields fields = Fields.of(post(FORM, ("title=" + bad).getBytes(StandardCharsets.UTF_8)));
            assertNull(fields.text("title"), bad);
            ApiException e = assertThrows(ApiException.class, () -> fields.refuseIfAny(List.of()), bad);
            assertEquals(400, e.status());
            assertEquals(List.of(new FieldError("title", "is not correctly encoded: a % must be followed by two hexadecimal digits")),
                    e.errors(), bad);
        }
    }

    @Test
    void aFieldNameThatCannotBeDecodedIs400ForTheBody() {
        for (String bad : List.of("%ff=x", "%zz=x")) {
            ApiException e = assertThrows(ApiException.class, () -> Fields.of(post(FORM, bad.getBytes(StandardCharsets.UTF_8))), bad);
            assertEquals(400, e.status());
            assertEquals("body", e.errors().get(0).field());
        }
    }

    @Test
    void listsAndFlagsReportBadEncodingToo() {
        Fields fields = Fields.of(post(FORM, "interests=other&interests=%ff&newsletter=%E9".getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of(), fields.list("interests"));
        assertNull(fields.flag("newsletter"));
        ApiException e = assertThrows(ApiException.class, () -> fields.refuseIfAny(List.of()));
        assertEquals(List.of(new FieldError("interests", "is not valid text (UTF-8)"), new FieldError("newsletter", "is not valid text (UTF-8)")),
                e.errors());
    }

    @Test
    void textWithHalfASurrogatePairIs400NamingTheField() {
        // JSON can escape half of a pair, which no text contains; a whole pair is an emoji
        String json = "{\"name\":\"\\ud83d\\ude00 Ana\",\"title\":\"A \\ud83d title\",\"interests\":[\"other\",\"\\udc00\"]}";
        Fields fields = Fields.of(post("application/json", json.getBytes(StandardCharsets.UTF_8)));
        assertEquals("\uD83D\uDE00 Ana", fields.text("name"));
        assertNull(fields.text("title"));
        assertEquals(List.of(), fields.list("interests"));
        ApiException e = assertThrows(ApiException.class, () -> fields.refuseIfAny(List.of()));
        assertEquals(List.of(new FieldError("title", "is not valid text (half of a UTF-16 surrogate pair)"),
                new FieldError("interests", "is not valid text (half of a UTF-16 surrogate pair)")), e.errors());
    }
}
