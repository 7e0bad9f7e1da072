package com.bellwether.app;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.bellwether.store.DatabaseSummary;

/** What a database holds: rows per table, the span of its dated data, and its latest imports. */
public record DatabaseInfo(String location, Map<String, Long> rowsPerTable, LocalDate firstDate, LocalDate lastDate,
                           List<ImportRun> recentImports) {

    /** The bundle's tables, in the order users think of them. */
    public static final Set<String> BUNDLE_TABLES = DatabaseSummary.BUNDLE_TABLES;

    static DatabaseInfo of(DatabaseSummary summary, List<ImportRun> recentImports) {
        return new DatabaseInfo(summary.location(), summary.rowsPerTable(), summary.firstDate(), summary.lastDate(),
                recentImports);
    }

    /** True when no account has been imported yet. */
    public boolean isEmpty() {
        return rowsPerTable.getOrDefault("account", 0L) == 0;
    }
}
