package com.bellwether.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;

import javax.imageio.ImageIO;

import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javafx.util.Duration;

import com.bellwether.app.WorkspaceLocation;
import com.bellwether.ui.portfolio.AccountRow;
import com.bellwether.ui.portfolio.PortfolioViewModel;

/**
 * Opens the workbench on a database, visits every screen once the screen has its data, and writes each as a PNG,
 * in the light and the dark theme. With timings on, it also moves a weight slider's value a number of times and
 * reports the time from each move to the end of the repaint that shows it. Needs a display (Xvfb will do).
 */
public final class ScreenshotTour {

    /** What to do; {@code timedMoves} 0 for no timing. */
    public record Plan(WorkspaceLocation location, Path out, List<String> themes, int timedMoves) {
    }

    /** The files written and, when timed, the edit-to-repaint times in milliseconds. */
    public record Result(List<Path> files, List<Double> repaintMillis, double firstScreenSeconds,
                         List<Double> adjustmentMillis) {
    }

    private static final double WAIT_STEP_SECONDS = 0.1;
    private static final int WAIT_LIMIT_STEPS = 1800;

    private final Plan plan;
    private final CompletableFuture<Result> done = new CompletableFuture<>();
    private final List<Path> files = new ArrayList<>();
    private final List<Double> repaints = new ArrayList<>();
    private final Deque<Step> steps = new ArrayDeque<>();
    private Workbench workbench;
    private MainWindow window;
    private Stage stage;

    private record Step(String what, BooleanSupplier ready, Runnable action) {
    }

    private ScreenshotTour(Plan plan) {
        this.plan = plan;
    }

    /** Starts the toolkit, runs the tour and waits for it; the toolkit is left to exit with the program. */
    public static Result run(Plan plan) throws Exception {
        Files.createDirectories(plan.out());
        ScreenshotTour tour = new ScreenshotTour(plan);
        // As the launcher does: the database opens while the toolkit starts.
        BellwetherApp.warmUp(plan.location());
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get();
        Platform.runLater(tour::begin);
        try {
            return tour.done.get();
        } finally {
            Platform.exit();
        }
    }

    private void begin() {
        ExecutorService background = Workbench.thread("bellwether-background");
        ExecutorService previews = Workbench.thread("bellwether-preview");
        stage = new Stage();
        stage.setWidth(1440);
        stage.setHeight(900);
        FxDialogs dialogs = new FxDialogs(stage);
        workbench = Workbench.create(plan.location(), background, previews, dialogs);
        WorkbenchSettings settings = WorkbenchSettings.inMemory();
        window = BellwetherApp.show(stage, workbench, settings, dialogs);

        // Timed at the end of the pulse that lays out the first figures, not when the tour next looks.
        workbench.portfolio().totalsProperty().addListener((o, old, totals) -> {
            if (totals != null && Double.isNaN(firstScreenSeconds)) {
                StartupTrace.afterNextLayout(stage.getScene(), () -> firstScreenSeconds = StartupTrace.secondsSinceProcessStart());
            }
        });
        step("the portfolio scored", () -> !Double.isNaN(firstScreenSeconds), () -> { });
        step("the band mix", () -> !workbench.portfolio().busyProperty().get(), () -> { });
        step("the what-if prepared", () -> workbench.tuning().previewProperty().get() != null
                && !workbench.tuning().busyProperty().get(), () -> { });
        step("a backtest", () -> true, () -> workbench.backtest().run());
        step("the backtest done", () -> workbench.backtest().reportProperty().get() != null
                && !workbench.backtest().runningProperty().get(), () -> { });
        step("the effects of the actions", () -> workbench.effects().canRunProperty().get(), () -> workbench.effects().run());
        step("the effects worked out", () -> workbench.effects().reportProperty().get() != null
                && !workbench.effects().busyProperty().get(), () -> { });
        // The alerts screen before any rule was evaluated: its empty state.
        step("alerts not evaluated", () -> workbench.alerts().loadedProperty().get() && !workbench.alerts().busyProperty().get(),
                () -> window.showScreen("nav-alerts"));
        step("alerts not evaluated laid out", () -> true, () -> { });
        step("alerts not evaluated shot", () -> true, () -> shoot("alerts-empty"));
        step("alerts", () -> workbench.alerts().loadedProperty().get() && !workbench.alerts().busyProperty().get(),
                () -> workbench.alerts().evaluate());
        step("alerts evaluated", () -> !workbench.alerts().busyProperty().get() && !workbench.alerts().alerts().isEmpty(), () -> { });
        step("files to import", () -> true, this::chooseSampleFiles);
        step("their preview", () -> !workbench.importer().busyProperty().get(), () -> workbench.importer().check());
        step("their check", () -> !workbench.importer().busyProperty().get(), () -> { });
        step("an account", () -> true, this::openRiskiestAccount);
        step("the account scored", () -> workbench.account().scoreProperty().get() != null, () -> { });
        step("a weight moved", () -> true, () -> workbench.tuning().setWeight("support", 35, false));
        step("its preview", this::previewCurrent, () -> { });
        // The draft saved as a version (which stays inactive), then what activating it would change, before confirming.
        step("a version saved", () -> true, () -> workbench.tuning().save("Support first", "More weight on tickets"));
        step("the version listed", () -> !workbench.tuning().busyProperty().get()
                && workbench.tuning().versions().size() >= 2, () -> window.showScreen("nav-tuning"));
        step("activation asked", () -> true, () -> workbench.tuning().previewActivation(
                workbench.tuning().versions().get(workbench.tuning().versions().size() - 1)));
        step("activation worked out", () -> workbench.tuning().activationProperty().get() != null
                && !workbench.tuning().busyProperty().get(), () -> { });
        step("activation laid out", () -> true, () -> { });
        step("activation shot", () -> true, () -> shoot("tuning-activate"));
        step("activation left", () -> true, () -> workbench.tuning().cancelActivation());
        for (String theme : plan.themes()) {
            boolean dark = theme.equals("dark");
            step("the " + theme + " theme", () -> true, () -> BellwetherApp.applyTheme(dark));
            for (String screen : List.of("portfolio", "tuning", "backtest", "account", "alerts", "effects", "import", "data")) {
                step(screen, () -> true, () -> window.showScreen("nav-" + screen));
                // Two pulses, so that charts shown for the first time have laid out.
                step(screen + " laid out", () -> true, () -> { });
                step(screen + " shot", () -> true, () -> shoot(screen + (dark ? "-dark" : "")));
            }
            // A chart as it is copied or saved: its picture, title and caption included.
            step("the ROC chart as a picture", () -> true, () -> picture("nav-backtest", "#backtest-roc", "ROC curve",
                    workbench.backtest().chartCaption(), "chart-roc" + (dark ? "-dark" : "")));
            step("the band mix as a picture", () -> true, () -> picture("nav-portfolio", "#band-mix",
                    "Band mix, month by month, " + workbench.portfolio().bandMixSpan(),
                    workbench.portfolio().chartCaption(), "chart-band-mix" + (dark ? "-dark" : "")));
        }
        // The mapping of a new profile, started from the sample's files, as it is edited.
        step("a new mapping profile", () -> true, () -> {
            BellwetherApp.applyTheme(plan.themes().get(0).equals("dark"));
            window.showScreen("nav-import");
            workbench.importer().profileProperty().set(com.bellwether.ui.importer.ProfileChoice.NEW);
        });
        step("the mapping tab", () -> true, () -> {
            javafx.scene.control.TabPane sections = (javafx.scene.control.TabPane) stage.getScene().lookup("#sections");
            sections.getSelectionModel().select(1);
        });
        step("the mapping laid out", () -> true, () -> { });
        step("the mapping shot", () -> true, () -> shoot("import-mapping"));
        // The help window's glossary, open at a backtest figure as F1 over it opens it; then closed again.
        step("the glossary", () -> true, () -> window.help().showTerm(com.bellwether.ui.help.Term.ROC_AUC));
        step("the glossary laid out", () -> true, () -> { });
        step("the glossary shot", () -> true, () -> {
            javafx.stage.Stage help = window.help().window().stage();
            shoot("help-glossary", help.getScene());
            help.hide();
        });
        if (plan.timedMoves() > 0) {
            step("tuning for timing", () -> true, () -> window.showScreen("nav-tuning"));
            for (int i = 0; i < plan.timedMoves(); i++) {
                double percent = 20 + (i % 20) * 1.5;
                step("move " + i, () -> true, () -> timeMove(percent));
                step("move " + i + " repainted", () -> repaints.size() >= movesTimed, () -> { });
            }
            // A CSM adjustment on the account shown, then its removal: each timed from the account screen's change
            // to the portfolio screen's repaint with that account's row re-scored (both stay in the audit trail).
            step("the portfolio for timing", () -> !workbench.account().busyProperty().get(),
                    () -> window.showScreen("nav-portfolio"));
            step("an adjustment", () -> true, () -> {
                workbench.account().adjustmentPointsProperty().set(5);
                workbench.account().adjustmentReasonProperty().set("Timing the portfolio's repaint");
                timeAdjustment(() -> workbench.account().addAdjustment());
            });
            step("the adjustment repainted", () -> adjustmentRepaints.size() == 1
                    && !workbench.account().busyProperty().get(), () -> { });
            step("its removal", () -> true, () -> timeAdjustment(() -> workbench.account().adjustments().stream()
                    .map(com.bellwether.ui.account.AccountViewModel.AdjustmentRow::note)
                    .filter(note -> "Timing the portfolio's repaint".equals(note.reason()))
                    .findFirst().ifPresent(note -> workbench.account().removeAdjustment(note))));
            step("the removal repainted", () -> adjustmentRepaints.size() == 2
                    && !workbench.account().busyProperty().get(), () -> { });
        }
        next(0);
    }

    private int movesTimed;
    private double firstScreenSeconds = Double.NaN;

    private void timeMove(double percent) {
        Scene scene = stage.getScene();
        long start = System.nanoTime();
        int index = movesTimed;
        workbench.tuning().setWeight("engagement", percent, false);
        Runnable[] listener = new Runnable[1];
        listener[0] = () -> {
            if (previewCurrent()) {
                scene.removePostLayoutPulseListener(listener[0]);
                repaints.add((System.nanoTime() - start) / 1e6);
            } else {
                Platform.requestNextPulse();
            }
        };
        scene.addPostLayoutPulseListener(listener[0]);
        Platform.requestNextPulse();
        movesTimed = index + 1;
    }

    private final List<Double> adjustmentRepaints = new ArrayList<>();

    /**
     * Runs a change of adjustments and times it from the account screen's word that they changed (the adjustment is
     * saved) to the end of the layout pulse after the portfolio screen's totals took the account's new score.
     */
    private void timeAdjustment(Runnable change) {
        Scene scene = stage.getScene();
        long[] start = {0};
        javafx.beans.value.ChangeListener<Number> saved = new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Number> o, Number old, Number now) {
                workbench.account().adjustmentsChangedProperty().removeListener(this);
                start[0] = System.nanoTime();
            }
        };
        workbench.portfolio().totalsProperty().addListener(new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends PortfolioViewModel.Totals> o,
                                PortfolioViewModel.Totals old, PortfolioViewModel.Totals now) {
                workbench.portfolio().totalsProperty().removeListener(this);
                StartupTrace.afterNextLayout(scene, () -> adjustmentRepaints.add((System.nanoTime() - start[0]) / 1e6));
            }
        });
        workbench.account().adjustmentsChangedProperty().addListener(saved);
        change.run();
    }

    private boolean previewCurrent() {
        var preview = workbench.tuning().previewProperty().get();
        return preview != null && preview.model() == workbench.tuning().draftProperty().get();
    }

    /** The import screen shows the sample bundle's files, previewed and checked (nothing is imported). */
    private void chooseSampleFiles() {
        try {
            Path folder = Files.createTempDirectory("bellwether-sample-bundle");
            com.bellwether.ingest.SampleData.extractTo(folder);
            workbench.importer().useSource(List.of(folder), true);
        } catch (IOException e) {
            fail(e);
        }
    }

    private void openRiskiestAccount() {
        AccountRow riskiest = null;
        for (AccountRow row : workbench.portfolio().allRows()) {
            // An account with a history to show: scored 30 days ago too, past onboarding.
            boolean established = row.score().change30d() != null && !"onboarding".equals(row.score().stage());
            if (row.score().band() != null && established
                    && (riskiest == null || row.score().score() < riskiest.score().score())) {
                riskiest = row;
            }
        }
        if (riskiest == null && !workbench.portfolio().allRows().isEmpty()) {
            riskiest = workbench.portfolio().allRows().get(0);
        }
        if (riskiest != null) {
            workbench.portfolio().openedProperty().set(null);
            workbench.portfolio().openedProperty().set(riskiest);
        }
    }

    private void shoot(String name) {
        shoot(name, stage.getScene());
    }

    private void shoot(String name, Scene scene) {
        WritableImage image = scene.snapshot(null);
        Path file = plan.out().resolve(name + ".png");
        try {
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
            files.add(file);
        } catch (IOException e) {
            fail(new IOException("Cannot write " + file + ": " + e.getMessage(), e));
        }
    }

    private void picture(String screen, String chart, String title, String caption, String name) {
        window.showScreen(screen);
        WritableImage image = ChartPicture.render((javafx.scene.layout.Region) stage.getScene().lookup(chart), title, caption);
        Path file = plan.out().resolve(name + ".png");
        try {
            ChartPicture.writePng(image, file);
            files.add(file);
        } catch (IOException e) {
            fail(new IOException("Cannot write " + file + ": " + e.getMessage(), e));
        }
    }

    private void step(String what, BooleanSupplier ready, Runnable action) {
        steps.add(new Step(what, ready, action));
    }

    /** Runs the next step once it is ready, checking again every tenth of a second on the FX thread. */
    private void next(int waited) {
        if (done.isDone()) {
            return;
        }
        Step step = steps.peek();
        if (step == null) {
            done.complete(new Result(List.copyOf(files), List.copyOf(repaints), firstScreenSeconds,
                    List.copyOf(adjustmentRepaints)));
            return;
        }
        if (step.ready().getAsBoolean()) {
            steps.poll();
            try {
                step.action().run();
            } catch (RuntimeException e) {
                fail(e);
                return;
            }
            PauseTransition pulse = new PauseTransition(Duration.millis(50));
            pulse.setOnFinished(e -> next(0));
            pulse.play();
        } else if (waited > WAIT_LIMIT_STEPS) {
            fail(new IllegalStateException("Gave up waiting for " + step.what() + " after "
                    + String.format(Locale.ROOT, "%.0f", waited * WAIT_STEP_SECONDS) + " s"));
        } else {
            PauseTransition pause = new PauseTransition(Duration.seconds(WAIT_STEP_SECONDS));
            pause.setOnFinished(e -> next(waited + 1));
            pause.play();
        }
    }

    private void fail(Exception e) {
        done.completeExceptionally(e);
    }
}
