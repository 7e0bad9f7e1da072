package com.bellwether.ingest;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * The usage rows an import wrote, as written, when it brought nothing but usage and not too many rows to hold: what a
 * portfolio in memory needs to take them in without reading their accounts again. Row r is {@code accountIds[r]} on
 * epoch day {@code days[r]}, its values {@code values[r * metrics.size() + m]} (NaN where the row gave none).
 */
public final class ImportedUsage {

    /** Imports of more rows than this are read back from the database instead. */
    static final int AT_MOST = 500_000;

    private final List<String> metrics;
    private String[] accountIds = new String[1024];
    private int[] days = new int[1024];
    private double[] values;
    private int rows;

    ImportedUsage(List<String> metrics) {
        this.metrics = List.copyOf(metrics);
        this.values = new double[1024 * Math.max(1, metrics.size())];
    }

    void add(String accountId, LocalDate date, double[] rowValues) {
        if (rows == days.length) {
            accountIds = Arrays.copyOf(accountIds, rows * 2);
            days = Arrays.copyOf(days, rows * 2);
            values = Arrays.copyOf(values, rows * 2 * Math.max(1, metrics.size()));
        }
        accountIds[rows] = accountId;
        days[rows] = (int) date.toEpochDay();
        System.arraycopy(rowValues, 0, values, rows * metrics.size(), metrics.size());
        rows++;
    }

    public List<String> metrics() {
        return metrics;
    }

    public int rows() {
        return rows;
    }

    public String accountId(int row) {
        return accountIds[row];
    }

    public int day(int row) {
        return days[row];
    }

    /** The row's value of the import's m-th metric; NaN when not given. */
    public double value(int row, int m) {
        return values[row * metrics.size() + m];
    }
}
