package com.bellwether.ui.sources;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import com.fasterxml.jackson.databind.JsonNode;

import com.bellwether.app.Durations;
import com.bellwether.app.Source;
import com.bellwether.ingest.BundleEntity;
import com.bellwether.ingest.MappingProfile;
import com.bellwether.ingest.SourceDefinition;

/**
 * The Add / Edit form of a source: what the user typed, checked as they type (by {@link SourceDefinition#check} and
 * {@link Durations#parse}), each mistake told next to the field it is about once that field was edited (or the
 * form opened on a saved source). Holds no node.
 */
public final class SourceForm {

    /** The fields a mistake can be told next to; {@link #GENERAL} is the form's own line. */
    public enum Field {
        NAME, FOLDER, PATTERN, ENTITY, MAPPING, URL, QUERY, CURSOR, USER, USER_VARIABLE, PASSWORD_VARIABLE,
        PASSWORD_FILE, SCHEDULE, GENERAL
    }

    public enum Kind {
        FOLDER("Folder"), QUERY("Query");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** The entities a source may name; "" is none (a folder source whose file names say). */
    public static List<String> entityChoices() {
        List<String> keys = new ArrayList<>(List.of(""));
        for (BundleEntity entity : BundleEntity.values()) {
            keys.add(entity.key());
        }
        return keys;
    }

    private final boolean editing;
    private final Set<String> takenNames;
    private final StringProperty name = new SimpleStringProperty("");
    private final ObjectProperty<Kind> kind = new SimpleObjectProperty<>(Kind.FOLDER);
    private final StringProperty folder = new SimpleStringProperty("");
    private final StringProperty pattern = new SimpleStringProperty("");
    private final StringProperty entity = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<JsonNode> mapping = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper mappingText = new ReadOnlyStringWrapper("");
    private final StringProperty url = new SimpleStringProperty("");
    private final StringProperty query = new SimpleStringProperty("");
    private final StringProperty cursor = new SimpleStringProperty("");
    private final StringProperty user = new SimpleStringProperty("");
    private final StringProperty userVariable = new SimpleStringProperty("");
    private final StringProperty passwordVariable = new SimpleStringProperty("");
    private final StringProperty passwordFile = new SimpleStringProperty("");
    private final StringProperty schedule = new SimpleStringProperty("");
    private final Map<Field, ReadOnlyStringWrapper> errors = new EnumMap<>(Field.class);
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper();
    private final Set<Field> touched = EnumSet.noneOf(Field.class);

    /** A form for a new source; {@code takenNames} are those already saved. */
    public SourceForm(Set<String> takenNames) {
        this(false, takenNames);
    }

    private SourceForm(boolean editing, Set<String> takenNames) {
        this.editing = editing;
        this.takenNames = Set.copyOf(takenNames);
        for (Field field : Field.values()) {
            errors.put(field, new ReadOnlyStringWrapper(""));
        }
        watch(name, Field.NAME);
        watch(folder, Field.FOLDER);
        watch(pattern, Field.PATTERN);
        watch(entity, Field.ENTITY);
        watch(url, Field.URL);
        watch(query, Field.QUERY);
        watch(cursor, Field.CURSOR);
        watch(user, Field.USER);
        watch(userVariable, Field.USER_VARIABLE);
        watch(passwordVariable, Field.PASSWORD_VARIABLE);
        watch(passwordFile, Field.PASSWORD_FILE);
        watch(schedule, Field.SCHEDULE);
        kind.addListener(o -> validate());
        mapping.addListener(o -> {
            touched.add(Field.MAPPING);
            validate();
        });
        validate();
    }

    /** A form over a saved source: every mistake shows at once; its name cannot change. */
    public static SourceForm of(Source source) {
        SourceForm form = new SourceForm(true, Set.of());
        SourceDefinition d = source.definition();
        form.name.set(source.name());
        form.kind.set(SourceDefinition.QUERY.equals(d.kind()) ? Kind.QUERY : Kind.FOLDER);
        form.folder.set(text(d.folder()));
        form.pattern.set(text(d.pattern()));
        form.entity.set(text(d.entity()));
        form.url.set(text(d.url()));
        form.query.set(text(d.query()));
        form.cursor.set(text(d.cursor()));
        form.user.set(text(d.user()));
        form.userVariable.set(text(d.userVariable()));
        form.passwordVariable.set(text(d.passwordVariable()));
        form.passwordFile.set(text(d.passwordFile()));
        form.schedule.set(source.every() == null ? "" : Durations.format(source.every()));
        if (d.mapping() != null && !d.mapping().isNull()) {
            form.useMapping(d.mapping(), "the saved profile " + d.mapping().path("name").asText("(unnamed)"));
        }
        form.touched.addAll(EnumSet.allOf(Field.class));
        form.validate();
        return form;
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private void watch(StringProperty property, Field field) {
        property.addListener(o -> {
            touched.add(field);
            validate();
        });
    }

    // Properties

    public boolean editing() {
        return editing;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public ObjectProperty<Kind> kindProperty() {
        return kind;
    }

    public StringProperty folderProperty() {
        return folder;
    }

    public StringProperty patternProperty() {
        return pattern;
    }

    /** The entity key, "" for none. */
    public StringProperty entityProperty() {
        return entity;
    }

    /** The mapping profile's JSON kept in the definition, or null. */
    public ReadOnlyObjectProperty<JsonNode> mappingProperty() {
        return mapping.getReadOnlyProperty();
    }

    /** Where the mapping came from, in words; "" without one. */
    public ReadOnlyStringProperty mappingTextProperty() {
        return mappingText.getReadOnlyProperty();
    }

    public StringProperty urlProperty() {
        return url;
    }

    public StringProperty queryProperty() {
        return query;
    }

    public StringProperty cursorProperty() {
        return cursor;
    }

    public StringProperty userProperty() {
        return user;
    }

    public StringProperty userVariableProperty() {
        return userVariable;
    }

    public StringProperty passwordVariableProperty() {
        return passwordVariable;
    }

    public StringProperty passwordFileProperty() {
        return passwordFile;
    }

    /** A duration such as 15m, 2h or 1d; blank for none (synced on demand only). */
    public StringProperty scheduleProperty() {
        return schedule;
    }

    /** The mistake to show next to a field; "" when none (or not shown yet). */
    public ReadOnlyStringProperty errorProperty(Field field) {
        return errors.get(field).getReadOnlyProperty();
    }

    /** True when the source can be saved: no mistake, shown or not yet. */
    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    // Commands

    /** Keeps a mapping profile's JSON in the definition (the file itself is not kept). */
    public void useMapping(JsonNode json, String from) {
        mappingText.set(json == null ? "" : from);
        mapping.set(json);
    }

    public void clearMapping() {
        useMapping(null, "");
    }

    /** Shows every mistake, edited or not (a save asked for). */
    public void showAll() {
        touched.addAll(EnumSet.allOf(Field.class));
        validate();
    }

    /** The definition as typed; check it with {@link #validProperty()} first. */
    public SourceDefinition definition() {
        if (kind.get() == Kind.QUERY) {
            return SourceDefinition.query(blankToNull(url.get()), blankToNull(query.get()), blankToNull(cursor.get()),
                    blankToNull(entity.get()), blankToNull(user.get()), blankToNull(userVariable.get()),
                    blankToNull(passwordVariable.get()), blankToNull(passwordFile.get()));
        }
        return SourceDefinition.folder(blankToNull(folder.get()), blankToNull(pattern.get()), blankToNull(entity.get()),
                mapping.get());
    }

    /** The schedule, or null for none; throws with the form expected when it is not a duration. */
    public Duration every() {
        String text = schedule.get();
        return text == null || text.isBlank() || text.trim().equalsIgnoreCase("none") ? null : Durations.parse(text);
    }

    public String name() {
        return name.get() == null ? "" : name.get().trim();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    // Checking

    /** Every mistake, by the field it is about. */
    Map<Field, List<String>> mistakes() {
        Map<Field, List<String>> found = new EnumMap<>(Field.class);
        String sourceName = name();
        if (!editing && takenNames.contains(sourceName)) {
            add(found, Field.NAME, "a source named " + sourceName + " already exists");
        }
        try {
            every();
        } catch (IllegalArgumentException e) {
            add(found, Field.SCHEDULE, e.getMessage());
        }
        SourceDefinition definition = definition();
        String mappingMistake = null;
        if (kind.get() == Kind.FOLDER && mapping.get() != null) {
            try {
                definition.mappingProfile(sourceName);
            } catch (MappingProfile.InvalidMappingException e) {
                mappingMistake = e.getMessage();
                add(found, Field.MAPPING, mappingMistake);
            }
        }
        try {
            definition.check(sourceName);
        } catch (SourceDefinition.InvalidSourceException e) {
            String message = e.getMessage();
            String prefix = "Source " + sourceName + ": ";
            if (message.startsWith(prefix)) {
                message = message.substring(prefix.length());
            }
            if (mappingMistake != null) {
                message = message.replace(mappingMistake, "");
            }
            for (String piece : message.split("; ")) {
                if (!piece.isBlank()) {
                    add(found, fieldOf(piece.trim()), piece.trim());
                }
            }
        }
        return found;
    }

    private Field fieldOf(String mistake) {
        String m = mistake.toLowerCase(Locale.ROOT);
        if (m.startsWith("the name")) {
            return Field.NAME;
        }
        if (m.startsWith("entity \"") || m.contains("needs the entity") || m.contains("leave out entity")) {
            return Field.ENTITY;
        }
        if (m.contains("needs its folder")) {
            return Field.FOLDER;
        }
        if (m.startsWith("pattern")) {
            return Field.PATTERN;
        }
        if (m.contains("jdbc url") || m.startsWith("the url")) {
            return Field.URL;
        }
        if (m.contains("needs its query")) {
            return Field.QUERY;
        }
        if (m.contains("needs its cursor")) {
            return Field.CURSOR;
        }
        if (m.contains("environment variable")) {
            String variable = text(userVariable.get()).trim();
            return !variable.isEmpty() && mistake.contains("\"" + variable + "\"") ? Field.USER_VARIABLE
                    : Field.PASSWORD_VARIABLE;
        }
        if (m.contains("mapping") || m.contains("profile")) {
            return Field.MAPPING;
        }
        return Field.GENERAL;
    }

    private static void add(Map<Field, List<String>> found, Field field, String mistake) {
        found.computeIfAbsent(field, f -> new ArrayList<>()).add(capitalised(mistake));
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private void validate() {
        Map<Field, List<String>> found = mistakes();
        valid.set(found.isEmpty());
        for (Field field : Field.values()) {
            List<String> mine = found.get(field);
            boolean shown = field == Field.GENERAL || touched.contains(field);
            errors.get(field).set(mine == null || !shown ? "" : String.join(". ", mine) + ".");
        }
    }
}
