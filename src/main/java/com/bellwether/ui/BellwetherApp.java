package com.bellwether.ui;

import java.util.concurrent.CompletableFuture;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

import com.bellwether.scoring.Portfolio;
import com.bellwether.app.Workspace;
import com.bellwether.app.WorkspaceLocation;
import com.bellwether.ui.overview.OverviewViewModel;

/** The workbench window. */
public final class BellwetherApp extends Application {

    private static final String DB_PARAMETER = "db";

    private FxTaskExecutor background;
    private FxTaskExecutor previews;
    private Workbench workbench;

    /** Starts the JavaFX toolkit and opens the workbench on the given database (null: the default one). */
    public static void launchWorkbench(String database) {
        warmUp(database == null ? WorkspaceLocation.defaultLocation() : WorkspaceLocation.parse(database));
        if (database == null) {
            Application.launch(BellwetherApp.class);
        } else {
            Application.launch(BellwetherApp.class, "--" + DB_PARAMETER + "=" + database);
        }
    }

    /**
     * What is read while the toolkit starts: the database, opened and held, and its portfolio, each handed over
     * once, to the window opened on the same database.
     */
    private static final class WarmUp {
        private final WorkspaceLocation location;
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private Workspace database;
        private Portfolio portfolio;

        WarmUp(WorkspaceLocation location) {
            this.location = location;
        }

        /** The database opened at start-up if it is this one, once; null when it could not be opened there. */
        Workspace takeDatabase(WorkspaceLocation wanted) {
            done.join();
            synchronized (this) {
                Workspace taken = database;
                database = null;
                if (taken != null && !wanted.equals(location)) {
                    taken.release();
                    return null;
                }
                return taken;
            }
        }

        /** The portfolio read at start-up from this database, once; null when there is none with accounts. */
        Portfolio takePortfolio(WorkspaceLocation wanted) {
            done.join();
            synchronized (this) {
                Portfolio taken = portfolio;
                portfolio = null;
                return wanted.equals(location) && taken != null && taken.size() > 0 ? taken : null;
            }
        }

        /** Lets go of a database opened at start-up that no window took. */
        synchronized void releaseUnclaimed() {
            if (done.isDone() && database != null) {
                database.release();
                database = null;
            }
        }
    }

    /** The start-up's reading, or null when there was none. */
    private static volatile WarmUp warmedUp;

    /**
     * Opens the database and reads the portfolio while the toolkit starts, so that the first screen need not wait
     * for either; a problem is left for the window to meet and report.
     */
    static void warmUp(WorkspaceLocation location) {
        WarmUp warm = new WarmUp(location);
        warmedUp = warm;
        Thread thread = new Thread(() -> {
            try {
                // A first start finds the ready sample in place of the default database.
                if (com.bellwether.app.SampleDatabase.install(location)) {
                    StartupTrace.mark("the ready sample installed");
                }
                StartupTrace.mark("opening the database");
                Workspace database = Workspace.openHeld(location);
                synchronized (warm) {
                    warm.database = database;
                }
                StartupTrace.mark("database open, reading the portfolio");
                Portfolio portfolio = database.readPortfolio();
                StartupTrace.mark("portfolio read");
                synchronized (warm) {
                    warm.portfolio = portfolio;
                }
            } catch (Throwable e) {
                // Whatever happened, the window is not kept waiting: it opens and reads for itself, and reports.
                org.slf4j.LoggerFactory.getLogger(BellwetherApp.class).warn("Reading the database at start-up failed", e);
            } finally {
                warm.done.complete(null);
            }
        }, "bellwether-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    static Workspace takeDatabase(WorkspaceLocation location) {
        WarmUp warm = warmedUp;
        return warm == null ? null : warm.takeDatabase(location);
    }

    static Portfolio takePortfolio(WorkspaceLocation location) {
        WarmUp warm = warmedUp;
        return warm == null ? null : warm.takePortfolio(location);
    }

    @Override
    public void start(Stage stage) {
        String db = getParameters().getNamed().get(DB_PARAMETER);
        WorkspaceLocation location = db == null ? WorkspaceLocation.defaultLocation() : WorkspaceLocation.parse(db);
        background = new FxTaskExecutor("bellwether-background");
        previews = new FxTaskExecutor("bellwether-preview");
        WorkbenchSettings settings = WorkbenchSettings.userPreferences();
        double[] bounds = settings.windowBounds();
        if (bounds != null) {
            stage.setX(bounds[0]);
            stage.setY(bounds[1]);
            stage.setWidth(bounds[2]);
            stage.setHeight(bounds[3]);
        }
        stage.setOnCloseRequest(e -> settings.windowBounds(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight()));
        FxDialogs dialogs = new FxDialogs(stage);
        workbench = Workbench.create(location, background.background(), previews.background(), dialogs);
        MainWindow window = show(stage, workbench, settings, dialogs);
        // The guided tour on a first start; -Dbellwether.tour=off leaves it out (a scripted run, say).
        if (!"off".equals(System.getProperty("bellwether.tour"))) {
            window.offerTourOnFirstStart(settings);
        }
        // Others' changes to the same database (a team server, or a file another workbench has open) are noticed.
        teamWatch = TeamWatch.start(workbench, CHANGES_EVERY_SECONDS);
        window.showChanges(teamWatch);
        // Scheduled sources are synced when due while the window is open.
        sourceSchedule = com.bellwether.ui.sources.SourceSchedule.start(workbench.sources());
    }

    /** Builds the scene on a stage; tests call this on a stage of their own. */
    public static MainWindow show(Stage stage, Workbench workbench, WorkbenchSettings settings, Dialogs dialogs) {
        StartupTrace.mark("toolkit started");
        applyTheme(settings.darkTheme());
        OverviewViewModel viewModel = workbench.data();
        workbench.link(settings);
        // The database opens in the background while the screens are built; what it finds reaches them through
        // the FX thread, after this method has returned.
        viewModel.open(() -> takeDatabase(viewModel.location()));
        workbench.portfolio().load(viewModel::openedWorkspace, () -> takePortfolio(viewModel.location()));
        StartupTrace.mark("building the window");
        MainWindow window = new MainWindow(workbench, settings, dialogs);
        StartupTrace.mark("window built");
        // The preferred size, cut to the screen: on a small laptop the window must not run off it.
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(window.root(), Math.min(1400, screen.getWidth()), Math.min(860, screen.getHeight()));
        scene.getStylesheets().add(BellwetherApp.class.getResource("bellwether.css").toExternalForm());
        stage.setTitle("Bellwether — " + viewModel.location().displayName());
        stage.setScene(scene);
        if (StartupTrace.isOn()) {
            StartupTrace.afterNextLayout(scene, () -> StartupTrace.mark("first layout pulse"));
            workbench.portfolio().totalsProperty().addListener((o, old, totals) -> {
                if (old == null && totals != null) {
                    StartupTrace.afterNextLayout(scene, () -> StartupTrace.mark("the portfolio's figures on screen"));
                }
            });
        }
        stage.show();
        StartupTrace.mark("stage shown");
        return window;
    }

    /** AtlantaFX Primer, light or dark. */
    public static void applyTheme(boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }

    /** How often the workbench asks the database what others changed. */
    private static final long CHANGES_EVERY_SECONDS = 5;
    private TeamWatch teamWatch;
    private com.bellwether.ui.sources.SourceSchedule sourceSchedule;

    @Override
    public void stop() {
        if (teamWatch != null) {
            teamWatch.stop();
        }
        if (sourceSchedule != null) {
            sourceSchedule.stop();
        }
        if (background != null) {
            // No interrupt: one during the database's file I/O would close the file under its other connections.
            background.shutdown();
            previews.shutdown();
        }
        if (workbench != null && workbench.data().openedWorkspace() != null) {
            workbench.data().openedWorkspace().release();
        }
        WarmUp warm = warmedUp;
        if (warm != null) {
            warm.releaseUnclaimed();
        }
    }
}
