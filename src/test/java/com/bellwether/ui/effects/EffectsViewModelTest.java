package com.bellwether.ui.effects;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.bellwether.app.Workspace;
import com.bellwether.backtest.EffectsReport;
import com.bellwether.ingest.BundleImporter;
import com.bellwether.ingest.ImportProgress;
import com.bellwether.sample.GeneratorSettings;
import com.bellwether.sample.SampleGenerator;
import com.bellwether.scoring.HealthModel;

/** The Effects screen's view model without a toolkit: work on an executor the test runs by hand. */
class EffectsViewModelTest {

    private static Workspace workspace;

    @BeforeAll
    static void smallDatabase() throws Exception {
        Path folder = Files.createTempDirectory("bellwether-effects-vm");
        new SampleGenerator(GeneratorSettings.defaults().withAccounts(80).withMonths(15)).writeTo(folder.resolve("b"));
        workspace = Workspace.open(folder.resolve("db").toString());
        workspace.importBundle(BundleImporter.Request.canonical(folder.resolve("b")), ImportProgress.NONE);
    }

    /** Holds the work given to it until the test runs it. */
    private static final class HeldExecutor implements Executor {
        final List<Runnable> held = new ArrayList<>();

        @Override
        public void execute(Runnable command) {
            held.add(command);
        }

        void runAll() {
            while (!held.isEmpty()) {
                held.remove(0).run();
            }
        }
    }

    @Test
    void nothingRunsWithoutADatabaseAndARunFillsTheRows() {
        HeldExecutor background = new HeldExecutor();
        EffectsViewModel viewModel = new EffectsViewModel(background, Runnable::run);
        assertThat(viewModel.canRunProperty().get()).isFalse();

        viewModel.use(workspace, HealthModel.defaultModel());
        viewModel.run();
        assertThat(viewModel.busyProperty().get()).isTrue();
        assertThat(viewModel.canRunProperty().get()).isFalse();
        background.runAll();

        EffectsReport report = viewModel.reportProperty().get();
        assertThat(report).isNotNull();
        assertThat(viewModel.busyProperty().get()).isFalse();
        assertThat(viewModel.rows()).extracting(EffectsViewModel.Row::rule)
                .isEqualTo(report.rules().stream().map(EffectsReport.RuleEffect::ruleId).toList());
        assertThat(viewModel.statusProperty().get()).startsWith(report.cutoffs() + " cut-offs from " + report.from());
    }

    @Test
    void aCancelledRunLeavesTheScreenEmpty() {
        HeldExecutor background = new HeldExecutor();
        EffectsViewModel viewModel = new EffectsViewModel(background, Runnable::run);
        viewModel.use(workspace, HealthModel.defaultModel());
        viewModel.run();
        viewModel.cancel();
        background.runAll();

        assertThat(viewModel.reportProperty().get()).isNull();
        assertThat(viewModel.rows()).isEmpty();
        assertThat(viewModel.busyProperty().get()).isFalse();
        assertThat(viewModel.statusProperty().get()).isEqualTo("Cancelled.");
    }
}
