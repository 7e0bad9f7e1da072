package com.bellwether.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.bellwether.scoring.HealthModel;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code score} and {@code backtest} on the sample's accounts, usage without its logins column, tickets and outcomes
 * (no interactions, no surveys): the measures without a source are left out with one warning each, and the scores
 * are those of the model with those measures switched off by hand.
 */
class LeftOutMeasuresCommandTest {

    @TempDir
    Path dir;

    private String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BellwetherCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        assertThat(code).as(String.join(" ", args) + "\n" + err).isZero();
        return new String[] {out.toString(), err.toString()};
    }

    private Path bundleWithoutLoginsOrInteractions() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("bundle"));
        for (String file : List.of("accounts.csv", "tickets.csv", "outcomes.csv")) {
            Files.copy(Path.of("sample-data", file), folder.resolve(file));
        }
        List<String> usage = Files.readAllLines(Path.of("sample-data/usage.csv"));
        int logins = List.of(usage.get(0).split(",")).indexOf("logins");
        assertThat(logins).isPositive();
        List<String> kept = new ArrayList<>(usage.size());
        for (String line : usage) {
            List<String> cells = new ArrayList<>(List.of(line.split(",", -1)));
            cells.remove(logins);
            kept.add(String.join(",", cells));
        }
        Files.write(folder.resolve("usage.csv"), kept);
        return folder;
    }

    @Test
    void measuresWithoutASourceAreLeftOutWithOneWarningAndScoreAsIfSwitchedOff() throws Exception {
        String db = dir.resolve("db").toString();
        run("import", "--db", db, bundleWithoutLoginsOrInteractions().toString());
        List<String> expected = List.of(
                "warning: no logins in the data: 2 measures left out (logins_trend, days_since_login)",
                "warning: no interactions in the data: 2 measures left out (days_since_executive, champion_contacts)",
                "warning: no surveys in the data: 1 measure left out (nps)",
                "warning: Relationship: no measure has data in this database");

        Path adapted = dir.resolve("adapted.csv");
        String[] score = run("score", "--db", db, "--out", adapted.toString());
        assertThat(score[1].lines().toList()).isEqualTo(expected);

        HealthModel off = HealthModel.defaultModel();
        for (String id : List.of("logins_trend", "days_since_login", "days_since_executive", "champion_contacts", "nps")) {
            HealthModel.Measure m = off.measures().get(off.measureIndex(id));
            off = off.withMeasure(new HealthModel.Measure(m.id(), m.label(), m.category(), m.derive(), m.direction(),
                    m.scale(), 0.0, m.missing(), m.explain()));
        }
        Path model = dir.resolve("switched-off.json");
        Files.writeString(model, off.toJson());
        Path byHand = dir.resolve("by-hand.csv");
        String[] scoreByHand = run("score", "--db", db, "--model", model.toString(), "--out", byHand.toString());
        // Measures switched off by hand are not left out for want of data: nothing to warn about.
        assertThat(scoreByHand[1].lines().toList()).isEmpty();
        List<String> a = Files.readAllLines(adapted);
        List<String> b = Files.readAllLines(byHand);
        assertThat(a).hasSizeGreaterThan(300).hasSameSizeAs(b);
        for (int i = 1; i < a.size(); i++) {
            // account_id, name, as_of, stage, score, base_score, adjustment, band, the four categories
            assertThat(String.join(",", List.of(a.get(i).split(",")).subList(0, 12)))
                    .isEqualTo(String.join(",", List.of(b.get(i).split(",")).subList(0, 12)));
        }
        assertThat(a).allMatch(line -> !line.startsWith("ACC-") || line.split(",")[11].isEmpty());

        Path report = dir.resolve("report.json");
        String[] backtest = run("backtest", "--db", db, "--out", report.toString());
        assertThat(backtest[1].lines().toList()).isEqualTo(expected);
        JsonNode leftOut = new ObjectMapper().readTree(report.toFile()).get("parameters").get("measures_left_out");
        List<String> listed = new ArrayList<>();
        leftOut.forEach(n -> listed.add("warning: " + n.asText()));
        assertThat(listed).isEqualTo(expected);
    }
}
