package com.bellwether.app;

import java.util.concurrent.Executor;

/**
 * The one way the application runs long work: where the work runs, and where its progress and outcome are told.
 * The workbench runs work on a background thread and tells the FX thread; commands and tests run both on the calling
 * thread ({@link SameThreadTaskExecutor}), so results are deterministic and no test waits.
 */
public interface TaskExecutor {

    /** Where database, file, scoring and backtest work runs. */
    Executor background();

    /** Where progress and outcomes are told: the thread that may touch what the user sees. */
    Executor results();

    /** A job whose progress and outcome are told through {@link #results()}, started on {@link #background()}. */
    default <T> BackgroundJob<T> job() {
        return new BackgroundJob<>(this);
    }
}
