package com.bellwether.store;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The saved sources, the files each folder source has imported (by content), each query source's cursor, and the
 * sync log. What a sync imported and what it records of it (files, cursor, its log line) are written in the
 * import's own transaction ({@link #recordSynced}), so they commit or vanish together.
 */
public final class SourceStore {

    /** A saved source: its name, kind ("folder" or "query"), definition (JSON) and schedule. */
    public record StoredSource(String name, String kind, String definition, Duration every, String cursorValue,
                               String cursorType, String changedBy, OffsetDateTime changedAt) {
    }

    /** A file a folder source imported, by its name in the folder and its content's SHA-256. */
    public record SeenFile(String fileName, String contentHash, long sizeBytes) {
    }

    /** One line of the sync log. */
    public record LogLine(long id, String source, OffsetDateTime started, OffsetDateTime finished, String result,
                          int files, long rows, Long runId, LocalDate firstDate, LocalDate lastDate, String error,
                          String by) {
    }

    /** Per source: its latest line, its last good sync and the latest day of data any of its syncs brought. */
    public record Freshness(String source, LogLine latest, OffsetDateTime lastGoodSync, LocalDate latestDataDay) {
    }

    /** The log's results. */
    public static final String IMPORTED = "imported";
    public static final String NOTHING_NEW = "nothing new";
    public static final String FAILED = "failed";
    public static final String CANCELLED = "cancelled";

    private final Database database;

    public SourceStore(Database database) {
        this.database = database;
    }

    public List<StoredSource> list() {
        return read("SELECT name, kind, definition, every_seconds, cursor_value, cursor_type, changed_by, changed_at"
                + " FROM source ORDER BY name", null);
    }

    public Optional<StoredSource> get(String name) {
        return read("SELECT name, kind, definition, every_seconds, cursor_value, cursor_type, changed_by, changed_at"
                + " FROM source WHERE name = ?", name).stream().findFirst();
    }

    private List<StoredSource> read(String sql, String name) {
        try (Connection connection = database.connect();
             PreparedStatement query = connection.prepareStatement(sql)) {
            if (name != null) {
                query.setString(1, name);
            }
            List<StoredSource> sources = new ArrayList<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    long seconds = rs.getLong(4);
                    Duration every = rs.wasNull() ? null : Duration.ofSeconds(seconds);
                    sources.add(new StoredSource(rs.getString(1), rs.getString(2), rs.getString(3),
                            every, rs.getString(5), rs.getString(6),
                            rs.getString(7), rs.getObject(8, OffsetDateTime.class)));
                }
            }
            return sources;
        } catch (SQLException e) {
            throw database.failure("Cannot read the sources", "reading the sources", "nothing was read", e);
        }
    }

    /**
     * Saves a new source or a changed definition and schedule of one. A changed definition starts the source over:
     * its cursor and the files it saw are forgotten, so its next sync reads everything it names (imports are upserts
     * on natural keys, so nothing is doubled).
     */
    public void save(String name, String kind, String definition, Duration every, String by, OffsetDateTime at) {
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            try {
                Optional<String> before = definitionOf(connection, name);
                if (before.isEmpty()) {
                    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO source (name, kind, definition,"
                            + " every_seconds, changed_by, changed_at) VALUES (?,?,?,?,?,?)")) {
                        insert.setString(1, name);
                        insert.setString(2, kind);
                        insert.setString(3, definition);
                        setSeconds(insert, 4, every);
                        insert.setString(5, by);
                        insert.setObject(6, at);
                        insert.executeUpdate();
                    }
                } else {
                    boolean changed = !before.get().equals(definition);
                    try (PreparedStatement update = connection.prepareStatement("UPDATE source SET kind = ?, definition = ?,"
                            + " every_seconds = ?, changed_by = ?, changed_at = ?"
                            + (changed ? ", cursor_value = NULL, cursor_type = NULL" : "") + " WHERE name = ?")) {
                        update.setString(1, kind);
                        update.setString(2, definition);
                        setSeconds(update, 3, every);
                        update.setString(4, by);
                        update.setObject(5, at);
                        update.setString(6, name);
                        update.executeUpdate();
                    }
                    if (changed) {
                        forgetFiles(connection, name);
                    }
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw database.failure("Cannot save the source " + name, "saving a source", "nothing was saved", e);
        }
    }

    /** Removes a source with the files it saw; its log lines stay. False when there was no such source. */
    public boolean remove(String name) {
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM source WHERE name = ?")) {
                delete.setString(1, name);
                int removed = delete.executeUpdate();
                forgetFiles(connection, name);
                connection.commit();
                return removed > 0;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw database.failure("Cannot remove the source " + name, "removing a source", "nothing was removed", e);
        }
    }

    private static Optional<String> definitionOf(Connection connection, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT definition FROM source WHERE name = ?")) {
            query.setString(1, name);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private static void forgetFiles(Connection connection, String name) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM source_file WHERE source_name = ?")) {
            delete.setString(1, name);
            delete.executeUpdate();
        }
    }

    private static void setSeconds(PreparedStatement statement, int index, Duration every) throws SQLException {
        if (every == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, every.toSeconds());
        }
    }

    /** The files a source imported: file name → content hash. */
    public Map<String, String> seenFiles(String name) {
        try (Connection connection = database.connect();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT file_name, content_hash FROM source_file WHERE source_name = ?")) {
            query.setString(1, name);
            Map<String, String> files = new HashMap<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    files.put(rs.getString(1), rs.getString(2));
                }
            }
            return files;
        } catch (SQLException e) {
            throw database.failure("Cannot read the files of the source " + name, "reading a source", "nothing was read", e);
        }
    }

    /**
     * In the import's transaction: the files the source imported, its cursor moved on (when not null) and its log
     * line, so that all of it commits with the data or none of it does.
     */
    public static void recordSynced(Connection connection, String name, List<SeenFile> files, String cursorValue,
                                    String cursorType, LogLine line) throws SQLException {
        OffsetDateTime at = line.finished();
        for (SeenFile file : files) {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM source_file WHERE source_name = ? AND file_name = ?")) {
                delete.setString(1, name);
                delete.setString(2, file.fileName());
                delete.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO source_file (source_name, file_name,"
                    + " content_hash, size_bytes, run_id, synced_at) VALUES (?,?,?,?,?,?)")) {
                insert.setString(1, name);
                insert.setString(2, file.fileName());
                insert.setString(3, file.contentHash());
                insert.setLong(4, file.sizeBytes());
                setLong(insert, 5, line.runId());
                insert.setObject(6, at);
                insert.executeUpdate();
            }
        }
        if (cursorValue != null) {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE source SET cursor_value = ?, cursor_type = ? WHERE name = ?")) {
                update.setString(1, cursorValue);
                update.setString(2, cursorType);
                update.setString(3, name);
                update.executeUpdate();
            }
        }
        insertLine(connection, line);
    }

    /** Logs a sync that imported nothing (nothing new, failed, cancelled) in a transaction of its own. */
    public void log(LogLine line) {
        try (Connection connection = database.connect()) {
            // "Nothing new" again after "nothing new" moves that line's finish on rather than adding one: a source
            // synced every minute would otherwise write 1,440 such lines a day.
            if (NOTHING_NEW.equals(line.result())) {
                try (PreparedStatement update = connection.prepareStatement("UPDATE sync_log SET finished_at = ?, synced_by = ?"
                        + " WHERE sync_id = (SELECT MAX(sync_id) FROM sync_log WHERE source_name = ?) AND result = ?")) {
                    update.setObject(1, line.finished());
                    update.setString(2, line.by());
                    update.setString(3, line.source());
                    update.setString(4, NOTHING_NEW);
                    if (update.executeUpdate() > 0) {
                        return;
                    }
                }
            }
            insertLine(connection, line);
        } catch (SQLException e) {
            throw database.failure("Cannot write the sync log", "writing the sync log", "the line was not written", e);
        }
    }

    private static void insertLine(Connection connection, LogLine line) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO sync_log (source_name, started_at,"
                + " finished_at, result, files, rows_read, run_id, first_date, last_date, error, synced_by)"
                + " VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
            insert.setString(1, line.source());
            insert.setObject(2, line.started());
            insert.setObject(3, line.finished());
            insert.setString(4, line.result());
            insert.setInt(5, line.files());
            insert.setLong(6, line.rows());
            setLong(insert, 7, line.runId());
            insert.setObject(8, line.firstDate() == null ? null : Date.valueOf(line.firstDate()), Types.DATE);
            insert.setObject(9, line.lastDate() == null ? null : Date.valueOf(line.lastDate()), Types.DATE);
            insert.setString(10, line.error() == null ? null
                    : line.error().length() <= 4000 ? line.error() : line.error().substring(0, 3999) + "…");
            insert.setString(11, line.by());
            insert.executeUpdate();
        }
    }

    private static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }

    /** The newest lines first, of one source or (null) of all. */
    public List<LogLine> recentLog(String name, int limit) {
        String sql = "SELECT sync_id, source_name, started_at, finished_at, result, files, rows_read, run_id, first_date,"
                + " last_date, error, synced_by FROM sync_log" + (name == null ? "" : " WHERE source_name = ?")
                + " ORDER BY sync_id DESC LIMIT ?";
        try (Connection connection = database.connect();
             PreparedStatement query = connection.prepareStatement(sql)) {
            int i = 1;
            if (name != null) {
                query.setString(i++, name);
            }
            query.setInt(i, limit);
            List<LogLine> lines = new ArrayList<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    lines.add(line(rs));
                }
            }
            return lines;
        } catch (SQLException e) {
            throw database.failure("Cannot read the sync log", "reading the sync log", "nothing was read", e);
        }
    }

    private static LogLine line(ResultSet rs) throws SQLException {
        long run = rs.getLong(8);
        Long runId = rs.wasNull() ? null : run;
        Date first = rs.getDate(9);
        Date last = rs.getDate(10);
        return new LogLine(rs.getLong(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class),
                rs.getObject(4, OffsetDateTime.class), rs.getString(5), rs.getInt(6), rs.getLong(7), runId,
                first == null ? null : first.toLocalDate(), last == null ? null : last.toLocalDate(),
                rs.getString(11), rs.getString(12));
    }

    /** The freshness of every source the log has a line of, by name. */
    public Map<String, Freshness> freshness() {
        try (Connection connection = database.connect()) {
            Map<String, LogLine> latest = new HashMap<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT sync_id, source_name, started_at,"
                    + " finished_at, result, files, rows_read, run_id, first_date, last_date, error, synced_by FROM sync_log"
                    + " WHERE sync_id IN (SELECT MAX(sync_id) FROM sync_log GROUP BY source_name)");
                 ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    LogLine line = line(rs);
                    latest.put(line.source(), line);
                }
            }
            Map<String, OffsetDateTime> good = new HashMap<>();
            Map<String, LocalDate> dataDay = new HashMap<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT source_name, MAX(finished_at), MAX(last_date)"
                    + " FROM sync_log WHERE result IN ('imported', 'nothing new') GROUP BY source_name");
                 ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    good.put(rs.getString(1), rs.getObject(2, OffsetDateTime.class));
                    Date day = rs.getDate(3);
                    if (day != null) {
                        dataDay.put(rs.getString(1), day.toLocalDate());
                    }
                }
            }
            Map<String, Freshness> all = new HashMap<>();
            for (String source : latest.keySet()) {
                all.put(source, new Freshness(source, latest.get(source), good.get(source), dataDay.get(source)));
            }
            return all;
        } catch (SQLException e) {
            throw database.failure("Cannot read the sync log", "reading the sync log", "nothing was read", e);
        }
    }
}
