package com.bellwether.ingest;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.bellwether.store.Database;
import com.bellwether.store.DatabaseLocation;

/** Fresh in-memory H2 databases for tests, with the real schema. */
public final class TestDatabases {

    private TestDatabases() {
    }

    public static Database fresh() {
        return Database.open(DatabaseLocation.inMemory("test-" + UUID.randomUUID()));
    }

    /** Rows per bundle table, to assert that a failed import changed nothing. */
    public static Map<String, Long> counts(Database database) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            for (String table : new String[] {"account", "account_history", "usage_metric", "usage_day", "ticket", "interaction", "survey", "outcome",
                    "note", "task", "import_run", "import_file"}) {
                try (ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        }
        return counts;
    }

    /** One metric's value for an account and day, or null. */
    public static Double usage(Database database, String account, String metric, String date) throws SQLException {
        Object value = single(database, "SELECT CASE WHEN CARDINALITY(d.metric_values) >= m.position THEN d.metric_values[m.position] END"
                + " FROM usage_day d JOIN account a ON a.account_key = d.account_key JOIN usage_metric m"
                + " ON m.name = '" + metric + "' WHERE a.account_id = '" + account + "' AND d.usage_date = DATE '" + date + "'");
        return value == null ? null : ((Number) value).doubleValue();
    }

    /** The sum of one metric over every account and day. */
    public static double usageTotal(Database database, String metric) throws SQLException {
        return ((Number) single(database, "SELECT SUM(CASE WHEN CARDINALITY(d.metric_values) >= m.position THEN d.metric_values[m.position] END)"
                + " FROM usage_day d JOIN usage_metric m"
                + " ON m.name = '" + metric + "'")).doubleValue();
    }

    public static Object single(Database database, String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getObject(1);
        }
    }
}
