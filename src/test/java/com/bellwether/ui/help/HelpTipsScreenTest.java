package com.bellwether.ui.help;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Tooltip;
import javafx.scene.control.skin.TableColumnHeader;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.stage.Window;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import com.bellwether.scoring.HealthModel;
import com.bellwether.ui.FakeDialogs;
import com.bellwether.ui.backtest.BacktestView;
import com.bellwether.ui.backtest.BacktestViewModel;
import com.bellwether.ui.portfolio.PortfolioView;
import com.bellwether.ui.portfolio.PortfolioViewModel;

/** The backtest's figures and the portfolio's tiles explain themselves when the pointer rests on them. */
@ExtendWith(ApplicationExtension.class)
class HelpTipsScreenTest {

    private static final ExecutorService BACKGROUND = Executors.newSingleThreadExecutor();

    private final StackPane holder = new StackPane();

    private static com.bellwether.scoring.Portfolio portfolio;

    /** The sample data, read before the stage is set up: the backtest's figures show once it has run. */
    @org.junit.jupiter.api.BeforeAll
    static void readTheSample() throws Exception {
        portfolio = com.bellwether.scoring.SamplePortfolio.portfolio();
    }

    @AfterAll
    static void stopBackground() {
        BACKGROUND.shutdownNow();
    }

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        stage.setScene(new Scene(holder, 1400, 900));
        stage.show();
    }

    private void show(FxRobot robot, Parent screen) {
        robot.interact(() -> holder.getChildren().setAll(screen));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void everyBacktestFigureAndConfusionCellCarriesItsTermAndShowsItOnHover(FxRobot robot) throws Exception {
        BacktestViewModel backtest = new BacktestViewModel(BACKGROUND, List.of());
        javafx.scene.control.ScrollPane screen = (javafx.scene.control.ScrollPane) new BacktestView(backtest, new FakeDialogs()).root();
        show(robot, screen);
        robot.interact(() -> {
            backtest.setPortfolio(portfolio, HealthModel.defaultModel());
            backtest.fromProperty().set(java.time.LocalDate.parse("2025-01-01"));
            backtest.toProperty().set(java.time.LocalDate.parse("2025-03-01"));
            backtest.run();
        });
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS,
                () -> backtest.reportProperty().get() != null && !backtest.runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(termsAround(robot, "#backtest-auc")).containsExactly(Term.ROC_AUC);
        assertThat(termsAround(robot, "#backtest-ap")).containsExactly(Term.AVERAGE_PRECISION);
        assertThat(termsAround(robot, "#backtest-lift")).containsExactly(Term.LIFT);
        assertThat(termsAround(robot, "#backtest-lead")).containsExactly(Term.LEAD_TIME);
        assertThat(termsAround(robot, "#backtest-arr-recall")).containsExactly(Term.ARR_WEIGHTED_RECALL);
        assertThat(termsAround(robot, "#confusion-red-tp")).containsExactly(Term.TRUE_POSITIVE);
        assertThat(termsAround(robot, "#confusion-red-fp")).containsExactly(Term.FALSE_POSITIVE);
        assertThat(termsAround(robot, "#confusion-red-or-yellow-fn")).containsExactly(Term.FALSE_NEGATIVE);
        assertThat(termsAround(robot, "#confusion-red-or-yellow-tn")).containsExactly(Term.TRUE_NEGATIVE);
        assertThat(termsAround(robot, "#confusion-red-summary")).containsExactly(Term.PRECISION, Term.RECALL, Term.F1);
        assertThat(termsAround(robot, "#backtest-band-churn")).containsExactly(Term.CHURN_RATE_PER_BAND);
        // A figure added later without an explanation fails here.
        java.util.Set<Node> figures = robot.lookup(".bw-backtest-figure").queryAll();
        assertThat(figures).hasSizeGreaterThanOrEqualTo(7);
        assertThat(figures).allSatisfy(figure -> assertThat(HelpTips.termsOf(figure)).isNotEmpty());

        robot.moveTo("#backtest-auc");
        Tooltip tip = waitForTooltip();
        assertThat(tip.getText()).isEqualTo(Term.ROC_AUC.definition());
        assertThat(((javafx.scene.control.Label) tip.getGraphic()).getText()).isEqualTo("ROC AUC");

        // The matrices lie below the fold: scrolled to, as a reader would.
        Node summary = robot.lookup("#confusion-red-summary").query();
        robot.interact(() -> {
            Node content = screen.getContent();
            double y = content.sceneToLocal(summary.localToScene(summary.getBoundsInLocal())).getMinY();
            double room = content.getBoundsInLocal().getHeight() - screen.getViewportBounds().getHeight();
            screen.setVvalue(Math.min(1, Math.max(0, (y - 100) / room)));
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.moveTo("#confusion-red-summary");
        tip = waitForTooltip();
        assertThat(tip.getText()).contains("Precision: " + Term.PRECISION.definition())
                .contains("Recall: " + Term.RECALL.definition()).contains("F1: " + Term.F1.definition());
    }

    @Test
    void everyPortfolioTileAndScoredColumnCarriesItsTermAndShowsItOnHover(FxRobot robot) throws Exception {
        show(robot, new PortfolioView(new PortfolioViewModel(BACKGROUND, HealthModel.defaultModel()), new FakeDialogs()).root());

        List<Node> tiles = robot.lookup(".bw-figure").queryAll().stream().toList();
        assertThat(tiles).hasSize(8);
        List<List<Term>> explained = tiles.stream().map(HelpTips::termsOf).toList();
        assertThat(explained).allSatisfy(terms -> assertThat(terms).isNotEmpty());
        assertThat(explained).contains(List.of(Term.ARR_AT_RISK), List.of(Term.CHURN_RATE_PER_BAND), List.of(Term.EXPANSION_CANDIDATE),
                List.of(Term.ACCOUNTS_PER_BAND, Term.BAND));

        robot.moveTo(tiles.get(3));
        assertThat(waitForTooltip().getText()).isEqualTo(Term.ARR_AT_RISK.definition());

        // A column's header explains it too.
        TableColumnHeader score = robot.lookup(".column-header").queryAllAs(TableColumnHeader.class).stream()
                .filter(h -> h.getTableColumn() != null && "Score".equals(h.getTableColumn().getText())).findFirst().orElseThrow();
        assertThat(HelpTips.termsOf(score)).containsExactly(Term.SCORE);
        robot.moveTo(score);
        assertThat(waitForTooltip().getText()).isEqualTo(Term.SCORE.definition());
    }

    private static List<Term> termsAround(FxRobot robot, String query) {
        return HelpTips.termsAround(robot.lookup(query).queryAs(Node.class));
    }

    /** The tooltip on screen, once the pointer has rested long enough. */
    private static Tooltip waitForTooltip() throws Exception {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> showingTooltip() != null);
        return showingTooltip();
    }

    private static Tooltip showingTooltip() {
        for (Window window : Window.getWindows()) {
            if (window instanceof Tooltip tip && tip.isShowing()) {
                return tip;
            }
        }
        return null;
    }
}
