package com.bellwether.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import com.bellwether.backtest.SameFigures;
import com.bellwether.store.Dialect;
import com.bellwether.store.FreshDatabases;
import com.bellwether.store.OnBothDatabases;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The engine's outputs frozen: the scores and the backtest report (with every scored point) of the sample and of a
 * generated portfolio, as the commands write them from an H2 file and from a PostgreSQL server, must stay equal to
 * the files in {@code src/test/resources/golden} to 1e-9. Any change to how data is stored, read or held in memory
 * has to leave every number where it was, on either database.
 *
 * <p>The files were written by the engine that read the whole database into records before the columnar rewrite;
 * {@code -Dgolden.update=true} writes them again (from the H2 run), which only a deliberate change of the scoring
 * rules may do.
 */
class GoldenOutputsTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");
    private static final FreshDatabases SERVERS = new FreshDatabases();

    @TempDir
    static Path dir;

    private static final Map<Dialect, Map<String, Path>> outputs = new EnumMap<>(Dialect.class);

    @BeforeAll
    static void runCommands() throws IOException {
        Path generated = dir.resolve("generated");
        run("generate", "--accounts", "400", "--months", "30", "--seed", "11", "--out", generated.toString());
        for (Dialect dialect : Dialect.values()) {
            Map<String, Path> written = new LinkedHashMap<>();
            outputs.put(dialect, written);
            Path out = Files.createDirectory(dir.resolve(dialect.name().toLowerCase(java.util.Locale.ROOT)));
            for (String[] portfolio : new String[][] {{"sample", "sample-data"}, {"generated", generated.toString()}}) {
                String name = portfolio[0];
                String db = dialect == Dialect.H2 ? out.resolve(name + "-db").toString()
                        : SERVERS.location(dialect).jdbcUrl();
                run("import", "--db", db, portfolio[1]);
                written.put(name + "-scores.json", out.resolve(name + "-scores.json"));
                run("score", "--db", db, "--format", "json", "--out", out.resolve(name + "-scores.json").toString());
                written.put(name + "-scores.csv", out.resolve(name + "-scores.csv"));
                run("score", "--db", db, "--out", out.resolve(name + "-scores.csv").toString());
                written.put(name + "-backtest.json", out.resolve(name + "-backtest.json"));
                written.put(name + "-points.csv", out.resolve(name + "-points.csv"));
                run("backtest", "--db", db, "--out", out.resolve(name + "-backtest.json").toString(),
                        "--points", out.resolve(name + "-points.csv").toString());
            }
        }
        if (UPDATE) {
            Files.createDirectories(GOLDEN);
            for (Map.Entry<String, Path> output : outputs.get(Dialect.H2).entrySet()) {
                try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(GOLDEN.resolve(output.getKey() + ".gz")))) {
                    Files.copy(output.getValue(), out);
                }
            }
        }
    }

    @AfterAll
    static void dropTheServerDatabases() {
        SERVERS.close();
    }

    private static void run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BellwetherCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        assertThat(code).as(String.join(" ", args) + "\n" + err).isZero();
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(GOLDEN.resolve(name + ".gz")))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @OnBothDatabases
    void scoresOfTheSampleAsBefore(Dialect dialect) throws IOException {
        compareJson(dialect, "sample-scores.json");
        compareCsv(dialect, "sample-scores.csv");
    }

    @OnBothDatabases
    void backtestOfTheSampleAsBefore(Dialect dialect) throws IOException {
        compareJson(dialect, "sample-backtest.json");
        compareCsv(dialect, "sample-points.csv");
    }

    @OnBothDatabases
    void scoresOfAGeneratedPortfolioAsBefore(Dialect dialect) throws IOException {
        compareJson(dialect, "generated-scores.json");
        compareCsv(dialect, "generated-scores.csv");
    }

    @OnBothDatabases
    void backtestOfAGeneratedPortfolioAsBefore(Dialect dialect) throws IOException {
        compareJson(dialect, "generated-backtest.json");
        compareCsv(dialect, "generated-points.csv");
    }

    private static void compareJson(Dialect dialect, String name) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        SameFigures.assertSameJson(dialect + " " + name, mapper.readTree(golden(name)),
                mapper.readTree(outputs.get(dialect).get(name).toFile()));
    }

    private static void compareCsv(Dialect dialect, String name) throws IOException {
        SameFigures.assertSameCsv(dialect + " " + name, golden(name).lines().toList(),
                Files.readAllLines(outputs.get(dialect).get(name)));
    }
}
