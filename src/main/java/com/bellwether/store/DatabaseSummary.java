package com.bellwether.store;

import java.sql.Connection;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Rows per table and the span of dated data: what {@code db info} and the status screens show. */
public record DatabaseSummary(String location, Map<String, Long> rowsPerTable, LocalDate firstDate, LocalDate lastDate) {

    /** The bundle's tables, in the order users think of them. */
    public static final Set<String> BUNDLE_TABLES = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(
            java.util.List.of("account", "account_history", "usage_day", "ticket", "interaction", "survey", "outcome",
                    "note")));

    private static final String[] TABLES = {
        "account", "account_history", "usage_metric", "usage_day", "ticket", "interaction", "survey", "outcome", "note",
        "import_run"
    };

    /** The rows of each table, without the span of dates (which scans the dated tables). */
    public static Map<String, Long> rowCounts(Database database) {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            Map<String, Long> rows = new LinkedHashMap<>();
            for (String table : TABLES) {
                try (ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    rs.next();
                    rows.put(table, rs.getLong(1));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new StoreException("Cannot count the rows of " + database.location().displayName() + ": "
                    + e.getMessage(), e);
        }
    }

    public static DatabaseSummary read(Database database) {
        Map<String, Long> rows = rowCounts(database);
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            LocalDate first = null;
            LocalDate last = null;
            // The imports recorded the span of what they brought; only data written without an import is scanned.
            try (ResultSet rs = statement.executeQuery("SELECT MIN(first_date), MAX(last_date), COUNT(*) FROM import_run")) {
                if (rs.next() && rs.getLong(3) > 0) {
                    Date min = rs.getDate(1);
                    Date max = rs.getDate(2);
                    return new DatabaseSummary(database.location().displayName(), rows,
                            min == null ? null : min.toLocalDate(), max == null ? null : max.toLocalDate());
                }
            }
            try (ResultSet rs = statement.executeQuery(
                    "SELECT MIN(d), MAX(d) FROM ("
                            + " SELECT MIN(usage_date) d FROM usage_day UNION ALL SELECT MAX(usage_date) FROM usage_day"
                            + " UNION ALL SELECT MIN(CAST(opened AS DATE)) FROM ticket UNION ALL SELECT MAX(CAST(opened AS DATE)) FROM ticket"
                            + " UNION ALL SELECT MIN(CAST(occurred_at AS DATE)) FROM interaction"
                            + " UNION ALL SELECT MAX(CAST(occurred_at AS DATE)) FROM interaction"
                            + " UNION ALL SELECT MIN(survey_date) FROM survey UNION ALL SELECT MAX(survey_date) FROM survey"
                            + " UNION ALL SELECT MIN(outcome_date) FROM outcome UNION ALL SELECT MAX(outcome_date) FROM outcome) spans")) {
                if (rs.next()) {
                    Date min = rs.getDate(1);
                    Date max = rs.getDate(2);
                    first = min == null ? null : min.toLocalDate();
                    last = max == null ? null : max.toLocalDate();
                }
            }
            return new DatabaseSummary(database.location().displayName(), rows, first, last);
        } catch (SQLException e) {
            throw new StoreException("Cannot read the database at " + database.location().displayName() + ": " + e.getMessage(), e);
        }
    }

    /** True when no account has been imported yet. */
    public boolean isEmpty() {
        return rowsPerTable.getOrDefault("account", 0L) == 0;
    }
}
