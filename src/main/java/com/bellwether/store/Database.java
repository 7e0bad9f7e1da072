package com.bellwether.store;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationVersion;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The store: an embedded H2 database (one person's file, the default) or a PostgreSQL server shared by a team,
 * its schema brought up to date by Flyway when it is opened. A server's connections come from a pool.
 */
public final class Database implements AutoCloseable {

    /**
     * Flyway reports each migration step, and that it has not been tested with this H2 release, on
     * java.util.logging; commands print their own one-line results, so only its errors are let through.
     */
    private static final java.util.logging.Logger FLYWAY_LOG = java.util.logging.Logger.getLogger("org.flywaydb");

    static {
        FLYWAY_LOG.setLevel(java.util.logging.Level.SEVERE);
    }

    /**
     * The highest migration under db/migration (the same for every vendor), as Flyway writes versions. A database
     * already at it opens without Flyway, which would only scan the migrations and validate their checksums (a third
     * of a second on a cold start); one behind it, or without a schema, is migrated (and validated) by Flyway. A
     * database past it (a later release's) opens as it is, on either vendor.
     */
    static final String SCHEMA_VERSION = "12";

    /** A server's pool: the workbench runs a few background jobs at once, a command one. */
    private static final int POOL_SIZE = 8;

    private final DatabaseLocation location;
    private final DataSource dataSource;
    private Connection held;
    private boolean compactOnRelease;

    private Database(DatabaseLocation location, DataSource dataSource) {
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
        if (location.dialect() == Dialect.POSTGRESQL) {
            return openServer(location, ServerLogin.fromEnvironment(), hold);
        }
        Optional<Path> lockedFile = embeddedFile(location);
        // Every connection waits: a command connects anew for each piece of work, and between two of them the file
        // may pass to another program, whose opening H2 would otherwise report as a raw lock error.
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(location.jdbcUrl());
        h2.setUser("sa");
        h2.setPassword("");
        DataSource dataSource = lockedFile.isEmpty() ? h2 : new WaitingDataSource(h2, location, lockedFile.get());
        lockedFile.ifPresent(f -> OPENED.add(location));
        Optional<Path> file = embeddedFile(location);
        // One connection open throughout, so that the database is not closed and opened again between Flyway's.
        Connection first = null;
        try {
            if (file.isPresent()) {
                MigrationBackup.restoreIfInterrupted(file.get());
            }
            first = dataSource.getConnection();
            if (isBehind(first)) {
                first = migrate(dataSource, first, file);
            }
            if (file.isPresent()) {
                BulkLoad.recoverIfInterrupted(file.get(), first);
            }
        } catch (SQLException | FlywayException | IOException e) {
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

    /**
     * Opens a PostgreSQL database through a pool and migrates it. The server runs each migration in a transaction
     * of its own, so a failed one leaves the schema as it was, and Flyway locks the history so that two programs
     * opening the database at once do not both migrate it.
     */
    private static Database openServer(DatabaseLocation location, ServerLogin login, boolean hold) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("bellwether");
        config.setJdbcUrl(location.jdbcUrl());
        config.setDataSourceProperties(login.properties());
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(15_000);
        HikariDataSource pool = null;
        Connection first = null;
        try {
            // The pool opens its first connection here, so a server that cannot be reached fails at once.
            pool = new HikariDataSource(config);
            first = pool.getConnection();
            if (isBehind(first)) {
                flyway(pool, Dialect.POSTGRESQL).migrate();
            }
        } catch (SQLException | FlywayException | HikariPool.PoolInitializationException e) {
            closeQuietly(first);
            if (pool != null) {
                pool.close();
            }
            throw ServerProblem.of(location, login, e);
        }
        Database database = new Database(location, pool);
        if (hold) {
            database.held = first;
        } else {
            closeQuietly(first);
        }
        return database;
    }

    /**
     * The first connection to an embedded database. A lock left by a program that stopped without closing the
     * database is removed first, so the start is immediate. Another program opening the same file at the same
     * instant makes H2 refuse ("Lock file recently modified", "Locked by another process"): this waits for it, up to
     * {@link #LOCK_WAIT}, saying so once, then goes on through the server that program starts; past the wait it says
     * who holds the database since when.
     */
    private static Connection connectWaiting(Connector connector, DatabaseLocation location, Path file)
            throws SQLException {
        DatabaseLock lock = DatabaseLock.of(file);
        lock.clearIfStale();
        long deadline = System.nanoTime() + LOCK_WAIT.toNanos();
        boolean told = false;
        while (true) {
            try {
                return connector.connect();
            } catch (SQLException e) {
                if (!DatabaseLock.isHeldElsewhere(e)) {
                    throw e;
                }
                if (System.nanoTime() > deadline) {
                    throw new StoreException("The database at " + location.displayName() + " is held by " + lock.holder()
                            + " and was not free after " + LOCK_WAIT.toSeconds() + " s; try again when it has finished", e);
                }
                if (!told) {
                    lockWaitNotice.accept("Waiting for another program opening " + location.displayName()
                            + " (up to " + LOCK_WAIT.toSeconds() + " s)…");
                    told = true;
                }
                lock.clearIfStale();
                try {
                    Thread.sleep(50 + java.util.concurrent.ThreadLocalRandom.current().nextInt(200));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Embedded database files this program opened, for {@link #awaitOthersBeforeExit}. */
    private static final java.util.Set<DatabaseLocation> OPENED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * Before a command's program ends: for each embedded database it serves to other programs (AUTO_SERVER: the
     * first to open the file serves it to the next), waits until they are done, up to
     * ten minutes, so that ending does not close the database under their open transaction.
     */
    public static void awaitOthersBeforeExit() {
        for (DatabaseLocation location : OPENED) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL(location.jdbcUrl() + ";IFEXISTS=TRUE");
            h2.setUser("sa");
            h2.setPassword("");
            long deadline = System.nanoTime() + LOCK_WAIT.toNanos() * 20;
            boolean told = false;
            try (Connection connection = h2.getConnection()) {
                if (!(connection.unwrap(org.h2.jdbc.JdbcConnection.class).getSession() instanceof org.h2.engine.SessionLocal)) {
                    continue;
                }
                while (othersConnected(connection) && System.nanoTime() < deadline) {
                    if (!told) {
                        lockWaitNotice.accept("Another program is using " + location.displayName()
                                + " through this one; waiting for it to finish…");
                        told = true;
                    }
                    Thread.sleep(200);
                }
            } catch (SQLException e) {
                // Not open here, or gone: nothing to wait for.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private interface Connector {
        Connection connect() throws SQLException;
    }

    /** An embedded database's connections, each one waiting for another program opening the file. */
    private static final class WaitingDataSource implements DataSource {

        private final JdbcDataSource h2;
        private final DatabaseLocation location;
        private final Path file;

        WaitingDataSource(JdbcDataSource h2, DatabaseLocation location, Path file) {
            this.h2 = h2;
            this.location = location;
            this.file = file;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return patient(connectWaiting(h2::getConnection, location, file));
        }

        /**
         * Another program's import may hold the rows this one writes until it commits (tens of seconds for a large
         * one): wait for it as for the file, rather than H2's default of a second and a raw "Timeout trying to lock".
         */
        private static Connection patient(Connection connection) throws SQLException {
            try (java.sql.Statement statement = connection.createStatement()) {
                statement.execute("SET LOCK_TIMEOUT " + ROW_LOCK_WAIT.toMillis());
            } catch (SQLException e) {
                closeQuietly(connection);
                throw e;
            }
            return connection;
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return patient(connectWaiting(() -> h2.getConnection(user, password), location, file));
        }

        @Override
        public java.io.PrintWriter getLogWriter() {
            return h2.getLogWriter();
        }

        @Override
        public void setLogWriter(java.io.PrintWriter out) {
            h2.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) {
            h2.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() {
            return h2.getLoginTimeout();
        }

        @Override
        public java.util.logging.Logger getParentLogger() {
            return h2.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            return type.isInstance(this) ? type.cast(this) : h2.unwrap(type);
        }

        @Override
        public boolean isWrapperFor(Class<?> type) throws SQLException {
            return type.isInstance(this) || h2.isWrapperFor(type);
        }
    }

    /** How long a write on an embedded database waits for rows another program's transaction holds. */
    static final java.time.Duration ROW_LOCK_WAIT = java.time.Duration.ofMinutes(2);

    /** How long opening an embedded database waits for another program that holds or is opening it. */
    public static final java.time.Duration LOCK_WAIT = java.time.Duration.ofSeconds(30);

    private static volatile java.util.function.Consumer<String> lockWaitNotice = System.err::println;

    /** Where the one line "Waiting for another program…" goes (standard error unless told otherwise). */
    public static void onLockWait(java.util.function.Consumer<String> notice) {
        lockWaitNotice = notice;
    }

    private static Flyway flyway(DataSource dataSource, Dialect dialect) {
        return Flyway.configure().dataSource(dataSource).locations(dialect.migrationLocations()).load();
    }

    /**
     * Runs the pending migrations. H2 commits every DDL statement on its own, so a migration stopped half-way would
     * leave a schema that is neither the old nor the new one: an embedded file that nobody else has open is copied
     * first, put back if the migration fails, and put back at the next open if the process is stopped before the
     * migration ends. A migration copies whole tables, so the file is compacted after it. Returns the connection to
     * go on with.
     */
    private static Connection migrate(DataSource dataSource, Connection first, Optional<Path> file)
            throws SQLException, IOException {
        Flyway flyway = flyway(dataSource, Dialect.H2);
        if (file.isEmpty() || !isAlone(first)) {
            flyway.migrate();
            return first;
        }
        // Closing the only connection closes the database, so the file is whole when it is copied.
        first.close();
        MigrationBackup backup = MigrationBackup.of(file.get());
        Connection connection = dataSource.getConnection();
        try {
            flyway.migrate();
            shutdownCompact(connection);
        } catch (RuntimeException e) {
            closeQuietly(connection);
            backup.restore();
            throw e;
        }
        backup.discard();
        return dataSource.getConnection();
    }

    /** The file of an embedded H2 database (jdbc:h2:file:…); empty for a database in memory or on a server. */
    private static Optional<Path> embeddedFile(DatabaseLocation location) {
        return location.jdbcUrl().startsWith("jdbc:h2:file:") ? location.file() : Optional.empty();
    }

    /**
     * Whether other programs are connected through this one's server: their sessions came over TCP, while this
     * program's own (its pool, a screen still open) are local and do not hold its exit.
     */
    private static boolean othersConnected(Connection connection) throws SQLException {
        try (java.sql.Statement statement = connection.createStatement();
             java.sql.ResultSet rs = statement.executeQuery(
                     "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE SERVER IS NOT NULL")) {
            rs.next();
            return rs.getInt(1) > 0;
        }
    }

    private static boolean isAlone(Connection connection) throws SQLException {
        try (java.sql.Statement statement = connection.createStatement();
             java.sql.ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS")) {
            rs.next();
            return rs.getInt(1) == 1;
        }
    }

    /** Writes the live pages next to each other, truncates the file and closes the database. */
    private static void shutdownCompact(Connection connection) {
        try (java.sql.Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN COMPACT");
        } catch (SQLException e) {
            // SHUTDOWN closes this very connection; the file is complete once it returns.
        }
        closeQuietly(connection);
    }

    /**
     * Gives back the space of the pages a large write left dead (an import writes each page several times before
     * its transaction commits). H2 can only compact a file it closes: this happens at once when nobody else is
     * connected, otherwise when this program lets go of the database ({@link #release()}) and is the last one on
     * it; a database used by others meanwhile is left as it is. Nothing for a database in memory or on a server.
     */
    public synchronized void compact() {
        if (embeddedFile(location).isEmpty()) {
            return;
        }
        if (held != null) {
            compactOnRelease = true;
            return;
        }
        try {
            Connection connection = connect();
            if (isAlone(connection)) {
                shutdownCompact(connection);
            } else {
                connection.close();
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot compact the database at " + location.displayName() + ": " + rootMessage(e), e);
        }
    }

    /** Whether a migration is to apply: no Flyway history yet, or none of its successful versions at SCHEMA_VERSION. */
    private static boolean isBehind(Connection connection) throws SQLException {
        try (java.sql.ResultSet tables = connection.getMetaData().getTables(null, connection.getSchema(),
                "flyway_schema_history", null)) {
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
            try {
                if (compactOnRelease && !held.isClosed() && isAlone(held)) {
                    shutdownCompact(held);
                }
            } catch (SQLException e) {
                // Not compacted; closed all the same.
            }
            closeQuietly(held);
            held = null;
            compactOnRelease = false;
        }
    }

    /**
     * Lets go of everything: the held connection and, for a server, the pool and its connections. The database
     * cannot be used after it; a program that ends needs not call it.
     */
    @Override
    public synchronized void close() {
        release();
        if (dataSource instanceof HikariDataSource pool) {
            pool.close();
        }
    }

    public DatabaseLocation location() {
        return location;
    }

    /** Where this database's SQL differs from the other vendor's. */
    public Dialect dialect() {
        return location.dialect();
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * The user the server knows this connection by (on a team server: what its rights and audit trails go by);
     * empty for an embedded database, whose one user is whoever opened the file.
     */
    public java.util.Optional<String> serverUser() {
        if (dialect() == Dialect.H2) {
            return java.util.Optional.empty();
        }
        try (Connection connection = connect()) {
            return java.util.Optional.ofNullable(connection.getMetaData().getUserName());
        } catch (SQLException e) {
            throw new StoreException("Cannot ask " + location.displayName() + " who is connected: " + e.getMessage(), e);
        }
    }

    /**
     * A failure of work on this database as a {@link StoreException}: one line saying where and what to do when a
     * server went away during it ({@link ServerUnavailableException}), otherwise {@code message} with the database's
     * own words.
     *
     * @param during  what was under way, to follow "while" ("importing")
     * @param outcome what became of it ("nothing was imported")
     */
    public StoreException failure(String message, String during, String outcome, SQLException failure) {
        return ServerProblem.lost(location, during, outcome, failure).map(StoreException.class::cast)
                .orElseGet(() -> new StoreException(message + ": " + failure.getMessage(), failure));
    }

    public Connection connect() throws SQLException {
        return dataSource.getConnection();
    }

    /**
     * A connection for one read of several statements that must all see the same state of the database: they run in
     * one transaction at repeatable read, which both vendors serve from one snapshot, so that an import committed
     * meanwhile by someone else shows in all of the read or in none of it. Closing the connection ends the read.
     */
    public Connection connectForOneRead() throws SQLException {
        Connection connection = connect();
        try {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            return connection;
        } catch (SQLException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    /** The user the database knows this program's connections by (never a password); "unknown" when it cannot say. */
    public String currentUser() {
        try (Connection connection = connect(); java.sql.Statement statement = connection.createStatement();
             java.sql.ResultSet rs = statement.executeQuery("SELECT CURRENT_USER")) {
            return rs.next() ? rs.getString(1) : "unknown";
        } catch (SQLException e) {
            return "unknown";
        }
    }

    static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        int firstLine = message == null ? -1 : message.indexOf('\n');
        return firstLine < 0 ? String.valueOf(message) : message.substring(0, firstLine);
    }
}
