package com.bellwether.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * How to read files of another shape as the canonical bundle: per entity, the file, column renames, constants,
 * date patterns, value maps, lookups through another file and aggregation per key. See docs/data-format.md.
 */
@JsonIgnoreProperties(value = {"$comment"})
public record MappingProfile(String name, String description, Map<String, EntityMapping> entities) {

    public MappingProfile {
        entities = entities == null ? Map.of() : new LinkedHashMap<>(entities);
    }

    /** How one entity is read. Every map is keyed by canonical column name. */
    @JsonIgnoreProperties(value = {"$comment"})
    public record EntityMapping(
            String file,
            Map<String, String> columns,
            Map<String, String> constants,
            Map<String, String> datePatterns,
            Map<String, Map<String, String>> valueMaps,
            List<Lookup> lookups,
            Aggregation aggregate) {

        public EntityMapping {
            columns = columns == null ? Map.of() : columns;
            constants = constants == null ? Map.of() : constants;
            datePatterns = datePatterns == null ? Map.of() : datePatterns;
            valueMaps = valueMaps == null ? Map.of() : valueMaps;
            lookups = lookups == null ? List.of() : lookups;
        }
    }

    /**
     * Fills {@code column} with {@code value} from the rows of {@code file} whose {@code key} column equals this
     * row's {@code from} column. When several rows match, {@code pick} chooses: first, last, latest (greatest
     * {@code orderBy}, compared as text so ISO dates order), sum, max, min or count.
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

    /** Reads and checks a profile; any mistake is reported with the file and the field. */
    public static MappingProfile read(Path file) throws IOException {
        MappingProfile profile;
        try {
            profile = JSON.readValue(file.toFile(), MappingProfile.class);
        } catch (JsonMappingException e) {
            throw new InvalidMappingException(file.getFileName() + ": " + e.getOriginalMessage().split("\n")[0]
                    + " at " + e.getPathReference() + location(e));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidMappingException(file.getFileName() + ": not valid JSON: " + e.getOriginalMessage() + location(e));
        }
        profile.check(file.getFileName().toString());
        return profile;
    }

    public static String text(Path file) throws IOException {
        return Files.readString(file);
    }

    private static String location(com.fasterxml.jackson.core.JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    private void check(String source) {
        if (entities.isEmpty()) {
            throw new InvalidMappingException(source + ": \"entities\" must name at least one of " + BundleEntity.allKeys());
        }
        entities.forEach((key, mapping) -> {
            String at = source + ": entities." + key;
            if (BundleEntity.forKey(key).isEmpty()) {
                throw new InvalidMappingException(at + ": unknown entity; expected one of " + BundleEntity.allKeys());
            }
            if (mapping == null || mapping.file() == null || mapping.file().isBlank()) {
                throw new InvalidMappingException(at + ".file: the file to read is required");
            }
            for (int i = 0; i < mapping.lookups().size(); i++) {
                Lookup lookup = mapping.lookups().get(i);
                String l = at + ".lookups[" + i + "]";
                requireField(l, "column", lookup.column());
                requireField(l, "file", lookup.file());
                requireField(l, "key", lookup.key());
                requireField(l, "from", lookup.from());
                if (lookup.pick() == null || !lookup.pick().equals("count")) {
                    requireField(l, "value", lookup.value());
                }
                if (lookup.pick() != null && !List.of("first", "last", "latest", "sum", "max", "min", "count").contains(lookup.pick())) {
                    throw new InvalidMappingException(l + ".pick: \"" + lookup.pick()
                            + "\"; expected first, last, latest, sum, max, min or count");
                }
                if ("latest".equals(lookup.pick())) {
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

    private static void requireField(String at, String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidMappingException(at + "." + field + ": required");
        }
    }

    /** Reads and checks a profile held as text (a saved source's); mistakes name {@code label} and the field. */
    public static MappingProfile parse(String text, String label) {
        MappingProfile profile;
        try {
            profile = JSON.readValue(text, MappingProfile.class);
        } catch (JsonMappingException e) {
            throw new InvalidMappingException(label + ": " + e.getOriginalMessage().split("\n")[0]
                    + " at " + e.getPathReference() + location(e));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidMappingException(label + ": not valid JSON: " + e.getOriginalMessage() + location(e));
        }
        profile.check(label);
        return profile;
    }

    /** A mapping profile that cannot be used; the message names the file and the field. */
    public static final class InvalidMappingException extends RuntimeException {
        public InvalidMappingException(String message) {
            super(message);
        }
    }
}
