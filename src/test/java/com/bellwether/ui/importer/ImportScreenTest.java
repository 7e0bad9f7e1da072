package com.bellwether.ui.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.stage.Stage;

import atlantafx.base.theme.PrimerLight;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import com.bellwether.ui.FakeDialogs;
import com.bellwether.ingest.BundleImporter;
import com.bellwether.ingest.ImportProblem;
import com.bellwether.ingest.ImportProgress;
import com.bellwether.ingest.TestDatabases;
import com.bellwether.store.Database;

/** The import screen on a stage: a folder with a bad file is imported, the problems are listed, nothing changes. */
@ExtendWith(ApplicationExtension.class)
class ImportScreenTest {

    private static final ExecutorService BACKGROUND = Executors.newSingleThreadExecutor();

    @TempDir
    Path dir;

    private Database database;
    private ImportViewModel viewModel;
    private final FakeDialogs dialogs = new FakeDialogs();

    @AfterAll
    static void stopBackground() {
        BACKGROUND.shutdownNow();
    }

    @Start
    void start(Stage stage) throws Exception {
        database = TestDatabases.fresh();
        Path base = Files.createDirectories(dir.resolve("base"));
        Files.writeString(base.resolve("accounts.csv"), "account_id,name\nA1,Acme Corp\nA2,Bolt Ltd\n");
        new BundleImporter(database).run(BundleImporter.Request.canonical(base), ImportProgress.NONE);

        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        viewModel = new ImportViewModel(com.bellwether.app.Workspace.of(database), BACKGROUND, dialogs);
        stage.setScene(new Scene(new ImportView(viewModel).root(), 1200, 760));
        stage.show();
    }

    private void waitUntilIdle() throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !viewModel.busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void importingABadFileListsTheProblemAndChangesNothing(FxRobot robot) throws Exception {
        Map<String, Long> before = TestDatabases.counts(database);
        Path bad = Files.createDirectories(dir.resolve("bad"));
        Files.writeString(bad.resolve("accounts.csv"), "account_id,name,renewal_date\nA3,Crane Co,2024-13-01\n");
        dialogs.folder = bad;
        assertThat(robot.lookup("#import").queryAs(Button.class).isDisabled()).as("nothing chosen yet").isTrue();

        robot.clickOn("#choose-folder");
        waitUntilIdle();

        assertThat(robot.lookup("#preview-files").queryAs(ListView.class).getItems()).hasSize(1);
        TableView<?> preview = robot.lookup("#preview-rows").queryAs(TableView.class);
        assertThat(preview.getColumns()).extracting(c -> c.getText()).containsExactly("account_id", "name", "renewal_date");
        assertThat(preview.getItems()).hasSize(1);
        assertThat(robot.lookup("#import").queryAs(Button.class).isDisabled()).isFalse();

        robot.clickOn("#import");
        waitUntilIdle();

        TableView<?> problems = robot.lookup("#problems").queryAs(TableView.class);
        assertThat(problems.getItems()).singleElement().isInstanceOfSatisfying(ImportProblem.class, problem -> {
            assertThat(problem.file()).isEqualTo("accounts.csv");
            assertThat(problem.line()).isEqualTo(2);
            assertThat(problem.column()).isEqualTo(3);
            assertThat(problem.field()).isEqualTo("renewal_date");
            assertThat(problem.value()).isEqualTo("2024-13-01");
            assertThat(problem.expected()).startsWith("an ISO-8601 date");
        });
        assertThat(problems.getColumns()).extracting(c -> c.getText())
                .containsExactly("File", "Line", "Column", "Field", "Value", "Expected");
        assertThat(robot.lookup("#sections").queryAs(TabPane.class).getSelectionModel().getSelectedItem().getText())
                .isEqualTo("Problems (1)");
        assertThat(robot.lookup("#outcome").queryAs(Label.class).getText()).isEqualTo("Nothing was imported: 1 problem found.");
        assertThat(robot.lookup("#import-cancel").queryAs(Button.class).isVisible()).isFalse();
        assertThat(TestDatabases.counts(database)).isEqualTo(before);
        assertThat(viewModel.importedProperty().get()).isNull();
        assertThat(dialogs.errors).isEmpty();
    }
}
