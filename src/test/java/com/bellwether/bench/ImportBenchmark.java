package com.bellwether.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import com.bellwether.ingest.BundleImporter;
import com.bellwether.ingest.ImportProgress;
import com.bellwether.ingest.ImportReport;
import com.bellwether.sample.GeneratorSettings;
import com.bellwether.sample.SampleGenerator;
import com.bellwether.sample.UsageCadence;
import com.bellwether.store.Database;
import com.bellwether.store.DatabaseLocation;

/**
 * Import of one million usage rows (daily, six metrics each, 1,700 accounts) into a new file database, beside
 * H2's own CSVREAD of the same file into a plain table, for scale. Run with scripts/benchmark.sh ImportBenchmark.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
public class ImportBenchmark {

    @Param("1000000")
    int usageRows;

    private Path bundle;
    private Path work;
    private Database database;

    @Setup(Level.Trial)
    public void writeBundle() throws IOException {
        Path generated = Files.createTempDirectory("bellwether-bench-generated");
        new SampleGenerator(new GeneratorSettings(1_700, 30, 42, LocalDate.of(2026, 9, 30), UsageCadence.DAILY))
                .writeTo(generated);
        bundle = Files.createTempDirectory("bellwether-bench-bundle");
        Files.copy(generated.resolve("accounts.csv"), bundle.resolve("accounts.csv"));
        long written = 0;
        try (BufferedReader in = Files.newBufferedReader(generated.resolve("usage.csv"));
             BufferedWriter out = Files.newBufferedWriter(bundle.resolve("usage.csv"))) {
            String line = in.readLine();
            out.write(line);
            out.newLine();
            while (written < usageRows && (line = in.readLine()) != null) {
                out.write(line);
                out.newLine();
                written++;
            }
        }
        if (written < usageRows) {
            throw new IllegalStateException("The generator gave only " + written + " usage rows");
        }
        delete(generated);
    }

    @Setup(Level.Iteration)
    public void newDatabase() throws IOException {
        work = Files.createTempDirectory("bellwether-bench-db");
        database = Database.open(DatabaseLocation.parse(work.resolve("bench").toString()));
    }

    @TearDown(Level.Iteration)
    public void dropDatabase() throws IOException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        } catch (SQLException e) {
            throw new IOException(e);
        }
        delete(work);
    }

    @TearDown(Level.Trial)
    public void dropBundle() throws IOException {
        delete(bundle);
    }

    @Benchmark
    public ImportReport bundleImport() throws IOException {
        ImportReport report = new BundleImporter(database).run(BundleImporter.Request.canonical(bundle), ImportProgress.NONE);
        if (!report.succeeded() || report.written(com.bellwether.ingest.BundleEntity.USAGE) != usageRows) {
            throw new IllegalStateException("The import did not write " + usageRows + " usage rows: " + report.problems());
        }
        return report;
    }

    /** H2 reading the same file into a table of text columns: no checks, no keys, no types. */
    @Benchmark
    public int h2CsvRead() throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            return statement.executeUpdate("CREATE TABLE usage_raw AS SELECT * FROM CSVREAD('"
                    + bundle.resolve("usage.csv") + "')");
        }
    }

    private static void delete(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
