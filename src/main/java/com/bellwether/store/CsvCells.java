package com.bellwether.store;

/**
 * Cells of the CSV files Bellwether writes. A spreadsheet opening the file would run text beginning with =, +, -,
 * {@code @}, a tab or a carriage return as a formula (CSV injection, see OWASP), so such text starts with an
 * apostrophe instead; every text cell of every CSV export goes through here.
 */
public final class CsvCells {

    /** The characters that make a spreadsheet read the rest of a cell as a formula. */
    private static final String FORMULA_START = "=+-@\t\r";

    private CsvCells() {
    }

    /** The text as a safe cell: empty for null, an apostrophe before a leading =, +, -, @, tab or carriage return. */
    public static String text(String value) {
        if (value == null) {
            return "";
        }
        return formulaLike(value) ? "'" + value : value;
    }

    /** True when a spreadsheet would read the text as a formula. */
    public static boolean formulaLike(String value) {
        return value != null && !value.isEmpty() && FORMULA_START.indexOf(value.charAt(0)) >= 0;
    }
}
