package com.bellwether.ui;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javafx.application.Platform;

import com.bellwether.app.Workspace;
import com.bellwether.backtest.Backtester;
import com.bellwether.scoring.Band;
import com.bellwether.scoring.HealthModel;
import com.bellwether.scoring.Portfolio;
import com.bellwether.app.WorkspaceLocation;
import com.bellwether.ui.account.AccountViewModel;
import com.bellwether.ui.alerts.AlertsViewModel;
import com.bellwether.ui.backtest.BacktestViewModel;
import com.bellwether.ui.effects.EffectsViewModel;
import com.bellwether.ui.importer.ImportViewModel;
import com.bellwether.ui.overview.OverviewViewModel;
import com.bellwether.ui.portfolio.PortfolioViewModel;
import com.bellwether.ui.sources.SourcesViewModel;
import com.bellwether.ui.tuning.TuningViewModel;

/** The view models of every screen, made together on one background executor. */
public record Workbench(OverviewViewModel data, PortfolioViewModel portfolio, AccountViewModel account,
                        TuningViewModel tuning, BacktestViewModel backtest, ImportViewModel importer, AlertsViewModel alerts,
                        SourcesViewModel sources, EffectsViewModel effects) {

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
                new AlertsViewModel(background, Platform::runLater),
                new SourcesViewModel(data.workspaceProperty(), background, dialogs),
                new EffectsViewModel(background, Platform::runLater));
    }

    /**
     * How the screens' data follow each other: the opened workspace and the active model reach the account screen;
     * an adjustment there re-scores that account on the portfolio screen; the portfolio scored is what tuning,
     * alerts and the backtest start from; a saved version, a new import or another database re-scores the
     * portfolio; what was seen on the alerts screen is remembered per database. Called once, before the window.
     */
    public void link(WorkbenchSettings settings) {
        data.workspaceProperty().addListener((o, old, db) -> {
            if (db != null) {
                account.useWorkspace(db);
            }
        });
        portfolio.modelProperty().addListener((o, old, model) -> account.useModel(model));
        account.adjustmentsChangedProperty().addListener((o, old, n) -> {
            if (data.workspaceProperty().get() != null) {
                portfolio.rescoreAccount(data.workspaceProperty().get(), account.accountId());
            }
        });
        // "New" alerts are new since the last visit, in this run or an earlier one.
        String seenKey = data.location().displayName();
        alerts.seenBefore(settings.alertsSeenUpTo(seenKey));
        alerts.seenUpToProperty().addListener((o, old, id) -> settings.alertsSeenUpTo(seenKey, id.longValue()));
        // What an import wrote is counted again, and the counts changing re-score the portfolio.
        importer.importedProperty().addListener((o, old, summary) -> data.refresh());
        // A sync that imported something is followed as an import is; none is started by the schedule meanwhile.
        sources.importsProperty().addListener((o, old, n) -> data.refresh());
        sources.pauseWhile(importer.busyProperty().or(data.busyProperty()));
        // The alerts follow the portfolio scored, one account's adjustment too (taking it is cheap).
        portfolio.totalsProperty().addListener((o, old, totals) -> {
            Workspace workspace = data.workspaceProperty().get();
            if (totals != null && totals.asOf() != null && portfolio.portfolio() != null && workspace != null) {
                alerts.load(workspace, portfolio.portfolio(), portfolio.model(), totals.asOf());
            }
        });
        // The what-if and the backtest start from the active model over the portfolio just read and scored; they
        // take in a CSM adjustment at the next load (an import, a saved or activated version, another database), since
        // preparing them again means scoring every account at every cut-off.
        portfolio.loadsProperty().addListener((o, old, n) -> {
            Workspace workspace = data.workspaceProperty().get();
            PortfolioViewModel.Totals totals = portfolio.totalsProperty().get();
            if (totals != null && totals.asOf() != null && portfolio.portfolio() != null && workspace != null) {
                tuning.load(workspace, portfolio.portfolio(), totals.asOf());
                // Every other saved version can be drawn beside the active one.
                List<Backtester.NamedModel> saved = portfolio.versions().stream()
                        .filter(v -> !v.active())
                        .map(v -> new Backtester.NamedModel(v.label(), v.model()))
                        .toList();
                backtest.useWorkspace(workspace);
                effects.use(workspace, portfolio.model());
                backtest.setPortfolio(portfolio.portfolio(), portfolio.model(), saved);
            }
        });
        tuning.savedHeadlineProperty().addListener((o, old, headline) -> {
            if (headline != null) {
                portfolio.churnRatesProperty().set(new PortfolioViewModel.ChurnRates(headline.bandRates().rate(Band.RED),
                        headline.bandRates().rate(Band.YELLOW), headline.bandRates().rate(Band.GREEN), tuning.horizonDays()));
            }
        });
        // A new active version re-scores the portfolio already read under it.
        tuning.savedVersionProperty().addListener((o, old, version) -> {
            Workspace workspace = data.workspaceProperty().get();
            if (version != null && workspace != null) {
                Portfolio read = portfolio.portfolio();
                portfolio.load(() -> workspace, () -> read);
            }
        });
        // Every new state of the database (imported into) is scored again; the first, when the database opens, is
        // scored by a load queued right behind the opening.
        data.summaryProperty().addListener((o, old, summary) -> {
            if (old != null && data.workspaceProperty().get() != null) {
                portfolio.load(data.workspaceProperty().get());
            }
        });
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
