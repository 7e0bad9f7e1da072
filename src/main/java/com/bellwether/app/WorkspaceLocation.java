package com.bellwether.app;

import com.bellwether.store.DatabaseLocation;

/**
 * Where a workspace's database lives: a file path or a {@code jdbc:} URL, or the default one in the Bellwether home
 * ({@code bellwether.home} or {@code BELLWETHER_HOME} move it).
 */
public record WorkspaceLocation(DatabaseLocation database) {

    /** What a user typed after {@code --db}: a {@code jdbc:} URL as it is, anything else as a file path; null: the default. */
    public static WorkspaceLocation parse(String pathOrUrl) {
        return new WorkspaceLocation(DatabaseLocation.parse(pathOrUrl));
    }

    public static WorkspaceLocation defaultLocation() {
        return new WorkspaceLocation(DatabaseLocation.defaultLocation());
    }

    /** A database in memory, gone with the program: for tests. */
    public static WorkspaceLocation inMemory(String name) {
        return new WorkspaceLocation(DatabaseLocation.inMemory(name));
    }

    /** Whether this is the default database, which a first start fills with the sample. */
    public boolean isDefault() {
        return database.isDefault();
    }

    /** The database's file, for an embedded database kept in one. */
    public java.util.Optional<java.nio.file.Path> file() {
        return database.file();
    }

    /** The location without credentials or settings, fit for a status bar or a log line. */
    public String displayName() {
        return database.displayName();
    }

    @Override
    public String toString() {
        return displayName();
    }
}
