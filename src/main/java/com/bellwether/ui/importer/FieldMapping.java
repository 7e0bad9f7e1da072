package com.bellwether.ui.importer;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Where one bundle field comes from: a source column of the entity's file, or a constant for every row (a
 * constant wins); how its dates are written (a java.time pattern) and which source values stand for which bundle
 * values, both editable. {@code note} tells, read-only, what else the profile does to the field: a lookup, the
 * aggregate.
 */
public final class FieldMapping {

    private final String field;
    private final boolean required;
    private final String note;
    private final StringProperty sourceColumn = new SimpleStringProperty(this, "sourceColumn", "");
    private final StringProperty constant = new SimpleStringProperty(this, "constant", "");
    private final StringProperty datePattern = new SimpleStringProperty(this, "datePattern", "");
    private final StringProperty valueMap = new SimpleStringProperty(this, "valueMap", "");

    FieldMapping(String field, boolean required, String sourceColumn, String constant, String note) {
        this.field = field;
        this.required = required;
        this.note = note == null ? "" : note;
        this.sourceColumn.set(sourceColumn == null ? "" : sourceColumn);
        this.constant.set(constant == null ? "" : constant);
    }

    /** The java.time pattern the source writes this field's dates in (e.g. dd/MM/yyyy), or empty for ISO dates. */
    public StringProperty datePatternProperty() {
        return datePattern;
    }

    /** Source values and the bundle values they stand for, as {@code from=to; from=to}, or empty for none. */
    public StringProperty valueMapProperty() {
        return valueMap;
    }

    /** The canonical column this row fills. */
    public String field() {
        return field;
    }

    public boolean required() {
        return required;
    }

    public String note() {
        return note;
    }

    /** The source column, or empty for none. */
    public StringProperty sourceColumnProperty() {
        return sourceColumn;
    }

    /** The value for every row, or empty for none. */
    public StringProperty constantProperty() {
        return constant;
    }
}
