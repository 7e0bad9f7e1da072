package com.bellwether.ui.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
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

import com.bellwether.ui.FakeDialogs;
import com.bellwether.alerts.Alert;
import com.bellwether.alerts.AlertStatus;
import com.bellwether.alerts.AlertStore;

/** The alerts screen on the sample portfolio: evaluate, acknowledge a row, open its account. */
@ExtendWith(ApplicationExtension.class)
class AlertsScreenTest {

    private static final ExecutorService BACKGROUND = Executors.newSingleThreadExecutor();

    private static AlertsSample sample;

    private AlertsViewModel viewModel;

    /** The sample takes a while to import; before the stage, which the toolkit gives a time limit. */
    @BeforeAll
    static void importSample() throws Exception {
        sample = AlertsSample.imported();
    }

    @AfterAll
    static void stopExecutor() {
        BACKGROUND.shutdownNow();
    }

    @Start
    void start(Stage stage) throws Exception {
        sample.reset();
        javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
        viewModel = new AlertsViewModel(BACKGROUND, Platform::runLater);
        Scene scene = new Scene(new AlertsView(viewModel, new FakeDialogs()).root(), 1270, 860);
        scene.getStylesheets().add(com.bellwether.ui.BandPalette.class.getResource("bellwether.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
        viewModel.load(com.bellwether.app.Workspace.of(sample.database), sample.portfolio, sample.model, sample.asOf);
    }

    private TableView<Alert> evaluate(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !robot.lookup("#alerts-evaluate").queryButton().isDisabled());
        assertThat(robot.lookup("#alerts-acknowledge").queryButton().isDisabled()).as("nothing selected").isTrue();
        robot.clickOn("#alerts-evaluate");
        TableView<Alert> table = robot.lookup("#alerts-table").queryTableView();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !viewModel.busyProperty().get() && !table.getItems().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        return table;
    }

    private Node firstRow(FxRobot robot) {
        return robot.lookup("#alerts-table .table-row-cell")
                .match((javafx.scene.control.TableRow<?> row) -> row.getIndex() == 0).query();
    }

    @Test
    void acknowledgingTheSelectedAlertChangesItsStatusInTheTable(FxRobot robot) throws Exception {
        TableView<Alert> table = evaluate(robot);
        Alert first = table.getItems().get(0);
        assertThat(first.status()).isEqualTo(AlertStatus.NEW);
        assertThat(robot.from(firstRow(robot)).lookup(".bw-alert-status").queryAs(Labeled.class).getText()).isEqualTo("Open");

        robot.clickOn(firstRow(robot));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(viewModel.selectedProperty().get().id()).isEqualTo(first.id());
        assertThat(robot.lookup("#alerts-detail-headline").queryLabeled().getText()).isEqualTo(first.headline());
        Button acknowledge = robot.lookup("#alerts-acknowledge").queryButton();
        assertThat(acknowledge.isDisabled()).isFalse();

        robot.clickOn(acknowledge);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> table.getItems().get(0).status() == AlertStatus.ACKNOWLEDGED
                && !viewModel.busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.from(firstRow(robot)).lookup(".bw-alert-status").queryAs(Labeled.class).getText()).isEqualTo("In progress");
        assertThat(new AlertStore(sample.database, java.time.Clock.systemUTC()).get(first.id()).orElseThrow().status())
                .isEqualTo(AlertStatus.ACKNOWLEDGED);
        assertThat(table.getSelectionModel().getSelectedItem().id()).isEqualTo(first.id());
        assertThat(acknowledge.isDisabled()).as("already acknowledged").isTrue();
        assertThat(robot.lookup("#alerts-done").queryButton().isDisabled()).isFalse();
        // The detail lists the task's lifecycle: raised (open), then in progress by whoever acknowledged it.
        @SuppressWarnings("unchecked")
        javafx.scene.control.ListView<String> history = robot.lookup("#alerts-detail-history").queryAs(
                javafx.scene.control.ListView.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> history.getItems().size() == 2);
        assertThat(history.getItems().get(0)).startsWith("Open · raised by Bellwether · ");
        assertThat(history.getItems().get(1)).startsWith("In progress · ");
    }

    @Test
    void openAccountAsksForTheSelectedAccount(FxRobot robot) throws Exception {
        TableView<Alert> table = evaluate(robot);
        assertThat(robot.lookup("#alerts-open-account").queryButton().isDisabled()).isTrue();
        robot.clickOn(firstRow(robot));
        robot.clickOn("#alerts-open-account");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(viewModel.openRequestProperty().get()).isEqualTo(table.getItems().get(0).accountId());
    }

    @Test
    void aFirstVisitSaysWhatToDoWithTheButtonRightThere(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> viewModel.loadedProperty().get() && !viewModel.busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        TableView<Alert> table = robot.lookup("#alerts-table").queryTableView();
        assertThat(table.getItems()).isEmpty();
        assertThat(robot.lookup("#alerts-empty-title").queryLabeled().getText()).isEqualTo("No alerts evaluated yet");
        assertThat(robot.lookup("#alerts-empty-text").queryLabeled().getText())
                .startsWith("Alerts are raised when the active model's rules are applied to the portfolio as of " + sample.asOf);

        robot.clickOn("#alerts-evaluate-empty");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !viewModel.busyProperty().get() && !table.getItems().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(viewModel.recordedCountProperty().get()).isPositive();

        // Filters that hide every alert say so, not "evaluate".
        robot.interact(() -> viewModel.ownerFilterProperty().set("nobody at all"));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> table.getItems().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#alerts-empty-title").queryLabeled().getText()).isEqualTo("No alerts match these filters");
        assertThat(robot.lookup("#alerts-evaluate-empty").queryButton().isVisible()).isFalse();
    }

    @Test
    void rowsShowReadableRulesScoresThatAddUpAndSeveritiesThatFitTheBand(FxRobot robot) throws Exception {
        TableView<Alert> table = evaluate(robot);
        java.util.regex.Pattern row = java.util.regex.Pattern.compile("(\\d+\\.\\d) ← (\\d+\\.\\d)");
        java.util.regex.Pattern detail = java.util.regex.Pattern.compile(", was (\\d+\\.\\d) \\(\\w+\\): ([+−]?\\d+\\.\\d) points?");
        int compared = 0;
        for (Alert alert : table.getItems()) {
            String change = AlertsView.scoreChange(alert);
            java.util.regex.Matcher r = row.matcher(change);
            if (!r.matches()) {
                continue;
            }
            compared++;
            java.util.regex.Matcher d = detail.matcher(AlertsView.numbers(alert));
            assertThat(d.find()).as(AlertsView.numbers(alert)).isTrue();
            assertThat(d.group(1)).isEqualTo(r.group(2));
            double shown = Double.parseDouble(r.group(1)) - Double.parseDouble(r.group(2));
            assertThat(Double.parseDouble(d.group(2).replace('−', '-'))).as(change + " vs " + AlertsView.numbers(alert))
                    .isCloseTo(shown, org.assertj.core.data.Offset.offset(0.05));
            // A green account's alert is low; a yellow one's at most high.
            if ("green".equals(alert.band())) {
                assertThat(alert.severity()).isEqualTo(com.bellwether.alerts.Severity.LOW);
            } else if ("yellow".equals(alert.band())) {
                assertThat(alert.severity()).isNotEqualTo(com.bellwether.alerts.Severity.CRITICAL);
            }
        }
        assertThat(compared).isPositive();

        // Rules by their labels, the id kept in the tooltip.
        java.util.List<Labeled> ruleCells = robot.lookup("#alerts-table .table-row-cell .table-cell")
                .match((javafx.scene.control.TableCell<?, ?> cell) -> cell.getTableColumn().getText().equals("Rule")
                        && cell.getText() != null && !cell.getText().isBlank())
                .queryAllAs(Labeled.class).stream().toList();
        assertThat(ruleCells).isNotEmpty();
        java.util.Set<String> ids = java.util.Set.of("band-to-red", "score-drop", "new-urgent-action", "adjustment-expired");
        for (Labeled cell : ruleCells) {
            assertThat(ids).doesNotContain(cell.getText());
            Alert alert = (Alert) ((javafx.scene.control.TableCell<?, ?>) cell).getTableRow().getItem();
            assertThat(cell.getText()).isEqualTo(viewModel.ruleLabel(alert.ruleId()));
            assertThat(cell.getTooltip().getText()).isEqualTo(viewModel.ruleDescription(alert.ruleId()))
                    .endsWith(" (rule " + alert.ruleId() + ")");
        }
        assertThat(viewModel.ruleLabel("band-to-red")).isEqualTo("Fell into red");
        assertThat(viewModel.ruleDescription("band-to-red")).isEqualTo("Fell into red within 7 days (rule band-to-red)");
        assertThat(viewModel.ruleLabel("score-drop")).isEqualTo("Score fell 15+ points");
        assertThat(viewModel.ruleDescription("score-drop"))
                .isEqualTo("Score fell 15+ points in 30 days, beyond the portfolio's median drop (rule score-drop)");
        assertThat(viewModel.ruleLabel("new-urgent-action")).isEqualTo("New urgent or high action");
        assertThat(viewModel.ruleLabel("adjustment-expired")).isEqualTo("Adjustment expired");
    }

    @Test
    void theDismissDialogsReasonBoxIsWideAndItsReasonIsRecorded(FxRobot robot) throws Exception {
        TableView<Alert> table = evaluate(robot);
        robot.clickOn(firstRow(robot));
        WaitForAsyncUtils.waitForFxEvents();
        Alert first = table.getItems().get(0);
        javafx.stage.Window window = table.getScene().getWindow();
        Platform.runLater(() -> viewModel.dismiss(new com.bellwether.ui.FxDialogs(window)));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".dialog-pane .text-field").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();

        javafx.scene.control.TextField reason = robot.lookup(".dialog-pane .text-field").queryAs(javafx.scene.control.TextField.class);
        assertThat(reason.getWidth()).as("the reason box").isGreaterThan(300);
        assertThat(robot.lookup(".dialog-pane .label").queryAllAs(Labeled.class).stream().map(Labeled::getText))
                .anySatisfy(text -> assertThat(text).startsWith("Why is \"" + first.headline()));
        robot.clickOn(reason).write("Renewal signed yesterday");
        robot.clickOn(robot.lookup(".dialog-pane .button").match((Button b) -> "OK".equals(b.getText())).queryButton());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> new AlertStore(sample.database, java.time.Clock.systemUTC())
                .get(first.id()).orElseThrow().status() == AlertStatus.DISMISSED);
        assertThat(new AlertStore(sample.database, java.time.Clock.systemUTC()).get(first.id()).orElseThrow().statusReason())
                .isEqualTo("Renewal signed yesterday");
    }
}
