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
            for (String table : new String[] {"account", "usage_metric", "ticket", "interaction", "survey", "outcome",
                    "note", "import_run", "import_file"}) {
                try (ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        }
        return counts;
    }

    public static Object single(Database database, String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getObject(1);
        }
    }
}
