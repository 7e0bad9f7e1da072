package com.bellwether.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first import into an empty database file, committed in chunks instead of as one transaction: H2 writes a
 * transaction of millions of rows to its file several times over before the commit, which made a first import of
 * 100,000 accounts take many times longer than its rows. A marker file beside the database says that such a load
 * is under way; a load that fails or is stopped is undone by emptying the data tables again (they were empty before
 * it), at once or, when the process was killed, at the next open. The big tables' secondary indexes and foreign
 * keys whose rows arrive out of their order are built after the rows rather than row by row. Later imports, into
 * data that must be kept, stay one transaction.
 */
public final class BulkLoad {

    private static final Logger LOG = LoggerFactory.getLogger(BulkLoad.class);

    /** Rows written between commits. */
    public static final long CHUNK_ROWS = 200_000;

    /** The account data, those that refer to others first. */
    private static final List<String> TABLES = List.of("task", "note", "outcome", "survey", "interaction", "ticket",
            "usage_day", "contact", "usage_metric", "account_history", "account");

    /**
     * The secondary indexes and foreign keys of the big tables whose rows do not arrive in their order: dropped
     * before a bulk load and built after it, which H2 does by sorting rather than by a random insert per row. Each
     * with the statement that drops it and the one that builds it (as schema 6 made it) if it is not there.
     */
    private record Deferred(String drop, String build) {
    }

    private static final List<Deferred> DEFERRED = List.of(
            new Deferred("ALTER TABLE ticket DROP CONSTRAINT IF EXISTS ticket_account",
                    "ALTER TABLE ticket ADD CONSTRAINT IF NOT EXISTS ticket_account FOREIGN KEY (account_key)"
                            + " REFERENCES account (account_key)"),
            new Deferred("DROP INDEX IF EXISTS ticket_account_opened",
                    "CREATE INDEX IF NOT EXISTS ticket_account_opened ON ticket (account_key, opened)"),
            new Deferred("ALTER TABLE interaction DROP CONSTRAINT IF EXISTS interaction_contact",
                    "ALTER TABLE interaction ADD CONSTRAINT IF NOT EXISTS interaction_contact FOREIGN KEY (contact_key)"
                            + " REFERENCES contact (contact_key)"));

    private final Path marker;
    private final Connection connection;

    private BulkLoad(Path marker, Connection connection) {
        this.marker = marker;
        this.connection = connection;
    }

    /**
     * Starts a chunked load when the database is an embedded file whose account data is all empty: the marker is
     * written (and forced to disk) before any row. Empty otherwise: the import is then one transaction.
     */
    public static Optional<BulkLoad> begin(Database database, Connection connection) throws SQLException, IOException {
        Optional<Path> file = database.location().file();
        if (file.isEmpty() || !database.location().jdbcUrl().startsWith("jdbc:h2:file:") || !empty(connection)) {
            return Optional.empty();
        }
        Path marker = markerOf(file.get());
        try (FileChannel channel = FileChannel.open(marker, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(java.nio.ByteBuffer.wrap(("A first import into an empty database is under way; if this file"
                    + " is here when the database opens, the import did not end and its rows are removed.\n")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            channel.force(true);
        }
        try (Statement statement = connection.createStatement()) {
            for (Deferred deferred : DEFERRED) {
                statement.execute(deferred.drop());
            }
        }
        return Optional.of(new BulkLoad(marker, connection));
    }

    /** The rows are all written: the indexes and keys put off are built (each statement commits on its own). */
    public void indexesAfter() throws SQLException {
        rebuild(connection);
    }

    /** The load committed whole: the marker goes. */
    public void done() throws IOException {
        Files.deleteIfExists(marker);
    }

    /** The load failed or was stopped: its rows are removed (committed), the indexes built again, the marker gone. */
    public void undo() throws SQLException, IOException {
        connection.rollback();
        clear(connection);
        rebuild(connection);
        done();
    }

    private static void rebuild(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (Deferred deferred : DEFERRED) {
                statement.execute(deferred.build());
            }
        }
    }

    /** At open: a load the process did not live to end is undone. */
    static void recoverIfInterrupted(Path databaseFile, Connection connection) throws SQLException, IOException {
        Path marker = markerOf(databaseFile);
        if (!Files.exists(marker)) {
            return;
        }
        LOG.warn("The first import into {} did not end; removing the rows it wrote", databaseFile);
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            clear(connection);
            rebuild(connection);
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        Files.deleteIfExists(marker);
    }

    static Path markerOf(Path databaseFile) {
        String name = databaseFile.getFileName().toString();
        String base = name.endsWith(".mv.db") ? name.substring(0, name.length() - ".mv.db".length()) : name;
        return databaseFile.resolveSibling(base + ".import-pending");
    }

    private static boolean empty(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                try (ResultSet rs = statement.executeQuery("SELECT 1 FROM " + table + " FETCH FIRST 1 ROWS ONLY")) {
                    if (rs.next()) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private static void clear(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                statement.executeUpdate("DELETE FROM " + table);
                connection.commit();
            }
            // A first sync's bookkeeping goes with its data: its files are read again and its cursor starts over.
            statement.executeUpdate("DELETE FROM source_file");
            statement.executeUpdate("UPDATE source SET cursor_value = NULL, cursor_type = NULL");
            connection.commit();
        }
    }
}
