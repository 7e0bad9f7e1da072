package com.bellwether.ui.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import com.bellwether.ingest.BundleImporter;
import com.bellwether.ingest.ImportProgress;
import com.bellwether.ingest.TestDatabases;
import com.bellwether.scoring.AccountScore;
import com.bellwether.scoring.HealthModel;
import com.bellwether.scoring.HealthScorer;
import com.bellwether.scoring.Portfolio;
import com.bellwether.store.Database;
import com.bellwether.ui.FakeDialogs;

import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.TableView;
import javafx.stage.Stage;

/** The portfolio's expansion candidates: the tile with their count and ARR, the column, the filter. */
@ExtendWith(ApplicationExtension.class)
class ExpansionCandidatesScreenTest {

    private static final ExecutorService BACKGROUND = Executors.newSingleThreadExecutor();
    private static Database database;
    private PortfolioViewModel viewModel;

    @BeforeAll
    static void sample() throws Exception {
        database = TestDatabases.fresh();
        new BundleImporter(database).run(BundleImporter.Request.canonical(Path.of("sample-data")), ImportProgress.NONE);
    }

    @AfterAll
    static void stop() {
        BACKGROUND.shutdownNow();
    }

    @Start
    void start(Stage stage) {
        viewModel = new PortfolioViewModel(BACKGROUND, HealthModel.defaultModel());
        stage.setScene(new Scene(new PortfolioView(viewModel, new FakeDialogs()).root(), 1400, 860));
        stage.show();
        viewModel.load(com.bellwether.app.Workspace.of(database));
    }

    @Test
    void theTileCountsTheCandidatesAndTheFilterShowsThemAlone(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !viewModel.busyProperty().get() && !viewModel.allRows().isEmpty());

        // Worked out again from the scores: an account is a candidate when an expansion rule's action is listed.
        Portfolio read = Portfolio.load(database);
        HealthModel model = viewModel.model();
        Set<String> rules = Set.copyOf(model.expansionRules().stream().map(HealthModel.PlaybookRule::id).toList());
        long expected = 0;
        double arr = 0;
        for (AccountScore score : new HealthScorer(model, read).scoreLive(viewModel.totalsProperty().get().asOf(), () -> false)) {
            if (!score.stale() && score.actions().stream().anyMatch(a -> rules.contains(a.ruleId()))) {
                expected++;
                Double a = read.account(read.indexOf(score.accountId()), score.asOf()).arr();
                arr += a == null ? 0 : a;
            }
        }
        assertThat(expected).as("the sample has candidates").isPositive();
        FigureTile tile = robot.lookup("#tile-expansion").queryAs(FigureTile.class);
        assertThat(tile.value()).isEqualTo(String.format(Locale.ROOT, "%,d", expected));
        assertThat(tile.description()).endsWith(PortfolioView.money(arr) + " ARR");

        robot.clickOn("#portfolio-candidates-only");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup("#portfolio-candidates-only").queryAs(CheckBox.class).isSelected()).isTrue();
        TableView<?> table = robot.lookup("#portfolio-table").queryAs(TableView.class);
        assertThat(table.getItems()).hasSize((int) expected);
        assertThat(viewModel.visibleRows()).allMatch(AccountRow::expansionCandidate);
        assertThat(table.getColumns()).anyMatch(c -> "Expansion".equals(c.getText()));
    }
}
