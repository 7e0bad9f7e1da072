package com.bellwether.ui;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.bellwether.app.TeamChange;
import com.bellwether.app.Workspace;

/**
 * Notices what other people change in the database the workbench has open (on a team server: another workbench's
 * saved version, activation, alert status, adjustment or import) by asking the workspace every few seconds, on a
 * thread of its own, and lists the changes until the user reads everything again with {@link #reload()}.
 */
public final class TeamWatch {

    private static final Logger LOG = LoggerFactory.getLogger(TeamWatch.class);

    private final Workbench workbench;
    private final ScheduledExecutorService timer;
    private final ObservableList<TeamChange> changes = FXCollections.observableArrayList();

    private TeamWatch(Workbench workbench, ScheduledExecutorService timer) {
        this.workbench = workbench;
        this.timer = timer;
    }

    /** Starts asking every {@code seconds} seconds, the first time at once (which takes the database as seen). */
    public static TeamWatch start(Workbench workbench, long seconds) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "bellwether-team-watch");
            thread.setDaemon(true);
            return thread;
        });
        TeamWatch watch = new TeamWatch(workbench, timer);
        timer.scheduleWithFixedDelay(watch::look, 0, seconds, TimeUnit.SECONDS);
        return watch;
    }

    /** Changes by others not yet read in (FX thread). */
    public ObservableList<TeamChange> changes() {
        return changes;
    }

    /** Asks once now (tests, and a user who wants to know at once). */
    public void lookNow() {
        timer.execute(this::look);
    }

    private void look() {
        Workspace workspace = workbench.data().openedWorkspace();
        if (workspace == null) {
            return;
        }
        try {
            List<TeamChange> found = workspace.changesByOthers();
            if (!found.isEmpty()) {
                Platform.runLater(() -> changes.addAll(found));
            }
        } catch (RuntimeException e) {
            // A server gone for a moment: the next look tries again.
            LOG.warn("Cannot ask {} what changed: {}", workspace.displayName(), e.getMessage());
        }
    }

    /**
     * Reads everything again: the counts and imports, then (as any new state of the database does) the portfolio
     * scored under the active version, the what-if, the backtest's input and the alerts.
     */
    public void reload() {
        Workspace workspace = workbench.data().openedWorkspace();
        changes.clear();
        if (workspace == null) {
            return;
        }
        workspace.forget();
        timer.execute(workspace::markSeen);
        workbench.data().refresh();
        // The counts may not have changed (a version activated, an alert acted on): the portfolio is read anyway.
        workbench.portfolio().load(workspace);
    }

    public void stop() {
        timer.shutdownNow();
    }
}
