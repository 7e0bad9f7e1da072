package com.bellwether.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code backtest --target expansion} on the sample, its figures recomputed from the points it writes. */
class ExpansionBacktestCommandTest {

    @TempDir
    static Path dir;

    private static JsonNode report;
    private static List<double[]> points;
    private static String printed;
    private static String db;

    @BeforeAll
    static void runBacktest() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = BellwetherCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true));
        db = dir.resolve("bt").toString();
        assertThat(cli.execute("import", "--db", db, "sample-data")).isZero();
        int code = cli.execute("backtest", "--db", db, "--target", "expansion", "--out", dir.resolve("report.json").toString(),
                "--points", dir.resolve("points.csv").toString());
        assertThat(code).as(err.toString()).isZero();
        printed = out.toString();
        report = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
        List<String> lines = Files.readAllLines(dir.resolve("points.csv"));
        assertThat(lines.get(0)).isEqualTo("account_id,cutoff,score,band,label,arr,segment,stage,candidate");
        points = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            points.add(new double[] {Double.parseDouble(f[2]), f[4].equals("1") ? 1 : 0, f[8].equals("1") ? 1 : 0});
        }
    }

    private static int run(StringWriter err, String... args) {
        return BellwetherCommand.commandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void rocAucCountsPairsWithTheCandidatesRankedFirst() {
        double wins = 0;
        long pairs = 0;
        for (double[] expanded : points) {
            if (expanded[1] == 0) {
                continue;
            }
            for (double[] other : points) {
                if (other[1] == 0) {
                    pairs++;
                    double a = expanded[0] + 100 * expanded[2];
                    double b = other[0] + 100 * other[2];
                    wins += a > b ? 1 : a == b ? 0.5 : 0;
                }
            }
        }
        assertThat(report.get("roc_auc").asDouble()).isCloseTo(wins / pairs, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(report.get("roc_auc").asDouble()).isGreaterThanOrEqualTo(0.6);
    }

    @Test
    void theConfusionAtTheCutOffCountsTheCandidates() {
        long tp = points.stream().filter(p -> p[1] == 1 && p[2] == 1).count();
        long fp = points.stream().filter(p -> p[1] == 0 && p[2] == 1).count();
        long fn = points.stream().filter(p -> p[1] == 1 && p[2] == 0).count();
        JsonNode confusion = report.get("confusion_at_cutoff");
        assertThat(confusion.get("true_positives").asLong()).isEqualTo(tp);
        assertThat(confusion.get("false_positives").asLong()).isEqualTo(fp);
        assertThat(confusion.get("false_negatives").asLong()).isEqualTo(fn);
        assertThat(report.get("false_positives").size()).isEqualTo(fp);
        assertThat(report.get("false_negatives").size()).isEqualTo(fn);
        assertThat(report.get("false_negatives").get(0).get("explanation").asText()).isNotBlank();
    }

    @Test
    void theReportNamesItsFiguresForExpansion() {
        assertThat(report.get("parameters").get("target").asText()).isEqualTo("expansion");
        assertThat(report.get("parameters").get("flagged_when").asText()).startsWith("an expansion rule holds: expansion");
        assertThat(report.get("expanders").asLong()).isEqualTo(points.stream().filter(p -> p[1] == 1).count());
        assertThat(report.has("churners")).isFalse();
        assertThat(report.get("expansion_rate_by_band").has("green")).isTrue();
        assertThat(report.get("by_segment").get("Enterprise").has("expansion_rate")).isTrue();
        assertThat(report.get("lead_time").has("expansion_events")).isTrue();
        assertThat(report.get("variants").get(0).has("precision_at_cutoff")).isTrue();
        assertThat(printed).contains("Expansion backtest of Default health model over ");
    }

    @Test
    void churnOnlyOptionsAreRefusedWithTheExpansionTarget() {
        StringWriter err = new StringWriter();
        assertThat(run(err, "backtest", "--db", db, "--target", "expansion", "--suggest-weights", "--out",
                dir.resolve("x.json").toString())).isNotZero();
        assertThat(err.toString()).contains("for --target churn only");
        StringWriter err2 = new StringWriter();
        assertThat(run(err2, "backtest", "--db", db, "--cutoff", "70", "--out", dir.resolve("y.json").toString())).isNotZero();
        assertThat(err2.toString()).contains("--cutoff: for --target expansion only");
        StringWriter err3 = new StringWriter();
        assertThat(run(err3, "backtest", "--db", db, "--target", "upsell", "--out", dir.resolve("z.json").toString())).isNotZero();
        assertThat(err3.toString()).contains("a target of churn or expansion, not upsell");
    }
}
