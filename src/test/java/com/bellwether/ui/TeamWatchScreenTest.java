package com.bellwether.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import com.bellwether.app.WorkspaceLocation;
import com.bellwether.ingest.ImportProgress;
import com.bellwether.scoring.HealthModel;
import com.bellwether.store.Database;
import com.bellwether.store.DatabaseLocation;
import com.bellwether.store.ModelVersionStore;
import com.bellwether.ui.overview.OverviewViewModel;
import com.bellwether.ui.portfolio.PortfolioViewModel;

/**
 * Someone else saves and activates a version in the database the workbench has open: the status bar says who did
 * what, and Reload reads the database again under the new active version.
 */
@ExtendWith(ApplicationExtension.class)
class TeamWatchScreenTest {

    private static final ExecutorService BACKGROUND = Executors.newSingleThreadExecutor();
    private static final ExecutorService PREVIEWS = Executors.newSingleThreadExecutor();

    @TempDir
    static Path dir;

    private OverviewViewModel data;
    private PortfolioViewModel portfolio;
    private com.bellwether.ui.tuning.TuningViewModel tuning;
    private TeamWatch watch;
    private DatabaseLocation location;

    @AfterAll
    static void stopBackground() {
        BACKGROUND.shutdownNow();
        PREVIEWS.shutdownNow();
    }

    @Start
    void start(Stage stage) throws Exception {
        location = DatabaseLocation.parse(dir.resolve("team").toString());
        com.bellwether.app.Workspace.open(new WorkspaceLocation(location)).importSample(ImportProgress.NONE);
        FakeDialogs dialogs = new FakeDialogs();
        data = new OverviewViewModel(new WorkspaceLocation(location), BACKGROUND, dialogs);
        portfolio = new PortfolioViewModel(BACKGROUND, HealthModel.defaultModel());
        tuning = new com.bellwether.ui.tuning.TuningViewModel(BACKGROUND, PREVIEWS, javafx.application.Platform::runLater);
        Workbench workbench = new Workbench(data, portfolio,
                new com.bellwether.ui.account.AccountViewModel(BACKGROUND, HealthModel.defaultModel()), tuning,
                new com.bellwether.ui.backtest.BacktestViewModel(BACKGROUND, java.util.List.of()),
                new com.bellwether.ui.importer.ImportViewModel(data.workspaceProperty(), BACKGROUND, dialogs),
                new com.bellwether.ui.alerts.AlertsViewModel(BACKGROUND, javafx.application.Platform::runLater),
                new com.bellwether.ui.sources.SourcesViewModel(data.workspaceProperty(), BACKGROUND, dialogs),
                new com.bellwether.ui.effects.EffectsViewModel(BACKGROUND, javafx.application.Platform::runLater));
        MainWindow window = BellwetherApp.show(stage, workbench, WorkbenchSettings.inMemory(), dialogs);
        watch = TeamWatch.start(workbench, 1);
        window.showChanges(watch);
    }

    @AfterEach
    void stop() throws Exception {
        watch.stop();
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> tuning.previewProperty().get() != null
                && !tuning.busyProperty().get() && !portfolio.busyProperty().get());
        java.util.concurrent.CompletableFuture.runAsync(() -> { }, BACKGROUND).get(60, TimeUnit.SECONDS);
        if (data.openedWorkspace() != null) {
            data.openedWorkspace().release();
        }
    }

    @Test
    void aVersionActivatedBySomeoneElseIsToldAndReadAgainOnReload(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> portfolio.totalsProperty().get() != null
                && !portfolio.busyProperty().get() && tuning.previewProperty().get() != null && !tuning.busyProperty().get());
        assertThat(robot.lookup("#status-changes").queryAs(Label.class).getParent().isVisible()).isFalse();

        // Ben, in another workbench on the same database.
        Database other = Database.open(location);
        HealthModel active = com.bellwether.scoring.SavedModels.active(new ModelVersionStore(other));
        com.bellwether.scoring.SavedModels.save(new ModelVersionStore(other), active, "Ben's weights", "", "ben", true, 1);

        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#status-changes").queryAs(Label.class)
                .getText().contains("ben: model version 2 was made active"));
        assertThat(robot.lookup("#status-changes").queryAs(Label.class).getParent().isVisible()).isTrue();
        assertThat(robot.lookup("#status-changes").queryAs(Label.class).getText()).contains("(and 1 more)");

        robot.clickOn(robot.lookup("#status-reload").queryAs(Hyperlink.class));

        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> "Ben's weights".equals(portfolio.modelProperty().get().name())
                && !portfolio.busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#status-changes").queryAs(Label.class).getParent().isVisible()).isFalse();
        assertThat(robot.lookup("#status-read").queryAs(Label.class).getText()).startsWith("Read at ");
    }
}
