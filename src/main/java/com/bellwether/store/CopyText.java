package com.bellwether.store;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * Rows in PostgreSQL's COPY text format, as {@code COPY table (columns) FROM STDIN} reads them: cells separated by a
 * tab, rows ended by a newline, {@code \N} for NULL, and a backslash, tab, newline or carriage return inside a text
 * escaped with a backslash (every other character, quotes and commas included, goes as it is). Arrays of numbers
 * are written as array literals ({@code {1.5,NULL,3}}), whose characters need no escaping.
 */
final class CopyText implements BundleWriter.Cells {

    private final StringBuilder text = new StringBuilder(1 << 16);
    private boolean rowStarted;

    /** The characters held so far. */
    int length() {
        return text.length();
    }

    /** The rows held, encoded as the connection sends them (pgjdbc's client encoding is always UTF-8). */
    byte[] bytes() {
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    void clear() {
        text.setLength(0);
        rowStarted = false;
    }

    /** Ends the row whose cells were just given. */
    void endRow() {
        text.append('\n');
        rowStarted = false;
    }

    @Override
    public String toString() {
        return text.toString();
    }

    private StringBuilder cell() {
        if (rowStarted) {
            text.append('\t');
        }
        rowStarted = true;
        return text;
    }

    private CopyText nullCell() {
        cell().append("\\N");
        return this;
    }

    @Override
    public CopyText text(String value) {
        if (value == null) {
            return nullCell();
        }
        StringBuilder out = cell();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return this;
    }

    @Override
    public CopyText integer(Integer value) {
        if (value == null) {
            return nullCell();
        }
        cell().append(value.intValue());
        return this;
    }

    @Override
    public CopyText small(Short value) {
        if (value == null) {
            return nullCell();
        }
        cell().append(value.shortValue());
        return this;
    }

    @Override
    public CopyText real(Double value) {
        if (value == null) {
            return nullCell();
        }
        cell().append(number(value));
        return this;
    }

    @Override
    public CopyText date(LocalDate value) {
        if (value == null) {
            return nullCell();
        }
        cell().append(value);
        return this;
    }

    @Override
    public CopyText timestamp(LocalDateTime value) {
        if (value == null) {
            return nullCell();
        }
        // ISO 8601 with its 'T', which PostgreSQL reads; fractions finer than a microsecond are rounded by the server.
        cell().append(value);
        return this;
    }

    @Override
    public CopyText flag(boolean value) {
        cell().append(value ? 't' : 'f');
        return this;
    }

    /** An array of DOUBLE PRECISION, null elements as NULL. */
    CopyText reals(Double[] values) {
        StringBuilder out = cell().append('{');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(values[i] == null ? "NULL" : number(values[i]));
        }
        out.append('}');
        return this;
    }

    /** Java's shortest exact form of a double, which PostgreSQL reads back to the same value (NaN and Infinity too). */
    private static String number(double value) {
        return Double.toString(value);
    }
}
