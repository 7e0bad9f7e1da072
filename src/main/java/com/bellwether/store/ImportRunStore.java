package com.bellwether.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The log of imports. */
public final class ImportRunStore {

    private ImportRunStore() {
    }

    /** Records a run within the caller's transaction and returns its id. */
    public static long record(Connection connection, ImportRun run) throws SQLException {
        long runId;
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO import_run (started_at, finished_at, source, mapping_name, mapping_json) VALUES (?,?,?,?,?)",
                Statement.RETURN_GENERATED_KEYS)) {
            insert.setObject(1, run.startedAt());
            insert.setObject(2, run.finishedAt());
            insert.setString(3, run.source());
            insert.setString(4, run.mappingName());
            insert.setString(5, run.mappingJson());
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                runId = keys.getLong(1);
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO import_file (run_id, file_name, entity, rows_read, rows_written) VALUES (?,?,?,?,?)")) {
            for (ImportRun.FileCount file : run.files()) {
                insert.setLong(1, runId);
                insert.setString(2, file.fileName());
                insert.setString(3, file.entity());
                insert.setLong(4, file.rowsRead());
                insert.setLong(5, file.rowsWritten());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        return runId;
    }

    /** The first and last date of the dated records a run wrote (null when it wrote none), in its transaction. */
    public static void recordDates(Connection connection, long runId, java.time.LocalDate first, java.time.LocalDate last)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE import_run SET first_date = ?, last_date = ? WHERE run_id = ?")) {
            update.setObject(1, first);
            update.setObject(2, last);
            update.setLong(3, runId);
            update.executeUpdate();
        }
    }

    /** The newest runs first. */
    public static List<ImportRun> recent(Database database, int limit) {
        try (Connection connection = database.connect()) {
            Map<Long, ImportRun> runs = new LinkedHashMap<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT run_id, started_at, finished_at, source, mapping_name, mapping_json FROM import_run"
                            + " ORDER BY run_id DESC LIMIT ?")) {
                query.setInt(1, limit);
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        runs.put(rs.getLong(1), new ImportRun(rs.getLong(1), rs.getObject(2, OffsetDateTime.class),
                                rs.getObject(3, OffsetDateTime.class), rs.getString(4), rs.getString(5),
                                rs.getString(6), new ArrayList<>()));
                    }
                }
            }
            try (Statement query = connection.createStatement();
                 ResultSet rs = query.executeQuery(
                         "SELECT run_id, file_name, entity, rows_read, rows_written FROM import_file ORDER BY run_id, entity")) {
                while (rs.next()) {
                    ImportRun run = runs.get(rs.getLong(1));
                    if (run != null) {
                        run.files().add(new ImportRun.FileCount(rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5)));
                    }
                }
            }
            return List.copyOf(runs.values());
        } catch (SQLException e) {
            throw new StoreException("Cannot read the import log: " + e.getMessage(), e);
        }
    }
}
