package com.bellwether.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * What identifies the data a database holds: data arrives only through imports, each recorded in import_run, so the
 * latest import with the rows of each table tells one state of the data from another. Notes (CSM adjustments) are
 * left out: they move adjustments, never what a measure reads.
 */
public final class DataVersion {

    private DataVersion() {
    }

    public static String read(Database database) {
        StringBuilder version = new StringBuilder();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COUNT(*), MAX(run_id), MAX(finished_at) FROM import_run")) {
            rs.next();
            version.append("imports=").append(rs.getLong(1)).append(';').append(rs.getLong(2)).append(';')
                    .append(rs.getString(3));
        } catch (SQLException e) {
            throw new StoreException("Cannot read the data version of " + database.location().displayName() + ": "
                    + e.getMessage(), e);
        }
        for (Map.Entry<String, Long> table : DatabaseSummary.rowCounts(database).entrySet()) {
            if (!table.getKey().equals("note")) {
                version.append(';').append(table.getKey()).append('=').append(table.getValue());
            }
        }
        return version.toString();
    }
}
