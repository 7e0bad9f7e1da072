package com.bellwether.ui.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import com.bellwether.scoring.AccountScore;
import com.bellwether.scoring.HealthModel;
import com.bellwether.app.AdjustmentEntry;
import com.bellwether.ui.BellwetherApp;
import com.bellwether.ui.FakeDialogs;

/** The account screen on the sample data: an adjustment added through the form shows in the score and the trail. */
@ExtendWith(ApplicationExtension.class)
class AccountScreenTest {

    private static final ExecutorService BACKGROUND = Executors.newSingleThreadExecutor();
    private static AccountSample sample;

    private AccountViewModel viewModel;
    private final FakeDialogs dialogs = new FakeDialogs();

    @BeforeAll
    static void importSample() throws Exception {
        sample = AccountSample.imported();
    }

    @AfterAll
    static void stopBackground() {
        BACKGROUND.shutdownNow();
    }

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        viewModel = new AccountViewModel(BACKGROUND, HealthModel.defaultModel());
        viewModel.useWorkspace(com.bellwether.app.Workspace.of(sample.database));
        Scene scene = new Scene(new AccountView(viewModel, dialogs).root(), 1260, 820);
        scene.getStylesheets().add(BellwetherApp.class.getResource("bellwether.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    private void waitUntilIdle() throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> viewModel.scoreProperty().get() != null && !viewModel.busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void anAdjustmentAddedThroughTheFormShowsInTheScoreAndTheTrailAndCanBeRemoved(FxRobot robot) throws Exception {
        robot.interact(() -> viewModel.show(sample.portfolio, sample.accountId, AccountSample.AS_OF));
        waitUntilIdle();
        AccountScore before = viewModel.scoreProperty().get();
        Label score = robot.lookup("#account-score").queryAs(Label.class);
        assertThat(score.getText()).startsWith(String.format(java.util.Locale.ROOT, "%.0f ", before.score()));
        int trail = viewModel.audit().size();

        robot.clickOn("#tab-adjustments");
        Button add = robot.lookup("#adjustment-add").queryButton();
        assertThat(add.isDisabled()).isTrue();
        robot.doubleClickOn("#adjustment-points .text-field").write("10").type(KeyCode.ENTER);
        assertThat(add.isDisabled()).as("no reason yet").isTrue();
        robot.clickOn("#adjustment-reason").write("Executive sponsor confirmed the renewal");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(add.isDisabled()).isFalse();
        robot.clickOn(add);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> viewModel.adjustmentsChangedProperty().get() == 1);
        waitUntilIdle();

        TableView<?> audit = robot.lookup("#account-audit").queryAs(TableView.class);
        assertThat(audit.getItems()).hasSize(trail + 1);
        AdjustmentEntry added = (AdjustmentEntry) audit.getItems().get(0);
        assertThat(added.added()).isTrue();
        assertThat(added.points()).isEqualTo(10);
        assertThat(added.reason()).isEqualTo("Executive sponsor confirmed the renewal");
        assertThat(score.getText()).startsWith(String.format(java.util.Locale.ROOT, "%.0f ", before.score() + 10));
        assertThat(robot.lookup("#account-score-detail").queryAs(Label.class).getText())
                .startsWith(String.format(java.util.Locale.ROOT, "computed %.0f · CSM adjustment +10", before.baseScore()));
        assertThat(robot.lookup("#account-adjustments").queryAs(TableView.class).getItems()).isNotEmpty();

        Button remove = robot.lookup(".bw-remove-adjustment").queryAllAs(Button.class).stream()
                .filter(b -> b.getParent() instanceof TableCell<?, ?> cell && cell.getItem() instanceof AccountViewModel.AdjustmentRow row
                        && row.note().date().equals(AccountSample.AS_OF) && row.note().adjustment() == 10)
                .findFirst().orElseThrow();
        robot.clickOn(remove);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> viewModel.adjustmentsChangedProperty().get() == 2);
        waitUntilIdle();

        assertThat(dialogs.confirmations).singleElement().asString().startsWith("Remove the adjustment: Remove the adjustment of +10");
        assertThat(audit.getItems()).hasSize(trail + 2);
        assertThat(((AdjustmentEntry) audit.getItems().get(0)).added()).isFalse();
        assertThat(score.getText()).startsWith(String.format(java.util.Locale.ROOT, "%.0f ", before.score()));
    }

    @Test
    void eachAdjustmentSaysWhetherItWasRightBesideItAndInTheTrail(FxRobot robot) throws Exception {
        // An account of the sample with an adjustment down whose horizon has passed.
        com.bellwether.scoring.Portfolio portfolio = sample.portfolio;
        com.bellwether.backtest.AdjustmentReview.Verdict judged = com.bellwether.backtest.AdjustmentReview
                .verdicts(HealthModel.defaultModel(), portfolio, 90, null, () -> false).stream()
                .filter(v -> v.verdict().equals(com.bellwether.backtest.AdjustmentReview.RIGHT) && v.adjustment() < 0)
                .filter(v -> portfolio.isLive(portfolio.indexOf(v.accountId()), AccountSample.AS_OF))
                .findFirst().orElseThrow();
        robot.interact(() -> viewModel.show(portfolio, judged.accountId(), AccountSample.AS_OF));
        waitUntilIdle();
        robot.clickOn("#tab-adjustments");
        WaitForAsyncUtils.waitForFxEvents();

        TableView<?> list = robot.lookup("#account-adjustments").queryAs(TableView.class);
        @SuppressWarnings("unchecked")
        TableColumn<Object, String> outcome = (TableColumn<Object, String>) list.getColumns().stream()
                .filter(c -> "account-adjustment-outcome".equals(c.getId())).findFirst().orElseThrow();
        Object row = list.getItems().stream().filter(r -> ((AccountViewModel.AdjustmentRow) r).note().date().equals(judged.date())
                && ((AccountViewModel.AdjustmentRow) r).note().author().equals(judged.author())).findFirst().orElseThrow();
        assertThat(outcome.getCellData(row)).isEqualTo(judged.text()).startsWith("right: churned ");

        // An adjustment added today is judged once its horizon has passed: in the trail, not yet.
        robot.doubleClickOn("#adjustment-points .text-field").write("-5").type(KeyCode.ENTER);
        robot.clickOn("#adjustment-reason").write("Champion on leave");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#adjustment-add");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> viewModel.adjustmentsChangedProperty().get() == 1);
        waitUntilIdle();
        TableView<?> audit = robot.lookup("#account-audit").queryAs(TableView.class);
        @SuppressWarnings("unchecked")
        TableColumn<Object, String> trailOutcome = (TableColumn<Object, String>) audit.getColumns().stream()
                .filter(c -> "account-audit-outcome".equals(c.getId())).findFirst().orElseThrow();
        assertThat(trailOutcome.getCellData(audit.getItems().get(0)))
                .isEqualTo("horizon not passed yet (ends " + AccountSample.AS_OF.plusDays(90) + ")");
    }

    @Test
    void theScoreChartIsSavedAndCopiedAsAPictureFromItsRightClickMenu(FxRobot robot,
                                                                     @org.junit.jupiter.api.io.TempDir java.nio.file.Path folder)
            throws Exception {
        robot.interact(() -> viewModel.show(sample.portfolio, sample.accountId, AccountSample.AS_OF));
        waitUntilIdle();
        java.nio.file.Path file = folder.resolve("score.png");
        dialogs.saveTo = file;

        com.bellwether.ui.ChartMenus.choose(robot, "#account-history", "Save chart as PNG…");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> viewModel.messageProperty().get().startsWith("Wrote "));
        java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(file.toFile());
        assertThat(png.getWidth()).isEqualTo(com.bellwether.ui.ChartPicture.WIDTH * com.bellwether.ui.ChartPicture.SCALE);
        assertThat(robot.lookup("#account-history").query().getParent()).as("the chart is back in its card").isNotNull();

        com.bellwether.ui.ChartMenus.choose(robot, "#account-history", "Copy chart");
        javafx.scene.image.Image copied = WaitForAsyncUtils.asyncFx(
                () -> javafx.scene.input.Clipboard.getSystemClipboard().getImage()).get();
        assertThat(copied).isNotNull();
        assertThat(copied.getHeight()).isEqualTo(com.bellwether.ui.ChartPicture.HEIGHT * com.bellwether.ui.ChartPicture.SCALE);
    }

    @Test
    void theOtherSectionsShowTheChangeAndTheSignals(FxRobot robot) throws Exception {
        robot.interact(() -> viewModel.show(sample.portfolio, sample.accountId, AccountSample.AS_OF));
        waitUntilIdle();

        robot.clickOn("#tab-why");
        robot.clickOn("#compare");
        waitUntilIdle();
        assertThat(robot.lookup("#change-summary").queryAs(Label.class).getText())
                .startsWith("From " + AccountSample.AS_OF.minusDays(30) + " to " + AccountSample.AS_OF);
        assertThat(robot.lookup("#change-table").queryAs(TableView.class).getItems()).hasSizeGreaterThan(4);

        robot.clickOn("#tab-signals");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".bw-signal-chart").queryAll()).hasSize(sample.portfolio.metrics().size() + 3);
        assertThat(robot.lookup("#account-categories").queryAs(javafx.scene.layout.GridPane.class).getChildren())
                .hasSize(4 * HealthModel.defaultModel().categories().size());
    }

    @Test
    void aPickerFindsAnAccountByIdAndBackToTodayReturnsFromAnEarlierDay(FxRobot robot) throws Exception {
        LocalDate earlier = AccountSample.AS_OF.minusMonths(6);
        robot.interact(() -> viewModel.show(sample.portfolio, sample.accountId, earlier));
        waitUntilIdle();
        Button today = robot.lookup("#account-back-to-today").queryButton();
        assertThat(viewModel.todayProperty().get()).isEqualTo(sample.portfolio.asOfDate());
        assertThat(today.isVisible()).as("an earlier day is shown").isTrue();
        assertThat(today.getText()).isEqualTo("Back to today (" + sample.portfolio.asOfDate() + ")");

        robot.clickOn(today);
        waitUntilIdle();
        assertThat(viewModel.asOfProperty().get()).isEqualTo(sample.portfolio.asOfDate());
        assertThat(robot.lookup("#account-facts").queryAs(Label.class).getText()).contains(sample.portfolio.asOfDate().toString());
        assertThat(today.isVisible()).as("today is shown").isFalse();

        com.bellwether.domain.Account other = sample.portfolio.accounts().stream()
                .filter(a -> !a.accountId().equals(sample.accountId)).skip(7).findFirst().orElseThrow();
        robot.clickOn("#account-picker");
        robot.write(other.accountId()).type(KeyCode.ENTER);
        waitUntilIdle();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> viewModel.scoreProperty().get() != null
                && other.accountId().equals(viewModel.scoreProperty().get().accountId()) && !viewModel.busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#account-title").queryAs(Label.class).getText()).isEqualTo(viewModel.scoreProperty().get().name());
        assertThat(robot.lookup("#account-facts").queryAs(Label.class).getText()).startsWith(other.accountId() + " · ");
    }

    @Test
    void aRefusedAdjustmentIsAnErrorBesideTheFormAndIsClearedWhenAnotherAccountOpens(FxRobot robot) throws Exception {
        robot.interact(() -> viewModel.show(sample.portfolio, sample.accountId, AccountSample.AS_OF));
        waitUntilIdle();
        robot.clickOn("#tab-adjustments");
        Label problem = robot.lookup("#adjustment-problem").queryAs(Label.class);
        // Beyond the model's bound: said, with the bound, and not cut to it.
        robot.doubleClickOn("#adjustment-points .text-field").write("25").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        int bound = (int) Math.floor(viewModel.adjustmentBoundProperty().get());
        assertThat(viewModel.adjustmentPointsProperty().get()).isEqualTo(25);
        assertThat(problem.getText()).isEqualTo("+25 is beyond the model's bound: at most " + bound + " points either way.");
        assertThat(problem.getPseudoClassStates()).extracting(Object::toString).contains("error");
        assertThat(robot.lookup("#adjustment-add").queryButton().isDisabled()).isTrue();

        robot.doubleClickOn("#adjustment-points .text-field").write("5").type(KeyCode.ENTER);
        robot.clickOn("#adjustment-reason").write("Renewal call went well");
        robot.clickOn("#adjustment-add");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> viewModel.adjustmentsChangedProperty().get() == 1);
        waitUntilIdle();
        try {
            // The same author on the same day again: the database refuses it.
            robot.doubleClickOn("#adjustment-points .text-field").write("5").type(KeyCode.ENTER);
            robot.clickOn("#adjustment-reason").write("Second thoughts");
            robot.clickOn("#adjustment-add");
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !viewModel.adjustmentErrorProperty().get().isEmpty());
            waitUntilIdle();

            Label error = robot.lookup("#adjustment-error").queryAs(Label.class);
            assertThat(error.isVisible()).isTrue();
            assertThat(error.getText()).startsWith("The adjustment was not added: ").contains("already has an adjustment");
            assertThat(error.getStyleClass()).contains(AccountView.ERROR_TEXT);
            assertThat(robot.lookup("#account-message").queryAs(Label.class).getText()).as("the header keeps to the account")
                    .doesNotContain("not added");
            assertThat(robot.lookup("#account-title").queryAs(Label.class).isVisible()).isTrue();

            String other = sample.portfolio.accounts().stream().map(com.bellwether.domain.Account::accountId)
                    .filter(id -> !id.equals(sample.accountId)).findFirst().orElseThrow();
            robot.interact(() -> viewModel.open(other));
            waitUntilIdle();
            assertThat(viewModel.adjustmentErrorProperty().get()).isEmpty();
            assertThat(error.isVisible()).isFalse();
        } finally {
            robot.interact(() -> viewModel.show(sample.portfolio, sample.accountId, AccountSample.AS_OF));
            waitUntilIdle();
            long changed = viewModel.adjustmentsChangedProperty().get();
            robot.interact(() -> viewModel.removeAdjustment(new com.bellwether.domain.Note(sample.accountId, AccountSample.AS_OF,
                    com.bellwether.scoring.SavedModels.currentAuthor(), 5, "", null)));
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> viewModel.adjustmentsChangedProperty().get() == changed + 1);
            waitUntilIdle();
        }
    }

    @Test
    void withNoScoreOnTheEarlierDateWhyItChangedShowsOnlyItsMessage(FxRobot robot) throws Exception {
        robot.interact(() -> viewModel.show(sample.portfolio, sample.accountId, AccountSample.AS_OF));
        waitUntilIdle();
        robot.clickOn("#tab-why");
        LocalDate beforeAnyData = sample.portfolio.firstDataDate().minusYears(1);
        robot.interact(() -> viewModel.compareFromProperty().set(beforeAnyData));
        robot.clickOn("#compare");
        waitUntilIdle();

        assertThat(robot.lookup("#change-summary").queryAs(Label.class).getText())
                .isEqualTo("There is no score on " + beforeAnyData
                        + ", so there is nothing to compare: choose dates on which the account was live.");
        assertThat(viewModel.changeRows()).isEmpty();
        assertThat(robot.lookup("#change-parts").query().isVisible()).as("no table of empty parts").isFalse();

        robot.interact(() -> viewModel.compareFromProperty().set(AccountSample.AS_OF.minusDays(30)));
        robot.clickOn("#compare");
        waitUntilIdle();
        assertThat(robot.lookup("#change-parts").query().isVisible()).isTrue();
        assertThat(viewModel.changeRows()).hasSizeGreaterThan(4);
    }

    @Test
    void inTheDarkThemeADropDownHugsItsListWithNoRoomForAFrame(FxRobot robot) throws Exception {
        robot.interact(() -> viewModel.show(sample.portfolio, sample.accountId, AccountSample.AS_OF));
        waitUntilIdle();
        robot.interact(() -> Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerDark().getUserAgentStylesheet()));
        try {
            robot.clickOn("#account-picker");
            WaitForAsyncUtils.waitForFxEvents();
            javafx.scene.control.ListView<?> list = robot.lookup(".combo-box-popup > .list-view").queryAs(javafx.scene.control.ListView.class);
            assertThat(list.isVisible()).isTrue();
            // No shadow, so the popup's window is no larger than its bordered list: nothing around it to show white.
            assertThat(list.getEffect()).isNull();
            javafx.stage.Window popup = list.getScene().getWindow();
            assertThat(popup.getWidth()).isLessThanOrEqualTo(list.getWidth() + 1);
            assertThat(popup.getHeight()).isLessThanOrEqualTo(list.getHeight() + 1);
            robot.type(KeyCode.ESCAPE);
        } finally {
            robot.interact(() -> Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet()));
        }
    }
}
