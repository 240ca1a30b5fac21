package org.lpsa.forms.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.lpsa.forms.FieldError;
import org.lpsa.forms.Json;

/**
 * The fields of a submitted form, from a JSON object or an {@code application/x-www-form-urlencoded}
 * body, read the same way by validators. Wrong types, and form values whose bytes are not UTF-8,
 * become field errors, collected here and reported when the field is read.
 */
public final class Fields {
    public static final int MAX_BODY_BYTES = 16 * 1024;
    /** Half of a surrogate pair, which JSON can escape ("\ud83d") but which is no character and has no UTF-8 form. */
    private static final Pattern LONE_SURROGATE = Pattern.compile("\\p{Cs}");
    private static final String HALF_A_PAIR = "is not valid text (half of a UTF-16 surrogate pair)";

    private final Map<String, Object> values;
    private final boolean form;
    private final List<FieldError> errors = new ArrayList<>();

    private Fields(Map<String, Object> values, boolean form) {
        this.values = values;
        this.form = form;
    }

    /** Reads the body: 415 for another media type, 413 when too large, 400 when it cannot be parsed. */
    public static Fields of(ApiRequest request) {
        return of(request, MAX_BODY_BYTES);
    }

    /** As {@link #of(ApiRequest)} with another size limit (ideas carry up to 10,000 characters, escaped in forms). */
    public static Fields of(ApiRequest request, int maxBytes) {
        String type = request.mediaType();
        boolean json = type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
        boolean form = type.equals("application/x-www-form-urlencoded");
        if (!json && !form) {
            throw new ApiException(415, "Content-Type",
                    "Send the form as application/json or application/x-www-form-urlencoded"
                            + (type.isEmpty() ? "." : ", not " + type + "."));
        }
        if (request.body().length > maxBytes) {
            throw new ApiException(413, "body", "The form is too large: at most " + maxBytes / 1024 + " KB can be sent.");
        }
        String text = utf8(request.body());
        return json ? new Fields(parseJson(text), false) : new Fields(parseForm(text), true);
    }

    public static Fields ofJson(Map<String, Object> values) {
        return new Fields(values, false);
    }

    public boolean isForm() {
        return form;
    }

    public boolean has(String name) {
        Object value = values.get(name);
        return value != null && !(value instanceof String s && s.isBlank())
                && !(value instanceof List<?> l && l.stream().allMatch(v -> v == null || String.valueOf(v).isBlank()));
    }

    /** Whether text was typed into this field: a string that is not blank (JSON false, 0 or null is none). */
    public boolean hasText(String name) {
        Object value = values.get(name);
        List<?> given = value instanceof List<?> list ? list : value == null ? List.of() : List.of(value);
        return given.stream().anyMatch(v -> v instanceof String text && !text.isBlank());
    }

    /** A single text value, or null when absent; a value of another type is an error. */
    public String text(String name) {
        Object value = values.get(name);
        if (value instanceof List<?> list && form) {
            value = list.isEmpty() ? null : list.get(0);
        }
        if (value instanceof String text && LONE_SURROGATE.matcher(text).find()) {
            errors.add(new FieldError(name, HALF_A_PAIR));
            return null;
        }
        if (value == null || value instanceof String) {
            return (String) value;
        }
        errors.add(new FieldError(name, value instanceof Undecodable bad ? bad.problem() : "must be text"));
        return null;
    }

    /** A list of text values; a single text value counts as a list of one. */
    public List<String> list(String name) {
        Object value = values.get(name);
        if (value == null) {
            return List.of();
        }
        List<?> given = value instanceof String s ? List.of(s) : value instanceof List<?> list ? list : List.of(value);
        if (given.stream().anyMatch(v -> v instanceof String s && LONE_SURROGATE.matcher(s).find())) {
            errors.add(new FieldError(name, HALF_A_PAIR));
            return List.of();
        }
        if (given.stream().allMatch(v -> v instanceof String)) {
            return given.stream().map(String.class::cast).toList();
        }
        Undecodable bad = given.stream().filter(Undecodable.class::isInstance).map(Undecodable.class::cast).findFirst().orElse(null);
        errors.add(new FieldError(name, bad != null ? bad.problem() : "must be a list of choices"));
        return List.of();
    }

    /**
     * A yes/no value: JSON true or false, or the text "true", "false" or "on" (what a ticked box sends);
     * in a form an unticked box sends nothing, so absent means no there. Null when absent from JSON,
     * and, noted as an error, for anything else ("yes", 1, "").
     */
    public Boolean flag(String name) {
        Object value = values.get(name);
        if (value instanceof Boolean b) {
            return b;
        }
        if (value == null) {
            return form ? Boolean.FALSE : null;
        }
        Object last = form && value instanceof List<?> l && !l.isEmpty() ? l.get(l.size() - 1) : value;
        if (last instanceof Undecodable bad) {
            errors.add(new FieldError(name, bad.problem()));
            return null;
        }
        String text = last instanceof String given ? given.trim().toLowerCase(Locale.ROOT) : "";
        switch (text) {
            case "true", "on" -> { return Boolean.TRUE; }
            case "false" -> { return Boolean.FALSE; }
            default -> {
                errors.add(new FieldError(name, "must be true or false"));
                return null;
            }
        }
    }

    /**
     * Ends a validation: a 400 when reading the fields or the validator ({@code found}) turned up
     * problems, one per field, the first being the one to fix (a value of the wrong type comes before
     * what the validator made of the missing value).
     */
    public void refuseIfAny(List<FieldError> found) {
        List<FieldError> all = new ArrayList<>(errors);
        all.addAll(found);
        Set<String> seen = new HashSet<>();
        List<FieldError> kept = new ArrayList<>();
        for (FieldError error : all) {
            if (seen.add(error.field())) {
                kept.add(error);
            }
        }
        if (!kept.isEmpty()) {
            throw new ApiException(400, kept);
        }
    }

    private static String utf8(byte[] body) {
        try {
            return strictUtf8(body);
        } catch (CharacterCodingException e) {
            throw new ApiException(400, "body", "The form must be sent as UTF-8 text.");
        }
    }

    private static String strictUtf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
    }

    private static Map<String, Object> parseJson(String text) {
        Object parsed;
        try {
            parsed = Json.value(text);
        } catch (IOException | RuntimeException e) {
            throw new ApiException(400, "body", "The body is not valid JSON.");
        }
        if (!(parsed instanceof Map<?, ?>)) {
            throw new ApiException(400, "body", "The body must be a JSON object with the form's fields.");
        }
        return Json.map(parsed);
    }

    private static Map<String, Object> parseForm(String text) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (text.isEmpty()) {
            return values;
        }
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            Object name = formDecode(eq < 0 ? pair : pair.substring(0, eq));
            if (name instanceof Undecodable bad) {
                throw new ApiException(400, "body", "A field's name " + bad.problem() + ".");
            }
            @SuppressWarnings("unchecked")
            List<Object> list = (List<Object>) values.computeIfAbsent((String) name, k -> new ArrayList<>());
            list.add(eq < 0 ? "" : formDecode(pair.substring(eq + 1)));
        }
        return values;
    }

    /**
     * A form value that could not be decoded, reported when its field is read. URLDecoder would have
     * made U+FFFD of bytes that are not UTF-8, changing what was sent without a word.
     */
    private record Undecodable(String problem) {}

    /** One name or value of a form body: + is a space and %XX a byte; the bytes must be UTF-8. */
    private static Object formDecode(String encoded) {
        if (encoded.indexOf('%') < 0) {
            return encoded.replace('+', ' ');
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        int i = 0;
        while (i < encoded.length()) {
            if (encoded.charAt(i) == '%') {
                int high = i + 1 < encoded.length() ? hexDigit(encoded.charAt(i + 1)) : -1;
                int low = i + 2 < encoded.length() ? hexDigit(encoded.charAt(i + 2)) : -1;
                if (high < 0 || low < 0) {
                    return new Undecodable("is not correctly encoded: a % must be followed by two hexadecimal digits");
                }
                bytes.write(high << 4 | low);
                i += 3;
            } else {
                int next = encoded.indexOf('%', i);
                int end = next < 0 ? encoded.length() : next;
                bytes.writeBytes(encoded.substring(i, end).replace('+', ' ').getBytes(StandardCharsets.UTF_8));
                i = end;
            }
        }
        try {
            return strictUtf8(bytes.toByteArray());
        } catch (CharacterCodingException notUtf8) {
            return new Undecodable("is not valid text (UTF-8)");
        }
    }

    /** 0 to 15, or -1: ASCII only (Character.digit would take other scripts' digits too). */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
