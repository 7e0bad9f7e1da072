package com.bellwether.ui.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javafx.scene.Scene;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import com.bellwether.app.Workspace;
import com.bellwether.domain.Note;
import com.bellwether.ingest.BundleImporter;
import com.bellwether.ingest.ImportProgress;
import com.bellwether.ingest.TestDatabases;
import com.bellwether.scoring.AccountScore;
import com.bellwether.scoring.HealthModel;
import com.bellwether.scoring.HealthScorer;
import com.bellwether.scoring.Portfolio;
import com.bellwether.store.Database;
import com.bellwether.ui.FakeDialogs;

/**
 * A CSM adjustment re-scores its one account on the portfolio screen: that row gets the score a full read and scoring
 * would give, every other row stays the very same, and the totals follow.
 */
@ExtendWith(ApplicationExtension.class)
class RescoreAfterAdjustmentTest {

    private static final ExecutorService BACKGROUND = Executors.newSingleThreadExecutor();
    private static Database database;
    private static Workspace workspace;
    private PortfolioViewModel viewModel;

    @BeforeAll
    static void sample() throws Exception {
        database = TestDatabases.fresh();
        new BundleImporter(database).run(BundleImporter.Request.canonical(Path.of("sample-data")), ImportProgress.NONE);
        workspace = Workspace.of(database);
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
        viewModel.load(workspace);
    }

    @Test
    void oneAccountScoredAgainTheOthersKept(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !viewModel.busyProperty().get()
                && viewModel.totalsProperty().get() != null);
        List<AccountRow> before = List.copyOf(viewModel.allRows());
        AccountRow chosen = before.get(5);
        String id = chosen.account().accountId();
        LocalDate asOf = viewModel.totalsProperty().get().asOf();
        workspace.adjust(new Note(id, asOf, "csm@example.com", -12, "Champion left", null),
                HealthModel.defaultModel().adjustmentBound(), "csm@example.com");

        robot.interact(() -> viewModel.rescoreAccount(workspace, id));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> viewModel.allRows().get(5).score() != chosen.score());

        List<AccountRow> after = List.copyOf(viewModel.allRows());
        assertThat(after).hasSameSizeAs(before);
        for (int i = 0; i < after.size(); i++) {
            if (i != 5) {
                assertThat(after.get(i)).isSameAs(before.get(i));
            }
        }
        Portfolio fresh = Portfolio.load(database);
        AccountScore expected = new HealthScorer(viewModel.modelProperty().get(), fresh).score(id, asOf);
        assertThat(after.get(5).score().score()).isEqualTo(expected.score());
        assertThat(after.get(5).score().adjustment()).isEqualTo(expected.adjustment()).isNotZero();
        assertThat(after.get(5).score().band()).isEqualTo(expected.band());
        assertThat(viewModel.totalsProperty().get()).usingRecursiveComparison()
                .isEqualTo(PortfolioViewModel.totalsOf(after));
    }
}
