package com.bellwether.ui.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.LineChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import com.bellwether.backtest.BacktestReport;
import com.bellwether.scoring.HealthModel;
import com.bellwether.scoring.SamplePortfolio;
import com.bellwether.ui.FakeDialogs;

/** The backtest screen on a stage of its own, run on the sample portfolio off the FX thread. */
@ExtendWith(ApplicationExtension.class)
class BacktestScreenTest {

    private static final ExecutorService BACKGROUND = Executors.newSingleThreadExecutor();

    @TempDir
    Path folder;

    private BacktestViewModel viewModel;
    private BacktestView view;
    private final FakeDialogs dialogs = new FakeDialogs();

    private static com.bellwether.scoring.Portfolio portfolio;

    /** The sample data is imported before the stage is set up, not on the FX thread. */
    @BeforeAll
    static void importTheSample() throws Exception {
        portfolio = SamplePortfolio.portfolio();
    }

    @AfterAll
    static void stopBackground() {
        BACKGROUND.shutdownNow();
    }

    @Start
    void start(Stage stage) throws Exception {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        viewModel = new BacktestViewModel(BACKGROUND, List.of());
        viewModel.setPortfolio(portfolio, HealthModel.defaultModel());
        view = new BacktestView(viewModel, dialogs);
        stage.setScene(new Scene(view.root(), 1400, 1000));
        stage.show();
    }

    private void runOverAYear(FxRobot robot) throws Exception {
        robot.interact(() -> {
            viewModel.fromProperty().set(LocalDate.parse("2025-01-01"));
            viewModel.toProperty().set(LocalDate.parse("2025-12-01"));
        });
        robot.clickOn("#backtest-run");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS,
                () -> viewModel.reportProperty().get() != null && !viewModel.runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void theOverridesPanelListsEachCsmsAdjustmentsJudged(FxRobot robot) throws Exception {
        runOverAYear(robot);
        BacktestReport report = viewModel.reportProperty().get();
        // The adjustments made up to the report's last cut-off, judged.
        java.time.LocalDate last = report.parameters().to();
        com.bellwether.backtest.AdjustmentReview.Summary expected = com.bellwether.backtest.AdjustmentReview.summary(
                com.bellwether.backtest.AdjustmentReview.verdicts(HealthModel.defaultModel(), portfolio, 90, null, () -> false)
                        .stream().filter(v -> !v.date().isAfter(last)).toList(),
                90, portfolio.asOfDate());
        assertThat(report.adjustments()).isEqualTo(expected);

        robot.interact(() -> ((ScrollPane) view.root()).setVvalue(1));
        robot.clickOn("Were the overrides right?");
        WaitForAsyncUtils.waitForFxEvents();

        TableView<?> table = robot.lookup("#backtest-overrides").queryAs(TableView.class);
        assertThat(table.isVisible()).isTrue();
        assertThat(table.getItems()).hasSize(1 + expected.byCsm().size());
        BacktestViewModel.AdjustmentLine first = (BacktestViewModel.AdjustmentLine) table.getItems().get(0);
        assertThat(first.csm()).isEqualTo("Every CSM");
        assertThat(first.tally().right()).isEqualTo(expected.overall().right()).isPositive();
        @SuppressWarnings("unchecked")
        javafx.scene.control.TableColumn<Object, Number> adjusted = (javafx.scene.control.TableColumn<Object, Number>)
                table.getColumns().stream().filter(c -> c.getText().equals("AUC adjusted")).findFirst().orElseThrow();
        assertThat(adjusted.getCellData(table.getItems().get(0)).doubleValue()).isEqualTo(expected.overall().adjustedRocAuc());
    }

    @Test
    void theExpansionTargetRunsTheSameReportForExpansions(FxRobot robot) throws Exception {
        @SuppressWarnings("unchecked")
        javafx.scene.control.ComboBox<com.bellwether.backtest.Target> target =
                robot.lookup("#backtest-target").queryAs(javafx.scene.control.ComboBox.class);
        robot.interact(() -> target.getSelectionModel().select(com.bellwether.backtest.Target.EXPANSION));
        runOverAYear(robot);
        BacktestReport report = viewModel.reportProperty().get();

        assertThat(report.parameters().target()).isEqualTo(com.bellwether.backtest.Target.EXPANSION);
        BacktestReport expected = com.bellwether.backtest.Backtester.run(HealthModel.defaultModel(), portfolio,
                viewModel.settings(), com.bellwether.backtest.Backtester.Options.none().withoutLists(), () -> false);
        assertThat(report.churners()).isEqualTo(expected.churners()).isPositive();
        assertThat(report.rocAuc()).isEqualTo(expected.rocAuc());
        assertThat(robot.lookup("#backtest-auc").queryAs(Label.class).getText())
                .isEqualTo(String.format(Locale.ROOT, "%.3f", report.rocAuc()));
        assertThat(robot.lookup("#backtest-status").queryAs(Label.class).getText())
                .contains(String.format(Locale.ROOT, "%,d expanded (flagged when an expansion rule holds", report.churners()));
        assertThat(robot.lookup("#backtest-contraction").queryAs(javafx.scene.control.CheckBox.class).isDisabled()).isTrue();
    }

    @Test
    void aRunFillsTheFiguresAndChartsAndAMissedChurnOpensItsAccountAsOfTheCutoff(FxRobot robot) throws Exception {
        runOverAYear(robot);
        BacktestReport report = viewModel.reportProperty().get();

        assertThat(robot.lookup("#backtest-auc").queryAs(Label.class).getText())
                .isEqualTo(String.format(Locale.ROOT, "%.3f", report.rocAuc())).isNotEqualTo("–");
        assertThat(robot.lookup("#backtest-status").queryAs(Label.class).getText()).startsWith("12 cut-offs from 2025-01-01");
        LineChart<?, ?> roc = robot.lookup("#backtest-roc").queryAs(LineChart.class);
        assertThat(roc.getData()).hasSize(2);
        assertThat(roc.getData().get(1).getData()).hasSize(report.rocCurve().size() + 1);
        assertThat(curves(robot, "#backtest-pr").getData().get(1).getData()).hasSizeGreaterThan(10);
        assertThat(robot.lookup("#backtest-capture").queryAs(LineChart.class).getData()).hasSize(2);
        BarChart<?, ?> bands = robot.lookup("#backtest-band-churn").queryAs(BarChart.class);
        assertThat(bands.getData().get(0).getData()).hasSize(3);
        assertThat(bars(robot, "#backtest-lead-time").getData().get(0).getData()).isNotEmpty();
        assertThat(robot.lookup("#confusion-red-tp").queryAs(Label.class).getText())
                .startsWith(String.format(Locale.ROOT, "%,d", report.confusionRed().truePositives()));
        assertThat(robot.lookup("#backtest-breakdown").queryAs(TableView.class).getItems()).isNotEmpty();

        TableView<?> misses = robot.lookup("#backtest-false-negatives").queryAs(TableView.class);
        assertThat(misses.getItems()).hasSize(report.falseNegatives().size());
        robot.interact(() -> ((ScrollPane) view.root()).setVvalue(1));
        Node thirdRow = robot.lookup("#backtest-false-negatives .table-row-cell").nth(2).query();
        robot.clickOn(thirdRow);
        WaitForAsyncUtils.waitForFxEvents();

        // One click selects and explains, and stays on the screen.
        BacktestReport.ListedPoint missed = (BacktestReport.ListedPoint) misses.getItems().get(2);
        assertThat(viewModel.openRequestProperty().get()).isNull();
        assertThat(viewModel.selectedProperty().get()).isEqualTo(missed);
        assertThat(robot.lookup("#backtest-explanation").queryAs(Label.class).getText()).isEqualTo(missed.explanation());
        assertThat(robot.lookup("#backtest-selected-account").queryAs(Label.class).getText()).startsWith(missed.name() + " (");

        // A double click opens the account as of the cut-off.
        robot.doubleClickOn(thirdRow);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(viewModel.openRequestProperty().get()).isEqualTo(new OpenRequest(missed.accountId(), missed.cutoff()));
    }

    @Test
    void beforeTheFirstRunTheScreenSaysWhatToDoAndItsButtonRuns(FxRobot robot) throws Exception {
        Node empty = robot.lookup("#backtest-empty").query();
        assertThat(empty.isVisible()).isTrue();
        assertThat(robot.lookup("#backtest-empty-text").queryAs(Label.class).getText())
                .startsWith("A backtest scores every account at each cut-off").endsWith("then run it.");
        assertThat(shown(robot.lookup("#backtest-auc").query())).as("no dashes before a run").isFalse();
        assertThat(shown(robot.lookup("#backtest-roc").query())).as("no empty axes before a run").isFalse();

        robot.interact(() -> {
            viewModel.fromProperty().set(LocalDate.parse("2025-06-01"));
            viewModel.toProperty().set(LocalDate.parse("2025-09-01"));
        });
        robot.clickOn("#backtest-run-empty");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS,
                () -> viewModel.reportProperty().get() != null && !viewModel.runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(empty.isVisible()).isFalse();
        assertThat(shown(robot.lookup("#backtest-auc").query())).isTrue();
        assertThat(robot.lookup("#backtest-auc").queryAs(Label.class).getText()).isNotEqualTo("–");
    }

    @Test
    void aBaselineIsDrawnOnTheSameChartsAndAChartSavesAsPng(FxRobot robot) throws Exception {
        runOverAYear(robot);

        robot.interact(() -> {
            @SuppressWarnings("unchecked")
            ComboBox<Object> compare = robot.lookup("#backtest-compare").queryAs(ComboBox.class);
            compare.getSelectionModel().select(1);
        });
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> viewModel.comparisonReportProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();

        LineChart<?, ?> roc = robot.lookup("#backtest-roc").queryAs(LineChart.class);
        assertThat(roc.getData()).hasSize(3);
        assertThat(roc.getData().get(2).getName()).startsWith("Equal weights (baseline) (AUC 0.");
        assertThat(robot.lookup("#backtest-pr").queryAs(LineChart.class).getData()).hasSize(3);

        dialogs.saveTo = folder.resolve("roc.png");
        robot.clickOn("#backtest-png-roc");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> Files.exists(dialogs.saveTo)
                && viewModel.statusProperty().get().startsWith("Wrote"));
        assertThat(ImageIO.read(dialogs.saveTo.toFile()).getWidth()).isGreaterThan(200);
    }

    /** Visible with every one of its parents. */
    private static boolean shown(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static LineChart<Number, Number> curves(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(LineChart.class);
    }

    @SuppressWarnings("unchecked")
    private static BarChart<String, Number> bars(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(BarChart.class);
    }

    @Test
    void aBadStepIsExplainedOnTheScreen(FxRobot robot) {
        robot.doubleClickOn("#backtest-step").write("every month");
        robot.clickOn("#backtest-run");
        WaitForAsyncUtils.waitForFxEvents();

        Label problem = robot.lookup("#backtest-problem").queryAs(Label.class);
        assertThat(problem.isVisible()).isTrue();
        assertThat(problem.getText()).startsWith("Step: expected a step such as 1m, 2w or 30d, not ");
        assertThat(viewModel.reportProperty().get()).isNull();
    }
}
