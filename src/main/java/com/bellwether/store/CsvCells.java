package com.bellwether.store;

/**
 * Cells of the CSV files Bellwether writes. A spreadsheet opening the file would run text beginning with =, +, - or
 * {@code @} as a formula (CSV injection), so such text starts with an apostrophe instead; every export goes through
 * here.
 */
public final class CsvCells {

    private CsvCells() {
    }

    /** The text as a safe cell: empty for null, an apostrophe before a leading =, +, - or @. */
    public static String text(String value) {
        if (value == null) {
            return "";
        }
        return !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }
}
