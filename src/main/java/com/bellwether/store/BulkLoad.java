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
 * it), at once or, when the process was killed, at the next open. Later imports, into data that must be kept, stay
 * one transaction.
 */
public final class BulkLoad {

    private static final Logger LOG = LoggerFactory.getLogger(BulkLoad.class);

    /** Rows written between commits. */
    public static final long CHUNK_ROWS = 200_000;

    /** The account data, those that refer to others first. */
    private static final List<String> TABLES = List.of("note", "outcome", "survey", "interaction", "ticket",
            "usage_day", "contact", "usage_metric", "account_history", "account");

    private final Path marker;

    private BulkLoad(Path marker) {
        this.marker = marker;
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
        return Optional.of(new BulkLoad(marker));
    }

    /** The load committed whole: the marker goes. */
    public void done() throws IOException {
        Files.deleteIfExists(marker);
    }

    /** The load failed or was stopped: its rows are removed (committed) and the marker goes. */
    public void undo(Connection connection) throws SQLException, IOException {
        connection.rollback();
        clear(connection);
        done();
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
        }
    }
}
