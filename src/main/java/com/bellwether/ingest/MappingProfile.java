package com.bellwether.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * How to read files of another shape as the canonical bundle: per entity, the file, column renames, constants,
 * date patterns, value maps, lookups through another file, computed fields, row filters and aggregation per key.
 * An entity may be mapped more than once under keys such as {@code outcomes:cancelled} (the entity is the part
 * before the colon). See docs/data-format.md, section 6.
 */
@JsonIgnoreProperties(value = {"$comment"})
public record MappingProfile(String name, String description, Map<String, EntityMapping> entities) {

    public MappingProfile {
        entities = entities == null ? Map.of() : new LinkedHashMap<>(entities);
    }

    /**
     * How one entity is read. Every map is keyed by canonical column name. {@code compute} holds each computed
     * field's expression as JSON (see {@link MappingExpression}), in the order given; {@code where} lists the
     * conditions a row must all meet to be imported.
     */
    @JsonIgnoreProperties(value = {"$comment"})
    public record EntityMapping(
            String file,
            Map<String, String> columns,
            Map<String, String> constants,
            Map<String, String> datePatterns,
            Map<String, Map<String, String>> valueMaps,
            List<Lookup> lookups,
            Aggregation aggregate,
            Map<String, JsonNode> compute,
            List<Filter> where) {

        public EntityMapping {
            columns = columns == null ? Map.of() : columns;
            constants = constants == null ? Map.of() : constants;
            datePatterns = datePatterns == null ? Map.of() : datePatterns;
            valueMaps = valueMaps == null ? Map.of() : valueMaps;
            lookups = lookups == null ? List.of() : lookups;
            compute = compute == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(compute));
            where = where == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(where));
        }

        /** A mapping without computed fields or filters. */
        public EntityMapping(String file, Map<String, String> columns, Map<String, String> constants,
                             Map<String, String> datePatterns, Map<String, Map<String, String>> valueMaps,
                             List<Lookup> lookups, Aggregation aggregate) {
            this(file, columns, constants, datePatterns, valueMaps, lookups, aggregate, null, null);
        }
    }

    /**
     * A condition on a column (a source column, a lookup's result or a computed field): {@code op} is equals,
     * notEquals, in, notIn, empty, notEmpty, &lt;, &lt;=, &gt; or &gt;=; {@code value} is the one value compared
     * with, {@code values} the list for in and notIn.
     */
    @JsonIgnoreProperties(value = {"$comment"})
    public record Filter(String column, String op, JsonNode value, List<String> values) {
    }

    /**
     * Fills {@code column} with {@code value} from the rows of {@code file} whose {@code key} column equals this
     * row's {@code from} column. When several rows match, {@code pick} chooses: first, last, latest or earliest
     * (greatest or least {@code orderBy}, compared as text so ISO dates order), sum, max, min or count.
     */
    public record Lookup(String column, String file, String key, String from, String value, String pick, String orderBy) {
    }

    /** Rows with equal {@code by} columns become one row; {@code values} computes its other columns. */
    public record Aggregation(List<String> by, Map<String, AggregateValue> values) {

        public Aggregation {
            by = by == null ? List.of() : by;
            values = values == null ? Map.of() : values;
        }
    }

    /** sum, count, count_distinct, max, min or mean of column {@code of}, times {@code scale} if given. */
    public record AggregateValue(String op, String of, Double scale) {
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * Reads and checks a profile; any mistake is reported with the file, the line and column, and the field. The
     * files it names must lie in the folder it is used with ({@link #fileIn}).
     */
    public static MappingProfile read(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException(file + " is a folder; expected a mapping profile (a .json file)");
        }
        if (!Files.exists(file)) {
            throw new IOException(file + " does not exist; expected a mapping profile (a .json file)");
        }
        String name = file.getFileName().toString();
        return parse(JsonMistakes.utf8(Files.readAllBytes(file), name, InvalidMappingException::new), name);
    }

    public static String text(Path file) throws IOException {
        String text = Files.readString(file);
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /**
     * The file a profile names, in {@code folder}: a name that leads out of it (an absolute path, {@code ../}, a
     * link to elsewhere) is refused naming the profile and the field, so a profile reads nothing but its bundle.
     */
    public static Path fileIn(Path folder, String name, String profile, String field) throws IOException {
        Path base = folder.toAbsolutePath().normalize();
        Path file = base.resolve(name).normalize();
        if (!file.startsWith(base) || file.equals(base)) {
            throw new InvalidMappingException(profile + ": " + field + ": \"" + name + "\" is outside the folder " + folder
                    + "; expected the name of a file in that folder");
        }
        if (Files.exists(file) && !file.toRealPath().startsWith(base.toRealPath())) {
            throw new InvalidMappingException(profile + ": " + field + ": \"" + name + "\" leads outside the folder " + folder
                    + " (through a link); expected the name of a file in that folder");
        }
        return file;
    }

    /** A file name that cannot lie inside any folder: absolute, or climbing out with {@code ..}. */
    private static void checkFileName(String at, String name) {
        Path path;
        try {
            path = Path.of(name);
        } catch (java.nio.file.InvalidPathException e) {
            throw new InvalidMappingException(at + ": \"" + name + "\" is not a file name; expected the name of a file in"
                    + " the bundle's folder");
        }
        Path normal = path.normalize();
        if (path.isAbsolute() || name.startsWith("/") || name.startsWith("\\") || normal.toString().isEmpty()
                || normal.startsWith("..")) {
            throw new InvalidMappingException(at + ": \"" + name + "\" is outside the bundle's folder; expected the name of"
                    + " a file in the bundle's folder (such as accounts.csv)");
        }
    }

    private void check(String source) {
        if (entities.isEmpty()) {
            throw new InvalidMappingException(source + ": \"entities\" must name at least one of " + BundleEntity.allKeys());
        }
        entities.forEach((key, mapping) -> {
            String at = source + ": entities." + key;
            if (entity(key).isEmpty()) {
                throw new InvalidMappingException(at + ": unknown entity; expected one of " + BundleEntity.allKeys()
                        + (key.contains(":") ? " before the colon, and a label after it (such as outcomes:cancelled)" : ""));
            }
            if (mapping == null || mapping.file() == null || mapping.file().isBlank()) {
                throw new InvalidMappingException(at + ".file: the file to read is required");
            }
            checkFileName(at + ".file", mapping.file());
            checkComputeAndWhere(at, mapping);
            for (int i = 0; i < mapping.lookups().size(); i++) {
                Lookup lookup = mapping.lookups().get(i);
                String l = at + ".lookups[" + i + "]";
                requireField(l, "column", lookup.column());
                requireField(l, "file", lookup.file());
                checkFileName(l + ".file", lookup.file());
                requireField(l, "key", lookup.key());
                requireField(l, "from", lookup.from());
                if (lookup.pick() == null || !lookup.pick().equals("count")) {
                    requireField(l, "value", lookup.value());
                }
                if (lookup.pick() != null && !PICKS.contains(lookup.pick())) {
                    throw new InvalidMappingException(l + ".pick: \"" + lookup.pick()
                            + "\"; expected first, last, latest, earliest, sum, max, min or count");
                }
                if ("latest".equals(lookup.pick()) || "earliest".equals(lookup.pick())) {
                    requireField(l, "orderBy", lookup.orderBy());
                }
            }
            mapping.datePatterns().forEach((column, pattern) -> {
                try {
                    java.time.format.DateTimeFormatter.ofPattern(pattern);
                } catch (IllegalArgumentException e) {
                    throw new InvalidMappingException(at + ".datePatterns." + column + ": \"" + pattern
                            + "\" is not a date pattern (" + e.getMessage() + ")");
                }
            });
            if (mapping.aggregate() != null) {
                if (mapping.aggregate().by().isEmpty()) {
                    throw new InvalidMappingException(at + ".aggregate.by: the columns to group by are required");
                }
                mapping.aggregate().values().forEach((column, value) -> {
                    String v = at + ".aggregate.values." + column;
                    if (value == null || value.op() == null
                            || !List.of("sum", "count", "count_distinct", "max", "min", "mean").contains(value.op())) {
                        throw new InvalidMappingException(v + ".op: expected sum, count, count_distinct, max, min or mean");
                    }
                    if (!value.op().equals("count")) {
                        requireField(v, "of", value.of());
                    }
                });
            }
        });
    }

    static final List<String> PICKS = List.of("first", "last", "latest", "earliest", "sum", "max", "min", "count");

    /** The entity a key of {@code entities} maps: {@code outcomes}, or {@code outcomes} for {@code outcomes:cancelled}. */
    public static Optional<BundleEntity> entity(String key) {
        int colon = key.indexOf(':');
        if (colon == 0 || colon == key.length() - 1) {
            return Optional.empty();
        }
        return BundleEntity.forKey(colon < 0 ? key : key.substring(0, colon));
    }

    /** Parses every computed field and filter (so a mistake is reported before any file is read). */
    private static void checkComputeAndWhere(String at, EntityMapping mapping) {
        Set<String> given = new HashSet<>();
        mapping.lookups().forEach(l -> {
            if (l != null && l.column() != null) {
                given.add(l.column().toLowerCase(Locale.ROOT));
            }
        });
        mapping.compute().forEach((column, expression) -> {
            String c = at + ".compute." + column;
            if (column.isBlank()) {
                throw new InvalidMappingException(c + ": a column name is required");
            }
            if (mapping.columns().containsKey(column)) {
                throw new InvalidMappingException(c + ": " + column + " is also read from a source column in columns;"
                        + " give it one way");
            }
            if (mapping.constants().containsKey(column)) {
                throw new InvalidMappingException(c + ": " + column + " is also a constant; give it one way");
            }
            if (given.contains(column.toLowerCase(Locale.ROOT))) {
                throw new InvalidMappingException(c + ": " + column + " is also filled by a lookup; give it one way");
            }
            MappingExpression.parse(expression, c);
        });
        for (int i = 0; i < mapping.where().size(); i++) {
            RowFilter.parse(mapping.where().get(i), at + ".where[" + i + "]");
        }
    }

    private static void requireField(String at, String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidMappingException(at + "." + field + ": required");
        }
    }

    /** Reads and checks a profile held as text (a saved source's); mistakes name {@code label}, the place and the field. */
    public static MappingProfile parse(String text, String label) {
        MappingProfile profile;
        try {
            profile = JSON.readValue(text, MappingProfile.class);
        } catch (JsonMappingException e) {
            throw new InvalidMappingException(JsonMistakes.mapping(label, e));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidMappingException(JsonMistakes.syntax(label, e));
        }
        if (profile == null) {
            throw new InvalidMappingException(label + ": expected a JSON object {...} with \"name\" and \"entities\"");
        }
        try {
            profile.check(label);
        } catch (InvalidMappingException e) {
            throw new InvalidMappingException(JsonMistakes.locate(e.getMessage(), label, text));
        }
        return profile;
    }

    /** A mapping profile that cannot be used; the message names the file and the field. */
    public static final class InvalidMappingException extends RuntimeException {
        public InvalidMappingException(String message) {
            super(message);
        }
    }
}
