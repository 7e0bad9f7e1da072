package com.bellwether.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The engine's outputs frozen: the scores and the backtest report (with every scored point) of the sample and of a
 * generated portfolio, as the commands write them, must stay equal to the files in {@code src/test/resources/golden}
 * to 1e-9. Any change to how data is stored, read or held in memory has to leave every number where it was.
 *
 * <p>The files were written by the engine that read the whole database into records before the columnar rewrite;
 * {@code -Dgolden.update=true} writes them again, which only a deliberate change of the scoring rules may do.
 */
class GoldenOutputsTest {

    private static final double TOLERANCE = 1e-9;
    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    @TempDir
    static Path dir;

    private static final Map<String, Path> outputs = new java.util.LinkedHashMap<>();

    @BeforeAll
    static void runCommands() throws IOException {
        Path generated = dir.resolve("generated");
        run("generate", "--accounts", "400", "--months", "30", "--seed", "11", "--out", generated.toString());
        for (String[] portfolio : new String[][] {{"sample", "sample-data"}, {"generated", generated.toString()}}) {
            String name = portfolio[0];
            String db = dir.resolve(name + "-db").toString();
            run("import", "--db", db, portfolio[1]);
            outputs.put(name + "-scores.json", dir.resolve(name + "-scores.json"));
            run("score", "--db", db, "--format", "json", "--out", dir.resolve(name + "-scores.json").toString());
            outputs.put(name + "-scores.csv", dir.resolve(name + "-scores.csv"));
            run("score", "--db", db, "--out", dir.resolve(name + "-scores.csv").toString());
            outputs.put(name + "-backtest.json", dir.resolve(name + "-backtest.json"));
            outputs.put(name + "-points.csv", dir.resolve(name + "-points.csv"));
            run("backtest", "--db", db, "--out", dir.resolve(name + "-backtest.json").toString(),
                    "--points", dir.resolve(name + "-points.csv").toString());
        }
        if (UPDATE) {
            Files.createDirectories(GOLDEN);
            for (Map.Entry<String, Path> output : outputs.entrySet()) {
                try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(GOLDEN.resolve(output.getKey() + ".gz")))) {
                    Files.copy(output.getValue(), out);
                }
            }
        }
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

    @Test
    void scoresOfTheSampleAsBefore() throws IOException {
        compareJson("sample-scores.json");
        compareCsv("sample-scores.csv");
    }

    @Test
    void backtestOfTheSampleAsBefore() throws IOException {
        compareJson("sample-backtest.json");
        compareCsv("sample-points.csv");
    }

    @Test
    void scoresOfAGeneratedPortfolioAsBefore() throws IOException {
        compareJson("generated-scores.json");
        compareCsv("generated-scores.csv");
    }

    @Test
    void backtestOfAGeneratedPortfolioAsBefore() throws IOException {
        compareJson("generated-backtest.json");
        compareCsv("generated-points.csv");
    }

    private static void compareJson(String name) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode expected = mapper.readTree(golden(name));
        JsonNode actual = mapper.readTree(outputs.get(name).toFile());
        List<String> differences = new ArrayList<>();
        compare(name, expected, actual, differences);
        if (!differences.isEmpty()) {
            fail(differences.size() + " differences in " + name + ", the first:\n"
                    + String.join("\n", differences.subList(0, Math.min(20, differences.size()))));
        }
    }

    private static void compare(String path, JsonNode expected, JsonNode actual, List<String> differences) {
        if (expected.isNumber() && actual.isNumber()) {
            double e = expected.asDouble();
            double a = actual.asDouble();
            if (Math.abs(e - a) > TOLERANCE * Math.max(1, Math.abs(e))) {
                differences.add(path + ": expected " + e + ", got " + a);
            }
        } else if (expected.isObject() && actual.isObject()) {
            List<String> names = new ArrayList<>();
            expected.fieldNames().forEachRemaining(names::add);
            List<String> actualNames = new ArrayList<>();
            actual.fieldNames().forEachRemaining(actualNames::add);
            // The order of fields is Jackson's to choose (it varies for computed properties); the set is not.
            if (!new java.util.TreeSet<>(names).equals(new java.util.TreeSet<>(actualNames))) {
                differences.add(path + ": fields " + names + " became " + actualNames);
                return;
            }
            for (String field : names) {
                compare(path + "." + field, expected.get(field), actual.get(field), differences);
            }
        } else if (expected.isArray() && actual.isArray()) {
            if (expected.size() != actual.size()) {
                differences.add(path + ": " + expected.size() + " elements became " + actual.size());
                return;
            }
            Iterator<JsonNode> a = actual.elements();
            int i = 0;
            for (JsonNode e : expected) {
                compare(path + "[" + i++ + "]", e, a.next(), differences);
            }
        } else if (!expected.equals(actual)) {
            differences.add(path + ": expected " + expected + ", got " + actual);
        }
    }

    private static void compareCsv(String name) throws IOException {
        List<String> expected = golden(name).lines().toList();
        List<String> actual = Files.readAllLines(outputs.get(name));
        assertThat(actual).as(name + " rows").hasSameSizeAs(expected);
        List<String> differences = new ArrayList<>();
        for (int row = 0; row < expected.size(); row++) {
            String[] e = expected.get(row).split(",", -1);
            String[] a = actual.get(row).split(",", -1);
            if (e.length != a.length) {
                differences.add(name + " line " + (row + 1) + ": " + expected.get(row) + " became " + actual.get(row));
                continue;
            }
            for (int c = 0; c < e.length; c++) {
                if (!e[c].equals(a[c]) && !numericallyEqual(e[c], a[c])) {
                    differences.add(name + " line " + (row + 1) + " column " + (c + 1) + ": " + e[c] + " became " + a[c]);
                }
            }
        }
        if (!differences.isEmpty()) {
            fail(differences.size() + " differences, the first:\n"
                    + String.join("\n", differences.subList(0, Math.min(20, differences.size()))));
        }
    }

    private static boolean numericallyEqual(String expected, String actual) {
        try {
            double e = Double.parseDouble(expected);
            double a = Double.parseDouble(actual);
            return Math.abs(e - a) <= TOLERANCE * Math.max(1, Math.abs(e));
        } catch (NumberFormatException notANumber) {
            return false;
        }
    }
}
