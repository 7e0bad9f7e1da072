package com.bellwether.app;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A table to hand to a spreadsheet: a sheet name, typed columns and rows of values. Numbers stay numbers (with a
 * display format), dates stay dates, and text stays text however it begins; {@link XlsxFile} writes it.
 */
public final class SheetTable {

    /** What a column holds, which decides its cell type and display format. */
    public enum Kind {
        TEXT("@"),
        INTEGER("#,##0"),
        /** One decimal, as scores are shown. */
        SCORE("0.0"),
        /** Three decimals, for ratios such as ROC AUC or lift. */
        RATIO("0.000"),
        /** A share from 0 to 1, shown as a percentage. */
        PERCENT("0.0%"),
        /** An amount of money, in whole units with thousands separated. */
        MONEY("#,##0"),
        DATE("yyyy-mm-dd");

        private final String format;

        Kind(String format) {
            this.format = format;
        }

        /** The spreadsheet's number format for the column. */
        public String format() {
            return format;
        }
    }

    public record Column(String header, Kind kind) {
    }

    /** A value shown in a format other than its column's, e.g. a count or a date in a column of ratios. */
    public record Formatted(Object value, Kind kind) {

        public Formatted {
            if (value != null && (kind == Kind.DATE ? !(value instanceof LocalDate)
                    : kind != Kind.TEXT && !(value instanceof Number))) {
                throw new IllegalArgumentException(kind + " cannot hold " + value.getClass().getSimpleName());
            }
        }
    }

    private final String name;
    private final List<Column> columns = new ArrayList<>();
    private final List<Object[]> rows = new ArrayList<>();

    /** @param name the sheet's name: at most 31 characters, none of [ ] : * ? / \ */
    public SheetTable(String name) {
        if (name.isEmpty() || name.length() > 31 || name.chars().anyMatch(c -> "[]:*?/\\".indexOf(c) >= 0)) {
            throw new IllegalArgumentException("not a sheet name: " + name);
        }
        this.name = name;
    }

    public SheetTable column(String header, Kind kind) {
        if (!rows.isEmpty()) {
            throw new IllegalStateException("columns come before rows");
        }
        columns.add(new Column(header, kind));
        return this;
    }

    public SheetTable text(String header) {
        return column(header, Kind.TEXT);
    }

    public SheetTable integer(String header) {
        return column(header, Kind.INTEGER);
    }

    public SheetTable score(String header) {
        return column(header, Kind.SCORE);
    }

    public SheetTable ratio(String header) {
        return column(header, Kind.RATIO);
    }

    public SheetTable percent(String header) {
        return column(header, Kind.PERCENT);
    }

    public SheetTable money(String header) {
        return column(header, Kind.MONEY);
    }

    public SheetTable date(String header) {
        return column(header, Kind.DATE);
    }

    /**
     * Adds a row, one value per column: null (or NaN) for an empty cell, a {@link Number} for a number column, a
     * {@link LocalDate} for a date column, anything else is written as its text.
     */
    public SheetTable row(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException("a row of " + values.length + " values for " + columns.size()
                    + " columns in sheet " + name);
        }
        for (int c = 0; c < values.length; c++) {
            Object value = values[c];
            Kind kind = columns.get(c).kind();
            boolean fits = value == null
                    || (kind == Kind.TEXT)
                    || value instanceof Formatted
                    || (kind == Kind.DATE ? value instanceof LocalDate : value instanceof Number);
            if (!fits) {
                throw new IllegalArgumentException("column " + columns.get(c).header() + " of sheet " + name
                        + " holds " + kind + ", not " + value.getClass().getSimpleName());
            }
        }
        rows.add(values.clone());
        return this;
    }

    public String name() {
        return name;
    }

    public List<Column> columns() {
        return Collections.unmodifiableList(columns);
    }

    public int rowCount() {
        return rows.size();
    }

    /** The value at a row and column, as given. */
    public Object value(int row, int column) {
        return rows.get(row)[column];
    }
}
