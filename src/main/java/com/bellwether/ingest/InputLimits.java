package com.bellwether.ingest;

import java.time.LocalDate;
import java.util.Map;

/**
 * The bounds every imported value must keep, checked while a file is read so that a value the database cannot hold
 * is a problem with its file, line and column rather than a failure half way through writing. The text lengths are
 * those of the schema's columns (a test holds them to it); the rest keep the engine's arithmetic sane.
 */
public final class InputLimits {

    /** The longest text per canonical column, in characters: the length of the column that stores it. */
    private static final Map<String, Integer> TEXT_LENGTH = Map.ofEntries(
            Map.entry("account_id", 100),
            Map.entry("name", 300),
            Map.entry("segment", 100),
            Map.entry("industry", 100),
            Map.entry("region", 100),
            Map.entry("csm", 200),
            Map.entry("lifecycle_stage", 50),
            Map.entry("ticket_id", 100),
            Map.entry("contact", 200),
            Map.entry("author", 200),
            Map.entry("reason", 2000),
            Map.entry("subject", 300),
            Map.entry("description", 4000),
            Map.entry("comment", 2000),
            Map.entry("summary", 2000),
            Map.entry("metric", 100));

    /** The longest usage metric name (a wide file's column name, or the long form's {@code metric} value). */
    public static final int METRIC_NAME_LENGTH = 100;

    /** The most usage metrics one import may name: each is a slot in every stored usage day. */
    public static final int MAX_METRICS = 1000;

    /** The earliest date taken: older ones are typing mistakes, and the calendar before 1582 differs. */
    public static final LocalDate EARLIEST_DATE = LocalDate.of(1900, 1, 1);

    /** The latest date taken (contract and renewal dates may lie in the future, but not past year 9999). */
    public static final LocalDate LATEST_DATE = LocalDate.of(9999, 12, 31);

    /**
     * The largest magnitude of a number (ARR, an ARR change, a usage value): a quadrillion, so that sums over a
     * portfolio of any size stay exact to the cent.
     */
    public static final double MAX_MAGNITUDE = 1e15;

    private InputLimits() {
    }

    /** The longest text a canonical column takes, or 0 when the column holds no free text. */
    public static int textLength(String column) {
        return TEXT_LENGTH.getOrDefault(column, 0);
    }

    /** Every column with a text limit, for the test that holds the limits to the schema. */
    public static Map<String, Integer> textLengths() {
        return TEXT_LENGTH;
    }
}
