package com.bellwether.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The backtest command on the sample data, and every headline figure of its report recomputed from points.csv with
 * an implementation of its own (pair counting for AUC, a plain sort for average precision).
 */
class BacktestCommandTest {

    @TempDir
    static Path dir;

    private static JsonNode report;
    private static List<Row> rows;
    private static String printed;

    private record Row(String account, String cutoff, double score, String band, boolean churned) {
    }

    @BeforeAll
    static void runBacktest() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = BellwetherCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true));
        String db = dir.resolve("bt").toString();
        assertThat(cli.execute("import", "--db", db, "sample-data")).isZero();
        int code = cli.execute("backtest", "--db", db, "--out", dir.resolve("report.json").toString(),
                "--points", dir.resolve("points.csv").toString(), "--suggest-weights", "--suggest-bands", "recall=0.6");
        assertThat(code).as(err.toString()).isZero();
        printed = out.toString();
        report = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
        rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(dir.resolve("points.csv"));
        assertThat(lines.get(0)).isEqualTo("account_id,cutoff,score,band,label,arr,segment,stage");
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            rows.add(new Row(f[0], f[1], Double.parseDouble(f[2]), f[3], f[4].equals("1")));
        }
    }

    private static double pairAuc(List<Row> points) {
        double wins = 0;
        long pairs = 0;
        for (Row churner : points) {
            if (!churner.churned()) {
                continue;
            }
            for (Row other : points) {
                if (!other.churned()) {
                    pairs++;
                    double a = 100 - churner.score();
                    double b = 100 - other.score();
                    wins += a > b ? 1 : a == b ? 0.5 : 0;
                }
            }
        }
        return wins / pairs;
    }

    @Test
    void rocAucFromThePointsByCountingPairs() {
        assertThat(report.get("roc_auc").asDouble()).isCloseTo(pairAuc(rows), within(1e-6));
        assertThat(report.get("points").asLong()).isEqualTo(rows.size());
        assertThat(report.get("churners").asLong()).isEqualTo(rows.stream().filter(Row::churned).count());
    }

    @Test
    void averagePrecisionFromThePoints() {
        List<Row> byScore = new ArrayList<>(rows);
        byScore.sort(Comparator.comparingDouble(Row::score));
        long churners = rows.stream().filter(Row::churned).count();

        assertThat(report.get("average_precision").asDouble()).isCloseTo(averagePrecision(byScore, churners), within(1e-6));
    }

    /** Σ (recall step × precision), thresholds at each distinct score, riskiest first. */
    private static double averagePrecision(List<Row> byScoreAscending, long churners) {
        double ap = 0;
        int flagged = 0;
        int caught = 0;
        int i = 0;
        while (i < byScoreAscending.size()) {
            int added = 0;
            double score = byScoreAscending.get(i).score();
            while (i < byScoreAscending.size() && byScoreAscending.get(i).score() == score) {
                flagged++;
                if (byScoreAscending.get(i).churned()) {
                    caught++;
                    added++;
                }
                i++;
            }
            ap += (double) added / churners * ((double) caught / flagged);
        }
        return ap;
    }

    @Test
    void confusionMatricesFromTheBands() {
        long tp = rows.stream().filter(r -> r.band().equals("red") && r.churned()).count();
        long fp = rows.stream().filter(r -> r.band().equals("red") && !r.churned()).count();
        long fn = rows.stream().filter(r -> !r.band().equals("red") && r.churned()).count();
        JsonNode red = report.get("confusion_red");
        assertThat(red.get("true_positives").asLong()).isEqualTo(tp);
        assertThat(red.get("false_positives").asLong()).isEqualTo(fp);
        assertThat(red.get("false_negatives").asLong()).isEqualTo(fn);
        assertThat(red.get("true_negatives").asLong()).isEqualTo(rows.size() - tp - fp - fn);
        assertThat(red.get("precision").asDouble()).isCloseTo((double) tp / (tp + fp), within(1e-6));
        long tpy = rows.stream().filter(r -> !r.band().equals("green") && r.churned()).count();
        assertThat(report.get("confusion_red_or_yellow").get("true_positives").asLong()).isEqualTo(tpy);
        assertThat(report.get("false_positives").size()).isEqualTo((int) fp);
        assertThat(report.get("false_negatives").size()).isEqualTo((int) fn);
    }

    @Test
    void theOutOfTimeSplitUsesTheEarlierTwoThirdsForTheSearch() {
        JsonNode weights = report.get("suggested_weights");
        Set<String> cutoffs = new TreeSet<>();
        rows.forEach(r -> cutoffs.add(r.cutoff()));
        List<String> ordered = new ArrayList<>(cutoffs);
        int split = (int) Math.ceil(ordered.size() * 2 / 3.0);
        List<String> train = new ArrayList<>();
        weights.get("train_cutoffs").forEach(c -> train.add(c.asText()));
        List<String> test = new ArrayList<>();
        weights.get("test_cutoffs").forEach(c -> test.add(c.asText()));

        // the train cut-offs stop a horizon (90 days) before the first test cut-off
        java.time.LocalDate firstTest = java.time.LocalDate.parse(ordered.get(split));
        assertThat(train).isEqualTo(ordered.subList(0, split).stream()
                .filter(t -> !java.time.LocalDate.parse(t).plusDays(90).isAfter(firstTest)).toList());
        assertThat(test).isEqualTo(ordered.subList(split, ordered.size()));
        Set<String> trainSet = Set.copyOf(train);
        assertThat(weights.get("train_current").asDouble())
                .isCloseTo(pairAuc(rows.stream().filter(r -> trainSet.contains(r.cutoff())).toList()), within(1e-6));
        Set<String> testSet = Set.copyOf(test);
        assertThat(weights.get("test_current").asDouble())
                .isCloseTo(pairAuc(rows.stream().filter(r -> testSet.contains(r.cutoff())).toList()), within(1e-6));
        double sum = 0;
        for (JsonNode w : weights.get("suggested_weights")) {
            sum += w.asDouble();
        }
        assertThat(sum).isEqualTo(100);
        JsonNode measures = weights.get("measures");
        assertThat(measures.get("suggested_measure_weights").get("support").size()).isEqualTo(3);
        assertThat(measures.get("test_suggested").asDouble()).isBetween(0.5, 1.0);
        assertThat(measures.get("turned_off").isArray()).isTrue();
        assertThat(printed).contains("Suggested category weights adoption ", "With measure weights too, as % of their category: ");
    }

    @Test
    void theReportCarriesItsParametersAndBreakdowns() {
        JsonNode parameters = report.get("parameters");
        assertThat(parameters.get("horizon_days").asInt()).isEqualTo(90);
        assertThat(parameters.get("step").asText()).isEqualTo("P1M");
        assertThat(parameters.get("cutoffs").asInt()).isEqualTo(rows.stream().map(Row::cutoff).distinct().count());
        assertThat(report.get("by_segment").has("Enterprise")).isTrue();
        assertThat(report.get("by_stage").has("renewal")).isTrue();
        assertThat(report.get("per_cutoff").size()).isEqualTo(parameters.get("cutoffs").asInt());
        assertThat(report.get("suggested_bands").get("chosen").get("recall").asDouble()).isGreaterThanOrEqualTo(0.6);
        assertThat(report.get("false_positives").get(0).get("explanation").asText()).isNotBlank();
        assertThat(printed).contains("Backtest of Default health model over ");
    }
}
