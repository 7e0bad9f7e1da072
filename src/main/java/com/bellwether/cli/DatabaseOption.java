package com.bellwether.cli;

import com.bellwether.store.Database;
import com.bellwether.store.DatabaseLocation;

import picocli.CommandLine.Option;

/** The {@code --db} option every command shares. */
public final class DatabaseOption {

    @Option(names = "--db", paramLabel = "PATH|URL",
            description = "The database: a file path or a jdbc: URL (default: ${DEFAULT-VALUE}).",
            defaultValue = "~/.bellwether/bellwether.mv.db")
    String db;

    public DatabaseLocation location() {
        if (db == null || db.equals("~/.bellwether/bellwether.mv.db")) {
            return DatabaseLocation.defaultLocation();
        }
        if (db.startsWith("~/")) {
            return DatabaseLocation.parse(System.getProperty("user.home") + db.substring(1));
        }
        return DatabaseLocation.parse(db);
    }

    public Database open() {
        return Database.open(location());
    }
}
