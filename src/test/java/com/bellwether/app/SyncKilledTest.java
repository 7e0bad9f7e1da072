package com.bellwether.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;

import com.bellwether.ingest.BundleImporter;
import com.bellwether.ingest.ImportProgress;
import com.bellwether.ingest.SourceDefinition;
import com.bellwether.sample.GeneratorSettings;
import com.bellwether.sample.SampleGenerator;
import com.bellwether.store.Database;
import com.bellwether.store.DatabaseLocation;
import com.bellwether.store.Dialect;
import com.bellwether.store.FreshDatabases;
import com.bellwether.store.OnBothDatabases;

/** A sync killed (kill -9) while it writes leaves the database as it was before that source's run. */
class SyncKilledTest {

    @TempDir
    Path dir;

    private static final FreshDatabases DATABASES = new FreshDatabases();

    @AfterAll
    static void dropTheServerDatabases() {
        DATABASES.close();
    }

    @OnBothDatabases
    void aSyncKilledWhileWritingLeavesNeitherDataNorItsLogLine(Dialect dialect) throws Exception {
        Path bundle = Files.createDirectories(dir.resolve("bundle"));
        new SampleGenerator(GeneratorSettings.defaults().withAccounts(60).withMonths(12)).writeTo(bundle);
        DatabaseLocation location = dialect == Dialect.H2 ? DatabaseLocation.parse(dir.resolve("db").toString())
                : DATABASES.location(Dialect.POSTGRESQL);
        Path drop = Files.createDirectories(dir.resolve("drop"));
        try (Database database = Database.open(location)) {
            Workspace workspace = Workspace.of(database);
            assertThat(workspace.importBundle(BundleImporter.Request.canonical(bundle), ImportProgress.NONE).succeeded())
                    .isTrue();
            workspace.saveSource("usage", SourceDefinition.folder(drop.toString(), "usage-*.csv", null, null), null);
        }
        // A metric new to the database for every account and day of two and a half years: tens of thousands of rows.
        try (Writer out = Files.newBufferedWriter(drop.resolve("usage-clicks.csv"), StandardCharsets.UTF_8)) {
            out.write("account_id,date,clicks\n");
            for (int a = 1; a <= 60; a++) {
                for (LocalDate day = LocalDate.parse("2024-03-01"); day.isBefore(LocalDate.parse("2026-09-01")); day = day.plusDays(1)) {
                    out.write(String.format("ACC-%05d,%s,%d%n", a, day, a + day.getDayOfMonth()));
                }
            }
        }
        long usageBefore;
        long metricsBefore;
        try (Database database = Database.open(location)) {
            usageBefore = count(database, "SELECT COUNT(*) FROM usage_day");
            metricsBefore = count(database, "SELECT COUNT(*) FROM usage_metric");
        }

        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KilledSync.class.getName(), location.jdbcUrl())
                .redirectErrorStream(true).start();
        boolean killed = false;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (!killed && (line = out.readLine()) != null) {
                killed = line.startsWith("usage: Writing ");
            }
            process.destroyForcibly();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(killed).as("killed while writing").isTrue();

        try (Database database = Database.open(location)) {
            assertThat(count(database, "SELECT COUNT(*) FROM usage_day")).isEqualTo(usageBefore);
            assertThat(count(database, "SELECT COUNT(*) FROM usage_metric")).isEqualTo(metricsBefore);
            assertThat(count(database, "SELECT COUNT(*) FROM sync_log WHERE result = 'imported'")).isZero();
            assertThat(count(database, "SELECT COUNT(*) FROM source_file")).isZero();
            // The next sync brings the file whole.
            SyncReport again = Workspace.of(database).sync(null, ImportProgress.NONE);
            assertThat(again.sources().get(0).line()).startsWith("usage: 54,840 new rows from 1 file; 60 accounts");
            assertThat(count(database, "SELECT COUNT(*) FROM usage_metric")).isEqualTo(metricsBefore + 1);
        }
    }

    private static long count(Database database, String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
