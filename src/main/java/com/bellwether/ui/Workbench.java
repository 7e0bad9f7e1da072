package com.bellwether.ui;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javafx.application.Platform;

import com.bellwether.scoring.HealthModel;
import com.bellwether.app.WorkspaceLocation;
import com.bellwether.ui.account.AccountViewModel;
import com.bellwether.ui.alerts.AlertsViewModel;
import com.bellwether.ui.backtest.BacktestViewModel;
import com.bellwether.ui.importer.ImportViewModel;
import com.bellwether.ui.overview.OverviewViewModel;
import com.bellwether.ui.portfolio.PortfolioViewModel;
import com.bellwether.ui.tuning.TuningViewModel;

/** The view models of every screen, made together on one background executor. */
public record Workbench(OverviewViewModel data, PortfolioViewModel portfolio, AccountViewModel account,
                        TuningViewModel tuning, BacktestViewModel backtest, ImportViewModel importer, AlertsViewModel alerts) {

    /**
     * @param background database, scoring and backtest work, one task at a time
     * @param previews   the tuning screen's re-scoring after each edit, so a long task never holds up a repaint
     */
    public static Workbench create(WorkspaceLocation location, Executor background, Executor previews, Dialogs dialogs) {
        HealthModel shipped = HealthModel.defaultModel();
        OverviewViewModel data = new OverviewViewModel(location, background, dialogs);
        return new Workbench(data, new PortfolioViewModel(background, shipped),
                new AccountViewModel(background, shipped), new TuningViewModel(background, previews, Platform::runLater),
                new BacktestViewModel(background, List.of()), new ImportViewModel(data.workspaceProperty(), background, dialogs),
                new AlertsViewModel(background, Platform::runLater));
    }

    /** A daemon thread of its own for each executor the workbench uses. */
    public static ExecutorService thread(String name) {
        return Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }
}
