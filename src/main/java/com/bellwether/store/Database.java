package com.bellwether.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
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

    private final DatabaseLocation location;
    private final JdbcDataSource dataSource;

    private Database(DatabaseLocation location, JdbcDataSource dataSource) {
        this.location = location;
        this.dataSource = dataSource;
    }

    /** Opens (creating if needed) the database and applies any pending migration. */
    public static Database open(DatabaseLocation location) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(location.jdbcUrl());
        dataSource.setUser("sa");
        dataSource.setPassword("");
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new StoreException("Cannot open the database at " + location.displayName() + ": " + rootMessage(e), e);
        }
        return new Database(location, dataSource);
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
