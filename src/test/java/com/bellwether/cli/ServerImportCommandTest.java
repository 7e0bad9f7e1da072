package com.bellwether.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.bellwether.sample.GeneratorSettings;
import com.bellwether.sample.SampleGenerator;
import com.bellwether.sample.UsageCadence;
import com.bellwether.store.Database;
import com.bellwether.store.DatabaseLocation;
import com.bellwether.store.Dialect;
import com.bellwether.store.FreshDatabases;
import com.bellwether.store.PostgresServer;

/** {@code bellwether import} into a PostgreSQL server that goes away while the rows are copied. */
class ServerImportCommandTest {

    @TempDir
    Path dir;

    @Test
    void aServerThatGoesAwayMidImportIsOneLineExitTwoAndNothingWritten() throws Exception {
        try (FreshDatabases databases = new FreshDatabases()) {
            DatabaseLocation location = databases.location(Dialect.POSTGRESQL);
            databases.keep(Database.open(location));
            // The database's name, without the settings an embedded server's URL carries (?user=…).
            String name = location.jdbcUrl().substring(location.jdbcUrl().lastIndexOf('/') + 1).replaceFirst("\\?.*", "");
            Path bundle = dir.resolve("bundle");
            java.nio.file.Files.createDirectory(bundle);
            new SampleGenerator(new GeneratorSettings(600, 12, 9, LocalDate.of(2026, 9, 30), UsageCadence.DAILY))
                    .writeTo(bundle);
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();

            CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> BellwetherCommand
                    .commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                    .execute("import", "--db", location.jdbcUrl(), bundle.toString()));
            // Waits for the rows to flow (a COPY on the server), then ends the import's session as an admin would.
            boolean terminated = false;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (!terminated && !run.isDone() && System.nanoTime() < deadline) {
                terminated = terminateCopies(name);
            }
            int code = run.get(2, TimeUnit.MINUTES);

            assertThat(terminated).as("the server ended the import's session while it copied").isTrue();
            assertThat(code).isEqualTo(2);
            assertThat(err.toString().strip()).doesNotContain("\n")
                    .startsWith("error: The PostgreSQL server at ")
                    .contains("(database " + name + ") went away while importing; nothing was imported.");
            assertThat(out.toString()).isEmpty();
            Database again = databases.keep(Database.open(location));
            try (Connection connection = again.connect(); Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT (SELECT COUNT(*) FROM account) + (SELECT COUNT(*)"
                         + " FROM usage_day) + (SELECT COUNT(*) FROM import_run)")) {
                rs.next();
                assertThat(rs.getLong(1)).isZero();
            }
        }
    }

    /** Ends every session of the database that is copying rows in; whether there was one. */
    private static boolean terminateCopies(String database) {
        return PostgresServer.get().adminNumber("SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity"
                + " WHERE datname = '" + database + "' AND query LIKE 'COPY %'") > 0;
    }
}
