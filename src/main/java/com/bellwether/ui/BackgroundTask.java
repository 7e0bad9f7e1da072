package com.bellwether.ui;

import javafx.concurrent.Task;

import com.bellwether.ingest.ImportProgress;

/** A task that engine work can report progress to and that answers the engine's "should I stop?". */
public abstract class BackgroundTask<T> extends Task<T> implements ImportProgress {

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
