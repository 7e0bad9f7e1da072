package com.bellwether.ui;

import javafx.concurrent.Task;

import com.bellwether.ingest.ImportProgress;

/**
 * A task that engine work can report progress to and that answers the engine's "should I stop?". A cancel is asked
 * for, never forced: the work stops where it polls, and its thread is not interrupted, since an interrupt during
 * the database's file I/O closes the file under every other connection.
 */
public abstract class BackgroundTask<T> extends Task<T> implements ImportProgress {

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        return super.cancel(false);
    }

    /** The failure's stack trace goes to the log; the screen shows its message. */
    @Override
    protected void failed() {
        org.slf4j.LoggerFactory.getLogger(BackgroundTask.class).warn("Background work failed", getException());
    }

    @Override
    public void update(String step, double fraction) {
        updateMessage(step);
        if (fraction < 0) {
            updateProgress(-1, 1);
        } else {
            updateProgress(Math.min(1, fraction), 1);
        }
    }
}
