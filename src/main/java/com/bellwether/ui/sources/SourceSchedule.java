package com.bellwether.ui.sources;

import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javafx.application.Platform;

/**
 * While the workbench is open, looks every half minute whether a scheduled source is due and, on the FX thread, lets
 * the view model start its sync in the background; the look itself does no work. Stopped when the window closes.
 */
public final class SourceSchedule {

    /** How often the schedule looks for sources that are due. */
    public static final long EVERY_SECONDS = 30;

    private final ScheduledExecutorService timer;

    private SourceSchedule(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** Starts looking, the first time shortly after the window opened. */
    public static SourceSchedule start(SourcesViewModel sources) {
        return start(sources, Platform::runLater, 5, EVERY_SECONDS);
    }

    static SourceSchedule start(SourcesViewModel sources, Executor fx, long firstSeconds, long everySeconds) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "bellwether-source-schedule");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(() -> fx.execute(sources::syncDue), firstSeconds, everySeconds, TimeUnit.SECONDS);
        return new SourceSchedule(timer);
    }

    /** Stops looking; a sync already under way goes on to its end. */
    public void stop() {
        timer.shutdownNow();
    }
}
