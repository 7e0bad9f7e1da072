package com.bellwether.ingest;

/** One record of an input file, read by column name, that can say where each of its values came from. */
public interface SourceRow {

    String file();

    /** The line the record starts on. */
    long line();

    /** The value of a column, trimmed; null when the column is absent or the cell is empty. */
    String get(String column);

    /** The 1-based column number of a field in its file, 0 when unknown (a constant, a computed value). */
    int columnNumber(String column);

    /** The line a field is on (records with quoted line breaks span lines); {@link #line()} by default. */
    default long lineOf(String column) {
        return line();
    }
}
