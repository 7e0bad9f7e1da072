package com.bellwether.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import com.bellwether.app.WorkspaceLocation;
import com.bellwether.store.DatabaseLocation;
import com.bellwether.ui.help.GuidedTour;
import com.bellwether.ui.help.HelpWindow;
import com.bellwether.ui.help.Term;

/** The Help menu of the main window, F1, and the guided tour offered on a first start only. */
@ExtendWith(ApplicationExtension.class)
class HelpScreenTest {

    private static final ExecutorService BACKGROUND = Executors.newSingleThreadExecutor();
    private static final ExecutorService PREVIEWS = Executors.newSingleThreadExecutor();

    @TempDir
    Path home;

    private Workbench workbench;
    private MainWindow window;
    private Stage stage;
    private final FakeDialogs dialogs = new FakeDialogs();

    @AfterAll
    static void stopBackground() {
        BACKGROUND.shutdownNow();
        PREVIEWS.shutdownNow();
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        // An empty database of this test's own: the window is what is looked at, not data.
        WorkspaceLocation location = new WorkspaceLocation(new DatabaseLocation("jdbc:h2:file:" + home.resolve("empty"), false));
        workbench = Workbench.create(location, BACKGROUND, PREVIEWS, dialogs);
        // As the tests and the screenshot tour open it: settings of a first start, and no tour for all that.
        window = BellwetherApp.show(stage, workbench, WorkbenchSettings.inMemory(), dialogs);
    }

    @AfterEach
    void closeTheDatabase() throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !workbench.data().busyProperty().get()
                && !workbench.portfolio().busyProperty().get());
        java.util.concurrent.CompletableFuture.runAsync(() -> { }, BACKGROUND).get(60, TimeUnit.SECONDS);
        if (workbench.data().openedWorkspace() != null) {
            workbench.data().openedWorkspace().release();
        }
    }

    private void idle() throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !workbench.data().busyProperty().get()
                && workbench.data().summaryProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void theWindowAsTestsOpenItShowsNoTourAndATourIsOfferedOnTheFirstStartOnly(FxRobot robot) throws Exception {
        idle();
        GuidedTour tour = window.help().tour();
        assertThat(tour.isShowing()).as("no tour unless the launcher offers it").isFalse();

        WorkbenchSettings settings = WorkbenchSettings.inMemory();
        assertThat(settings.tourSeen()).isFalse();
        robot.interact(() -> window.offerTourOnFirstStart(settings));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(tour.isShowing()).isTrue();
        assertThat(tour.stepProperty().get()).isZero();
        assertThat(settings.tourSeen()).isTrue();
        assertThat(robot.lookup("#tour-count").queryAs(Label.class).getText()).isEqualTo("1 of " + GuidedTour.STEPS.size());
        assertThat(selected(robot)).isEqualTo("nav-portfolio");

        robot.clickOn("#tour-next");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(tour.stepProperty().get()).isEqualTo(1);
        assertThat(selected(robot)).isEqualTo("nav-account");
        assertThat(robot.lookup("#tour-text").queryAs(Label.class).getText()).isEqualTo(GuidedTour.STEPS.get(1).text());

        robot.clickOn("#tour-skip");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(tour.isShowing()).isFalse();
        assertThat(selected(robot)).isEqualTo("nav-portfolio");

        // The next start with the same settings: no tour.
        robot.interact(() -> window.offerTourOnFirstStart(settings));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(tour.isShowing()).isFalse();

        // The Help menu takes it again, to its end.
        robot.clickOn("#help-menu").clickOn("#help-tour");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(tour.isShowing()).isTrue();
        assertThat(tour.stepProperty().get()).isZero();
        for (int i = 1; i < GuidedTour.STEPS.size(); i++) {
            robot.clickOn("#tour-next");
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(tour.stepProperty().get()).isEqualTo(i);
            assertThat(selected(robot)).isEqualTo(GuidedTour.STEPS.get(i).screenId());
        }
        assertThat(robot.lookup("#tour-next").queryButton().getText()).isEqualTo("Done");
        robot.clickOn("#tour-next");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(tour.isShowing()).isFalse();
    }

    @Test
    void f1OpensTheGlossaryAtTheTermUnderThePointerAndItsSearchFilters(FxRobot robot) throws Exception {
        idle();
        robot.clickOn("#nav-portfolio");
        WaitForAsyncUtils.waitForFxEvents();
        Node atRiskTile = robot.lookup(".bw-figure").queryAll().stream().skip(3).findFirst().orElseThrow();

        robot.moveTo(atRiskTile).press(KeyCode.F1).release(KeyCode.F1);
        WaitForAsyncUtils.waitForFxEvents();

        HelpWindow help = window.help().window();
        assertThat(help.stage().isShowing()).isTrue();
        assertThat(help.stage().getScene().lookup("#help-tabs")).isInstanceOfSatisfying(TabPane.class,
                tabs -> assertThat(tabs.getSelectionModel().getSelectedItem().getId()).isEqualTo("help-tab-glossary"));
        @SuppressWarnings("unchecked")
        ListView<Term> terms = (ListView<Term>) help.stage().getScene().lookup("#help-terms");
        assertThat(terms.getSelectionModel().getSelectedItem()).isEqualTo(Term.ARR_AT_RISK);
        assertThat(terms.getItems()).hasSize(Term.values().length);

        TextField search = (TextField) help.stage().getScene().lookup("#help-search");
        robot.interact(() -> search.setText("harmonic"));
        assertThat(terms.getItems()).containsExactly(Term.F1);
        assertThat(((Label) help.stage().getScene().lookup("#help-count")).getText()).isEqualTo("1 term");
        robot.interact(() -> search.setText("churn rate"));
        assertThat(terms.getItems()).contains(Term.CHURN_RATE, Term.CHURN_RATE_PER_BAND, Term.AVERAGE_PRECISION)
                .doesNotContain(Term.F1);
        robot.interact(() -> help.stage().hide());

        // Over nothing explained, F1 opens the glossary at its start.
        robot.moveTo("#nav-data").press(KeyCode.F1).release(KeyCode.F1);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(help.stage().isShowing()).isTrue();
        assertThat(search.getText()).isEqualTo("churn rate");
        robot.interact(() -> help.stage().hide());
    }

    @Test
    void theHelpMenuShowsTheShortcutsAndAboutWithTheVersionLicencesAndTheDatasetCredit(FxRobot robot) throws Exception {
        idle();
        robot.clickOn("#help-menu").clickOn("#help-about");
        WaitForAsyncUtils.waitForFxEvents();

        HelpWindow help = window.help().window();
        assertThat(help.stage().isShowing()).isTrue();
        TabPane tabs = (TabPane) help.stage().getScene().lookup("#help-tabs");
        assertThat(tabs.getSelectionModel().getSelectedItem().getId()).isEqualTo("help-tab-about");
        assertThat(robot.from(tabs).lookup("#help-about-version").queryAs(Label.class).getText())
                .isEqualTo("Bellwether " + HelpWindow.version());
        assertThat(robot.from(tabs).lookup("#help-about-credits").queryAs(Label.class).getText())
                .contains("RavenStack").contains("River @ Rivalytics");
        assertThat(HelpWindow.aboutText()).contains("H2 Database Engine: MPL 2.0 or EPL 1.0")
                .contains("OpenJFX (JavaFX): GPL 2.0 with the Classpath Exception");

        robot.interact(() -> help.stage().hide());
        robot.clickOn("#help-menu").clickOn("#help-shortcuts");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(tabs.getSelectionModel().getSelectedItem().getId()).isEqualTo("help-tab-shortcuts");
        robot.interact(() -> help.stage().hide());
    }

    private static String selected(FxRobot robot) {
        return robot.lookup(".bw-rail-button").queryAllAs(ToggleButton.class).stream()
                .filter(ToggleButton::isSelected).map(Node::getId).findFirst().orElse(null);
    }
}
