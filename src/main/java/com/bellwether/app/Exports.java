package com.bellwether.app;

import com.bellwether.store.CsvCells;
import com.bellwether.store.JsonOutput;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The shape of every file Bellwether writes, for screens and commands: the same safe CSV cells and JSON as the store's. */
public final class Exports {

    private Exports() {
    }

    /** The text as a CSV cell a spreadsheet will not run as a formula. */
    public static String csvText(String value) {
        return CsvCells.text(value);
    }

    /** JSON with dates as ISO text, NaN (no data) as null and numbers rounded to {@code decimals} places. */
    public static ObjectMapper json(int decimals) {
        return JsonOutput.mapper(decimals);
    }
}
