package com.bellwether.ui.importer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import com.bellwether.ingest.BundleEntity;
import com.bellwether.ingest.MappingProfile;

/**
 * One entity of a mapping profile as the screen edits it: the file it is read from and, per bundle field, the
 * source column or constant, the date pattern and the value map, all editable. Lookups and the aggregate are kept
 * as the profile gives them and shown read-only.
 */
public final class EntityMappingDraft {

    /** Usage in either form: the key columns, then metric and value for the long form. */
    private static final List<String> USAGE_FIELDS = List.of("account_id", "date", "metric", "value");

    private final BundleEntity entity;
    private final MappingProfile.EntityMapping base;
    private final StringProperty file = new SimpleStringProperty(this, "file", "");
    private final ObservableList<String> fileColumns = FXCollections.observableArrayList();
    private final ObservableList<FieldMapping> fields = FXCollections.observableArrayList();

    /**
     * @param base      the profile's mapping of the entity, or null when the profile does not read it
     * @param columnsOf the columns of a file of the source, empty when it has no such file
     */
    EntityMappingDraft(BundleEntity entity, MappingProfile.EntityMapping base, String file,
                       Function<String, List<String>> columnsOf) {
        this.entity = entity;
        this.base = base == null ? new MappingProfile.EntityMapping(null, null, null, null, null, null, null) : base;
        this.file.set(file == null ? "" : file);
        fileColumns.setAll(columnsOf.apply(this.file.get()));
        for (String field : fieldNames()) {
            String source = this.base.columns().get(field);
            if (source == null) {
                source = fileColumns.contains(field) ? field : "";
            }
            FieldMapping mapping = new FieldMapping(field, entity.requiredColumns().contains(field), source,
                    this.base.constants().get(field), note(field));
            mapping.datePatternProperty().set(this.base.datePatterns().getOrDefault(field, ""));
            mapping.valueMapProperty().set(valueMapText(this.base.valueMaps().get(field)));
            fields.add(mapping);
        }
        // A new file: fields read by their own name follow it.
        this.file.addListener((o, old, now) -> {
            fileColumns.setAll(columnsOf.apply(now));
            for (FieldMapping field : fields) {
                String source = field.sourceColumnProperty().get();
                if (source.isEmpty() || source.equalsIgnoreCase(field.field())) {
                    field.sourceColumnProperty().set(fileColumns.contains(field.field()) ? field.field() : "");
                }
            }
        });
    }

    public BundleEntity entity() {
        return entity;
    }

    /** The file read for this entity, or empty when the entity is not imported. */
    public StringProperty fileProperty() {
        return file;
    }

    public boolean isIncluded() {
        return !file.get().isBlank();
    }

    /** The columns of the chosen file, as the importer names them (trimmed, lower-cased). */
    public ObservableList<String> fileColumns() {
        return fileColumns;
    }

    public ObservableList<FieldMapping> fields() {
        return fields;
    }

    /** What the profile does beyond renames and constants (lookups, the aggregate), or empty. */
    public String readOnlyParts() {
        List<String> lines = new ArrayList<>();
        for (MappingProfile.Lookup lookup : base.lookups()) {
            lines.add("Lookup: " + lookup.column() + " ← " + describe(lookup));
        }
        MappingProfile.Aggregation aggregate = base.aggregate();
        if (aggregate != null) {
            String values = aggregate.values().entrySet().stream()
                    .map(e -> e.getKey() + " = " + describe(e.getValue()))
                    .collect(Collectors.joining("; "));
            lines.add("Aggregate: one row per " + String.join(", ", aggregate.by())
                    + (values.isEmpty() ? "" : "; " + values));
        }
        return String.join("\n", lines);
    }

    /**
     * The entity's mapping with the edits applied, or null when the entity is not imported.
     *
     * @throws MappingProfile.InvalidMappingException for a date pattern or value map that cannot be used; the
     *                                                message names the entity, the field and the expected form
     */
    MappingProfile.EntityMapping toMapping() {
        if (!isIncluded()) {
            return null;
        }
        Map<String, String> columns = new LinkedHashMap<>();
        Map<String, String> constants = new LinkedHashMap<>();
        Map<String, String> datePatterns = new LinkedHashMap<>();
        Map<String, Map<String, String>> valueMaps = new LinkedHashMap<>();
        for (FieldMapping field : fields) {
            String pattern = field.datePatternProperty().get().trim();
            if (!pattern.isEmpty()) {
                try {
                    java.time.format.DateTimeFormatter.ofPattern(pattern);
                } catch (IllegalArgumentException e) {
                    throw new MappingProfile.InvalidMappingException(entity.key() + ", " + field.field() + ": the date pattern \""
                            + pattern + "\" cannot be used (" + e.getMessage() + "); expected a date pattern such as dd/MM/yyyy (d day, M month, y year, H hour, m minute)");
                }
                datePatterns.put(field.field(), pattern);
            }
            Map<String, String> values = parseValueMap(entity.key() + ", " + field.field(), field.valueMapProperty().get());
            if (!values.isEmpty()) {
                valueMaps.put(field.field(), values);
            }
            String source = field.sourceColumnProperty().get().trim();
            // A column read by its own name needs no entry, unless the profile wrote one.
            if (!source.isEmpty() && (!source.equalsIgnoreCase(field.field()) || base.columns().containsKey(field.field()))) {
                columns.put(field.field(), source);
            }
            String constant = field.constantProperty().get().trim();
            if (!constant.isEmpty()) {
                constants.put(field.field(), constant);
            }
        }
        // What the screen does not edit (lookups, aggregation, computed fields, row filters) is kept as read.
        return new MappingProfile.EntityMapping(file.get().trim(), columns, constants, datePatterns, valueMaps,
                base.lookups(), base.aggregate(), base.compute(), base.where());
    }

    /**
     * A value map as the screen shows it: {@code from=to} pairs separated by semicolons, a backslash before any
     * {@code =}, {@code ;} or backslash that is part of a value.
     */
    static String valueMapText(Map<String, String> values) {
        return values == null ? "" : values.entrySet().stream().map(e -> escape(e.getKey()) + "=" + escape(e.getValue()))
                .collect(Collectors.joining("; "));
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("=", "\\=").replace(";", "\\;");
    }

    /** Reads {@code from=to; from=to} as {@link #valueMapText} writes it; blank for none. */
    static Map<String, String> parseValueMap(String at, String text) {
        Map<String, String> values = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return values;
        }
        List<List<String>> pairs = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                part.append(text.charAt(++i));
            } else if (c == '=') {
                parts.add(part.toString());
                part.setLength(0);
            } else if (c == ';') {
                parts.add(part.toString());
                pairs.add(parts);
                parts = new ArrayList<>();
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        parts.add(part.toString());
        pairs.add(parts);
        for (List<String> pair : pairs) {
            if (pair.size() == 1 && pair.get(0).isBlank()) {
                continue;
            }
            String from = pair.get(0).trim();
            if (pair.size() != 2 || from.isEmpty()) {
                throw new MappingProfile.InvalidMappingException(at + ": the value map entry \"" + String.join("=", pair).trim()
                        + "\" cannot be read; expected source=bundle pairs separated by semicolons, e.g. Ent=enterprise; SMB=smb"
                        + " (a backslash before an = or ; that is part of a value)");
            }
            if (values.put(from, pair.get(1).trim()) != null) {
                throw new MappingProfile.InvalidMappingException(at + ": the value map names \"" + from
                        + "\" twice; expected each source value once");
            }
        }
        return values;
    }

    private List<String> fieldNames() {
        Set<String> names = new LinkedHashSet<>();
        if (entity == BundleEntity.USAGE) {
            names.addAll(USAGE_FIELDS);
        } else {
            names.addAll(entity.requiredColumns());
            names.addAll(entity.optionalColumns());
        }
        // Renames and constants of other columns (metrics of wide usage, say) stay editable too.
        names.addAll(base.columns().keySet());
        names.addAll(base.constants().keySet());
        names.addAll(base.datePatterns().keySet());
        names.addAll(base.valueMaps().keySet());
        return new ArrayList<>(names);
    }

    private String note(String field) {
        List<String> notes = new ArrayList<>();
        base.lookups().stream().filter(l -> field.equals(l.column())).findFirst()
                .ifPresent(l -> notes.add("lookup: " + describe(l)));
        if (base.aggregate() != null) {
            notes.add(base.aggregate().by().contains(field) ? "grouped on" : "not kept by the aggregate");
        }
        return String.join("; ", notes);
    }

    private static String describe(MappingProfile.Lookup lookup) {
        String pick = lookup.pick() == null ? "first" : lookup.pick();
        String what = "count".equals(pick) ? "the count of rows" : pick + " " + lookup.value();
        return what + " of " + lookup.file() + " where " + lookup.key() + " = " + lookup.from()
                + ("latest".equals(pick) ? " (by " + lookup.orderBy() + ")" : "");
    }

    private static String describe(MappingProfile.AggregateValue value) {
        String op = value.op().toLowerCase(Locale.ROOT).replace('_', ' ');
        String text = value.of() == null ? op : op + " of " + value.of();
        return value.scale() == null ? text : text + " × " + String.format(Locale.ROOT, "%.4g", value.scale());
    }
}
