package com.bellwether.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import com.bellwether.store.DatabaseLocation;
import com.bellwether.scoring.Band;
import com.bellwether.scoring.HealthModel;
import com.bellwether.ui.overview.OverviewViewModel;
import com.bellwether.ui.portfolio.PortfolioViewModel;

/** The first screen on a first start: the default database is seeded with the sample data, off the FX thread. */
@ExtendWith(ApplicationExtension.class)
class OverviewScreenTest {

    private static final ExecutorService BACKGROUND = Executors.newSingleThreadExecutor();
    private static final ExecutorService PREVIEWS = Executors.newSingleThreadExecutor();

    @TempDir
    Path home;

    private OverviewViewModel viewModel;
    private PortfolioViewModel portfolio;
    private com.bellwether.ui.account.AccountViewModel account;
    private com.bellwether.ui.tuning.TuningViewModel tuning;
    private final FakeDialogs dialogs = new FakeDialogs();

    @AfterAll
    static void stopBackground() {
        BACKGROUND.shutdownNow();
        PREVIEWS.shutdownNow();
    }

    @Start
    void start(Stage stage) {
        // The default database, as on a first start, in a home of this test's own.
        DatabaseLocation fresh = new DatabaseLocation("jdbc:h2:file:" + home.resolve("bellwether"), true);
        viewModel = new OverviewViewModel(new com.bellwether.app.WorkspaceLocation(fresh), BACKGROUND, dialogs);
        portfolio = new PortfolioViewModel(BACKGROUND, HealthModel.defaultModel());
        account = new com.bellwether.ui.account.AccountViewModel(BACKGROUND, HealthModel.defaultModel());
        tuning = new com.bellwether.ui.tuning.TuningViewModel(BACKGROUND, PREVIEWS, javafx.application.Platform::runLater);
        BellwetherApp.show(stage, new Workbench(viewModel, portfolio, account, tuning,
                new com.bellwether.ui.backtest.BacktestViewModel(BACKGROUND, java.util.List.of()),
                new com.bellwether.ui.importer.ImportViewModel(viewModel.workspaceProperty(), BACKGROUND, dialogs),
                new com.bellwether.ui.alerts.AlertsViewModel(BACKGROUND, javafx.application.Platform::runLater),
                new com.bellwether.ui.sources.SourcesViewModel(viewModel.workspaceProperty(), BACKGROUND, dialogs),
                new com.bellwether.ui.effects.EffectsViewModel(BACKGROUND, javafx.application.Platform::runLater)), WorkbenchSettings.inMemory(), dialogs);
    }

    /**
     * Opening the database sets off a chain on the background thread (scoring the portfolio, preparing the what-if);
     * it must end before the database's folder is deleted.
     */
    @org.junit.jupiter.api.AfterEach
    void waitForTheChainToEnd() throws Exception {
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> tuning.previewProperty().get() != null && !tuning.busyProperty().get()
                && !portfolio.busyProperty().get());
        java.util.concurrent.CompletableFuture.runAsync(() -> { }, BACKGROUND).get(60, TimeUnit.SECONDS);
        // The workbench holds its database open for the session; this test's session ends here.
        if (viewModel.openedWorkspace() != null) {
            viewModel.openedWorkspace().release();
        }
    }

    private void waitUntilIdle() throws Exception {
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS,
                () -> !viewModel.busyProperty().get() && viewModel.summaryProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aFirstStartLoadsTheSampleDataAndSaysSo(FxRobot robot) throws Exception {
        waitUntilIdle();
        // The notice waits on the data screen; the start itself lands on the portfolio.
        assertThat(robot.lookup("#nav-portfolio").queryAs(javafx.scene.control.ToggleButton.class).isSelected()).isTrue();
        robot.clickOn("#nav-data");
        WaitForAsyncUtils.waitForFxEvents();

        Label notice = robot.lookup("#notice").queryAs(Label.class);
        assertThat(notice.getText()).startsWith("This was a first start, so the sample portfolio was loaded (")
                .contains("open Import");
        TableView<?> counts = robot.lookup("#table-counts").queryAs(TableView.class);
        assertThat(counts.getItems()).hasSize(10);
        assertThat(viewModel.summaryProperty().get().rowsPerTable().get("account")).isGreaterThan(500);
        assertThat(robot.lookup("#imports").queryAs(TableView.class).getItems()).hasSize(1);
        assertThat(robot.lookup("#date-span").queryAs(Label.class).getText()).startsWith("Data from ");
        // The sample's weekly score history follows the first scoring, and the screen stays busy until it is stored.
        assertThat(viewModel.openedWorkspace().storedScores()).isGreaterThan(10_000);
        assertThat(robot.lookup("#database-location").queryAs(Label.class).getText())
                .isEqualTo(home.resolve("bellwether") + ".mv.db");
    }

    @Test
    void theDataScreenLeadsToTheImportScreen(FxRobot robot) throws Exception {
        waitUntilIdle();
        robot.clickOn("#nav-data");
        WaitForAsyncUtils.waitForFxEvents();

        robot.clickOn("#open-import");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup("#nav-import").queryAs(javafx.scene.control.ToggleButton.class).isSelected()).isTrue();
        assertThat(robot.lookup("#choose-folder").tryQuery()).isPresent();
    }

    @Test
    void loadingTheSampleIntoADatabaseWithAccountsAsksFirst(FxRobot robot) throws Exception {
        waitUntilIdle();
        robot.clickOn("#nav-data");
        dialogs.confirms = false;

        robot.clickOn("#load-sample");
        waitUntilIdle();

        assertThat(dialogs.confirmations).singleElement().asString()
                .startsWith("Load the sample data: This database already holds 600 accounts.");
        assertThat(robot.lookup("#imports").queryAs(TableView.class).getItems()).as("nothing imported").hasSize(1);
    }

    @Test
    void thePortfolioScoresEveryLiveAccountOffTheFxThread(FxRobot robot) throws Exception {
        waitUntilIdle();
        robot.clickOn("#nav-portfolio");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS,
                () -> !portfolio.busyProperty().get() && portfolio.totalsProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();

        TableView<?> table = robot.lookup("#portfolio-table").queryAs(TableView.class);
        var totals = portfolio.totalsProperty().get();
        assertThat(portfolio.bandMix()).hasSize(24).allSatisfy(mix ->
                assertThat(mix.red() + mix.yellow() + mix.green()).isCloseTo(100, org.assertj.core.data.Offset.offset(1e-6)));
        assertThat(robot.lookup("#band-mix").queryAs(javafx.scene.chart.StackedAreaChart.class).getData()).hasSize(3);
        @SuppressWarnings("unchecked")
        javafx.scene.chart.StackedBarChart<String, Number> breakdown =
                robot.lookup("#breakdown").queryAs(javafx.scene.chart.StackedBarChart.class);
        long barred = breakdown.getData().stream().flatMap(s -> s.getData().stream())
                .mapToLong(d -> d.getYValue().longValue()).sum();
        assertThat(barred).isEqualTo(table.getItems().size());
        long banded = totals.accounts(Band.RED) + totals.accounts(Band.YELLOW) + totals.accounts(Band.GREEN);
        assertThat(table.getItems()).hasSizeGreaterThan(300).hasSize((int) banded);
        assertThat(robot.lookup("#portfolio-status").queryAs(Label.class).getText())
                .isEqualTo(table.getItems().size() + " live accounts as of 2026-09-30 under Default health model v1.");

        robot.clickOn("#portfolio-search").write("Enterprise");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(table.getItems()).isNotEmpty().allSatisfy(row ->
                assertThat(((com.bellwether.ui.portfolio.AccountRow) row).matches("enterprise")).isTrue());

        dialogs.saveTo = home.resolve("export.csv");
        robot.clickOn("#portfolio-export");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> Files.exists(dialogs.saveTo)
                && portfolio.statusProperty().get().startsWith("Exported"));
        List<String> lines = Files.readAllLines(dialogs.saveTo);
        assertThat(lines.get(0)).startsWith("account_id,name,segment,stage,csm,arr,score");
        assertThat(lines).hasSize(table.getItems().size() + 1);
        assertThat(lines.subList(1, lines.size())).allSatisfy(line -> assertThat(line).contains("Enterprise"));
    }

    @Test
    void aDoubleClickOpensTheAccountWithItsExplanationMeasuresAndHistory(FxRobot robot) throws Exception {
        waitUntilIdle();
        robot.clickOn("#nav-portfolio");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS,
                () -> !portfolio.busyProperty().get() && portfolio.totalsProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        var first = (com.bellwether.ui.portfolio.AccountRow) robot.lookup("#portfolio-table").queryAs(TableView.class)
                .getItems().get(0);

        robot.doubleClickOn(robot.lookup("#portfolio-table .table-row-cell").nth(0).queryAs(javafx.scene.Node.class));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> account.scoreProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup("#account-title").queryAs(Label.class).getText()).isEqualTo(first.account().name());
        assertThat(robot.lookup("#account-explanation").queryAs(Label.class).getText())
                .isEqualTo(first.score().explanation());
        assertThat(robot.lookup("#account-measures").queryAs(TableView.class).getItems()).hasSize(12);
        assertThat(account.history()).hasSize(25);
        assertThat(account.scoreProperty().get().score()).isEqualTo(first.score().score());
    }

    @Test
    void theRailSwitchesTheThemeAndShowsTheAboutBox(FxRobot robot) throws Exception {
        waitUntilIdle();

        robot.clickOn("#help-menu").clickOn("#help-about");
        WaitForAsyncUtils.waitForFxEvents();
        javafx.stage.Window help = robot.window("Bellwether Help");
        assertThat(robot.from(help.getScene().getRoot()).lookup("#help-about-version").queryAs(Label.class).getText())
                .startsWith("Bellwether 0.1.0");
        robot.interact(help::hide);
        robot.clickOn("#dark-theme");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(javafx.application.Application.getUserAgentStylesheet()).contains("primer-dark");
        robot.clickOn("#dark-theme");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(javafx.application.Application.getUserAgentStylesheet()).contains("primer-light");
    }

    @Test
    void aFirstStartLandsOnThePortfolioWhoseTableKeepsTenRowsAt1024By700(FxRobot robot) throws Exception {
        waitUntilIdle();
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS,
                () -> !portfolio.busyProperty().get() && portfolio.totalsProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#nav-portfolio").queryAs(javafx.scene.control.ToggleButton.class).isSelected()).isTrue();
        assertThat(robot.lookup("#nav-data").queryAs(javafx.scene.control.ToggleButton.class).isSelected()).isFalse();

        Stage stage = (Stage) robot.lookup("#portfolio-table").query().getScene().getWindow();
        robot.interact(() -> {
            stage.setWidth(1024);
            stage.setHeight(700);
        });
        WaitForAsyncUtils.waitForFxEvents();
        TableView<?> table = robot.lookup("#portfolio-table").queryAs(TableView.class);
        assertThat(wholeRows(robot, table)).as("whole rows shown at 1024×700").isGreaterThanOrEqualTo(10);
        // Tile titles readable, and money written one way.
        assertThat(robot.lookup(".bw-figure-title").queryAllAs(Label.class)).hasSize(8)
                .allSatisfy(title -> assertThat(title.getFont().getSize()).isGreaterThanOrEqualTo(11));
        var totals = portfolio.totalsProperty().get();
        assertThat(robot.lookup("#tile-at-risk-value").queryAs(Label.class).getText())
                .isEqualTo(com.bellwether.domain.Money.format(totals.arrAtRisk()));
        assertThat(robot.lookup("#tile-red-description").queryAs(Label.class).getText())
                .endsWith(com.bellwether.domain.Money.format(totals.arr(Band.RED)) + " ARR");

        robot.interact(() -> {
            stage.setWidth(1440);
            stage.setHeight(900);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(wholeRows(robot, table)).isGreaterThanOrEqualTo(10);
        // Names, top reasons and next actions are shown whole, not cut with an ellipsis.
        List<javafx.scene.control.TableCell<?, ?>> cells = robot.lookup("#portfolio-table .table-cell").queryAll().stream()
                .<javafx.scene.control.TableCell<?, ?>>map(n -> (javafx.scene.control.TableCell<?, ?>) n)
                .filter(c -> c.getTableColumn() != null && c.getTableColumn().getId() != null && List.of("column-name", "column-reason", "column-action")
                        .contains(c.getTableColumn().getId()) && c.getText() != null && !c.getText().isEmpty())
                .toList();
        assertThat(cells).hasSizeGreaterThanOrEqualTo(30).allSatisfy(cell ->
                assertThat(((javafx.scene.text.Text) cell.lookup(".text")).getText()).isEqualTo(cell.getText()));
    }

    /** Rows with an account that lie wholly inside the table's body. */
    private static long wholeRows(FxRobot robot, TableView<?> table) {
        javafx.scene.Node body = table.lookup(".clipped-container");
        javafx.geometry.Bounds inside = body.localToScene(body.getLayoutBounds());
        return robot.lookup("#portfolio-table .table-row-cell").queryAll().stream()
                .map(n -> (javafx.scene.control.TableRow<?>) n)
                .filter(row -> row.isVisible() && !row.isEmpty() && row.getItem() != null)
                .filter(row -> {
                    javafx.geometry.Bounds b = row.localToScene(row.getLayoutBounds());
                    return b.getMinY() >= inside.getMinY() - 0.5 && b.getMaxY() <= inside.getMaxY() + 0.5;
                })
                .count();
    }
}
