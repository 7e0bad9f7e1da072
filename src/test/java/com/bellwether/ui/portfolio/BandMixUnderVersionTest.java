package com.bellwether.ui.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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

import com.bellwether.ingest.BundleImporter;
import com.bellwether.ingest.ImportProgress;
import com.bellwether.ingest.TestDatabases;
import com.bellwether.scoring.HealthModel;
import com.bellwether.scoring.SavedModels;
import com.bellwether.store.Database;
import com.bellwether.app.ModelVersion;
import com.bellwether.store.ModelVersionStore;
import com.bellwether.ui.FakeDialogs;

/** The band mix of the last two years scored again under another saved version, picked on the portfolio screen. */
@ExtendWith(ApplicationExtension.class)
class BandMixUnderVersionTest {

    private static final ExecutorService BACKGROUND = Executors.newSingleThreadExecutor();
    private static Database database;
    private PortfolioViewModel viewModel;

    @BeforeAll
    static void sampleWithTwoVersions() throws Exception {
        database = TestDatabases.fresh();
        new BundleImporter(database).run(BundleImporter.Request.canonical(Path.of("sample-data")), ImportProgress.NONE);
        ModelVersionStore store = new ModelVersionStore(database);
        HealthModel shipped = SavedModels.active(store);
        // Stricter: red below 60, yellow below 85, everywhere.
        HealthModel strict = shipped.withBands(new HealthModel.Bands(60.0, 85.0));
        for (HealthModel.Stage stage : shipped.stages()) {
            strict = strict.withStage(new HealthModel.Stage(stage.id(), stage.label(), stage.weights(), null));
        }
        SavedModels.save(store, strict, "Strict bands", "", "test", false);
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
    void anotherVersionScoresTheSameMonthsAgain(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !viewModel.busyProperty().get() && !viewModel.bandMix().isEmpty());
        assertThat(viewModel.versions()).extracting(ModelVersion::number).containsExactly(1, 2);
        assertThat(viewModel.mixVersionProperty().get().number()).isEqualTo(1);
        List<PortfolioViewModel.BandMix> underActive = List.copyOf(viewModel.bandMix());

        robot.interact(() -> viewModel.mixVersionProperty().set(viewModel.versions().get(1)));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !viewModel.busyProperty().get()
                && !viewModel.bandMix().equals(underActive));

        List<PortfolioViewModel.BandMix> underStrict = List.copyOf(viewModel.bandMix());
        assertThat(underStrict).hasSameSizeAs(underActive);
        for (int i = 0; i < underStrict.size(); i++) {
            // Stricter cut-offs can only move accounts towards red.
            assertThat(underStrict.get(i).green()).isLessThanOrEqualTo(underActive.get(i).green());
        }
        assertThat(underStrict.get(underStrict.size() - 1).red()).isGreaterThan(underActive.get(underActive.size() - 1).red());
        // The table still shows the active version's scores.
        assertThat(viewModel.model().version()).isEqualTo(1);
    }
}
