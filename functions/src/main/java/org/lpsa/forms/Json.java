package org.lpsa.forms;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** JSON through jackson-jr: maps and lists in, maps and lists out, no reflection over our classes. */
public final class Json {
    private static final JSON JSON_STD = JSON.std.without(JSON.Feature.USE_DEFERRED_MAPS);

    private Json() {}

    public static Map<String, Object> object(InputStream in) throws IOException {
        return JSON_STD.mapFrom(in);
    }

    /** Parses any JSON value; throws IOException when the text is not JSON. */
    public static Object value(String text) throws IOException {
        return JSON_STD.anyFrom(text);
    }

    /** Parses JSON text known to be valid (our own constants); anything else is a bug. */
    public static Object parse(String text) {
        try {
            return value(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String write(Object value) {
        try {
            return JSON_STD.asString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] bytes(Object value) {
        try {
            return JSON_STD.asBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    public static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }
}
