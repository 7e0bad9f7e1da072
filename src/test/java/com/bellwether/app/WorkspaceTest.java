package com.bellwether.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.bellwether.backtest.BacktestFrame;
import com.bellwether.backtest.BacktestSettings;
import com.bellwether.domain.Note;
import com.bellwether.ingest.BundleImporter;
import com.bellwether.ingest.ImportProgress;
import com.bellwether.ingest.ImportReport;
import com.bellwether.scoring.AccountScore;
import com.bellwether.scoring.HealthModel;
import com.bellwether.scoring.Portfolio;

/** The application layer over a real H2 database: its operations, and the state it tells its observers. */
class WorkspaceTest {

    @TempDir
    Path dir;

    private Workspace workspace;

    @BeforeEach
    void open() {
        workspace = Workspace.open(dir.resolve("workspace").toString());
    }

    /** Two accounts with a year of weekly logins; one churns after its use falls away. */
    private Path bundle() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("bundle"));
        Files.writeString(folder.resolve("accounts.csv"), """
                account_id,name,segment,arr,contract_start,renewal_date
                A1,Steady Co,SMB,12000,2024-01-01,2026-01-01
                A2,Fading Ltd,SMB,8000,2024-01-01,2026-01-01
                """);
        StringBuilder usage = new StringBuilder("account_id,date,logins,active_users\n");
        for (LocalDate day = LocalDate.parse("2024-01-01"); day.isBefore(LocalDate.parse("2025-01-01")); day = day.plusWeeks(1)) {
            usage.append("A1,").append(day).append(",200,20\n");
            usage.append("A2,").append(day).append(',').append(day.isBefore(LocalDate.parse("2024-08-01")) ? 200 : 5).append(",2\n");
        }
        Files.writeString(folder.resolve("usage.csv"), usage);
        Files.writeString(folder.resolve("outcomes.csv"), """
                account_id,date,event,arr_change
                A2,2024-12-15,churn,-8000
                """);
        return folder;
    }

    private ImportReport importBundle() throws Exception {
        return workspace.importBundle(BundleImporter.Request.canonical(bundle()), ImportProgress.NONE);
    }

    @Test
    void anImportIsReadBackAsThePortfolioAndToldToObservers() throws Exception {
        List<Portfolio> told = new ArrayList<>();
        workspace.portfolioState().addListener((old, now) -> told.add(now));

        assertThat(importBundle().succeeded()).isTrue();
        Portfolio portfolio = workspace.portfolio();

        assertThat(portfolio.size()).isEqualTo(2);
        assertThat(told).containsExactly(portfolio);
        assertThat(workspace.portfolio()).as("read once, kept").isSameAs(portfolio);
        DatabaseInfo info = workspace.info(5);
        assertThat(info.rowsPerTable()).containsEntry("account", 2L);
        assertThat(info.lastDate()).isEqualTo(LocalDate.parse("2024-12-30"));
        assertThat(info.recentImports()).singleElement().satisfies(run -> assertThat(run.files()).isNotEmpty());
    }

    @Test
    void aNewImportReplacesWhatWasReadBefore() throws Exception {
        importBundle();
        Portfolio first = workspace.portfolio();

        importBundle();

        // Every account was in the import: the portfolio was read again, not patched.
        assertThat(workspace.portfolioState().get()).isNotNull().isNotSameAs(first);
        assertThat(workspace.portfolio()).isSameAs(workspace.portfolioState().get());
    }

    @Test
    void aNewDatabaseHasTheShippedModelAsActiveVersionOne() {
        ModelVersion active = workspace.activeVersion();

        assertThat(active.number()).isEqualTo(1);
        assertThat(active.active()).isTrue();
        assertThat(active.model().name()).isEqualTo(HealthModel.defaultModel().name());
        assertThat(workspace.versions()).extracting(ModelVersion::number).containsExactly(1);
        assertThat(workspace.activeVersionState().get()).isEqualTo(active);
    }

    @Test
    void savingAndActivatingAVersionIsToldToObservers() {
        ModelVersion first = workspace.activeVersion();
        List<ModelVersion> told = new ArrayList<>();
        workspace.activeVersionState().addListener((old, now) -> told.add(now));

        ModelVersion kept = workspace.saveVersion(HealthModel.defaultModel(), "Kept aside", "not yet", false);
        assertThat(told).as("a version saved without activating changes nothing active").isEmpty();
        ModelVersion activated = workspace.activate(kept.number());

        assertThat(activated.number()).isEqualTo(2);
        assertThat(activated.label()).isEqualTo("v2 Kept aside");
        assertThat(told).containsExactly(activated);
        assertThat(workspace.version(1)).hasValueSatisfying(v -> assertThat(v.active()).isFalse());
        assertThat(workspace.activate(first.number()).number()).isEqualTo(1);
    }

    @Test
    void scoresAndTheBacktestFrameBecomeTheCurrentOnes() throws Exception {
        importBundle();
        HealthModel model = workspace.activeModel();
        LocalDate asOf = LocalDate.parse("2024-11-01");

        List<AccountScore> scores = workspace.score(model, asOf, () -> false);
        BacktestFrame frame = workspace.backtest(model, new BacktestSettings(LocalDate.parse("2024-06-01"),
                LocalDate.parse("2024-09-01"), BacktestSettings.parseStep("1m"), BacktestSettings.parseHorizon("90d"),
                false, true, 10), () -> false);

        assertThat(scores).extracting(AccountScore::accountId).containsExactlyInAnyOrder("A1", "A2");
        assertThat(workspace.scoresState().get()).isEqualTo(new CurrentScores(model, asOf, scores));
        assertThat(workspace.backtestFrameState().get()).isSameAs(frame);
    }

    @Test
    void aFrameForTheSameQuestionIsSharedAndAnyOtherIsBuilt() throws Exception {
        importBundle();
        HealthModel model = workspace.activeModel();
        Portfolio portfolio = workspace.portfolio();
        BacktestSettings open = BacktestSettings.defaults().withRange(null, LocalDate.parse("2024-09-01"));

        BacktestFrame first = workspace.backtest(model, portfolio, open, () -> false);

        assertThat(workspace.backtest(model, portfolio, open, () -> false)).as("the same question").isSameAs(first);
        assertThat(workspace.backtest(model, portfolio, open.withRange(first.cutoffs().get(0), LocalDate.parse("2024-09-01")),
                () -> false)).as("the first cut-off named instead of left open").isSameAs(first);
        BacktestFrame shorter = workspace.backtest(model, portfolio, new BacktestSettings(null, LocalDate.parse("2024-09-01"),
                open.step(), 60, false, false, 10), () -> false);
        assertThat(shorter).as("another horizon").isNotSameAs(first);
        assertThat(shorter.settings().horizonDays()).isEqualTo(60);
        assertThat(workspace.backtest(model, portfolio.withNotes("A1", List.of()), shorter.settings(), () -> false))
                .as("another portfolio").isNotSameAs(shorter);
        HealthModel other = model.withCategoryWeights(Map.of(model.categories().get(0).id(), 0.123));
        BacktestFrame otherModel = workspace.backtest(other, portfolio, open, () -> false);
        assertThat(otherModel).as("another model").isNotSameAs(first);
        assertThat(otherModel.grid().model()).isEqualTo(other);
    }

    @Test
    void anAdjustmentIsBoundedAndLeavesATrail() throws Exception {
        importBundle();
        Note note = new Note("A2", LocalDate.parse("2024-10-01"), "Dana Lee", 5, "Good call with the sponsor",
                LocalDate.parse("2024-12-01"));

        workspace.adjust(note, 10, "dana");

        assertThat(workspace.adjustments("A2")).singleElement().satisfies(n -> assertThat(n.adjustment()).isEqualTo(5));
        assertThat(workspace.portfolioState().get()).as("the adjustment is read with the portfolio next time").isNull();
        assertThatThrownBy(() -> workspace.adjust(new Note("A1", note.date(), "Dana Lee", 50, "Too far", note.expires()), 10, "dana"))
                .isInstanceOf(IllegalArgumentException.class);
        workspace.removeAdjustment("A2", note.date(), "Dana Lee", "dana");
        assertThat(workspace.adjustmentTrail("A2")).extracting(AdjustmentEntry::added).containsExactly(false, true);
    }

    @Test
    void alertsAreEvaluatedRecordedAndChangeStatus() throws Exception {
        importBundle();
        LocalDate asOf = workspace.portfolio().lastDataDate();

        var result = workspace.evaluateAlerts(asOf, null);
        var open = workspace.openAlerts(com.bellwether.alerts.AlertFilter.ANY);

        assertThat(open).hasSize(result.open());
        if (!open.isEmpty()) {
            assertThat(workspace.acknowledgeAlert(open.get(0)).status())
                    .isEqualTo(com.bellwether.alerts.AlertStatus.ACKNOWLEDGED);
        }
        assertThat(workspace.deliverDueAlerts(null).attempted()).as("nothing queued without a webhook").isZero();
    }

    @Test
    void aCheckWritesNothingAndTheHistoryIsStoredOnce() throws Exception {
        ImportReport checked = workspace.checkBundle(BundleImporter.Request.canonical(bundle()), ImportProgress.NONE);

        assertThat(checked.succeeded()).isTrue();
        assertThat(workspace.info(5).isEmpty()).as("a check imports nothing").isTrue();
        assertThat(workspace.savedVersions()).as("listing does not save the shipped model").isEmpty();

        importBundle();
        assertThat(workspace.backfillIfNone()).isPresent();
        long stored = workspace.storedScores();
        assertThat(stored).isPositive();
        assertThat(workspace.backfillIfNone()).as("the history is there already").isEmpty();
        assertThat(workspace.storedScores()).isEqualTo(stored);
        assertThat(workspace.freezeOutcomes()).as("the churn's score the day before").isEqualTo(1);
    }

    @Test
    void anotherClockSharesTheStateAndTheDatabase() throws Exception {
        importBundle();
        Workspace stamped = workspace.withClock(java.time.Clock.fixed(java.time.Instant.parse("2025-01-02T03:04:05Z"),
                java.time.ZoneOffset.UTC));

        Portfolio read = stamped.portfolio();

        assertThat(workspace.portfolioState().get()).isSameAs(read);
        assertThat(stamped.displayName()).isEqualTo(workspace.displayName());
    }

    @Test
    void aListenerIsToldOfChangesOnlyAndCanLeave() {
        WorkspaceValue<String> value = new WorkspaceValue<>();
        List<String> told = new ArrayList<>();
        WorkspaceValue.Listener<String> listener = (old, now) -> told.add(old + " -> " + now);
        value.addListener(listener);

        value.set("a");
        value.set("a");
        value.set("b");
        value.removeListener(listener);
        value.set("c");

        assertThat(told).containsExactly("null -> a", "a -> b");
        assertThat(value.get()).isEqualTo("c");
    }

    @Test
    void aFailureToOpenTheDatabaseIsAStorageProblem() {
        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(
                () -> Workspace.open("jdbc:h2:tcp://localhost:1/nowhere").info(0));

        assertThat(Workspace.isStorageProblem(failure)).as(String.valueOf(failure)).isTrue();
    }

    @Test
    void anAdjustmentIsInTheScoresAskedForNext() throws Exception {
        importBundle();
        HealthModel model = workspace.activeModel();
        java.time.LocalDate asOf = workspace.portfolio().lastDataDate();
        List<com.bellwether.scoring.AccountScore> before = workspace.scores(model, asOf, () -> false);
        String id = before.get(0).accountId();

        workspace.adjust(new com.bellwether.domain.Note(id, asOf, "ana", 10, "Strong QBR", null), 20, "ana");
        workspace.portfolio();
        List<com.bellwether.scoring.AccountScore> after = workspace.scores(model, asOf, () -> false);

        assertThat(after).isNotSameAs(before);
        assertThat(after.get(0).adjustment()).isNotEqualTo(before.get(0).adjustment());
        // Kept and re-scored for that account only, yet what a full read and scoring gives.
        assertThat(workspace.portfolioState().get()).isNotNull();
        assertThat(after).isEqualTo(readAndScoredAgain(model, asOf));

        workspace.removeAdjustment(id, asOf, "ana", "ana");
        List<com.bellwether.scoring.AccountScore> removed = workspace.scores(model, asOf, () -> false);
        assertThat(removed).isEqualTo(before).isEqualTo(readAndScoredAgain(model, asOf));
    }

    private List<com.bellwether.scoring.AccountScore> readAndScoredAgain(HealthModel model, java.time.LocalDate asOf) {
        Portfolio kept = workspace.portfolioState().get();
        com.bellwether.app.CurrentScores current = workspace.scoresState().get();
        List<com.bellwether.scoring.AccountScore> fresh = new com.bellwether.scoring.HealthScorer(model,
                workspace.readPortfolio()).scoreLive(asOf, () -> false);
        workspace.adopt(kept);
        workspace.scoresState().set(current);
        return fresh;
    }
}
