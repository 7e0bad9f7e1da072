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
        assertThat(robot.from(firstRow(robot)).lookup(".bw-alert-status").queryAs(Labeled.class).getText()).isEqualTo("new");

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

        assertThat(robot.from(firstRow(robot)).lookup(".bw-alert-status").queryAs(Labeled.class).getText()).isEqualTo("acknowledged");
        assertThat(new AlertStore(sample.database, java.time.Clock.systemUTC()).get(first.id()).orElseThrow().status())
                .isEqualTo(AlertStatus.ACKNOWLEDGED);
        assertThat(table.getSelectionModel().getSelectedItem().id()).isEqualTo(first.id());
        assertThat(acknowledge.isDisabled()).as("already acknowledged").isTrue();
        assertThat(robot.lookup("#alerts-done").queryButton().isDisabled()).isFalse();
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
}
