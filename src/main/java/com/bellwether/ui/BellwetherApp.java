package com.bellwether.ui;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

import com.bellwether.scoring.Portfolio;
import com.bellwether.store.Database;
import com.bellwether.store.DatabaseLocation;
import com.bellwether.store.PortfolioReader;
import com.bellwether.ui.overview.OverviewViewModel;

/** The workbench window. */
public final class BellwetherApp extends Application {

    private static final String DB_PARAMETER = "db";

    private ExecutorService background;
    private ExecutorService previews;
    private Workbench workbench;

    /** Starts the JavaFX toolkit and opens the workbench on the given database (null: the default one). */
    public static void launchWorkbench(String database) {
        warmUp(database == null ? DatabaseLocation.defaultLocation() : DatabaseLocation.parse(database));
        if (database == null) {
            Application.launch(BellwetherApp.class);
        } else {
            Application.launch(BellwetherApp.class, "--" + DB_PARAMETER + "=" + database);
        }
    }

    /** What is read while the toolkit starts: the database, opened and held, and its portfolio. */
    private record WarmUp(DatabaseLocation location, Database database, Portfolio portfolio) {
    }

    /** Empty when there was nothing to warm up, or it failed (the window then meets and reports the problem). */
    private static volatile CompletableFuture<WarmUp> warmedUp = CompletableFuture.completedFuture(new WarmUp(null, null, null));

    /**
     * Opens the database and reads the portfolio while the toolkit starts, so that the first screen need not wait
     * for either; a problem is left for the window to meet and report.
     */
    static void warmUp(DatabaseLocation location) {
        CompletableFuture<WarmUp> warm = new CompletableFuture<>();
        warmedUp = warm;
        Thread thread = new Thread(() -> {
            Database database = null;
            try {
                StartupTrace.mark("opening the database");
                database = Database.open(location).holdOpen();
                StartupTrace.mark("database open, reading the portfolio");
                Portfolio portfolio = Portfolio.of(PortfolioReader.read(database));
                StartupTrace.mark("portfolio read");
                warm.complete(new WarmUp(location, database, portfolio));
            } catch (Throwable e) {
                warm.complete(new WarmUp(location, database, null));
            }
        }, "bellwether-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    /** The database opened at start-up if it is this one; null when it could not be opened there. */
    private static Database takeDatabase(DatabaseLocation location) {
        WarmUp warm = warmedUp.join();
        return location.equals(warm.location()) ? warm.database() : null;
    }

    /** The portfolio read at start-up from this database, once; null when there is none with accounts. */
    private static Portfolio takePortfolio(DatabaseLocation location) {
        WarmUp warm = warmedUp.join();
        warmedUp = CompletableFuture.completedFuture(new WarmUp(null, null, null));
        Portfolio portfolio = location.equals(warm.location()) ? warm.portfolio() : null;
        return portfolio == null || portfolio.size() == 0 ? null : portfolio;
    }

    @Override
    public void start(Stage stage) {
        String db = getParameters().getNamed().get(DB_PARAMETER);
        DatabaseLocation location = db == null ? DatabaseLocation.defaultLocation() : DatabaseLocation.parse(db);
        background = Workbench.thread("bellwether-background");
        previews = Workbench.thread("bellwether-preview");
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
        workbench = Workbench.create(location, background, previews, dialogs);
        show(stage, workbench, settings, dialogs);
    }

    /** Builds the scene on a stage; tests call this on a stage of their own. */
    public static MainWindow show(Stage stage, Workbench workbench, WorkbenchSettings settings, Dialogs dialogs) {
        StartupTrace.mark("toolkit started");
        applyTheme(settings.darkTheme());
        OverviewViewModel viewModel = workbench.data();
        // The database opens in the background while the screens are built; what it finds reaches them through
        // the FX thread, after this method has returned.
        viewModel.open(() -> takeDatabase(viewModel.location()));
        workbench.portfolio().load(viewModel::openedDatabase, () -> takePortfolio(viewModel.location()));
        StartupTrace.mark("building the window");
        MainWindow window = new MainWindow(workbench, settings, dialogs);
        StartupTrace.mark("window built");
        Scene scene = new Scene(window.root(), 1400, 860);
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

    @Override
    public void stop() {
        if (background != null) {
            background.shutdownNow();
            previews.shutdownNow();
        }
        if (workbench != null && workbench.data().openedDatabase() != null) {
            workbench.data().openedDatabase().release();
        }
    }
}
