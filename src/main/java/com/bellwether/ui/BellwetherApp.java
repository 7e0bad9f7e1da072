package com.bellwether.ui;

import java.util.concurrent.ExecutorService;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

import com.bellwether.store.DatabaseLocation;
import com.bellwether.ui.overview.OverviewViewModel;

/** The workbench window. */
public final class BellwetherApp extends Application {

    private static final String DB_PARAMETER = "db";

    private ExecutorService background;
    private ExecutorService previews;

    /** Starts the JavaFX toolkit and opens the workbench on the given database (null: the default one). */
    public static void launchWorkbench(String database) {
        warmUp(database == null ? DatabaseLocation.defaultLocation() : DatabaseLocation.parse(database));
        if (database == null) {
            Application.launch(BellwetherApp.class);
        } else {
            Application.launch(BellwetherApp.class, "--" + DB_PARAMETER + "=" + database);
        }
    }

    /** The portfolio read while the toolkit starts; empty when there was none to read or reading failed. */
    private static volatile java.util.concurrent.CompletableFuture<com.bellwether.scoring.Portfolio> preloaded =
            java.util.concurrent.CompletableFuture.completedFuture(null);

    /**
     * Opens the database and reads the portfolio while the toolkit starts, so that the first screen need not wait
     * for either; a problem is left for the window to meet and report.
     */
    static void warmUp(DatabaseLocation location) {
        java.util.concurrent.CompletableFuture<com.bellwether.scoring.Portfolio> portfolio = new java.util.concurrent.CompletableFuture<>();
        preloaded = portfolio;
        Thread warm = new Thread(() -> {
            try {
                com.bellwether.store.Database database = com.bellwether.store.Database.open(location);
                portfolio.complete(com.bellwether.scoring.Portfolio.of(com.bellwether.store.PortfolioReader.read(database)));
            } catch (Throwable e) {
                // Whatever happened, the window is not kept waiting: it reads the portfolio itself.
                portfolio.complete(null);
            }
        }, "bellwether-warm-up");
        warm.setDaemon(true);
        warm.start();
    }

    /** Hands over the portfolio read at start-up, once; null when there is none with accounts. */
    private static com.bellwether.scoring.Portfolio takePreloaded() {
        java.util.concurrent.CompletableFuture<com.bellwether.scoring.Portfolio> taken = preloaded;
        preloaded = java.util.concurrent.CompletableFuture.completedFuture(null);
        com.bellwether.scoring.Portfolio portfolio = taken.join();
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
        show(stage, Workbench.create(location, background, previews, dialogs), settings, dialogs);
    }

    /** Builds the scene on a stage; tests call this on a stage of their own. */
    public static MainWindow show(Stage stage, Workbench workbench, WorkbenchSettings settings, Dialogs dialogs) {
        applyTheme(settings.darkTheme());
        OverviewViewModel viewModel = workbench.data();
        // The database opens in the background while the screens are built; what it finds reaches them through
        // the FX thread, after this method has returned.
        viewModel.open();
        workbench.portfolio().load(viewModel::openedDatabase, BellwetherApp::takePreloaded);
        MainWindow window = new MainWindow(workbench, settings, dialogs);
        Scene scene = new Scene(window.root(), 1400, 860);
        scene.getStylesheets().add(BellwetherApp.class.getResource("bellwether.css").toExternalForm());
        stage.setTitle("Bellwether — " + viewModel.location().displayName());
        stage.setScene(scene);
        stage.show();
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
    }
}
