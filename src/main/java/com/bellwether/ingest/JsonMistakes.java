package com.bellwether.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Mistakes in a JSON document a person wrote (a mapping profile, a model), said in plain words with the line and
 * column they sit on: never a Java or Jackson class name. Messages read
 * {@code profile.json line 3, column 14: entities.accounts.file: expected ...}.
 */
public final class JsonMistakes {

    private JsonMistakes() {
    }

    /** The text of a document that must be UTF-8 (a byte-order mark is dropped); otherwise what to say of it. */
    public static String utf8(byte[] bytes, String source, java.util.function.Function<String, RuntimeException> mistake) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            int at = firstNonUtf8(bytes);
            int line = 1;
            int column = 1;
            for (int i = 0; i < at; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    column = 1;
                } else if ((bytes[i] & 0xC0) != 0x80) {
                    column++;
                }
            }
            throw mistake.apply(String.format(java.util.Locale.ROOT,
                    "%s line %d, column %d: expected UTF-8 text (found byte 0x%02X, which is not UTF-8: save the file as UTF-8)",
                    source, line, column, bytes[at] & 0xFF));
        }
    }

    /** The offset of the first byte that does not start or continue a UTF-8 character where it stands. */
    private static int firstNonUtf8(byte[] bytes) {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
        decoder.decode(in, out, true);
        return Math.min(in.position(), bytes.length - 1);
    }

    /** A syntax error: {@code source line L, column C: expected valid JSON (what the parser met)}. */
    public static String syntax(String source, JsonProcessingException e) {
        return source + at(e.getLocation()) + ": expected valid JSON (" + plain(e.getOriginalMessage()) + ")";
    }

    /**
     * A value of the wrong shape: {@code source line L, column C: entities.accounts.columns: expected an object
     * {...}}. {@code fields} lists, for a record type, its fields in the documented order.
     */
    public static String mapping(String source, JsonMappingException e) {
        String path = path(e);
        String where = source + at(e.getLocation()) + ": ";
        if (e instanceof UnrecognizedPropertyException unknown) {
            String parent = path.lastIndexOf('.') < 0 ? "" : path.substring(0, path.lastIndexOf('.'));
            List<String> known = new java.util.ArrayList<>();
            if (unknown.getKnownPropertyIds() != null) {
                unknown.getKnownPropertyIds().forEach(id -> known.add(String.valueOf(id)));
            }
            Class<?> type = unknown.getReferringClass();
            if (type != null && type.isRecord()) {
                // in the order the fields are documented, not a hash order
                List<String> order = java.util.Arrays.stream(type.getRecordComponents())
                        .map(java.lang.reflect.RecordComponent::getName).toList();
                known.sort(java.util.Comparator.comparingInt(order::indexOf));
            } else {
                known.sort(null);
            }
            return where + "unknown field \"" + unknown.getPropertyName() + "\""
                    + (parent.isEmpty() ? " at the top level" : " at " + parent)
                    + (known.isEmpty() ? "" : "; expected one of " + String.join(", ", known));
        }
        String field = path.isEmpty() ? "the document" : path;
        if (e instanceof InvalidFormatException format && format.getTargetType() != null) {
            return where + field + ": \"" + format.getValue() + "\" is not valid; expected " + kind(format.getTargetType());
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            if (mismatch.getOriginalMessage() != null && mismatch.getOriginalMessage().startsWith("No content")) {
                return source + ": expected a JSON object {...} (the file is empty)";
            }
            return where + field + ": expected " + kind(mismatch.getTargetType());
        }
        Throwable cause = e.getCause();
        if (cause instanceof com.fasterxml.jackson.core.exc.InputCoercionException) {
            return where + field + ": expected a number within range (" + plain(((JsonProcessingException) cause).getOriginalMessage()) + ")";
        }
        if (cause instanceof JsonProcessingException syntax) {
            return syntax(source, syntax);
        }
        if (cause instanceof RuntimeException && cause.getMessage() != null && !cause.getMessage().isBlank()) {
            return where + field + ": " + plain(cause.getMessage());
        }
        return where + field + ": not a valid value";
    }

    /** The path of the field an error is at: {@code entities.accounts.lookups[0].file}. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String kind(Class<?> type) {
        if (type == String.class || type == Character.class || type == char.class) {
            return "text";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list [...]";
        }
        if (type.isEnum()) {
            return "one of " + String.join(", ", java.util.Arrays.stream(type.getEnumConstants())
                    .map(c -> ((Enum<?>) c).name().toLowerCase(java.util.Locale.ROOT)).toList());
        }
        return "an object {...}";
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? ""
                : " line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** A parser's message without its Java and Jackson parts ("[Source: ...]", class names, feature names). */
    static String plain(String message) {
        if (message == null) {
            return "the document cannot be read";
        }
        String text = message.split("\n")[0]
                .replaceAll(" ?\\(start marker at \\[Source: [^\\]]*\\]\\)", "")
                .replaceAll(" ?at \\[Source: [^\\]]*\\]", "")
                .replaceAll(" \\(code \\d+\\)", "")
                .replaceAll(" ?\\(for Object starting at[^)]*\\)", "")
                .replaceAll("`[a-z]+(\\.[A-Za-z0-9_$]+)+`", "value")
                .replaceAll("(com\\.fasterxml|java\\.lang|java\\.util|com\\.bellwether)[.A-Za-z0-9_$<>\\[\\]]*", "value")
                .replace("Array", "list").replace("Object", "object")
                .replace(": was expecting", "; expected")
                .replace("Unexpected end-of-input", "the file ends too soon")
                .replace("close marker for", "the end of the")
                .replaceAll("\\(JSON String, Number, list, object or token 'null', 'true' or 'false'\\)",
                        "(a value: text in quotes, a number, a list, an object, true, false or null)");
        return text.strip();
    }

    /**
     * Where each field of a document is: its path ({@code entities.accounts.lookups[0].file}) to the line and column of
     * its value. Only for documents already known to be valid JSON.
     */
    static Map<String, long[]> locations(String text) {
        Map<String, long[]> places = new HashMap<>();
        Deque<String> paths = new ArrayDeque<>();
        Deque<int[]> indexes = new ArrayDeque<>();
        try (JsonParser parser = new JsonFactory().createParser(text)) {
            String field = null;
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.FIELD_NAME) {
                    field = parser.currentName();
                    continue;
                }
                if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    paths.pop();
                    indexes.pop();
                    continue;
                }
                String parent = paths.isEmpty() ? null : paths.peek();
                String path;
                if (parent == null) {
                    path = "";
                } else if (indexes.peek()[0] >= 0) {
                    path = parent + "[" + indexes.peek()[0]++ + "]";
                } else {
                    path = parent.isEmpty() ? field : parent + "." + field;
                }
                JsonLocation where = parser.currentTokenLocation();
                places.putIfAbsent(path, new long[] {where.getLineNr(), where.getColumnNr()});
                if (token == JsonToken.START_OBJECT) {
                    paths.push(path);
                    indexes.push(new int[] {-1});
                } else if (token == JsonToken.START_ARRAY) {
                    paths.push(path);
                    indexes.push(new int[] {0});
                }
            }
        } catch (java.io.IOException e) {
            // a document that does not parse has no places: messages then name the field alone
        }
        return places;
    }

    /**
     * A message of the form {@code source: path: text}, given the line and column of the deepest field of the path
     * that the document has: {@code source line L, column C: path: text}. Other messages are returned as they are.
     */
    public static String locate(String message, String source, String text) {
        String prefix = source + ": ";
        if (!message.startsWith(prefix)) {
            return message;
        }
        String rest = message.substring(prefix.length());
        Map<String, long[]> places = locations(text);
        String best = null;
        for (String path : places.keySet()) {
            if (!path.isEmpty() && rest.startsWith(path) && rest.length() > path.length()
                    && ":.[".indexOf(rest.charAt(path.length())) >= 0
                    && (best == null || path.length() > best.length())) {
                best = path;
            }
        }
        if (best == null) {
            return message;
        }
        long[] place = places.get(best);
        return source + " line " + place[0] + ", column " + place[1] + ": " + rest;
    }
}
