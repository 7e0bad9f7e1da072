package com.bellwether.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;

import com.bellwether.ingest.ImportProgress;
import com.bellwether.ingest.ImportReport;
import com.bellwether.ingest.SampleData;
import com.bellwether.scoring.Portfolio;
import com.bellwether.scoring.Snapshots;
import com.bellwether.store.Database;
import com.bellwether.store.DatabaseLocation;

/**
 * The sample portfolio as a ready database: imported, with its weekly score history and the score each churn and
 * renewal had the day before. The build makes it and the jar carries it, so that a first start copies one file
 * instead of importing 112,941 records and scoring 130 weeks.
 */
public final class SampleDatabase {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SampleDatabase.class);

    /** Where the jar carries it. */
    static final String RESOURCE = "/sample-db/bellwether.mv.db";

    private static final Set<DatabaseLocation> INSTALLED = new HashSet<>();

    private SampleDatabase() {
    }

    /**
     * Makes it: {@code SampleDatabase OUTPUT.mv.db}, run by the build. A copy made from the same classes, resources
     * and libraries before is taken from the cache instead ({@link SampleDatabaseCache}; the system property
     * {@code bellwether.sample.cache} names its folder, or {@code none}).
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 1 || !args[0].endsWith(".mv.db")) {
            System.err.println("usage: SampleDatabase OUTPUT.mv.db");
            System.exit(2);
        }
        long started = System.nanoTime();
        Path out = Path.of(args[0]).toAbsolutePath();
        Files.createDirectories(out.getParent());
        java.util.Optional<SampleDatabaseCache> cache =
                SampleDatabaseCache.fromSetting(System.getProperty("bellwether.sample.cache"));
        String key = null;
        if (cache.isPresent()) {
            try {
                key = SampleDatabaseCache.key(System.getProperty("java.class.path"));
                if (cache.get().restore(key, out)) {
                    System.out.printf(java.util.Locale.ROOT, "Sample database: %s, %,d bytes, from %s in %.1f s%n", out,
                            Files.size(out), cache.get().database(key), (System.nanoTime() - started) / 1e9);
                    return;
                }
            } catch (IOException e) {
                // The cache only saves time: without it the sample is made as before.
                System.out.println("Sample database: the cache in " + cache.get().folder() + " is not usable ("
                        + e.getMessage() + "); making it");
                key = null;
            }
        }
        make(out);
        if (key != null) {
            try {
                cache.get().store(key, out);
            } catch (IOException e) {
                System.out.println("Sample database: not kept in " + cache.get().folder() + " (" + e.getMessage() + ")");
            }
        }
        System.out.printf(java.util.Locale.ROOT, "Sample database: %s, %,d bytes, made in %.1f s%s%n", out, Files.size(out),
                (System.nanoTime() - started) / 1e9, key == null ? "" : "; kept as " + cache.get().database(key));
    }

    /** Imports the sample into a new database file, with its score history, and compacts it. */
    static void make(Path out) throws Exception {
        Files.deleteIfExists(out);
        String base = out.toString().substring(0, out.toString().length() - ".mv.db".length());
        Database database = Database.openHeld(new DatabaseLocation("jdbc:h2:file:" + base, false));
        ImportReport report = SampleData.load(database, ImportProgress.NONE);
        if (!report.succeeded()) {
            throw new IllegalStateException("The sample data did not import: " + report.problems());
        }
        Portfolio sample = Portfolio.load(database);
        Snapshots.backfillIfNone(database, sample);
        Snapshots.freezeOutcomes(database, sample);
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            // Written out whole and as small as it goes, so the jar carries little.
            statement.execute("SHUTDOWN COMPACT");
        } catch (SQLException e) {
            // SHUTDOWN closes this very connection; the file is complete once it returns.
            LOG.debug("The connection closed by SHUTDOWN COMPACT", e);
        }
        database.release();
        // The columns kept beside it are for this machine's next read, not for the jar.
        Path cache = Path.of(base + ".cache");
        if (Files.isDirectory(cache)) {
            try (java.util.stream.Stream<Path> files = Files.walk(cache)) {
                for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    /**
     * Puts the ready sample at a default database's place when nothing is there yet. False when there is a database
     * already, the location is not the default one, or the jar carries no ready sample (the caller imports it then).
     */
    public static synchronized boolean install(DatabaseLocation location) {
        if (!location.isDefault() || location.file().isEmpty() || Files.exists(location.file().get())) {
            return false;
        }
        Path file = location.file().get();
        try (InputStream in = SampleDatabase.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return false;
            }
            Files.createDirectories(file.getParent());
            Path partial = Files.createTempFile(file.getParent(), "bellwether-sample", ".part");
            try {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            // Nothing is lost: the first start imports the sample instead.
            LOG.warn("Cannot put the ready sample at {}; the sample is imported instead", file, e);
            return false;
        }
        INSTALLED.add(location);
        return true;
    }

    /** The same for a workspace's location. */
    public static boolean install(WorkspaceLocation location) {
        return install(location.database());
    }

    /** Whether this run put the ready sample at this location: a first start. */
    public static boolean installedThisRun(WorkspaceLocation location) {
        return installedThisRun(location.database());
    }

    /** The same for the database's own location. */
    public static synchronized boolean installedThisRun(DatabaseLocation location) {
        return INSTALLED.contains(location);
    }
}
