package com.bellwether.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.bellwether.sample.GeneratorSettings;
import com.bellwether.sample.SampleGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code bellwether effects} on a small generated portfolio: the report's figures recomputed from its strata. */
class EffectsCommandTest {

    @TempDir
    static Path dir;

    private static String db;
    private static JsonNode report;
    private static String printed;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BellwetherCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeAll
    static void effects() throws Exception {
        Path bundle = dir.resolve("bundle");
        new SampleGenerator(GeneratorSettings.defaults().withAccounts(150).withMonths(20)).writeTo(bundle);
        db = dir.resolve("db").toString();
        assertThat(run("import", "--db", db, bundle.toString()).code()).isZero();
        Run effects = run("effects", "--db", db, "--out", dir.resolve("effects.json").toString());
        assertThat(effects.code()).as(effects.err()).isZero();
        printed = effects.out();
        report = new ObjectMapper().readTree(dir.resolve("effects.json").toFile());
    }

    @Test
    void everyRuleIsReportedWithDefaultsAsTheBacktests() {
        assertThat(report.get("horizon_days").asInt()).isEqualTo(90);
        assertThat(report.get("act_within_days").asInt()).isEqualTo(30);
        assertThat(report.get("step").asText()).isEqualTo("1m");
        assertThat(report.get("tasks_done").asLong()).isPositive();
        assertThat(report.get("rules").findValuesAsText("kind")).contains("playbook", "alert");
        assertThat(report.get("rules").findValuesAsText("rule_id")).contains("red-outreach", "usage-drop", "band-to-red");
        assertThat(printed).contains("associations, not proof").contains("usage-drop");
    }

    @Test
    void theDifferenceAndIntervalFollowFromTheStrata() {
        for (JsonNode rule : report.get("rules")) {
            JsonNode churn = rule.get("churn");
            long acted = 0;
            long points = 0;
            long leftOut = 0;
            long keptActed = 0;
            for (JsonNode s : churn.get("by_stratum")) {
                acted += s.get("acted").asLong();
                points += s.get("acted").asLong() + s.get("not_acted").asLong();
                if (s.get("acted").asLong() > 0 && s.get("not_acted").asLong() > 0) {
                    keptActed += s.get("acted").asLong();
                } else {
                    leftOut += s.get("acted").asLong() + s.get("not_acted").asLong();
                }
            }
            assertThat(points).as(rule.get("rule_id").asText()).isEqualTo(rule.get("triggered").asLong());
            assertThat(acted).isEqualTo(rule.get("acted_on").asLong());
            assertThat(leftOut).isEqualTo(churn.get("left_out").asLong());
            if (keptActed == 0) {
                assertThat(churn.get("difference").isNull()).isTrue();
                continue;
            }
            double difference = 0;
            double variance = 0;
            for (JsonNode s : churn.get("by_stratum")) {
                double n1 = s.get("acted").asDouble();
                double n0 = s.get("not_acted").asDouble();
                if (n1 > 0 && n0 > 0) {
                    double p1 = s.get("acted_events").asDouble() / n1;
                    double p0 = s.get("not_acted_events").asDouble() / n0;
                    double w = n1 / keptActed;
                    difference += w * (p1 - p0);
                    // Agresti-Caffo: one event and one non-event added to each group for the variance.
                    double q1 = (s.get("acted_events").asDouble() + 1) / (n1 + 2);
                    double q0 = (s.get("not_acted_events").asDouble() + 1) / (n0 + 2);
                    variance += w * w * (q1 * (1 - q1) / (n1 + 2) + q0 * (1 - q0) / (n0 + 2));
                }
            }
            assertThat(churn.get("difference").asDouble()).isCloseTo(difference, within(1e-9));
            assertThat(churn.get("high").asDouble() - churn.get("low").asDouble())
                    .isCloseTo(2 * 1.959963984540054 * Math.sqrt(variance), within(1e-8));
            assertThat(rule.get("churn_finding").asText()).satisfiesAnyOf(
                    text -> assertThat(text).startsWith("Too few to tell"),
                    text -> assertThat(text).endsWith("this is an association, not proof that the action caused it."));
        }
    }

    @Test
    void badOptionsExitWithCode2AndSayWhy() {
        String out = dir.resolve("bad.json").toString();
        Run negative = run("effects", "--db", db, "--act-within", "-3", "--out", out);
        assertThat(negative.code()).isEqualTo(2);
        assertThat(negative.err()).contains("--act-within: expected 0 days or more, not -3");
        Run words = run("effects", "--db", db, "--act-within", "a month", "--out", out);
        assertThat(words.code()).isEqualTo(2);
        assertThat(words.err()).contains("--act-within: expected a whole number of days");
        Run step = run("effects", "--db", db, "--step", "0m", "--out", out);
        assertThat(step.code()).isEqualTo(2);
        assertThat(step.err()).contains("a step of at least 1");
        Run backwards = run("effects", "--db", db, "--from", "2026-01-01", "--to", "2025-01-01", "--out", out);
        assertThat(backwards.code()).isEqualTo(2);
        assertThat(backwards.err()).contains("--to 2025-01-01 is before --from 2026-01-01");
        Run noOut = run("effects", "--db", db);
        assertThat(noOut.code()).isEqualTo(2);
    }
}
