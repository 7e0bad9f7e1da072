package com.bellwether.store;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the database lives: a file path (an embedded H2 file), or any {@code jdbc:} URL, such as a PostgreSQL
 * server's {@code jdbc:postgresql://HOST:PORT/DB}. The default is {@code ~/.bellwether/bellwether.mv.db}; the
 * {@code bellwether.home} system property or the {@code BELLWETHER_HOME} environment variable move the home folder.
 * A location never holds a password: a server's user and password come from the environment when it is opened
 * ({@link Database}).
 */
public record DatabaseLocation(String jdbcUrl, boolean isDefault) {

    public DatabaseLocation {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    }

    /** Reads what a user typed after {@code --db}: a {@code jdbc:} URL as it is, anything else as a file path. */
    public static DatabaseLocation parse(String pathOrUrl) {
        if (pathOrUrl == null || pathOrUrl.isBlank()) {
            return defaultLocation();
        }
        if (pathOrUrl.startsWith("jdbc:")) {
            return new DatabaseLocation(pathOrUrl, false);
        }
        return new DatabaseLocation(fileUrl(Path.of(pathOrUrl)), false);
    }

    public static DatabaseLocation defaultLocation() {
        return new DatabaseLocation(fileUrl(home().resolve("bellwether")), true);
    }

    public static DatabaseLocation inMemory(String name) {
        return new DatabaseLocation("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", false);
    }

    public static Path home() {
        String configured = System.getProperty("bellwether.home", System.getenv("BELLWETHER_HOME"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".bellwether");
    }

    private static String fileUrl(Path path) {
        String file = path.toAbsolutePath().normalize().toString();
        // H2 adds ".mv.db" itself; accept the full file name too.
        if (file.endsWith(".mv.db")) {
            file = file.substring(0, file.length() - ".mv.db".length());
        }
        // No compaction when the file closes: H2 2.3.232's compaction on close can corrupt a file ("Double mark") or
        // lose rows (h2database issues 4123 and 4247). The file is compacted by SHUTDOWN COMPACT after a large
        // import instead, which writes a new file and renames it.
        return "jdbc:h2:file:" + file + ";AUTO_SERVER=TRUE;MAX_COMPACT_TIME=0";
    }

    /** The SQL dialect of the database here. */
    public Dialect dialect() {
        return Dialect.of(jdbcUrl);
    }

    /** The URL without credentials or settings, fit for a status bar or a log line. */
    public String displayName() {
        if (dialect() == Dialect.POSTGRESQL) {
            return "jdbc:postgresql://" + ServerAddress.of(jdbcUrl);
        }
        int settings = jdbcUrl.indexOf(';');
        String bare = settings < 0 ? jdbcUrl : jdbcUrl.substring(0, settings);
        if (bare.startsWith("jdbc:h2:file:")) {
            return bare.substring("jdbc:h2:file:".length()) + ".mv.db";
        }
        return bare;
    }

    /** The database's file (…/name.mv.db) for an H2 file URL; empty for any other. */
    public java.util.Optional<Path> file() {
        if (!jdbcUrl.startsWith("jdbc:h2:file:")) {
            return java.util.Optional.empty();
        }
        String name = displayName();
        return name.endsWith(".mv.db") ? java.util.Optional.of(Path.of(name)) : java.util.Optional.empty();
    }

    @Override
    public String toString() {
        return displayName();
    }
}
