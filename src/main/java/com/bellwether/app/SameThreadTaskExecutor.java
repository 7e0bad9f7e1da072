package com.bellwether.app;

import java.util.concurrent.Executor;

/** Runs work and tells its outcome on the calling thread: for commands, which have nothing else to do meanwhile, and tests. */
public final class SameThreadTaskExecutor implements TaskExecutor {

    private static final Executor CALLING_THREAD = Runnable::run;

    @Override
    public Executor background() {
        return CALLING_THREAD;
    }

    @Override
    public Executor results() {
        return CALLING_THREAD;
    }
}
