package com.bellwether.ui.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.concurrent.Executor;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.bellwether.domain.Note;
import com.bellwether.domain.OutcomeEvent;
import com.bellwether.ingest.TestDatabases;
import com.bellwether.scoring.AccountScore;
import com.bellwether.scoring.AccountSignals;
import com.bellwether.scoring.HealthModel;
import com.bellwether.scoring.HealthScorer;
import com.bellwether.scoring.SavedModels;
import com.bellwether.scoring.ScoreChange;
import com.bellwether.app.AdjustmentEntry;
import com.bellwether.store.AdjustmentStore;

/** The account screen's state and commands, without a toolkit: work and results run on the calling thread. */
class AccountViewModelTest {

    private static final Executor SAME_THREAD = Runnable::run;

    private static AccountSample sample;

    private AccountViewModel viewModel;
    private AccountScore before;

    @BeforeAll
    static void importSample() throws Exception {
        sample = AccountSample.imported();
    }

    @BeforeEach
    void open() {
        viewModel = new AccountViewModel(SAME_THREAD, HealthModel.defaultModel(), SAME_THREAD);
        viewModel.useWorkspace(com.bellwether.app.Workspace.of(sample.database));
        viewModel.show(sample.portfolio, sample.accountId, AccountSample.AS_OF);
        before = viewModel.scoreProperty().get();
        assertThat(before.adjustment()).isZero();
    }

    @Test
    void anAdjustmentOfTenMovesTheAdjustedScoreByTenNotTheComputedOneAndIsWrittenAndAudited() throws Exception {
        long audited = count("SELECT COUNT(*) FROM adjustment_audit WHERE action = 'ADD'");
        viewModel.adjustmentPointsProperty().set(10);
        viewModel.adjustmentReasonProperty().set("Executive sponsor confirmed the renewal");
        viewModel.adjustmentExpiresProperty().set(AccountSample.AS_OF.plusDays(90));
        assertThat(viewModel.canAddAdjustment().get()).isTrue();

        viewModel.addAdjustment();

        AccountScore after = viewModel.scoreProperty().get();
        try {
            assertThat(after.score()).isCloseTo(before.score() + 10, within(1e-9));
            assertThat(after.baseScore()).isCloseTo(before.baseScore(), within(1e-9));
            assertThat(after.adjustment()).isEqualTo(10);
            assertThat(viewModel.adjustmentsChangedProperty().get()).isEqualTo(1);
            assertThat(viewModel.history().get(viewModel.history().size() - 1).score()).isCloseTo(before.score() + 10, within(1e-9));
            Note written = new Note(sample.accountId, AccountSample.AS_OF, SavedModels.currentAuthor(), 10,
                    "Executive sponsor confirmed the renewal", AccountSample.AS_OF.plusDays(90));
            assertThat(new AdjustmentStore(sample.database).notes(sample.accountId)).contains(written);
            assertThat(count("SELECT COUNT(*) FROM adjustment_audit WHERE action = 'ADD'")).isEqualTo(audited + 1);
            assertThat(viewModel.audit().get(0)).satisfies(entry -> {
                assertThat(entry.added()).isTrue();
                assertThat(entry.points()).isEqualTo(10);
                assertThat(entry.changedBy()).isEqualTo(SavedModels.currentAuthor());
            });
            assertThat(viewModel.adjustments()).first().satisfies(row -> {
                assertThat(row.note()).isEqualTo(written);
                assertThat(row.status()).isEqualTo(AccountViewModel.AdjustmentRow.Status.ACTIVE);
            });
            // The portfolio handed on to the other screens carries the note too.
            var portfolio = viewModel.portfolioProperty().get();
            assertThat(portfolio.notes(portfolio.indexOf(sample.accountId))).contains(written);
            assertThat(new HealthScorer(HealthModel.defaultModel(), portfolio).score(sample.accountId, AccountSample.AS_OF)
                    .score()).isCloseTo(before.score() + 10, within(1e-9));
            // The form is cleared for the next one.
            assertThat(viewModel.adjustmentReasonProperty().get()).isEmpty();
            assertThat(viewModel.adjustmentPointsProperty().get()).isZero();
        } finally {
            viewModel.removeAdjustment(new Note(sample.accountId, AccountSample.AS_OF, SavedModels.currentAuthor(), 10, "", null));
        }
    }

    @Test
    void aPointBeyondTheModelsBoundIsRefusedAndNothingIsWritten() throws Exception {
        long notes = count("SELECT COUNT(*) FROM note");
        int bound = (int) HealthModel.defaultModel().adjustmentBound().doubleValue();
        viewModel.adjustmentReasonProperty().set("Huge win");
        viewModel.adjustmentPointsProperty().set(bound);
        assertThat(viewModel.canAddAdjustment().get()).isTrue();

        viewModel.adjustmentPointsProperty().set(bound + 1);
        assertThat(viewModel.canAddAdjustment().get()).isFalse();
        assertThat(viewModel.adjustmentProblemProperty().get()).isEqualTo("+" + (bound + 1) + " is beyond the model's bound: at most " + bound + " points either way.");
        viewModel.addAdjustment();

        assertThat(viewModel.adjustmentErrorProperty().get()).startsWith("Not added: +" + (bound + 1) + " is beyond");
        assertThat(viewModel.messageProperty().get()).as("the header keeps to the account").isEmpty();
        assertThat(count("SELECT COUNT(*) FROM note")).isEqualTo(notes);
        assertThat(viewModel.adjustmentsChangedProperty().get()).isZero();
        assertThat(viewModel.scoreProperty().get().score()).isEqualTo(before.score());
    }

    @Test
    void theAddButtonWaitsForAReasonAndAnExpiryAfterTheAsOfDate() {
        viewModel.adjustmentPointsProperty().set(5);
        assertThat(viewModel.canAddAdjustment().get()).isFalse();
        assertThat(viewModel.adjustmentProblemProperty().get()).isEqualTo("Give a reason.");
        viewModel.adjustmentReasonProperty().set("Champion back from leave");
        viewModel.adjustmentExpiresProperty().set(AccountSample.AS_OF);
        assertThat(viewModel.canAddAdjustment().get()).isFalse();
        viewModel.adjustmentExpiresProperty().set(AccountSample.AS_OF.plusDays(1));
        assertThat(viewModel.canAddAdjustment().get()).isTrue();

        viewModel.useWorkspace(null);
        assertThat(viewModel.canAddAdjustment().get()).isFalse();
        assertThat(viewModel.adjustmentProblemProperty().get()).isEqualTo("Open a database to record adjustments.");
    }

    @Test
    void removingAnAdjustmentRestoresTheScoreAndAuditsTheRemoval() throws Exception {
        long removals = count("SELECT COUNT(*) FROM adjustment_audit WHERE action = 'REMOVE'");
        viewModel.adjustmentPointsProperty().set(-7);
        viewModel.adjustmentReasonProperty().set("Champion left the company");
        viewModel.addAdjustment();
        assertThat(viewModel.scoreProperty().get().score()).isCloseTo(before.score() - 7, within(1e-9));
        Note added = viewModel.adjustments().get(0).note();

        viewModel.removeAdjustment(added);

        assertThat(viewModel.scoreProperty().get().score()).isCloseTo(before.score(), within(1e-9));
        assertThat(viewModel.scoreProperty().get().adjustment()).isZero();
        assertThat(viewModel.adjustments()).extracting(AccountViewModel.AdjustmentRow::note).doesNotContain(added);
        assertThat(viewModel.adjustmentsChangedProperty().get()).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM adjustment_audit WHERE action = 'REMOVE'")).isEqualTo(removals + 1);
        assertThat(viewModel.audit()).extracting(AdjustmentEntry::added).startsWith(false, true);
        assertThat(viewModel.audit().get(0).points()).isEqualTo(-7);
    }

    @Test
    void theChangeSplitsIntoDataModelAndAdjustmentPartsThatAddUpToTheTotal() {
        ScoreChange change = viewModel.changeProperty().get();
        assertThat(change.from()).isEqualTo(AccountSample.AS_OF.minusDays(30));
        assertThat(change.to()).isEqualTo(AccountSample.AS_OF);
        assertParts(change);
        assertThat(change.total()).isCloseTo(before.change30d(), within(1e-9));

        viewModel.compareFromProperty().set(AccountSample.AS_OF.minusDays(180));
        viewModel.compare();

        ScoreChange longer = viewModel.changeProperty().get();
        assertThat(longer.from()).isEqualTo(AccountSample.AS_OF.minusDays(180));
        assertParts(longer);
        double then = new HealthScorer(HealthModel.defaultModel(), sample.portfolio)
                .score(sample.accountId, AccountSample.AS_OF.minusDays(180)).score();
        assertThat(longer.total()).isCloseTo(before.score() - then, within(1e-9));
        assertThat(viewModel.changeRows()).first().isEqualTo(new AccountViewModel.ChangeRow("Total", "Final score", longer.total()));
        assertThat(viewModel.changeSummaryProperty().get()).startsWith("From " + AccountSample.AS_OF.minusDays(180) + " to "
                + AccountSample.AS_OF + " the score ");
    }

    private static void assertParts(ScoreChange change) {
        assertThat(change.dueToData() + change.dueToModel() + change.dueToAdjustment() + change.other())
                .isCloseTo(change.total(), within(1e-9));
        assertThat(change.other()).isCloseTo(0, within(1e-9));
        assertThat(change.dataByMeasure().stream().mapToDouble(ScoreChange.Part::points).sum())
                .isCloseTo(change.dueToData(), within(1e-6));
        assertThat(change.dataByCategory().values().stream().mapToDouble(Double::doubleValue).sum())
                .isCloseTo(change.dueToData(), within(1e-6));
        assertThat(change.dueToModel()).isCloseTo(0, within(1e-9));
    }

    @Test
    void aToneMeasureNamesThePhrasesOfTheAccountsOwnTextsAndLeavesTheScoreAsComputed() throws Exception {
        HealthModel withTone = HealthModel.parse(java.nio.file.Files.readString(
                java.nio.file.Path.of("sample-data/models/with-sentiment.json")), "with-sentiment.json");
        AccountViewModel toned = new AccountViewModel(SAME_THREAD, withTone, SAME_THREAD);
        toned.useWorkspace(com.bellwether.app.Workspace.of(sample.database));

        // An account whose texts of the last 90 days lean one way, so there are phrases to name.
        String account = new HealthScorer(withTone, sample.portfolio).scoreLive(AccountSample.AS_OF, () -> false).stream()
                .filter(s -> s.measures().stream().anyMatch(m -> m.id().equals("tone") && Math.abs(m.raw()) > 0.05))
                .map(AccountScore::accountId).findFirst().orElseThrow();
        toned.show(sample.portfolio, account, AccountSample.AS_OF);

        AccountViewModel.MeasureRow tone = toned.measures().stream().filter(m -> m.id().equals("tone")).findFirst()
                .orElseThrow();
        assertThat(tone.raw()).isBetween(-1.0, 1.0);
        assertThat(tone.text()).matches("Customer tone (negative|neutral|positive) \\(-?[0-9.]+\\) over the last 90 days:"
                + " \"[^\"]+\"(, \"[^\"]+\"){0,2}\\.");
        AccountScore computed = new HealthScorer(withTone, sample.portfolio).score(account, AccountSample.AS_OF);
        assertThat(toned.scoreProperty().get().score()).isEqualTo(computed.score());
    }

    @Test
    void theRawSignalsOfASampleAccountAreThereToChart() {
        AccountSignals signals = viewModel.signalsProperty().get();

        assertThat(signals.usage()).hasSize(sample.portfolio.metrics().size()).allSatisfy(metric -> {
            assertThat(metric.weekly()).isNotEmpty().hasSizeLessThanOrEqualTo(AccountSignals.USAGE_WEEKS);
            assertThat(metric.weekly()).allSatisfy(p -> assertThat(p.date()).isBeforeOrEqualTo(AccountSample.AS_OF)
                    .isAfter(AccountSample.AS_OF.minusWeeks(AccountSignals.USAGE_WEEKS)));
        });
        assertThat(signals.ticketsPerMonth()).hasSize(12);
        assertThat(signals.ticketsPerMonth().get(11).month()).isEqualTo(java.time.YearMonth.from(AccountSample.AS_OF));
        assertThat(signals.interactionsPerMonth()).hasSize(12);
        assertThat(signals.interactionsPerMonth().stream().mapToInt(AccountSignals.MonthCount::count).sum()).isPositive();
        assertThat(signals.isEmpty()).isFalse();
    }

    @Test
    void everyMeasureHasItsThirtyDayTrendAndEveryCategoryItsBand() {
        HealthScorer scorer = new HealthScorer(HealthModel.defaultModel(), sample.portfolio);
        AccountScore monthAgo = scorer.score(sample.accountId, AccountSample.AS_OF.minusDays(30));

        assertThat(viewModel.measures()).hasSize(HealthModel.defaultModel().measures().size());
        for (int m = 0; m < viewModel.measures().size(); m++) {
            AccountViewModel.MeasureRow row = viewModel.measures().get(m);
            double then = monthAgo.measures().get(m).score();
            if (!Double.isNaN(then) && !Double.isNaN(row.score())) {
                assertThat(row.trend()).as(row.id()).isCloseTo(row.score() - then, within(1e-9));
            }
        }
        HealthModel.Bands bands = viewModel.bandsProperty().get();
        assertThat(viewModel.categories()).hasSize(HealthModel.defaultModel().categories().size())
                .allSatisfy(bar -> assertThat(bar.band()).isEqualTo(Double.isNaN(bar.score()) ? null
                        : com.bellwether.scoring.Band.of(bar.score(), bands.red(), bands.yellow())));
        assertThat(viewModel.history()).hasSize(25);
    }

    @Test
    void theTimelineMarksOutcomesAndAdjustmentsWithinTheTwoYears() {
        var portfolio = sample.portfolio;
        int a = portfolio.indexOf(sample.accountId);
        java.time.LocalDate first = viewModel.history().get(0).date();
        List<AccountViewModel.Marker> markers = viewModel.markers();
        long outcomes = portfolio.outcomes(a).stream()
                .filter(o -> !o.date().isBefore(first) && !o.date().isAfter(AccountSample.AS_OF)).count();
        long notes = portfolio.notes(a).stream()
                .filter(n -> !n.date().isBefore(first) && !n.date().isAfter(AccountSample.AS_OF)).count();
        assertThat(markers).filteredOn(m -> m.kind() == AccountViewModel.Marker.Kind.OUTCOME).hasSize((int) outcomes);
        assertThat(markers).filteredOn(m -> m.kind() == AccountViewModel.Marker.Kind.ADJUSTMENT).hasSize((int) notes);
        assertThat(outcomes + notes).as("the sample account has something on its timeline").isPositive();
        assertThat(markers).filteredOn(m -> m.kind() == AccountViewModel.Marker.Kind.OUTCOME)
                .allSatisfy(m -> assertThat(OutcomeEvent.valueOf(m.label().toUpperCase(java.util.Locale.ROOT))).isNotNull());
    }

    private static long count(String sql) throws Exception {
        return ((Number) TestDatabases.single(sample.database, sql)).longValue();
    }
}
