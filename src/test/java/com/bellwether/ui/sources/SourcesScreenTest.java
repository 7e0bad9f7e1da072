package com.bellwether.ui.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.stage.Stage;

import atlantafx.base.theme.PrimerLight;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import com.bellwether.app.Workspace;
import com.bellwether.app.WorkspaceLocation;
import com.bellwether.ingest.BundleImporter;
import com.bellwether.ingest.ImportProgress;
import com.bellwether.sample.GeneratorSettings;
import com.bellwether.sample.SampleGenerator;
import com.bellwether.ui.FakeDialogs;
import com.bellwether.ui.overview.OverviewView;
import com.bellwether.ui.overview.OverviewViewModel;

/** The Data screen's Sources tab on a stage: empty at first, a folder source added through the form, synced. */
@ExtendWith(ApplicationExtension.class)
class SourcesScreenTest {

    private static final ExecutorService BACKGROUND = Executors.newSingleThreadExecutor();

    @TempDir
    Path dir;

    private final FakeDialogs dialogs = new FakeDialogs();
    private OverviewViewModel data;
    private SourcesViewModel sources;

    @AfterAll
    static void stopBackground() {
        BACKGROUND.shutdownNow();
    }

    @Start
    void start(Stage stage) throws Exception {
        Path bundle = Files.createDirectories(dir.resolve("bundle"));
        new SampleGenerator(GeneratorSettings.defaults().withAccounts(20).withMonths(12)).writeTo(bundle);
        WorkspaceLocation location = WorkspaceLocation.parse(dir.resolve("db").toString());
        assertThat(Workspace.open(location).importBundle(BundleImporter.Request.canonical(bundle), ImportProgress.NONE)
                .succeeded()).isTrue();

        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        data = new OverviewViewModel(location, BACKGROUND, dialogs);
        sources = new SourcesViewModel(data.workspaceProperty(), BACKGROUND, dialogs);
        OverviewView screen = new OverviewView(data, () -> { }, new SourcesView(sources).root());
        stage.setScene(new Scene(screen.root(), 1100, 700));
        stage.show();
        data.open();
    }

    @AfterEach
    void release() throws Exception {
        java.util.concurrent.CompletableFuture.runAsync(() -> { }, BACKGROUND).get(60, TimeUnit.SECONDS);
        if (data.openedWorkspace() != null) {
            data.openedWorkspace().release();
        }
    }

    private void waitUntilIdle() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !sources.busyProperty().get() && !data.busyProperty().get());
        // Quick reads (the log) queued behind the work, and their results on the FX thread.
        java.util.concurrent.CompletableFuture.runAsync(() -> { }, BACKGROUND).get(60, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aFolderSourceIsAddedThroughTheFormAndSynced(FxRobot robot) throws Exception {
        waitUntilIdle();
        robot.clickOn("Sources");
        Label empty = robot.lookup("#sources-empty").queryAs(Label.class);
        assertThat(empty.isVisible()).isTrue();
        assertThat(empty.getText()).isEqualTo(
                "No sources yet. Add a folder that exports are dropped into, or a query over your database.");

        Path drop = Files.createDirectories(dir.resolve("drop"));
        robot.clickOn("#source-add-empty");
        robot.clickOn("#source-name").write("usage");
        dialogs.folder = drop;
        robot.clickOn("#source-browse-folder");
        robot.clickOn("#source-pattern").write("usage-*.csv");
        robot.clickOn("#source-schedule").write("soon");
        Label scheduleError = robot.lookup("#source-error-schedule").queryAs(Label.class);
        assertThat(scheduleError.isVisible()).isTrue();
        assertThat(scheduleError.getText()).startsWith("\"soon\" is not a duration");
        assertThat(robot.lookup("#source-save").queryAs(Button.class).isDisabled()).isTrue();
        robot.doubleClickOn("#source-schedule").write("15m");
        assertThat(scheduleError.isVisible()).isFalse();
        assertThat(robot.lookup("#source-save").queryAs(Button.class).isDisabled()).isFalse();
        robot.clickOn("#source-save");
        waitUntilIdle();

        TableView<?> table = robot.lookup("#sources").queryAs(TableView.class);
        assertThat(table.getItems()).hasSize(1);
        Files.writeString(drop.resolve("usage-1.csv"), """
                account_id,date,logins,sessions
                ACC-00001,2026-09-29,5,6
                ACC-00002,2026-09-30,7,8
                """);
        robot.clickOn("#source-sync");
        waitUntilIdle();

        ListView<?> results = robot.lookup("#sync-results").queryAs(ListView.class);
        assertThat(results.isVisible()).isTrue();
        assertThat(results.getItems()).first().asString().startsWith("usage: 2 new rows from 1 file; 2 accounts re-scored");
        assertThat(robot.lookup("#source-log").queryAs(TableView.class).getItems()).hasSize(1);
        assertThat(robot.lookup("#source-cancel").queryAs(Button.class).isVisible()).isFalse();
        assertThat(dialogs.errors).isEmpty();
    }
}
