package com.bellwether.store;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The PostgreSQL server the tests run on, found once per test run: the server {@code BELLWETHER_TEST_PG_URL} names
 * (with {@code BELLWETHER_DB_USER} and {@code BELLWETHER_DB_PASSWORD}; {@code .ci/run} and
 * {@code scripts/test-postgres.sh} start one), else an embedded PostgreSQL started for the run (which PostgreSQL
 * refuses to do as root). Without either the tests that need it fail, saying how to provide one: a run that tested
 * no PostgreSQL must not pass as one that did. Each test gets a database of its own ({@link #createDatabase}).
 */
public final class PostgresServer {

    public static final String URL_VARIABLE = "BELLWETHER_TEST_PG_URL";

    private static PostgresServer server;
    private static String unavailable;

    /** A URL of the server up to the database's name, and what follows the name (settings), for any database. */
    private final String base;
    private final String settings;
    private final String adminDatabase;
    private final Properties login;

    private PostgresServer(String url, Properties login) {
        int query = url.indexOf('?');
        String bare = query < 0 ? url : url.substring(0, query);
        this.settings = query < 0 ? "" : url.substring(query);
        int slash = bare.lastIndexOf('/');
        this.base = bare.substring(0, slash + 1);
        this.adminDatabase = bare.substring(slash + 1);
        this.login = login;
    }

    /** The server, started or found on first use; fails with one line saying how to provide one. */
    public static synchronized PostgresServer get() {
        if (server == null && unavailable == null) {
            String url = System.getenv(URL_VARIABLE);
            if (url != null && !url.isBlank()) {
                server = new PostgresServer(url.strip(), ServerLogin.fromEnvironment().properties());
            } else {
                try {
                    EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
                    server = new PostgresServer(embedded.getJdbcUrl("postgres", "postgres"), new Properties());
                } catch (IOException | RuntimeException e) {
                    unavailable = "No PostgreSQL server for the tests: set " + URL_VARIABLE
                            + "=jdbc:postgresql://HOST:PORT/DB (with BELLWETHER_DB_USER and BELLWETHER_DB_PASSWORD of a"
                            + " user who may create databases; as root, `eval \"$(scripts/test-postgres.sh start)\"` starts"
                            + " one), or run the tests as a user other than root for an embedded server (it did not"
                            + " start: " + Database.rootMessage(e) + ")";
                }
            }
        }
        if (server == null) {
            throw new IllegalStateException(unavailable);
        }
        return server;
    }

    /** Creates an empty database of its own for a test; its name. */
    public String createDatabase() {
        String name = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        admin("CREATE DATABASE " + name);
        return name;
    }

    /** Drops a test's database, closing what is still connected to it. */
    public void dropDatabase(String name) {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    /** A database's JDBC URL with the server's settings, without the tests' login. */
    public String url(String database) {
        return base + database + settings;
    }

    /** A connection to one of the server's databases as the tests' user. */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(base + database + settings, login);
    }

    /** Where a database of this server is, as {@code --db} takes it. */
    public DatabaseLocation location(String database) {
        return new DatabaseLocation(base + database + settings, false);
    }

    /** The same, connecting as another user of the server (a test's own, made with {@link #createUser}). */
    public DatabaseLocation location(String database, String user, String password) {
        return new DatabaseLocation(base + database + settings + (settings.isEmpty() ? "?" : "&") + "user=" + user
                + "&password=" + password, false);
    }

    /** Creates a login of the server that holds the roles given; its name. Dropped with {@link #dropUser}. */
    public String createUser(String prefix, String password, String... roles) {
        String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        admin("CREATE ROLE " + name + " LOGIN PASSWORD '" + password + "'"
                + (roles.length == 0 ? "" : " IN ROLE " + String.join(", ", roles)));
        return name;
    }

    public void dropUser(String name) {
        admin("DROP ROLE IF EXISTS " + name);
    }

    /** Runs a query on the server's own database as the tests' user: the number in its first row and column. */
    public long adminNumber(String sql) {
        try (Connection connection = DriverManager.getConnection(base + adminDatabase + settings, login);
             Statement statement = connection.createStatement();
             java.sql.ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("The test PostgreSQL server at " + base + " refused " + sql + ": "
                    + e.getMessage(), e);
        }
    }

    /** Runs a statement on the server's own database as the tests' user. */
    public void admin(String sql) {
        try (Connection connection = DriverManager.getConnection(base + adminDatabase + settings, login);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("The test PostgreSQL server at " + base + " refused " + sql + ": "
                    + e.getMessage(), e);
        }
    }
}
