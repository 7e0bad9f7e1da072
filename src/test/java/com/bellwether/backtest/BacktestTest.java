package com.bellwether.backtest;

import static com.bellwether.scoring.ScoringFixtures.account;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.bellwether.domain.AccountChange;
import com.bellwether.domain.Bundle;
import com.bellwether.domain.Outcome;
import com.bellwether.domain.OutcomeEvent;
import com.bellwether.domain.Survey;
import com.bellwether.ingest.BundleImporter;
import com.bellwether.ingest.ImportProgress;
import com.bellwether.ingest.TestDatabases;
import com.bellwether.scoring.HealthModel;
import com.bellwether.scoring.Portfolio;
import com.bellwether.scoring.SamplePortfolio;
import com.bellwether.scoring.ScoreGrid;
import com.bellwether.scoring.ScoringFixtures;
import com.bellwether.store.Database;
import com.bellwether.store.PortfolioReader;

class BacktestTest {

    private static final LocalDate T = LocalDate.parse("2024-01-01");
    private static final HealthModel NPS = HealthModel.parse("""
            {"name": "nps", "categories": [{"id": "r", "label": "R", "weight": 1}],
             "measures": [{"id": "nps", "label": "NPS", "category": "r", "derive": {"type": "nps", "window": 365},
               "scale": [[0, 0], [10, 100]]}]}
            """, "nps.json");

    /**
     * Accounts around one cut-off T = 2024-01-01 with a 90-day horizon; each answered NPS before T. Each has an ARR
     * of 10,000 until the given dated changes.
     */
    private static Portfolio edges(AccountChange... changes) throws Exception {
        Bundle bundle = Bundle.empty();
        bundle.accountChanges().addAll(List.of(changes));
        String[][] accounts = {
            {"A", "2023-01-01"}, {"B", "2023-01-01"}, {"C", "2023-01-01"}, {"D", "2023-01-01"},
            {"E", "2023-01-01"}, {"F", "2024-02-01"}, {"G", "2023-01-01"}, {"H", "2023-01-01"}
        };
        for (String[] a : accounts) {
            bundle.accounts().add(account(a[0], 10, a[1], null, "growth"));
            bundle.surveys().add(new Survey(a[0], LocalDate.parse("2023-06-01"), 5));
        }
        bundle.outcomes().add(new Outcome("A", T, OutcomeEvent.CHURN, null));                    // churned at T: not live
        bundle.outcomes().add(new Outcome("B", T.plusDays(90), OutcomeEvent.CHURN, -5000.0));   // last day of the horizon
        bundle.outcomes().add(new Outcome("C", T.plusDays(91), OutcomeEvent.CHURN, null));      // just after it
        bundle.outcomes().add(new Outcome("D", LocalDate.parse("2023-10-01"), OutcomeEvent.CHURN, null));
        bundle.outcomes().add(new Outcome("D", LocalDate.parse("2023-12-01"), OutcomeEvent.REACTIVATION, null));
        bundle.outcomes().add(new Outcome("E", LocalDate.parse("2023-10-01"), OutcomeEvent.CHURN, null));
        bundle.outcomes().add(new Outcome("G", T.plusDays(1), OutcomeEvent.CHURN, null));
        bundle.outcomes().add(new Outcome("H", T.plusDays(30), OutcomeEvent.CONTRACTION, -100.0));
        bundle.surveys().add(new Survey("B", LocalDate.parse("2024-06-01"), 5));                // the data end
        return ScoringFixtures.stored(bundle);
    }

    private static BacktestSettings at(LocalDate cutoff, boolean contraction) {
        return new BacktestSettings(cutoff, cutoff, Period.ofMonths(1), 90, contraction, false, 10);
    }

    private static Map<String, Boolean> labels(BacktestFrame frame) {
        Map<String, Boolean> labels = new java.util.TreeMap<>();
        for (int p : frame.population()) {
            labels.put(frame.portfolio().account(frame.accountOf(p)).accountId(), frame.label(p));
        }
        return labels;
    }

    @Test
    void thePopulationAndTheHorizonHaveExactEdges() throws Exception {
        BacktestFrame frame = BacktestFrame.build(NPS, edges(), at(T, false), () -> false);

        assertThat(labels(frame)).containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of(
                "B", true, "C", false, "D", false, "G", true, "H", false)));
        BacktestFrame contraction = BacktestFrame.build(NPS, edges(), at(T, true), () -> false);
        assertThat(labels(contraction)).containsEntry("H", true);
    }

    @Test
    void cutOffsWhoseHorizonRunsPastTheDataAreLeftOutOrFlagged() throws Exception {
        Portfolio portfolio = edges();
        BacktestSettings range = new BacktestSettings(T, LocalDate.parse("2024-05-01"), Period.ofMonths(1), 90, false, false, 10);

        BacktestFrame complete = BacktestFrame.build(NPS, portfolio, range, () -> false);
        BacktestFrame flagged = BacktestFrame.build(NPS, portfolio,
                new BacktestSettings(T, LocalDate.parse("2024-05-01"), Period.ofMonths(1), 90, false, true, 10), () -> false);

        // the data ends 2024-06-01: 2024-03-01 + 90 days is inside, 2024-04-01 + 90 days is not
        assertThat(complete.cutoffs()).extracting(LocalDate::toString).containsExactly("2024-01-01", "2024-02-01", "2024-03-01");
        assertThat(flagged.cutoffs()).hasSize(5);
        assertThat(flagged.incomplete(2)).isFalse();
        assertThat(flagged.incomplete(3)).isTrue();
        assertThatThrownBy(() -> BacktestFrame.build(NPS, portfolio, at(LocalDate.parse("2024-05-01"), false), () -> false))
                .hasMessageContaining("horizon within the data (which ends 2024-06-01)");
    }

    @Test
    void leadTimeAndArrRecallCountEachChurnOnce() throws Exception {
        BacktestReport report = Backtester.run(NPS, edges(), at(T, false), Backtester.Options.none(), () -> false);

        // NPS 5 scores 50: yellow, so nothing is caught; B's churn carries its recorded ARR change
        assertThat(report.leadTime().churnEvents()).isEqualTo(2);
        assertThat(report.leadTime().caught()).isZero();
        assertThat(report.arrWeightedRecall().churnedArr()).isEqualTo(5000 + 10_000);
        assertThat(report.arrWeightedRecall().recall()).isZero();
        assertThat(report.falseNegatives()).extracting(BacktestReport.ListedPoint::accountId).containsExactly("B", "G");
    }

    @Test
    void aChurnWithoutARecordedChangeWeighsTheArrInForceAtTheCutOff() throws Exception {
        // G's ARR grows before T and again on the day it churns, after T.
        Portfolio portfolio = edges(
                new AccountChange("G", LocalDate.parse("2023-12-01"), null, null, 40_000.0, null, null),
                new AccountChange("G", T.plusDays(1), null, null, 90_000.0, null, null));

        BacktestReport report = Backtester.run(NPS, portfolio, at(T, false), Backtester.Options.none(), () -> false);

        assertThat(report.arrWeightedRecall().churnedArr()).isEqualTo(5000 + 40_000);
        assertThat(report.falseNegatives()).filteredOn(p -> p.accountId().equals("G")).singleElement()
                .satisfies(p -> assertThat(p.arr()).isEqualTo(40_000.0));
    }

    @Test
    void noScoreOfABacktestSeesDataFromAfterItsCutOff() throws Exception {
        Database sample = SamplePortfolio.database();
        Bundle everything = PortfolioReader.read(sample);
        LocalDate cutoff = LocalDate.parse("2025-03-01");
        BacktestFrame frame = BacktestFrame.build(HealthModel.defaultModel(), Portfolio.of(everything),
                at(cutoff, false), () -> false);

        Bundle past = Bundle.empty();
        past.accounts().addAll(everything.accounts());
        past.usageMetrics().addAll(everything.usageMetrics());
        everything.usage().stream().filter(u -> !u.date().isAfter(cutoff)).forEach(past.usage()::add);
        everything.tickets().stream().filter(t -> !t.opened().toLocalDate().isAfter(cutoff))
                .map(t -> t.closed() != null && t.closed().toLocalDate().isAfter(cutoff)
                        ? new com.bellwether.domain.Ticket(t.ticketId(), t.accountId(), t.opened(), null, t.priority(), t.escalated(), null)
                        : t)
                .forEach(past.tickets()::add);
        everything.interactions().stream().filter(i -> !i.at().toLocalDate().isAfter(cutoff)).forEach(past.interactions()::add);
        everything.surveys().stream().filter(s -> !s.date().isAfter(cutoff)).forEach(past.surveys()::add);
        everything.outcomes().stream().filter(o -> !o.date().isAfter(cutoff)).forEach(past.outcomes()::add);
        everything.notes().stream().filter(n -> !n.date().isAfter(cutoff)).forEach(past.notes()::add);
        Database truncated = TestDatabases.fresh();
        ScoringFixtures.write(truncated, past);
        ScoreGrid blind = ScoreGrid.compute(HealthModel.defaultModel(), Portfolio.load(truncated), List.of(cutoff));

        assertThat(frame.population()).hasSizeGreaterThan(300);
        for (int p : frame.population()) {
            String id = frame.portfolio().account(frame.accountOf(p)).accountId();
            int k = blind.portfolio().indexOf(id);
            assertThat(blind.score(blind.point(k, 0))).as(id).isEqualTo(frame.grid().score(p));
        }
    }

    @Test
    void theSampleDataHasSignalAndTheChurnRateFallsFromRedToGreen() throws Exception {
        BacktestReport report = Backtester.run(HealthModel.defaultModel(), SamplePortfolio.portfolio(),
                BacktestSettings.defaults(), Backtester.Options.none(), () -> false);

        assertThat(report.rocAuc()).isGreaterThan(0.65);
        assertThat(report.churnRateFallsByBand()).isTrue();
        assertThat(report.lift().get(0).lift()).isGreaterThan(2);
        assertThat(report.variants()).extracting(BacktestReport.Variant::name)
                .containsExactly("Default health model", "equal weights (baseline)", "usage only (baseline)");
    }

    @Test
    void theRavenStackDataCarriesNoSignalSoNoFutureLeaksIn() throws Exception {
        Database database = TestDatabases.fresh();
        Path folder = Path.of(System.getProperty("bellwether.datasets", "src/test/resources/datasets"), "ravenstack");
        new BundleImporter(database).run(BundleImporter.Request.mapped(folder, Path.of("sample-data/mappings/ravenstack.json")),
                ImportProgress.NONE);

        BacktestReport report = Backtester.run(HealthModel.defaultModel(), Portfolio.load(database),
                BacktestSettings.defaults(), Backtester.Options.none(), () -> false);

        assertThat(report.churners()).isGreaterThan(100);
        assertThat(report.rocAuc()).isBetween(0.4, 0.6);
    }

    /**
     * Accounts around T for the expansion target: B expands on the last day of the horizon (recorded +3,000), C the
     * day after it, D on T itself, E the day after T (nothing recorded: its ARR at T, 10,000, counts), F starts after
     * T, G churns within the horizon without expanding, A churned on T. B answered NPS 9 (green), the others 5.
     */
    private static Portfolio expansionEdges() throws Exception {
        Bundle bundle = Bundle.empty();
        for (String id : List.of("A", "B", "C", "D", "E", "F", "G")) {
            bundle.accounts().add(account(id, 10, id.equals("F") ? "2024-02-01" : "2023-01-01", null, "growth"));
            bundle.surveys().add(new Survey(id, LocalDate.parse("2023-06-01"), id.equals("B") ? 9 : 5));
        }
        bundle.outcomes().add(new Outcome("A", T, OutcomeEvent.CHURN, null));
        bundle.outcomes().add(new Outcome("B", T.plusDays(90), OutcomeEvent.EXPANSION, 3000.0));
        bundle.outcomes().add(new Outcome("C", T.plusDays(91), OutcomeEvent.EXPANSION, 2000.0));
        bundle.outcomes().add(new Outcome("D", T, OutcomeEvent.EXPANSION, 1000.0));
        bundle.outcomes().add(new Outcome("E", T.plusDays(1), OutcomeEvent.EXPANSION, null));
        bundle.outcomes().add(new Outcome("F", LocalDate.parse("2024-03-01"), OutcomeEvent.EXPANSION, null));
        bundle.outcomes().add(new Outcome("G", T.plusDays(30), OutcomeEvent.CHURN, null));
        bundle.surveys().add(new Survey("B", LocalDate.parse("2024-06-01"), 9));                // the data end
        return ScoringFixtures.stored(bundle);
    }

    private static BacktestSettings expansionAt(LocalDate cutoff, Double scoreCutoff) {
        return at(cutoff, false).withTarget(Target.EXPANSION, scoreCutoff);
    }

    @Test
    void theExpansionTargetHasTheSamePopulationAndExactHorizonEdges() throws Exception {
        BacktestFrame frame = BacktestFrame.build(NPS, expansionEdges(), expansionAt(T, null), () -> false);

        // A churned on T and F had not started: not in the population. D expanded on T itself, C a day too late.
        assertThat(labels(frame)).containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of(
                "B", true, "C", false, "D", false, "E", true, "G", false)));
    }

    @Test
    void anExpansionReportRanksByScoreAndFlagsGreenWhenTheModelHasNoExpansionRule() throws Exception {
        BacktestReport report = Backtester.run(NPS, expansionEdges(), expansionAt(T, null), Backtester.Options.none(),
                () -> false);

        // B (90) beats C, D and G (50); E (50) ties them: (3 + 1.5) / 6.
        assertThat(report.churners()).isEqualTo(2);
        assertThat(report.rocAuc()).isEqualTo(0.75);
        assertThat(report.parameters().target()).isEqualTo(Target.EXPANSION);
        assertThat(report.parameters().flaggedWhen()).startsWith("band green");
        // Flagged: B alone (green).
        assertThat(report.confusionRed()).isEqualTo(new Metrics.Confusion(1, 0, 1, 3));
        assertThat(report.falsePositives()).isEmpty();
        assertThat(report.falseNegatives()).extracting(BacktestReport.ListedPoint::accountId).containsExactly("E");
        // B's recorded 3,000 is caught; E's 10,000 (its ARR at T) is not.
        assertThat(report.leadTime().churnEvents()).isEqualTo(2);
        assertThat(report.leadTime().caught()).isEqualTo(1);
        assertThat(report.arrWeightedRecall().churnedArr()).isEqualTo(13_000);
        assertThat(report.arrWeightedRecall().redArr()).isEqualTo(3_000);
        assertThat(report.churnRateFallsByBand()).as("the expansion rate rises from yellow to green").isTrue();
    }

    @Test
    void anExpansionRuleFlagsItsCandidatesAndAScoreCutOffReplacesIt() throws Exception {
        HealthModel withRule = HealthModel.parse("""
                {"name": "nps", "categories": [{"id": "r", "label": "R", "weight": 1}],
                 "measures": [{"id": "nps", "label": "NPS", "category": "r", "derive": {"type": "nps", "window": 365},
                   "scale": [[0, 0], [10, 100]]}],
                 "playbook": [{"id": "promoters", "expansion": true, "when": {"measure": "nps", "raw": {"atLeast": 5}},
                   "action": {"title": "Talk about more seats"}}]}
                """, "rule.json");

        BacktestReport byRule = Backtester.run(withRule, expansionEdges(), expansionAt(T, null),
                Backtester.Options.none(), () -> false);
        BacktestReport byScore = Backtester.run(withRule, expansionEdges(), expansionAt(T, 60.0),
                Backtester.Options.none(), () -> false);

        // Every live point answered 5 or more: all five are candidates.
        assertThat(byRule.parameters().flaggedWhen()).isEqualTo("an expansion rule holds: promoters");
        assertThat(byRule.confusionRed()).isEqualTo(new Metrics.Confusion(2, 3, 0, 0));
        assertThat(byRule.falsePositives()).extracting(BacktestReport.ListedPoint::accountId).containsExactly("C", "D", "G");
        // At a score of 60 or more, B alone.
        assertThat(byScore.parameters().flaggedWhen()).isEqualTo("score at or above 60");
        assertThat(byScore.confusionRed()).isEqualTo(new Metrics.Confusion(1, 0, 1, 3));
    }

    @Test
    void anExpansionRuleThatNeedsTheRedBandIsRefused() {
        assertThatThrownBy(() -> HealthModel.parse("""
                {"name": "bad", "categories": [{"id": "r", "label": "R", "weight": 1}],
                 "measures": [{"id": "nps", "label": "NPS", "category": "r", "derive": {"type": "nps", "window": 365},
                   "scale": [[0, 0], [10, 100]]}],
                 "playbook": [{"id": "upsell", "expansion": true, "when": {"all": [{"band": "red"}]},
                   "action": {"title": "Sell more"}}]}
                """, "bad.json"))
                .hasMessageContaining("playbook[0].when: expected a condition that can hold outside the red band");
    }

    @Test
    void theSampleExpansionsFollowSignsTheModelSees() throws Exception {
        BacktestReport report = Backtester.run(HealthModel.defaultModel(), SamplePortfolio.portfolio(),
                BacktestSettings.defaults().withTarget(Target.EXPANSION, null), Backtester.Options.none().withoutLists(),
                () -> false);

        assertThat(report.churners()).isGreaterThan(150);
        assertThat(report.rocAuc()).isGreaterThanOrEqualTo(0.6);
        assertThat(report.confusionRed().precision()).isGreaterThan(2 * report.churnRate());
    }

    @Test
    void theRavenStackUpgradesAreNoMoreForeseeableThanChance() throws Exception {
        Database database = TestDatabases.fresh();
        Path folder = Path.of(System.getProperty("bellwether.datasets", "src/test/resources/datasets"), "ravenstack");
        new BundleImporter(database).run(BundleImporter.Request.mapped(folder, Path.of("sample-data/mappings/ravenstack.json")),
                ImportProgress.NONE);

        BacktestReport report = Backtester.run(HealthModel.defaultModel(), Portfolio.load(database),
                BacktestSettings.defaults().withTarget(Target.EXPANSION, null), Backtester.Options.none().withoutLists(),
                () -> false);

        assertThat(report.churners()).as("points that expanded").isGreaterThan(100);
        assertThat(report.rocAuc()).isBetween(0.4, 0.6);
    }

    @Test
    void weightsAreNotSuggestedFromTooFewChurnEvents() throws Exception {
        BacktestFrame frame = BacktestFrame.build(NPS, edges(),
                new BacktestSettings(T, LocalDate.parse("2024-03-01"), Period.ofMonths(1), 90, false, false, 10), () -> false);

        Suggestions.WeightSuggestion suggestion = Suggestions.weights(frame, Map.of(), () -> false);

        assertThat(suggestion.suggestedWeights()).isNull();
        assertThat(suggestion.measures()).isNull();
        assertThat(Suggestions.summary(suggestion)).isEqualTo(suggestion.refused());
        // The test third is March. January and February are embargoed: their 90-day horizons reach past 1 March,
        // into the test period. March labels two churn events, B and C.
        assertThat(suggestion.trainCutoffs()).isEmpty();
        assertThat(suggestion.refused()).isEqualTo("Too few churn events to suggest weights: 0 in the earlier cut-offs"
                + " (at least 30 needed) and 2 in the later ones (at least 15 needed).");
    }

    @Test
    void suggestedWeightsStayNonNegativeSumTo100AndKeepTheirBounds() throws Exception {
        BacktestFrame frame = BacktestFrame.build(HealthModel.defaultModel(), SamplePortfolio.portfolio(),
                BacktestSettings.defaults(), () -> false);

        Suggestions.WeightSuggestion s = Suggestions.weights(frame,
                Map.of("relationship", new double[] {5, 30}, "support", new double[] {10, 40}), () -> false);

        assertThat(s.refused()).isNull();
        assertThat(s.suggestedWeights().values().stream().mapToDouble(Double::doubleValue).sum()).isEqualTo(100);
        assertThat(s.suggestedWeights().values()).allMatch(w -> w >= 0);
        assertThat(s.suggestedWeights().get("relationship")).isBetween(5.0, 30.0);
        assertThat(s.suggestedWeights().get("support")).isBetween(10.0, 40.0);
        assertThat(s.trainSuggested()).isGreaterThanOrEqualTo(s.trainCurrent());
        // The measure step keeps the bounds and the whole-percentage scale, and only gains on train.
        Suggestions.MeasureSuggestion m = s.measures();
        assertThat(m.categoryWeights().values().stream().mapToDouble(Double::doubleValue).sum()).isEqualTo(100);
        assertThat(m.categoryWeights().get("relationship")).isBetween(5.0, 30.0);
        assertThat(m.categoryWeights().get("support")).isBetween(10.0, 40.0);
        assertThat(m.suggestedMeasureWeights().keySet()).containsExactly("adoption", "engagement", "support", "relationship");
        m.suggestedMeasureWeights().forEach((category, weights) -> {
            assertThat(weights.values().stream().mapToDouble(Double::doubleValue).sum()).as(category).isEqualTo(100);
            assertThat(weights.values()).allMatch(w -> w >= 0 && w == Math.rint(w));
            weights.forEach((id, w) -> assertThat(m.turnedOff().contains(id)).isEqualTo(w == 0));
        });
        assertThat(m.currentMeasureWeights().get("adoption")).containsExactly(java.util.Map.entry("seat_utilisation", 40.0),
                java.util.Map.entry("core_events_trend", 40.0), java.util.Map.entry("feature_breadth", 20.0));
        assertThat(m.trainCurrent()).isEqualTo(s.trainCurrent());
        assertThat(m.trainSuggested()).isGreaterThanOrEqualTo(s.trainSuggested() - 1e-6);
        // Applied to a model, a category's percentages keep their proportions in the smallest whole numbers.
        HealthModel applied = m.applyTo(frame.grid().model());
        for (var weights : m.suggestedMeasureWeights().values()) {
            long divisor = weights.values().stream().mapToLong(Math::round).reduce(0, (a, b) -> java.math.BigInteger
                    .valueOf(a).gcd(java.math.BigInteger.valueOf(b)).longValue());
            weights.forEach((id, w) -> assertThat(applied.measures().get(applied.measureIndex(id)).weight())
                    .isEqualTo((double) Math.round(w) / divisor));
        }
        int split = (int) Math.ceil(frame.cutoffs().size() * 2 / 3.0);
        LocalDate firstTest = frame.cutoffs().get(split);
        List<String> embargoed = frame.cutoffs().subList(0, split).stream()
                .filter(t -> !t.plusDays(90).isAfter(firstTest)).map(LocalDate::toString).toList();
        assertThat(s.trainCutoffs()).isEqualTo(embargoed).isNotEmpty().hasSizeLessThan(split);
        assertThat(s.testCutoffs()).hasSize(frame.cutoffs().size() - split).first().isEqualTo(firstTest.toString());
    }

    @Test
    void weightBoundsThatCannotAddUpTo100OrNameNoCategoryAreRefused() {
        HealthModel model = HealthModel.defaultModel();
        assertThatThrownBy(() -> Suggestions.checkBounds(model, Map.of("adoptoin", new double[] {30, 30})))
                .hasMessageStartingWith("--weight-bounds: no category adoptoin in the model");
        assertThatThrownBy(() -> Suggestions.checkBounds(model, Map.of("adoption", new double[] {60, 100},
                "engagement", new double[] {60, 100}))).hasMessageContaining("minimums add up to 120");
        assertThatThrownBy(() -> Suggestions.checkBounds(model, Map.of("adoption", new double[] {50, 40})))
                .hasMessageContaining("adoption has its minimum above its maximum");
    }

    @Test
    void theSearchStartsFromWholeWeightsThatSumTo100WithinTheBounds() {
        List<String> ids = List.of("a", "b", "c", "d");
        int[] start = Suggestions.start(ids, Map.of("a", 0.0, "b", 49.5, "c", 50.5, "d", 0.0),
                new int[] {0, 0, 0, 0}, new int[] {100, 100, 100, 100});
        assertThat(java.util.Arrays.stream(start).sum()).isEqualTo(100);
        int[] bounded = Suggestions.start(ids, Map.of("a", 40.0, "b", 30.0, "c", 20.0, "d", 10.0),
                new int[] {0, 0, 0, 0}, new int[] {20, 100, 100, 100});
        assertThat(bounded[0]).isEqualTo(20);
        assertThat(java.util.Arrays.stream(bounded).sum()).isEqualTo(100);
    }

    @Test
    void bandSuggestionsMeetTheirCriterion() throws Exception {
        BacktestFrame frame = BacktestFrame.build(HealthModel.defaultModel(), SamplePortfolio.portfolio(),
                BacktestSettings.defaults(), () -> false);

        Suggestions.BandSuggestion recall = Suggestions.bands(frame, "recall=0.5");
        Suggestions.BandSuggestion capacity = Suggestions.bands(frame, "capacity=2");
        Suggestions.BandSuggestion f1 = Suggestions.bands(frame, "f1");

        assertThat(recall.chosen().recall()).isGreaterThanOrEqualTo(0.5);
        assertThat(Suggestions.bands(frame, "recall=0.5").alternatives()).isNotEmpty();
        assertThat(capacity.chosen().busiestCsmPerCutoff()).isLessThanOrEqualTo(2);
        assertThat(f1.chosen().f1()).isGreaterThanOrEqualTo(recall.chosen().f1());
        assertThatThrownBy(() -> Suggestions.bands(frame, "precision=0.9")).hasMessageContaining("expected recall=R (0 to 1), capacity=N or f1");
    }
}
