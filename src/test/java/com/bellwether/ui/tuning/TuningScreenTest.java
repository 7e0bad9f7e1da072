package com.bellwether.ui.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TableView;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import com.bellwether.ingest.TestDatabases;
import com.bellwether.scoring.Portfolio;
import com.bellwether.scoring.SamplePortfolio;
import com.bellwether.store.Database;
import com.bellwether.store.ModelVersionStore;

/** The tuning screen on the sample portfolio: a slider move repaints the figures; saving makes a version. */
@ExtendWith(ApplicationExtension.class)
class TuningScreenTest {

    private static final ExecutorService BACKGROUND = Executors.newSingleThreadExecutor();
    private static final ExecutorService PREVIEWS = Executors.newSingleThreadExecutor();

    private TuningViewModel viewModel;
    private TuningView view;
    private final com.bellwether.ui.FakeDialogs dialogs = new com.bellwether.ui.FakeDialogs();
    private Stage stage;
    private Database database;

    private static Portfolio portfolio;

    /** The sample portfolio takes a while to read; before the stage, which the toolkit gives a time limit. */
    @org.junit.jupiter.api.BeforeAll
    static void readSample() throws Exception {
        portfolio = SamplePortfolio.portfolio();
    }

    @AfterAll
    static void stopExecutors() {
        BACKGROUND.shutdownNow();
        PREVIEWS.shutdownNow();
    }

    @Start
    void start(Stage stage) throws Exception {
        javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
        database = TestDatabases.fresh();
        viewModel = new TuningViewModel(BACKGROUND, PREVIEWS, Platform::runLater);
        this.stage = stage;
        view = new TuningView(viewModel, dialogs);
        stage.setScene(new Scene(view.root(), 1400, 860));
        stage.show();
        viewModel.load(com.bellwether.app.Workspace.of(database), portfolio, portfolio.lastDataDate());
    }

    private void waitForPreview() throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> viewModel.previewProperty().get() != null
                && viewModel.previewProperty().get().model() == viewModel.draftProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The bars' heights, band by band and bin by bin. */
    private static java.util.List<Long> bars(StackedBarChart<?, ?> chart) {
        java.util.List<Long> heights = new java.util.ArrayList<>();
        for (XYChart.Series<?, ?> series : chart.getData()) {
            for (XYChart.Data<?, ?> d : series.getData()) {
                heights.add(((Number) d.getYValue()).longValue());
            }
        }
        return heights;
    }

    @Test
    void theHistogramIsSavedAndCopiedAsAPictureFromItsRightClickMenu(FxRobot robot,
                                                                     @org.junit.jupiter.api.io.TempDir java.nio.file.Path folder)
            throws Exception {
        waitForPreview();
        java.nio.file.Path file = folder.resolve("scores.png");
        dialogs.saveTo = file;

        com.bellwether.ui.ChartMenus.choose(robot, "#tuning-histogram", "Save chart as PNG…");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> viewModel.statusProperty().get().startsWith("Wrote "));
        java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(file.toFile());
        assertThat(png.getWidth()).isEqualTo(com.bellwether.ui.ChartPicture.WIDTH * com.bellwether.ui.ChartPicture.SCALE);
        assertThat(viewModel.chartCaption()).startsWith("Draft of Default health model").contains("as of "
                + portfolio.lastDataDate());

        com.bellwether.ui.ChartMenus.choose(robot, "#tuning-histogram", "Copy chart");
        javafx.scene.image.Image copied = WaitForAsyncUtils.asyncFx(
                () -> javafx.scene.input.Clipboard.getSystemClipboard().getImage()).get();
        assertThat(copied).isNotNull();
    }

    @Test
    void movingAWeightSliderRepaintsTheHistogramTheAucAndTheBandChanges(FxRobot robot) throws Exception {
        waitForPreview();
        Label auc = robot.lookup("#figure-auc").queryAs(Label.class);
        String aucBefore = auc.getText();
        StackedBarChart<?, ?> histogram = robot.lookup("#tuning-histogram").queryAs(StackedBarChart.class);
        java.util.List<Long> barsBefore = bars(histogram);
        assertThat(barsBefore).hasSize(60);
        assertThat(robot.lookup("#tuning-change-summary").queryAs(Label.class).getText()).startsWith("No account would change band");

        // Drag the support slider's thumb well to the right.
        Slider support = robot.lookup("#weight-support").queryAs(Slider.class);
        robot.drag(support.lookup(".thumb")).moveBy(support.getWidth() * 0.45, 0).release(javafx.scene.input.MouseButton.PRIMARY);
        waitForPreview();

        assertThat(support.getValue()).isGreaterThan(45);
        assertThat(auc.getText()).isNotEqualTo(aucBefore);
        assertThat(robot.lookup("#delta-auc").queryAs(Label.class).getText()).startsWith("(");
        assertThat(bars(histogram)).isNotEqualTo(barsBefore);
        TableView<?> changes = robot.lookup("#tuning-changes").queryAs(TableView.class);
        assertThat(changes.getItems()).isNotEmpty();
        assertThat(robot.lookup("#tuning-change-summary").queryAs(Label.class).getText())
                .startsWith(changes.getItems().size() + " accounts would change band vs v1 ");
        assertThat(viewModel.canUndoProperty().get()).isTrue();

        // One drag is one undo step.
        robot.clickOn("#tuning-undo");
        waitForPreview();
        assertThat(viewModel.dirtyProperty().get()).isFalse();
        assertThat(auc.getText()).isEqualTo(aucBefore);
    }

    @Test
    void suggestedWeightsAreShownAndGoToTheSlidersOnlyWhenApplied(FxRobot robot) throws Exception {
        waitForPreview();
        Slider support = robot.lookup("#weight-support").queryAs(Slider.class);
        double before = support.getValue();

        robot.clickOn("#tuning-suggest-weights");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> viewModel.proposalProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();

        javafx.scene.control.TextArea details = robot.lookup("#tuning-proposal-details").queryAs(javafx.scene.control.TextArea.class);
        assertThat(details.getText()).contains("proposed", "Measure weights, as % of their category:", "(off)");
        assertThat(viewModel.dirtyProperty().get()).isFalse();
        assertThat(support.getValue()).isEqualTo(before);
        com.bellwether.scoring.HealthModel proposed = viewModel.proposalProperty().get().model();

        robot.clickOn("#tuning-proposal-apply");
        waitForPreview();

        assertThat(viewModel.draftProperty().get()).isSameAs(proposed);
        assertThat(support.getValue()).isCloseTo(TuningViewModel.percentages(proposed, TuningViewModel.MODEL_SCOPE)[2],
                org.assertj.core.data.Offset.offset(0.01));
        assertThat(viewModel.dirtyProperty().get()).isTrue();
        // The measures' table shows each measure's new share of its category, the ones turned off unticked at 0%.
        TableView<?> measures = robot.lookup("#tuning-measures").queryAs(TableView.class);
        for (Object item : measures.getItems()) {
            TuningView.MeasureRow row = (TuningView.MeasureRow) item;
            boolean off = proposed.measures().get(proposed.measureIndex(row.id)).weightOrOne() == 0;
            assertThat(row.enabled.get()).isEqualTo(!off);
            assertThat(row.share.get()).isEqualTo(String.format(java.util.Locale.ROOT, "%.0f%%", viewModel.measureShare(row.id)));
            if (off) {
                assertThat(row.share.get()).isEqualTo("0%");
            }
        }
        assertThat(robot.lookup("#tuning-proposal").queryAs(javafx.scene.layout.VBox.class).isVisible()).isFalse();
        assertThat(viewModel.savedProperty().get().number()).isEqualTo(1);
    }

    @Test
    void savingCreatesAVersionThatIsActivatedOnlyAfterItsDifferenceIsConfirmed(FxRobot robot) throws Exception {
        waitForPreview();
        Slider engagement = robot.lookup("#weight-engagement").queryAs(Slider.class);
        robot.interact(() -> engagement.setValue(10));
        waitForPreview();
        assertThat(viewModel.dirtyProperty().get()).isTrue();
        int changing = viewModel.previewProperty().get().changes().size();

        robot.clickOn("#tuning-version-name").write("Less engagement");
        robot.clickOn("#tuning-version-note").write("Logins mislead in Q4");
        // What the window's Ctrl+S does.
        robot.interact(view::save);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> viewModel.versions().size() == 2 && !viewModel.busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();

        ModelVersionStore store = new ModelVersionStore(database);
        assertThat(store.list()).hasSize(2);
        assertThat(store.active().orElseThrow().number()).as("saving does not activate").isEqualTo(1);
        assertThat(viewModel.savedVersionProperty().get()).isNull();
        assertThat(robot.lookup("#tuning-status").queryAs(Label.class).getText())
                .startsWith("Saved v2 Less engagement; the active model is still v1 Default health model.");

        // The versions list: who saved, when, the note, which is active.
        TableView<?> versions = robot.lookup("#tuning-versions").queryAs(TableView.class);
        assertThat(versions.getItems()).hasSize(2);
        javafx.scene.control.Button activate = robot.lookup("#tuning-activate").queryAs(javafx.scene.control.Button.class);
        assertThat(activate.isDisabled()).as("nothing selected").isTrue();
        robot.interact(() -> versions.getSelectionModel().select(1));
        robot.clickOn("#tuning-activate");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> viewModel.activationProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();

        // The difference before anything changes.
        javafx.scene.Node impact = robot.lookup("#tuning-activation").query();
        assertThat(impact.isVisible()).isTrue();
        assertThat(robot.lookup("#tuning-activation-moves").queryAs(Label.class).getText())
                .startsWith(changing + (changing == 1 ? " account" : " accounts") + " would change band: ");
        assertThat(robot.lookup("#tuning-activation-alerts").queryAs(Label.class).getText())
                .startsWith("Alerts that would fire: ");
        assertThat(store.active().orElseThrow().number()).isEqualTo(1);

        robot.clickOn("#tuning-activation-confirm");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> viewModel.savedProperty().get().number() == 2
                && !viewModel.busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(store.active().orElseThrow().name()).isEqualTo("Less engagement");
        assertThat(store.active().orElseThrow().note()).isEqualTo("Logins mislead in Q4");
        assertThat(viewModel.savedVersionProperty().get().number()).isEqualTo(2);
        assertThat(impact.isVisible()).isFalse();
        assertThat(robot.lookup("#tuning-status").queryAs(Label.class).getText())
                .startsWith("v2 Less engagement is now the active model (was v1 Default health model)");
    }

    @Test
    void theLastWeightedCategoryCannotBeDraggedToZeroAndTheScreenSaysWhy(FxRobot robot) throws Exception {
        waitForPreview();
        Slider adoption = robot.lookup("#weight-adoption").queryAs(Slider.class);
        robot.interact(() -> adoption.setValue(100));
        waitForPreview();
        Label share = robot.lookup("#share-adoption").queryAs(Label.class);
        assertThat(share.getText()).isEqualTo("100.0%");
        // The whole figure shows, not "100...." cut short.
        assertThat(share.getWidth()).isGreaterThanOrEqualTo(share.prefWidth(-1) - 0.5);
        Label refusal = robot.lookup("#tuning-weight-refusal").queryAs(Label.class);
        assertThat(refusal.isVisible()).isFalse();

        robot.interact(() -> {
            adoption.setValueChanging(true);
            adoption.setValue(0);
            adoption.setValueChanging(false);
        });
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(viewModel.percentages()).containsExactly(100.0, 0.0, 0.0, 0.0);
        assertThat(refusal.isVisible()).isTrue();
        assertThat(refusal.getText()).startsWith("Adoption is the only category with any weight");
        assertThat(refusal.getStyleClass()).contains("bw-error");
        assertThat(adoption.getValue()).as("the slider put back").isEqualTo(100.0);
        assertThat(robot.lookup("#share-engagement").queryAs(Label.class).getText()).isEqualTo("0.0%");
    }

    @Test
    void aVersionOfAnotherShapeRebuildsTheWeightRows(FxRobot robot) throws Exception {
        waitForPreview();
        robot.clickOn("#lock-adoption");
        assertThat(viewModel.locked()).containsExactly("adoption");
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode tree =
                (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(com.bellwether.scoring.HealthModel.defaultModel().toJson());
        for (com.fasterxml.jackson.databind.JsonNode category : tree.get("categories")) {
            if (category.get("id").asText().equals("support")) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) category).put("label", "Service desk");
            }
        }
        com.bellwether.scoring.HealthModel renamed = com.bellwether.scoring.HealthModel.parse(json.writeValueAsString(tree), "renamed");
        com.bellwether.scoring.SavedModels.save(new com.bellwether.store.ModelVersionStore(database), renamed,
                "Renamed support", "", "test", true);

        robot.interact(() -> viewModel.load(com.bellwether.app.Workspace.of(database), portfolio, portfolio.lastDataDate()));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> viewModel.savedProperty().get() != null
                && viewModel.savedProperty().get().number() == 2);
        waitForPreview();

        assertThat(robot.lookup("#tuning-weights").lookup(".label").queryAllAs(Label.class).stream().map(Label::getText))
                .contains("Service desk").doesNotContain("Support");
        assertThat(viewModel.locked()).containsExactly("adoption");
        assertThat(robot.lookup("#lock-adoption").queryAs(javafx.scene.control.ToggleButton.class).isSelected())
                .as("the new row shows the lock still held").isTrue();
        Slider support = robot.lookup("#weight-support").queryAs(Slider.class);
        robot.interact(() -> support.setValue(60));
        waitForPreview();
        assertThat(viewModel.dirtyProperty().get()).isTrue();
    }

    @Test
    void beforeAnyPortfolioIsScoredTheScreenSaysWhatToDo(FxRobot robot) throws Exception {
        waitForPreview();
        TuningViewModel unloaded = new TuningViewModel(BACKGROUND, PREVIEWS, Platform::runLater);
        robot.interact(() -> stage.setScene(new Scene(new TuningView(unloaded, dialogs).root(), 1024, 700)));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup("#tuning-empty").query().isVisible()).isTrue();
        assertThat(robot.lookup("#tuning-empty .label").queryAllAs(Label.class).stream().map(Label::getText))
                .contains("Nothing to tune yet").anySatisfy(text -> assertThat(text).contains("Import data on the Data screen"));
        assertThat(shown(robot.lookup("#tuning-save").query())).isFalse();
    }

    /** Whether the node and every parent of it are visible. */
    private static boolean shown(javafx.scene.Node node) {
        for (javafx.scene.Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }
}
