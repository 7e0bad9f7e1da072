package com.bellwether.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.bellwether.alerts.AlertEvaluator;
import com.bellwether.alerts.AlertFinding;
import com.bellwether.ingest.BundleImporter;
import com.bellwether.ingest.ImportProgress;
import com.bellwether.ingest.ImportReport;
import com.bellwether.sample.GeneratorSettings;
import com.bellwether.sample.SampleGenerator;
import com.bellwether.scoring.HealthModel;
import com.bellwether.scoring.HealthScorer;
import com.bellwether.scoring.Portfolio;
import com.bellwether.store.Database;
import com.bellwether.store.DatabaseLocation;

/** Alerts evaluated again for the accounts an import changed find what a whole evaluation finds for them. */
class IncrementalAlertsTest {

    @TempDir
    Path dir;

    /**
     * What the incremental evaluation worked out is what a whole evaluation finds for those accounts; it works out
     * every changed account; and the findings recorded before, with those replaced, are the whole evaluation's.
     */
    private static void assertSameAsWhole(List<AlertFinding> before, List<AlertFinding> incremental,
                                          List<AlertFinding> whole, Set<String> changed) {
        Set<String> worked = new java.util.HashSet<>(changed);
        incremental.forEach(f -> worked.add(f.accountId()));
        assertThat(incremental).isEqualTo(whole.stream().filter(f -> worked.contains(f.accountId())).toList());
        assertThat(keys(merged(before, incremental))).isEqualTo(keys(whole));
    }

    /** The findings before, with those of the accounts worked out again replaced. */
    private static List<AlertFinding> merged(List<AlertFinding> before, List<AlertFinding> incremental) {
        Set<String> worked = new java.util.HashSet<>();
        incremental.forEach(f -> worked.add(f.accountId()));
        List<AlertFinding> all = new java.util.ArrayList<>(before.stream().filter(f -> !worked.contains(f.accountId())).toList());
        all.addAll(incremental);
        return all;
    }

    private static Set<String> keys(List<AlertFinding> findings) {
        return findings.stream().map(f -> f.accountId() + " " + f.rule().id()).collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void theChangedAccountsFindingsEqualAWholeEvaluations() throws IOException {
        Path bundle = Files.createDirectories(dir.resolve("bundle"));
        new SampleGenerator(GeneratorSettings.defaults().withAccounts(150).withMonths(12)).writeTo(bundle);
        try (Database database = Database.open(DatabaseLocation.parse(dir.resolve("db").toString()))) {
            Workspace workspace = Workspace.of(database);
            assertThat(workspace.importBundle(BundleImporter.Request.canonical(bundle), ImportProgress.NONE).succeeded()).isTrue();
            HealthModel model = workspace.activeModel();
            Portfolio before = workspace.portfolio();
            LocalDate asOf = before.asOfDate();
            List<com.bellwether.scoring.AccountScore> scoredBefore = workspace.score(model, asOf, () -> false);
            AlertEvaluator.Evaluation first = new AlertEvaluator(model, before).evaluateKeeping(asOf, scoredBefore);
            assertThat(first.findings()).isEqualTo(new AlertEvaluator(model, before).evaluate(asOf, scoredBefore));

            // Urgent, escalated tickets in the last days for a dozen accounts, and a survey of detractors.
            Path delta = Files.createDirectories(dir.resolve("delta"));
            StringBuilder tickets = new StringBuilder("ticket_id,account_id,opened,priority,escalated\n");
            StringBuilder surveys = new StringBuilder("account_id,date,nps\n");
            for (int a = 1; a <= 12; a++) {
                for (int t = 0; t < 4; t++) {
                    tickets.append(String.format("T-NEW-%d-%d,ACC-%05d,%s,urgent,true%n", a, t, a, asOf.minusDays(t)));
                }
                surveys.append(String.format("ACC-%05d,%s,1%n", a, asOf.minusDays(1)));
            }
            Files.writeString(delta.resolve("tickets.csv"), tickets);
            Files.writeString(delta.resolve("surveys.csv"), surveys);
            ImportReport report = workspace.importBundle(BundleImporter.Request.canonical(delta), ImportProgress.NONE);
            assertThat(report.succeeded()).isTrue();
            Portfolio after = workspace.portfolio();
            assertThat(after.asOfDate()).isEqualTo(asOf);
            List<com.bellwether.scoring.AccountScore> scoredAfter = new HealthScorer(model, after).scoreLive(asOf, () -> false);

            AlertEvaluator.Evaluation incremental = new AlertEvaluator(model, after)
                    .evaluateChanged(asOf, scoredAfter, first.basis(), report.accounts());
            List<AlertFinding> whole = new AlertEvaluator(model, after).evaluate(asOf, scoredAfter);
            assertSameAsWhole(first.findings(), incremental.findings(), whole, report.accounts());

            // And the basis it leaves serves a third evaluation as a whole one's would.
            Set<String> two = Set.of("ACC-00020", "ACC-00001");
            AlertEvaluator.Evaluation again = new AlertEvaluator(model, after)
                    .evaluateChanged(asOf, scoredAfter, incremental.basis(), two);
            List<AlertFinding> recorded = new java.util.ArrayList<>(merged(first.findings(), incremental.findings()));
            assertSameAsWhole(recorded, again.findings(), whole, two);

            // Through the workspace: an evaluation, an import, an evaluation of only what changed.
            workspace.evaluateAlerts(asOf, null);
        }
    }
}
