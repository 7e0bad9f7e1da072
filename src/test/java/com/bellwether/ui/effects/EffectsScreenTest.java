package com.bellwether.ui.effects;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
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
import com.bellwether.backtest.EffectsReport;
import com.bellwether.backtest.EffectsSettings;
import com.bellwether.ingest.BundleImporter;
import com.bellwether.ingest.ImportProgress;
import com.bellwether.sample.GeneratorSettings;
import com.bellwether.sample.SampleGenerator;
import com.bellwether.scoring.HealthModel;

/** The Effects screen on a small generated database: empty with a Run button, then a row per rule. */
@ExtendWith(ApplicationExtension.class)
class EffectsScreenTest {

    private static final ExecutorService BACKGROUND = Executors.newSingleThreadExecutor();
    private static Path folder;
    private static Workspace workspace;

    private EffectsViewModel viewModel;

    /** 120 accounts over 18 months, imported before the stage is set up. */
    @BeforeAll
    static void smallDatabase() throws Exception {
        folder = Files.createTempDirectory("bellwether-effects");
        Path bundle = folder.resolve("bundle");
        new SampleGenerator(GeneratorSettings.defaults().withAccounts(120).withMonths(18)).writeTo(bundle);
        workspace = Workspace.open(folder.resolve("db").toString());
        workspace.importBundle(BundleImporter.Request.canonical(bundle), ImportProgress.NONE);
    }

    @AfterAll
    static void stopBackground() {
        BACKGROUND.shutdownNow();
    }

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        viewModel = new EffectsViewModel(BACKGROUND, Platform::runLater);
        viewModel.use(workspace, HealthModel.defaultModel());
        stage.setScene(new Scene(new EffectsView(viewModel).root(), 1300, 800));
        stage.show();
    }

    @Test
    void runFillsTheTableWithEachRulesFigures(FxRobot robot) throws Exception {
        assertThat(robot.lookup("#effects-empty").query().isVisible()).isTrue();
        assertThat(robot.lookup("#effects-table").query().isVisible()).isFalse();

        robot.clickOn("#effects-run-empty");
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> viewModel.reportProperty().get() != null
                && !viewModel.busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();

        @SuppressWarnings("unchecked")
        TableView<EffectsViewModel.Row> table = robot.lookup("#effects-table").queryAs(TableView.class);
        assertThat(table.isVisible()).isTrue();
        assertThat(robot.lookup("#effects-empty").query().isVisible()).isFalse();
        EffectsReport expected = workspace.effects(HealthModel.defaultModel(), EffectsSettings.defaults(),
                (step, fraction) -> { }, () -> false);
        assertThat(table.getItems()).hasSize(expected.rules().size());
        // The usage-drop row as the table shows it: its cells read back as the report's numbers.
        int row = -1;
        for (int i = 0; i < table.getItems().size(); i++) {
            if (table.getItems().get(i).rule().equals("usage-drop")) {
                row = i;
            }
        }
        assertThat(row).isNotNegative();
        EffectsReport.RuleEffect usageDrop = expected.rule("usage-drop");
        assertThat(usageDrop.triggered()).isPositive();
        assertThat(Long.parseLong((String) table.getColumns().get(2).getCellData(row))).isEqualTo(usageDrop.triggered());
        assertThat(Long.parseLong((String) table.getColumns().get(3).getCellData(row))).isEqualTo(usageDrop.actedOn());
        String difference = (String) table.getColumns().get(6).getCellData(row);
        if (usageDrop.churn().tooFew()) {
            assertThat(difference).isEqualTo(EffectsViewModel.TOO_FEW);
        } else {
            assertThat(Double.parseDouble(difference.replace(" pts", "")))
                    .isCloseTo(100 * usageDrop.churn().difference(), org.assertj.core.api.Assertions.within(0.05));
        }
        // A rule hardly ever triggered on so small a portfolio is too few to tell, and says so.
        assertThat(table.getItems()).anySatisfy(r -> assertThat(r.difference()).isEqualTo(EffectsViewModel.TOO_FEW));
        assertThat(robot.lookup("#effects-caution").queryLabeled().getText()).contains("associations, not proof");
        assertThat(robot.lookup("#effects-status").queryLabeled().getText()).contains("cut-offs");
    }
}
