package com.bellwether.cli;

import com.bellwether.app.Workspace;

import picocli.CommandLine.Option;

/** The {@code --db} option every command shares. */
public final class DatabaseOption {

    private static final String DEFAULT = "~/.bellwether/bellwether.mv.db";

    @Option(names = "--db", paramLabel = "PATH|URL",
            description = "The database: a file path or a jdbc: URL (default: ${DEFAULT-VALUE}).",
            defaultValue = DEFAULT)
    String db;

    /** What the user typed, with ~ expanded; null for the default database (which BELLWETHER_HOME may move). */
    public String pathOrUrl() {
        if (db == null || db.equals(DEFAULT)) {
            return null;
        }
        if (db.startsWith("~/")) {
            return System.getProperty("user.home") + db.substring(1);
        }
        return db;
    }

    public Workspace open() {
        return Workspace.open(pathOrUrl());
    }
}
