package com.bellwether.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.bellwether.sample.GeneratorSettings;
import com.bellwether.sample.SampleGenerator;
import com.bellwether.sample.UsageCadence;
import com.bellwether.store.BulkLoad;
import com.bellwether.store.Database;
import com.bellwether.store.DatabaseLocation;
import com.bellwether.store.Dialect;
import com.bellwether.store.FreshDatabases;
import com.bellwether.store.PostgresServer;
import com.bellwether.store.ServerUnavailableException;
import com.bellwether.store.PortfolioText;

/** A large import either happens whole or not at all, whether it fails on a row or its process is killed. */
class ImportAtomicityTest {

    private static final LocalDate END = LocalDate.of(2026, 9, 30);

    @TempDir
    Path dir;

    private Path generate(String name, int accounts, long seed, UsageCadence cadence) throws Exception {
        Path folder = Files.createDirectory(dir.resolve(name));
        new SampleGenerator(new GeneratorSettings(accounts, 12, seed, END, cadence)).writeTo(folder);
        return folder;
    }

    @Test
    void anImportWithABadRowInItsLastFileChangesNothing() throws Exception {
        aBadRowInTheLastFileChangesNothing(Database.open(DatabaseLocation.parse(dir.resolve("db").toString())));
    }

    @Test
    void onAServerTooAnImportWithABadRowInItsLastFileChangesNothing() throws Exception {
        try (FreshDatabases databases = new FreshDatabases()) {
            aBadRowInTheLastFileChangesNothing(databases.postgres());
        }
    }

    private void aBadRowInTheLastFileChangesNothing(Database database) throws Exception {
        assertThat(new BundleImporter(database).run(BundleImporter.Request.canonical(generate("first", 50, 1,
                UsageCadence.WEEKLY)), ImportProgress.NONE).succeeded()).isTrue();
        Map<String, Long> before = TestDatabases.counts(database);
        String portfolio = PortfolioText.of(database);
        Path second = generate("second", 400, 2, UsageCadence.DAILY);
        // notes.csv is read last; its last row names an account nobody has.
        Files.writeString(second.resolve("notes.csv"), "ZZ-404,2026-01-05,ana,5,Late row,\n",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);

        ImportReport report = new BundleImporter(database).run(BundleImporter.Request.canonical(second),
                ImportProgress.NONE);

        assertThat(report.succeeded()).isFalse();
        assertThat(report.problems()).singleElement().satisfies(p -> assertThat(p.message()).startsWith("notes.csv"));
        assertThat(TestDatabases.counts(database)).isEqualTo(before);
        assertThat(PortfolioText.of(database)).isEqualTo(portfolio);
    }

    @Test
    void killingTheProcessWhileItWritesLeavesTheDatabaseAsItWas() throws Exception {
        Path file = dir.resolve("db");
        Database database = Database.open(DatabaseLocation.parse(file.toString()));
        assertThat(new BundleImporter(database).run(BundleImporter.Request.canonical(generate("first", 50, 1,
                UsageCadence.WEEKLY)), ImportProgress.NONE).succeeded()).isTrue();
        Map<String, Long> before = TestDatabases.counts(database);
        String portfolio = PortfolioText.of(database);
        Path second = generate("second", 600, 2, UsageCadence.DAILY);

        // Well into the rows, not yet at the commit.
        boolean writing = killedWhen(file, second, line -> line.startsWith("Writing ") && !line.startsWith("Writing 5000 "));
        assertThat(writing).as("the import was stopped while it wrote").isTrue();

        Database again = Database.open(DatabaseLocation.parse(file.toString()));
        assertThat(TestDatabases.counts(again)).isEqualTo(before);
        assertThat(PortfolioText.of(again)).isEqualTo(portfolio);
    }

    @Test
    void killingTheProcessWhileItCopiesIntoAServerLeavesTheDatabaseAsItWas() throws Exception {
        try (FreshDatabases databases = new FreshDatabases()) {
            DatabaseLocation location = databases.location(Dialect.POSTGRESQL);
            Database database = databases.keep(Database.open(location));
            Map<String, Long> empty = TestDatabases.counts(database);
            assertThat(empty.values()).containsOnly(0L);
            Path bundle = generate("big", 600, 3, UsageCadence.DAILY);

            // Past the first COPY straight into usage_day, well before the commit.
            boolean copying = killedWhen(location.jdbcUrl(), bundle,
                    line -> line.startsWith("Writing ") && Long.parseLong(line.split(" ")[1]) >= 100_000);
            assertThat(copying).as("the import was stopped while it copied rows").isTrue();

            assertThat(TestDatabases.counts(database)).isEqualTo(empty);
            // And the same import then goes through whole.
            assertThat(new BundleImporter(database).run(BundleImporter.Request.canonical(bundle), ImportProgress.NONE)
                    .succeeded()).isTrue();
            assertThat(TestDatabases.counts(database).get("usage_day")).isGreaterThan(100_000L);
        }
    }

    @Test
    void aServerThatGoesAwayMidImportIsOneLineAndNothingIsWritten() throws Exception {
        try (FreshDatabases databases = new FreshDatabases()) {
            DatabaseLocation location = databases.location(Dialect.POSTGRESQL);
            Database database = databases.keep(Database.open(location));
            assertThat(new BundleImporter(database).run(BundleImporter.Request.canonical(generate("first", 50, 1,
                    UsageCadence.WEEKLY)), ImportProgress.NONE).succeeded()).isTrue();
            Map<String, Long> before = TestDatabases.counts(database);
            String portfolio = PortfolioText.of(database);
            // The database's name, without the settings an embedded server's URL carries (?user=…).
            String name = location.jdbcUrl().substring(location.jdbcUrl().lastIndexOf('/') + 1).replaceFirst("\\?.*", "");
            Path second = generate("second", 400, 2, UsageCadence.DAILY);
            ImportProgress serverGoesAway = new ImportProgress() {
                private boolean gone;

                @Override
                public void update(String step, double fraction) {
                    if (!gone && step.startsWith("Writing ") && Long.parseLong(step.split(" ")[1]) >= 50_000) {
                        gone = true;
                        PostgresServer.get().admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                                + " WHERE datname = '" + name + "' AND pid <> pg_backend_pid()");
                    }
                }

                @Override
                public boolean isCancelled() {
                    return false;
                }
            };

            assertThatThrownBy(() -> new BundleImporter(database).run(BundleImporter.Request.canonical(second),
                    serverGoesAway))
                    .isInstanceOf(ServerUnavailableException.class)
                    .hasMessageStartingWith("The PostgreSQL server at ")
                    .hasMessageContaining("(database " + name + ") went away while importing; nothing was imported."
                            + " Check that the server is running")
                    .hasMessageNotContaining("\n");

            Database again = databases.keep(Database.open(location));
            assertThat(TestDatabases.counts(again)).isEqualTo(before);
            assertThat(PortfolioText.of(again)).isEqualTo(portfolio);
        }
    }

    @Test
    void killingAFirstImportAfterSomeChunksCommittedLeavesTheDatabaseEmpty() throws Exception {
        Path file = dir.resolve("first");
        Database database = Database.open(DatabaseLocation.parse(file.toString()));
        Map<String, Long> empty = TestDatabases.counts(database);
        assertThat(empty.values()).containsOnly(0L);
        Path bundle = generate("big", 1200, 3, UsageCadence.DAILY);

        // Past the first chunk's commit.
        boolean committed = killedWhen(file, bundle,
                line -> line.startsWith("Writing ") && Long.parseLong(line.split(" ")[1]) > BulkLoad.CHUNK_ROWS);
        assertThat(committed).as("the import was stopped after it committed a chunk").isTrue();
        Path marker = file.resolveSibling("first.import-pending");
        assertThat(marker).exists();

        Database again = Database.open(DatabaseLocation.parse(file.toString()));
        assertThat(TestDatabases.counts(again)).isEqualTo(empty);
        assertThat(marker).doesNotExist();
        // And the same import then goes through whole.
        assertThat(new BundleImporter(again).run(BundleImporter.Request.canonical(bundle), ImportProgress.NONE)
                .succeeded()).isTrue();
        assertThat(marker).doesNotExist();
    }

    @Test
    void aFirstImportThatDidNotEndIsTakenBackWithItsAccountHistory() throws Exception {
        Path file = dir.resolve("history");
        Database first = Database.open(DatabaseLocation.parse(file.toString()));
        Path bundle = Files.createDirectory(dir.resolve("with-history"));
        Files.writeString(bundle.resolve("accounts.csv"), """
                account_id,name,licensed_seats
                A1,Acme Corp,400
                """);
        Files.writeString(bundle.resolve("account_history.csv"), """
                account_id,effective_date,licensed_seats
                A1,2024-02-01,450
                """);
        assertThat(new BundleImporter(first).run(BundleImporter.Request.canonical(bundle), ImportProgress.NONE)
                .succeeded()).isTrue();
        // What a first import into an empty file leaves when its process is killed after committing some chunks.
        Files.writeString(dir.resolve("history.import-pending"), "");

        Database again = Database.open(DatabaseLocation.parse(file.toString()));

        assertThat(TestDatabases.counts(again)).containsEntry("account_history", 0L).containsEntry("account", 0L);
    }

    @Test
    void aFirstImportThatFailsWhileWritingIsTakenBackWhole() throws Exception {
        Database database = Database.open(DatabaseLocation.parse(dir.resolve("cancelled").toString()));
        Path bundle = generate("cancelled-bundle", 1200, 4, UsageCadence.DAILY);
        ImportProgress stopsLate = new ImportProgress() {
            private boolean late;

            @Override
            public void update(String step, double fraction) {
                late |= step.startsWith("Writing ") && Long.parseLong(step.split(" ")[1]) > BulkLoad.CHUNK_ROWS;
            }

            @Override
            public boolean isCancelled() {
                return late;
            }
        };

        assertThatThrownBy(() -> new BundleImporter(database).run(BundleImporter.Request.canonical(bundle), stopsLate))
                .isInstanceOf(ImportCancelledException.class);

        assertThat(TestDatabases.counts(database).values()).containsOnly(0L);
        assertThat(dir.resolve("cancelled.import-pending")).doesNotExist();
    }

    /** Imports the bundle in a process of its own and kills it at the first line of its progress that passes the test. */
    private static boolean killedWhen(Path file, Path bundle, java.util.function.Predicate<String> stop) throws Exception {
        return killedWhen(file.toString(), bundle, stop);
    }

    /** The same into the database at {@code database} (a file's path or a jdbc: URL). */
    private static boolean killedWhen(String database, Path bundle, java.util.function.Predicate<String> stop)
            throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KilledImport.class.getName(), database,
                bundle.toString()).redirectErrorStream(true).start();
        boolean stopped = false;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (!stopped && (line = out.readLine()) != null) {
                stopped = stop.test(line);
            }
            process.destroyForcibly();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        return stopped;
    }
}
