package com.bellwether.ui;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

import com.bellwether.store.DatabaseLocation;
import com.bellwether.scoring.HealthModel;
import com.bellwether.ui.account.AccountViewModel;
import com.bellwether.ui.portfolio.PortfolioViewModel;
import com.bellwether.ui.overview.OverviewViewModel;

/** The workbench window. */
public final class BellwetherApp extends Application {

    private static final String DB_PARAMETER = "db";

    private ExecutorService background;

    /** Starts the JavaFX toolkit and opens the workbench on the given database (null: the default one). */
    public static void launchWorkbench(String database) {
        if (database == null) {
            Application.launch(BellwetherApp.class);
        } else {
            Application.launch(BellwetherApp.class, "--" + DB_PARAMETER + "=" + database);
        }
    }

    @Override
    public void start(Stage stage) {
        String db = getParameters().getNamed().get(DB_PARAMETER);
        DatabaseLocation location = db == null ? DatabaseLocation.defaultLocation() : DatabaseLocation.parse(db);
        background = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "bellwether-background");
            thread.setDaemon(true);
            return thread;
        });
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
        HealthModel model = HealthModel.defaultModel();
        show(stage, new OverviewViewModel(location, background, dialogs), new PortfolioViewModel(background, model),
                new AccountViewModel(background, model), settings, dialogs);
    }

    /** Builds the scene on a stage; tests call this on a stage of their own. */
    public static void show(Stage stage, OverviewViewModel viewModel, PortfolioViewModel portfolio,
                            AccountViewModel account, WorkbenchSettings settings, Dialogs dialogs) {
        applyTheme(settings.darkTheme());
        MainWindow window = new MainWindow(viewModel, portfolio, account, settings, dialogs);
        Scene scene = new Scene(window.root(), 1400, 860);
        scene.getStylesheets().add(BellwetherApp.class.getResource("bellwether.css").toExternalForm());
        stage.setTitle("Bellwether — " + viewModel.location().displayName());
        stage.setScene(scene);
        stage.show();
        viewModel.open();
    }

    /** AtlantaFX Primer, light or dark. */
    static void applyTheme(boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }

    @Override
    public void stop() {
        if (background != null) {
            background.shutdownNow();
        }
    }
}
