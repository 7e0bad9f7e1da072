package com.bellwether.ui;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import com.bellwether.ui.account.AccountView;
import com.bellwether.ui.account.AccountViewModel;
import com.bellwether.ui.overview.OverviewView;
import com.bellwether.ui.overview.OverviewViewModel;
import com.bellwether.ui.portfolio.PortfolioView;
import com.bellwether.ui.portfolio.PortfolioViewModel;
import com.bellwether.ui.sources.SourcesView;
import com.bellwether.ui.alerts.AlertsView;
import com.bellwether.ui.alerts.AlertsViewModel;
import com.bellwether.ui.backtest.BacktestView;
import com.bellwether.ui.effects.EffectsView;
import com.bellwether.ui.effects.EffectsViewModel;
import com.bellwether.ui.importer.ImportView;
import com.bellwether.ui.importer.ImportViewModel;
import com.bellwether.ui.backtest.BacktestViewModel;
import com.bellwether.ui.tuning.TuningView;
import com.bellwether.ui.tuning.TuningViewModel;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The workbench's window: a navigation rail on the left, the chosen screen, and a status bar. It only navigates
 * (a screen asking to open an account shows the account screen); how the screens' data follow each other is
 * {@link Workbench#link}'s.
 */
public final class MainWindow {

    static final String RAIL = "bw-rail";
    static final String RAIL_BUTTON = "bw-rail-button";
    static final String STATUS_BAR = "bw-status-bar";

    private final BorderPane root = new BorderPane();
    private final HBox statusBar;
    private final PortfolioViewModel portfolioModel;
    private final OverviewViewModel dataModel;
    private final ToggleGroup screens = new ToggleGroup();
    private TuningView tuningView;
    private final com.bellwether.ui.help.HelpMenu help = new com.bellwether.ui.help.HelpMenu(
            new com.bellwether.ui.help.GuidedTour(id -> root.lookup("#" + id), this::showScreen),
            MainWindow.class.getResource("bellwether.css").toExternalForm());
    private Runnable buildOtherScreens;

    public MainWindow(Workbench workbench, WorkbenchSettings settings, Dialogs dialogs) {
        OverviewViewModel data = workbench.data();
        PortfolioViewModel portfolio = workbench.portfolio();
        portfolioModel = portfolio;
        dataModel = workbench.data();
        AccountViewModel account = workbench.account();
        TuningViewModel tuning = workbench.tuning();
        BacktestViewModel backtest = workbench.backtest();
        ImportViewModel importer = workbench.importer();
        AlertsViewModel alerts = workbench.alerts();
        EffectsViewModel effects = workbench.effects();
        Parent portfolioScreen = new PortfolioView(portfolio, dialogs).root();
        StartupTrace.mark("portfolio screen built");
        // The first screen is built now; the others right after the window's first frame, so it shows sooner.
        javafx.scene.layout.StackPane tuningScreen = new javafx.scene.layout.StackPane();
        javafx.scene.layout.StackPane accountScreen = new javafx.scene.layout.StackPane();
        javafx.scene.layout.StackPane backtestScreen = new javafx.scene.layout.StackPane();
        javafx.scene.layout.StackPane importScreen = new javafx.scene.layout.StackPane();
        javafx.scene.layout.StackPane alertsScreen = new javafx.scene.layout.StackPane();
        javafx.scene.layout.StackPane effectsScreen = new javafx.scene.layout.StackPane();
        buildOtherScreens = () -> {
            if (tuningView == null) {
                tuningView = new TuningView(tuning, dialogs);
                tuningScreen.getChildren().add(tuningView.root());
                accountScreen.getChildren().add(new AccountView(account, dialogs).root());
                backtestScreen.getChildren().add(new BacktestView(backtest, dialogs).root());
                importScreen.getChildren().add(new ImportView(importer).root());
                alertsScreen.getChildren().add(new AlertsView(alerts, dialogs).root());
                effectsScreen.getChildren().add(new EffectsView(effects).root());
            }
        };
        // Once the portfolio has its first figures on screen (or its scoring ended without them).
        portfolio.busyProperty().addListener((o, was, busy) -> javafx.application.Platform.runLater(buildOtherScreens));
        portfolio.totalsProperty().addListener((o, old, totals) -> javafx.application.Platform.runLater(buildOtherScreens));
        ToggleButton portfolioButton = railButton("Portfolio", Feather.PIE_CHART, "nav-portfolio", portfolioScreen);
        ToggleButton tuningButton = railButton("Tuning", Feather.SLIDERS, "nav-tuning", tuningScreen);
        ToggleButton backtestButton = railButton("Backtest", Feather.ACTIVITY, "nav-backtest", backtestScreen);
        ToggleButton accountButton = railButton("Account", Feather.USER, "nav-account", accountScreen);
        ToggleButton alertsButton = railButton("Alerts", Feather.BELL, "nav-alerts", alertsScreen);
        ToggleButton effectsButton = railButton("Effects", Feather.TRENDING_DOWN, "nav-effects", effectsScreen);
        ToggleButton importButton = railButton("Import", Feather.UPLOAD, "nav-import", importScreen);
        alerts.openRequestProperty().addListener((o, old, accountId) -> {
            if (accountId != null && portfolio.portfolio() != null && portfolio.totalsProperty().get() != null) {
                account.show(portfolio.portfolio(), accountId, portfolio.totalsProperty().get().asOf());
                screens.selectToggle(accountButton);
            }
        });
        // New alerts since the screen was last seen are announced without getting in the way.
        alerts.newSinceLastVisitProperty().addListener((o, old, count) -> {
            if (count.intValue() > old.intValue() && !alertsButton.isSelected() && root.getScene() != null) {
                org.controlsfx.control.Notifications.create()
                        .owner(root.getScene().getWindow())
                        .title("Bellwether")
                        .text(alerts.announcement())
                        .hideAfter(javafx.util.Duration.seconds(8))
                        .onAction(e -> screens.selectToggle(alertsButton))
                        .showInformation();
            }
        });
        Parent dataScreen = new OverviewView(data, () -> screens.selectToggle(importButton),
                new SourcesView(workbench.sources()).root()).root();
        ToggleButton dataButton = railButton("Data", Feather.DATABASE, "nav-data", dataScreen);
        portfolio.openedProperty().addListener((o, old, row) -> {
            if (row != null && portfolio.portfolio() != null) {
                // As of the portfolio's date: an account with stale data then shows so (scored as of its last day).
                var totals = portfolio.totalsProperty().get();
                account.show(portfolio.portfolio(), row.account().accountId(),
                        totals != null && totals.asOf() != null ? totals.asOf() : row.score().asOf());
                screens.selectToggle(accountButton);
            }
        });
        // A missed churn or a false alarm opens as of its cut-off.
        backtest.openRequestProperty().addListener((o, old, request) -> {
            if (request != null && backtest.portfolio() != null) {
                account.show(backtest.portfolio(), request.accountId(), request.asOf());
                screens.selectToggle(accountButton);
            }
        });
        tuning.openRequestProperty().addListener((o, old, accountId) -> {
            if (accountId != null && tuning.portfolio() != null && portfolio.totalsProperty().get() != null) {
                account.show(tuning.portfolio(), accountId, portfolio.totalsProperty().get().asOf());
                screens.selectToggle(accountButton);
            }
        });
        Label brand = new Label("Bellwether");
        brand.getStyleClass().add("bw-brand");
        ToggleButton dark = new ToggleButton("Dark theme");
        dark.setId("dark-theme");
        dark.setSelected(settings.darkTheme());
        dark.setMaxWidth(Double.MAX_VALUE);
        dark.selectedProperty().addListener((o, old, on) -> {
            settings.darkTheme(on);
            BellwetherApp.applyTheme(on);
        });
        Region push = new Region();
        VBox.setVgrow(push, Priority.ALWAYS);
        VBox rail = new VBox(6, brand, portfolioButton, tuningButton, backtestButton, accountButton, alertsButton, effectsButton, importButton, dataButton, push, dark, help.button());
        rail.getStyleClass().add(RAIL);
        rail.setPadding(new Insets(12, 8, 12, 8));
        root.setLeft(rail);
        statusBar = statusBar(data, portfolio, tuning);
        root.setBottom(statusBar);
        screens.selectedToggleProperty().addListener((o, old, selected) -> {
            if (selected == null) {
                screens.selectToggle(old);
            } else {
                if (selected.getUserData() != portfolioScreen) {
                    buildOtherScreens.run();
                }
                root.setCenter((Parent) selected.getUserData());
            }
        });
        // Every start, a first one included, lands on the portfolio; the data screen keeps its notice for a visit.
        screens.selectToggle(portfolioButton);
        root.sceneProperty().addListener((o, old, scene) -> {
            if (scene != null) {
                help.installKeys(scene);
                scene.getAccelerators().put(new KeyCodeCombination(KeyCode.DIGIT1, KeyCombination.SHORTCUT_DOWN),
                        () -> screens.selectToggle(portfolioButton));
                scene.getAccelerators().put(new KeyCodeCombination(KeyCode.DIGIT2, KeyCombination.SHORTCUT_DOWN),
                        () -> screens.selectToggle(tuningButton));
                scene.getAccelerators().put(new KeyCodeCombination(KeyCode.DIGIT3, KeyCombination.SHORTCUT_DOWN),
                        () -> screens.selectToggle(backtestButton));
                scene.getAccelerators().put(new KeyCodeCombination(KeyCode.DIGIT4, KeyCombination.SHORTCUT_DOWN),
                        () -> screens.selectToggle(accountButton));
                scene.getAccelerators().put(new KeyCodeCombination(KeyCode.DIGIT5, KeyCombination.SHORTCUT_DOWN),
                        () -> screens.selectToggle(alertsButton));
                scene.getAccelerators().put(new KeyCodeCombination(KeyCode.DIGIT6, KeyCombination.SHORTCUT_DOWN),
                        () -> screens.selectToggle(importButton));
                scene.getAccelerators().put(new KeyCodeCombination(KeyCode.DIGIT7, KeyCombination.SHORTCUT_DOWN),
                        () -> screens.selectToggle(dataButton));
                scene.getAccelerators().put(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN), () -> {
                    screens.selectToggle(tuningButton);
                    if (tuningView != null) {
                        tuningView.save();
                    }
                });
            }
        });
    }

    public Parent root() {
        return root;
    }

    /**
     * Tells in the status bar of changes others made to the database since it was read, with a link that reads
     * everything again.
     */
    public void showChanges(TeamWatch watch) {
        Label changed = new Label();
        changed.setId("status-changes");
        changed.getStyleClass().add("bw-changes");
        javafx.scene.control.Hyperlink reload = new javafx.scene.control.Hyperlink("Reload");
        reload.setId("status-reload");
        reload.setOnAction(e -> watch.reload());
        HBox notice = new HBox(6, new FontIcon(Feather.USERS), changed, reload);
        notice.setAlignment(Pos.CENTER_LEFT);
        notice.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(watch.changes()));
        notice.managedProperty().bind(notice.visibleProperty());
        watch.changes().addListener((javafx.collections.ListChangeListener<com.bellwether.app.TeamChange>) c -> {
            java.util.List<com.bellwether.app.TeamChange> all = watch.changes();
            changed.setText(all.isEmpty() ? "" : "Changed since read: " + all.get(all.size() - 1).text()
                    + (all.size() > 1 ? " (and " + (all.size() - 1) + " more)" : ""));
            javafx.scene.control.Tooltip.install(changed, new javafx.scene.control.Tooltip(all.stream()
                    .map(com.bellwether.app.TeamChange::text).collect(java.util.stream.Collectors.joining("\n"))));
        });
        statusBar.getChildren().add(1, notice);
        // What the figures on screen are as of: the last time the portfolio was read and scored.
        Label read = new Label();
        read.setId("status-read");
        portfolioModel.loadsProperty().addListener((o, old, n) -> {
            var model = portfolioModel.modelProperty().get();
            var info = dataModel.summaryProperty().get();
            String imported = info == null || info.recentImports().isEmpty() ? ""
                    : ", data of import " + info.recentImports().get(0).runId();
            read.setText("Read at " + java.time.LocalTime.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                    + imported + (model == null || model.version() == null ? "" : ", version " + model.version()));
        });
        read.visibleProperty().bind(notice.visibleProperty().not());
        read.managedProperty().bind(read.visibleProperty());
        statusBar.getChildren().add(2, read);
    }

    /** The Help menu, with the guided tour and the help window. */
    public com.bellwether.ui.help.HelpMenu help() {
        return help;
    }

    /**
     * On the workbench's first start (as the settings remember it), takes the user on the guided tour once the
     * window shows; never again after, unless asked for from the Help menu.
     */
    public void offerTourOnFirstStart(WorkbenchSettings settings) {
        if (settings.tourSeen()) {
            return;
        }
        settings.tourSeen(true);
        javafx.application.Platform.runLater(() -> help.tour().start());
    }

    /** Shows the screen whose rail button has this id (nav-portfolio, nav-tuning, ...). */
    public void showScreen(String navId) {
        for (javafx.scene.control.Toggle toggle : screens.getToggles()) {
            if (navId.equals(((ToggleButton) toggle).getId())) {
                screens.selectToggle(toggle);
            }
        }
    }

    private ToggleButton railButton(String text, Feather icon, String id, Parent screen) {
        ToggleButton button = new ToggleButton(text, new FontIcon(icon));
        button.setAlignment(Pos.CENTER_LEFT);
        button.setId(id);
        button.setUserData(screen);
        button.setToggleGroup(screens);
        button.setMaxWidth(Double.MAX_VALUE);
        button.getStyleClass().add(RAIL_BUTTON);
        return button;
    }

    private static HBox statusBar(OverviewViewModel data, PortfolioViewModel portfolio, TuningViewModel tuning) {
        Label database = new Label("Database: " + data.location().displayName());
        database.setId("status-database");
        Label model = new Label();
        model.setId("status-model");
        model.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            var m = portfolio.modelProperty().get();
            String text = "Model: " + m.name() + (m.version() == null ? "" : " v" + m.version());
            return tuning.dirtyProperty().get() ? text + " · unsaved changes in Tuning" : text;
        }, portfolio.modelProperty(), tuning.dirtyProperty()));
        Label leftOut = new Label();
        leftOut.setId("status-left-out");
        leftOut.textProperty().bind(portfolio.leftOutProperty());
        leftOut.visibleProperty().bind(portfolio.leftOutProperty().isNotEmpty());
        leftOut.managedProperty().bind(leftOut.visibleProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(16, database, spacer, leftOut, model);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add(STATUS_BAR);
        return bar;
    }
}
