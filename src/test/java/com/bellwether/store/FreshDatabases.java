package com.bellwether.store;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Fresh databases with the real schema, one per call: H2 in memory, or a database of its own on the test
 * PostgreSQL server ({@link PostgresServer}). {@link #close()} closes them and drops the server's.
 */
public final class FreshDatabases implements AutoCloseable {

    private final List<Database> opened = new ArrayList<>();
    private final List<String> created = new ArrayList<>();

    /** A new database of the dialect, opened and migrated. */
    public Database open(Dialect dialect) {
        return keep(Database.open(dialect == Dialect.H2 ? h2Location() : postgresLocation()));
    }

    public Database h2() {
        return open(Dialect.H2);
    }

    public Database postgres() {
        return open(Dialect.POSTGRESQL);
    }

    /** A new empty database of the dialect, not opened yet. */
    public DatabaseLocation location(Dialect dialect) {
        return dialect == Dialect.H2 ? h2Location() : postgresLocation();
    }

    /** A database opened by the test itself, to be closed with the others. */
    public Database keep(Database database) {
        opened.add(database);
        return database;
    }

    private static DatabaseLocation h2Location() {
        return DatabaseLocation.inMemory("test-" + UUID.randomUUID());
    }

    private DatabaseLocation postgresLocation() {
        PostgresServer server = PostgresServer.get();
        String name = server.createDatabase();
        created.add(name);
        return server.location(name);
    }

    @Override
    public void close() {
        opened.forEach(Database::close);
        opened.clear();
        if (!created.isEmpty()) {
            PostgresServer server = PostgresServer.get();
            created.forEach(server::dropDatabase);
            created.clear();
        }
    }
}
