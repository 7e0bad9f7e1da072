package com.bellwether.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.h2.jdbcx.JdbcDataSource;

/** The embedded H2 store, its schema brought up to date by Flyway when it is opened. */
public final class Database {

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
