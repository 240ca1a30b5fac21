package org.lpsa.forms.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldsTest {
    private static ApiRequest post(String contentType, byte[] body) {
        return new ApiRequest("r", "POST", "/x", contentType == null ? Map.of() : Map.of("content-type", contentType),
                Map.of(), Map.of(), body);
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
    void badPercentEncodingIs400() {
        ApiException e = assertThrows(ApiException.class, () -> Fields.of(post("application/x-www-form-urlencoded", "name=%zz".getBytes())));
        assertEquals(400, e.status());
    }
}
