package com.bellwether.ui;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;

import javafx.application.Platform;

import com.bellwether.app.TaskExecutor;

/**
 * The workbench's way to run long work: one background thread, results told on the FX thread. A cancel asks and
 * never interrupts (see {@link com.bellwether.app.BackgroundJob}), so shutting down lets the running work finish
 * where it polls.
 */
public final class FxTaskExecutor implements TaskExecutor {

    private final ExecutorService background;

    public FxTaskExecutor(String threadName) {
        this.background = Workbench.thread(threadName);
    }

    @Override
    public Executor background() {
        return background;
    }

    @Override
    public Executor results() {
        return Platform::runLater;
    }

    /** Takes no new work; no interrupt, since one during the database's file I/O would close the file under its other connections. */
    public void shutdown() {
        background.shutdown();
    }
}
