package com.bellwether.ui.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.bellwether.backtest.BacktestReport;
import com.bellwether.backtest.BacktestSettings;
import com.bellwether.backtest.Backtester;
import com.bellwether.scoring.HealthModel;
import com.bellwether.scoring.Portfolio;
import com.bellwether.scoring.SamplePortfolio;

/** The screen's state without a toolkit: everything runs on the test's thread, on the sample portfolio in H2. */
class BacktestViewModelTest {

    private static final Executor SAME_THREAD = Runnable::run;
    private static final LocalDate FROM = LocalDate.parse("2025-01-01");
    private static final LocalDate TO = LocalDate.parse("2025-12-01");

    private static Portfolio portfolio;
    private static HealthModel model;
    /** What the engine gives directly for the range the tests run. */
    private static BacktestReport direct;

    @BeforeAll
    static void backtestDirectly() throws Exception {
        portfolio = SamplePortfolio.portfolio();
        model = HealthModel.defaultModel();
        direct = Backtester.run(model, portfolio, new BacktestSettings(FROM, TO, Period.ofMonths(1), 90, false, false, 10),
                new Backtester.Options(List.of(), null, false, Map.of()), () -> false);
    }

    private static BacktestViewModel ranOverTheTestRange() {
        BacktestViewModel viewModel = new BacktestViewModel(SAME_THREAD, SAME_THREAD, List.of());
        viewModel.setPortfolio(portfolio, model);
        viewModel.fromProperty().set(FROM);
        viewModel.toProperty().set(TO);
        viewModel.run();
        return viewModel;
    }

    @Test
    void aSavedVersionIsOfferedAndDrawnOnTheSameCutoffs() {
        HealthModel usageHeavy = model.withCategoryWeights(java.util.Map.of("adoption", 70.0));
        BacktestViewModel viewModel = new BacktestViewModel(SAME_THREAD, SAME_THREAD, List.of());
        viewModel.setPortfolio(portfolio, model, List.of(new Backtester.NamedModel("v2 Usage heavy", usageHeavy)));
        viewModel.fromProperty().set(FROM);
        viewModel.toProperty().set(TO);
        viewModel.run();

        assertThat(viewModel.comparisons()).extracting(Backtester.NamedModel::name).contains("v2 Usage heavy");
        viewModel.comparisonProperty().set(viewModel.comparisons().stream()
                .filter(c -> c.name().equals("v2 Usage heavy")).findFirst().orElseThrow());

        BacktestReport other = viewModel.comparisonReportProperty().get();
        assertThat(other.points()).isEqualTo(direct.points());
        assertThat(other.rocAuc()).isNotEqualTo(direct.rocAuc());
    }

    @Test
    void theReportIsTheOneTheBacktesterGives() {
        BacktestViewModel viewModel = ranOverTheTestRange();

        BacktestReport report = viewModel.reportProperty().get();
        assertThat(viewModel.problemProperty().get()).isEmpty();
        assertThat(viewModel.runningProperty().get()).isFalse();
        assertThat(report).isEqualTo(direct);
        assertThat(report.parameters().cutoffs()).isEqualTo(12);
        assertThat(report.rocAuc()).isBetween(0.6, 0.8);
        BacktestReport.Block figures = viewModel.figuresProperty().get();
        assertThat(figures.rocAuc()).isEqualTo(direct.rocAuc());
        assertThat(figures.averagePrecision()).isEqualTo(direct.averagePrecision());
        assertThat(figures.points()).isEqualTo(direct.points());
        assertThat(figures.confusionRed()).isEqualTo(direct.confusionRed());
        assertThat(figures.confusionRedOrYellow()).isEqualTo(direct.confusionRedOrYellow());
        assertThat(figures.churnRateByBand()).isEqualTo(direct.churnRateByBand());
        assertThat(figures.lift()).isEqualTo(direct.lift().get(0));
        assertThat(viewModel.falseNegatives()).isNotEmpty().containsExactlyElementsOf(direct.falseNegatives());
        assertThat(viewModel.falsePositives()).containsExactlyElementsOf(direct.falsePositives());
        assertThat(viewModel.breakdown()).hasSize(direct.bySegment().size() + direct.byStage().size());
        assertThat(viewModel.statusProperty().get())
                .isEqualTo(String.format(java.util.Locale.ROOT, "12 cut-offs from 2025-01-01 to 2025-12-01, horizon 90 days: %,d points, %,d churned.",
                        direct.points(), direct.churners()));
    }

    @Test
    void aSegmentShowsItsOwnFiguresAndMisses() {
        BacktestViewModel viewModel = ranOverTheTestRange();
        String segment = direct.bySegment().keySet().iterator().next();
        BacktestViewModel.Scope scope = viewModel.scopes().stream()
                .filter(s -> s.kind() == BacktestViewModel.Scope.Kind.SEGMENT && s.key().equals(segment)).findFirst().orElseThrow();

        viewModel.scopeProperty().set(scope);

        assertThat(viewModel.figuresProperty().get()).isEqualTo(direct.bySegment().get(segment));
        // The curves are the segment's own: its points and churners, reaching every churner at the last threshold,
        // with the area under them the segment's AUC.
        BacktestViewModel.ScopedCurves curves = viewModel.scopedCurvesProperty().get();
        assertThat(curves.points()).isEqualTo(direct.bySegment().get(segment).points());
        assertThat(curves.churners()).isEqualTo(direct.bySegment().get(segment).churners());
        assertThat(curves.model().get(curves.model().size() - 1).flagged()).isEqualTo(curves.points());
        assertThat(trapezoidArea(curves.model())).isCloseTo(direct.bySegment().get(segment).rocAuc(),
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(curves.comparison()).isNull();
        assertThat(viewModel.falseNegatives()).isNotEmpty().allSatisfy(p -> assertThat(p.segment()).isEqualTo(segment))
                .hasSize((int) direct.falseNegatives().stream().filter(p -> segment.equals(p.segment())).count());
        assertThat(viewModel.falseNegatives().size()).isLessThan(direct.falseNegatives().size());

        String stage = direct.byStage().keySet().iterator().next();
        viewModel.scopeProperty().set(viewModel.scopes().stream()
                .filter(s -> s.kind() == BacktestViewModel.Scope.Kind.STAGE && s.key().equals(stage)).findFirst().orElseThrow());

        assertThat(viewModel.figuresProperty().get()).isEqualTo(direct.byStage().get(stage));
        assertThat(viewModel.falsePositives()).allSatisfy(p -> assertThat(p.stage()).isEqualTo(stage));
        assertThat(viewModel.scopedCurvesProperty().get().points()).isEqualTo(direct.byStage().get(stage).points());

        viewModel.scopeProperty().set(BacktestViewModel.Scope.ALL);
        assertThat(viewModel.scopedCurvesProperty().get()).isNull();
    }

    /** The area under a ROC curve from the origin, by trapezoids: with ties as diagonal steps, the AUC. */
    private static double trapezoidArea(java.util.List<com.bellwether.backtest.Metrics.CurvePoint> curve) {
        double area = 0;
        double x = 0;
        double y = 0;
        for (com.bellwether.backtest.Metrics.CurvePoint p : curve) {
            area += (p.falsePositiveRate() - x) * (p.recall() + y) / 2;
            x = p.falsePositiveRate();
            y = p.recall();
        }
        return area;
    }

    @Test
    void aBaselineIsScoredOnTheSameCutoffs() {
        BacktestViewModel viewModel = ranOverTheTestRange();
        assertThat(viewModel.comparisons()).extracting(Backtester.NamedModel::name)
                .containsExactly("None", "Equal weights (baseline)", "Usage only (baseline)");

        viewModel.comparisonProperty().set(viewModel.comparisons().get(1));

        BacktestReport equalWeights = viewModel.comparisonReportProperty().get();
        BacktestReport.Variant variant = direct.variants().stream()
                .filter(v -> v.name().equals("equal weights (baseline)")).findFirst().orElseThrow();
        assertThat(equalWeights.rocAuc()).isCloseTo(variant.rocAuc(), within(1e-12));
        assertThat(equalWeights.rocAuc()).isNotCloseTo(direct.rocAuc(), within(1e-6));
        assertThat(equalWeights.points()).isEqualTo(direct.points());
        assertThat(equalWeights.rocCurve()).isNotEmpty();

        viewModel.comparisonProperty().set(BacktestViewModel.NO_COMPARISON);

        assertThat(viewModel.comparisonReportProperty().get()).isNull();
    }

    @Test
    void invalidParametersSaySoAndRunNothing() {
        List<Runnable> submitted = new ArrayList<>();
        BacktestViewModel viewModel = new BacktestViewModel(submitted::add, SAME_THREAD, List.of());
        viewModel.run();
        assertThat(viewModel.problemProperty().get())
                .isEqualTo("There is no portfolio to backtest yet: load one on the Portfolio screen first.");

        viewModel.setPortfolio(portfolio, model);
        viewModel.stepProperty().set("fortnightly");
        viewModel.run();
        assertThat(viewModel.problemProperty().get()).isEqualTo("Step: expected a step such as 1m, 2w or 30d, not fortnightly.");

        viewModel.stepProperty().set("1m");
        viewModel.horizonProperty().set("0d");
        viewModel.run();
        assertThat(viewModel.problemProperty().get()).isEqualTo("Horizon: expected a horizon such as 90d, not 0d.");

        viewModel.horizonProperty().set("90d");
        viewModel.fromProperty().set(TO);
        viewModel.toProperty().set(FROM);
        viewModel.run();
        assertThat(viewModel.problemProperty().get()).isEqualTo("The first cut-off (2025-12-01) comes after the last (2025-01-01).");
        assertThat(submitted).isEmpty();
        assertThat(viewModel.runningProperty().get()).isFalse();
    }

    @Test
    void aRangeOutsideTheDataSaysWhyInsteadOfThrowing() {
        BacktestViewModel viewModel = new BacktestViewModel(SAME_THREAD, SAME_THREAD, List.of());
        viewModel.setPortfolio(portfolio, model);
        viewModel.fromProperty().set(LocalDate.parse("2030-01-01"));
        viewModel.toProperty().set(LocalDate.parse("2030-06-01"));

        viewModel.run();

        assertThat(viewModel.problemProperty().get()).startsWith("No cut-off from 2030-01-01 to 2030-06-01 has its 90-day horizon");
        assertThat(viewModel.reportProperty().get()).isNull();
        assertThat(viewModel.runningProperty().get()).isFalse();
    }

    @Test
    void aCancelledRunReportsNothing() {
        List<Runnable> submitted = new ArrayList<>();
        BacktestViewModel viewModel = new BacktestViewModel(submitted::add, SAME_THREAD, List.of());
        viewModel.setPortfolio(portfolio, model);
        viewModel.run();
        assertThat(viewModel.runningProperty().get()).isTrue();
        assertThat(viewModel.progressProperty().get()).isEqualTo(-1);

        viewModel.cancel();
        submitted.forEach(Runnable::run);

        assertThat(viewModel.runningProperty().get()).isFalse();
        assertThat(viewModel.statusProperty().get()).isEqualTo("Cancelled.");
        assertThat(viewModel.reportProperty().get()).isNull();
    }

    @Test
    void openingAMissAsksForItsAccountAsOfTheCutoffAndShowsWhy() {
        BacktestViewModel viewModel = ranOverTheTestRange();
        BacktestReport.ListedPoint missed = viewModel.falseNegatives().get(3);

        viewModel.open(missed);

        assertThat(viewModel.openRequestProperty().get()).isEqualTo(new OpenRequest(missed.accountId(), missed.cutoff()));
        assertThat(viewModel.explanationProperty().get()).isEqualTo(missed.explanation()).isNotBlank();
        assertThat(BacktestViewModel.topReason(missed.explanation())).isNotBlank().doesNotContain("→");
    }

    @Test
    void theTopReasonIsTheFirstSentence() {
        assertThat(BacktestViewModel.topReason("Logins fell 42.5% in the last 30 days vs the 30 before. NPS: 3. → Call the sponsor."))
                .isEqualTo("Logins fell 42.5% in the last 30 days vs the 30 before.");
        assertThat(BacktestViewModel.topReason("No measure is holding the score back. → Keep going."))
                .isEqualTo("No measure is holding the score back.");
        assertThat(BacktestViewModel.topReason(null)).isEmpty();
    }

    @Test
    void theReportExportsAsTheCommandLineWritesIt(@TempDir Path folder) throws Exception {
        BacktestViewModel viewModel = ranOverTheTestRange();
        Path file = folder.resolve("out/report.json");

        viewModel.exportJson(file);

        String json = Files.readString(file);
        assertThat(json).contains("\"roc_auc\" : ").contains("\"false_negatives\" : [").contains("\"cutoffs\" : 12");
        assertThat(viewModel.statusProperty().get()).isEqualTo("Wrote the report to " + file + ".");
    }
}
