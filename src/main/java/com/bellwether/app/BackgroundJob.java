package com.bellwether.app;

import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import com.bellwether.ingest.ImportCancelledException;
import com.bellwether.ingest.ImportProgress;

/**
 * Long work on a background executor whose progress and outcome come back through a UI executor (the FX thread in
 * the workbench, the calling thread in tests), so view models need no toolkit. Made by a {@link TaskExecutor}, the
 * one seam for long work; a cancel asks and never interrupts, since an interrupt during the database's file I/O
 * closes the file under every other connection. The engine reports to it and asks
 * it whether to stop. Progress is coalesced, so fast work does not flood the FX queue. Work that stops for a cancel
 * (or fails after one) is reported as cancelled; work that returned is reported as succeeded even when a cancel
 * came too late, since what it did is done (an import committed), and a view model that would rather drop the
 * result asks {@link #isCancelled()}.
 */
public final class BackgroundJob<T> implements ImportProgress, BooleanSupplier {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BackgroundJob.class);

    /** The work: reports to the job and stops when {@link BackgroundJob#isCancelled()} says so. */
    @FunctionalInterface
    public interface Work<T> {
        T call(BackgroundJob<?> job) throws Exception;
    }

    /** Progress as the UI shows it: a step and a fraction, negative while unknown. */
    @FunctionalInterface
    public interface Progress {
        void show(String step, double fraction);
    }

    private final Executor ui;
    private final Executor background;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final AtomicReference<Runnable> pendingProgress = new AtomicReference<>();
    private Progress progress = (step, fraction) -> { };
    private Consumer<T> succeeded = result -> { };
    private Consumer<Throwable> failed = error -> { };
    private Runnable whenCancelled = () -> { };

    /** A job told through {@code ui}, to be started on an executor given to {@link #start(Executor, Work)}. */
    public BackgroundJob(Executor ui) {
        this.ui = ui;
        this.background = null;
    }

    BackgroundJob(TaskExecutor executor) {
        this.ui = executor.results();
        this.background = executor.background();
    }

    public BackgroundJob<T> onProgress(Progress shown) {
        this.progress = shown;
        return this;
    }

    public BackgroundJob<T> onSucceeded(Consumer<T> handler) {
        this.succeeded = handler;
        return this;
    }

    public BackgroundJob<T> onFailed(Consumer<Throwable> handler) {
        this.failed = handler;
        return this;
    }

    /** Told, through the UI executor, when the work stopped for a cancel or failed after one. */
    public BackgroundJob<T> onCancelled(Runnable handler) {
        this.whenCancelled = handler;
        return this;
    }

    /** Hands the work to the executor; a refusal (an executor shut down) is reported as a failure. */
    public BackgroundJob<T> start(Executor background, Work<T> work) {
        try {
            background.execute(() -> run(work));
        } catch (RejectedExecutionException e) {
            LOG.warn("Background work refused", e);
            ui.execute(() -> failed.accept(e));
        }
        return this;
    }

    /** Hands the work to the background executor of the {@link TaskExecutor} that made this job. */
    public BackgroundJob<T> start(Work<T> work) {
        if (background == null) {
            throw new IllegalStateException("This job was not made by a TaskExecutor: start it on an executor");
        }
        return start(background, work);
    }

    public void cancel() {
        cancelled.set(true);
    }

    @Override
    public boolean isCancelled() {
        return cancelled.get();
    }

    @Override
    public boolean getAsBoolean() {
        return isCancelled();
    }

    @Override
    public void update(String step, double fraction) {
        Runnable show = () -> {
            if (!isCancelled()) {
                progress.show(step, fraction < 0 ? -1 : Math.min(1, fraction));
            }
        };
        if (pendingProgress.getAndSet(show) == null) {
            ui.execute(() -> pendingProgress.getAndSet(null).run());
        }
    }

    private void run(Work<T> work) {
        if (isCancelled()) {
            ui.execute(whenCancelled);
            return;
        }
        T result;
        try {
            result = work.call(this);
        } catch (CancellationException | ImportCancelledException e) {
            ui.execute(whenCancelled);
            return;
        } catch (Exception | Error e) {
            // Screens show one line; the log keeps the whole story.
            LOG.warn("Background work failed{}", isCancelled() ? " after a cancel" : "", e);
            ui.execute(() -> {
                if (isCancelled()) {
                    whenCancelled.run();
                } else {
                    failed.accept(e);
                }
            });
            return;
        }
        ui.execute(() -> succeeded.accept(result));
    }
}
