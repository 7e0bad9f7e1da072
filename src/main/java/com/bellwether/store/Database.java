package com.bellwether.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationVersion;
import org.h2.jdbcx.JdbcDataSource;

/** The embedded H2 store, its schema brought up to date by Flyway when it is opened. */
public final class Database {

    /**
     * Flyway reports each migration step, and that it has not been tested with this H2 release, on
     * java.util.logging; commands print their own one-line results, so only its errors are let through.
     */
    private static final java.util.logging.Logger FLYWAY_LOG = java.util.logging.Logger.getLogger("org.flywaydb");

    static {
        FLYWAY_LOG.setLevel(java.util.logging.Level.SEVERE);
    }

    /**
     * The highest migration under db/migration, as Flyway writes versions. A database already at it opens without
     * Flyway, which would only scan the migrations and validate their checksums (a third of a second on a cold
     * start); one behind it, or without a schema, is migrated (and validated) by Flyway.
     */
    static final String SCHEMA_VERSION = "5";

    private final DatabaseLocation location;
    private final JdbcDataSource dataSource;
    private Connection held;

    private Database(DatabaseLocation location, JdbcDataSource dataSource) {
        this.location = location;
        this.dataSource = dataSource;
    }

    /** Opens (creating if needed) the database and applies any pending migration. */
    public static Database open(DatabaseLocation location) {
        return open(location, false);
    }

    /**
     * The same, keeping the connection it opened with until {@link #release()}, so that an embedded database stays
     * open between one piece of work and the next instead of being closed and opened again each time (the
     * workbench holds its database so for the session).
     */
    public static Database openHeld(DatabaseLocation location) {
        return open(location, true);
    }

    private static Database open(DatabaseLocation location, boolean hold) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(location.jdbcUrl());
        dataSource.setUser("sa");
        dataSource.setPassword("");
        // One connection open throughout, so that the database is not closed and opened again between Flyway's.
        Connection first = null;
        try {
            first = dataSource.getConnection();
            if (isBehind(first)) {
                Flyway.configure()
                        .dataSource(dataSource)
                        .locations("classpath:db/migration")
                        .load()
                        .migrate();
            }
        } catch (SQLException | FlywayException e) {
            closeQuietly(first);
            throw new StoreException("Cannot open the database at " + location.displayName() + ": " + rootMessage(e), e);
        }
        Database database = new Database(location, dataSource);
        if (hold) {
            database.held = first;
        } else {
            closeQuietly(first);
        }
        return database;
    }

    /** Whether a migration is to apply: no Flyway history yet, or none of its successful versions at SCHEMA_VERSION. */
    private static boolean isBehind(Connection connection) throws SQLException {
        try (java.sql.ResultSet tables = connection.getMetaData().getTables(null, null, "flyway_schema_history", null)) {
            if (!tables.next()) {
                return true;
            }
        }
        MigrationVersion current = MigrationVersion.fromVersion(SCHEMA_VERSION);
        try (java.sql.Statement statement = connection.createStatement();
             java.sql.ResultSet rs = statement.executeQuery(
                     "SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\" AND \"version\" IS NOT NULL")) {
            while (rs.next()) {
                if (MigrationVersion.fromVersion(rs.getString(1)).compareTo(current) >= 0) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // Nothing more to do with it.
            }
        }
    }

    /** Lets go of the connection {@link #openHeld} kept; the database closes with its last connection. */
    public synchronized void release() {
        if (held != null) {
            closeQuietly(held);
            held = null;
        }
    }

    public DatabaseLocation location() {
        return location;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Connection connect() throws SQLException {
        return dataSource.getConnection();
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        int firstLine = message == null ? -1 : message.indexOf('\n');
        return firstLine < 0 ? String.valueOf(message) : message.substring(0, firstLine);
    }
}
