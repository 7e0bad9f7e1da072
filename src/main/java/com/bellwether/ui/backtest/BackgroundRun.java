package com.bellwether.ui.backtest;

import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Work run on the background executor whose outcome comes back through the UI executor (the FX thread in the
 * workbench, the calling thread in tests), so the view model needs no toolkit. A cancelled run reports nothing.
 */
final class BackgroundRun<T> implements Runnable {

    /** The work; it polls the given flag and throws {@link CancellationException} when it is set. */
    interface Work<T> {
        T call(java.util.function.BooleanSupplier cancelled) throws Exception;
    }

    private final Work<T> work;
    private final Executor ui;
    private final Consumer<T> succeeded;
    private final Consumer<Throwable> failed;
    private final AtomicBoolean cancelled = new AtomicBoolean();

    BackgroundRun(Work<T> work, Executor ui, Consumer<T> succeeded, Consumer<Throwable> failed) {
        this.work = work;
        this.ui = ui;
        this.succeeded = succeeded;
        this.failed = failed;
    }

    boolean isCancelled() {
        return cancelled.get();
    }

    void cancel() {
        cancelled.set(true);
    }

    @Override
    public void run() {
        if (isCancelled()) {
            return;
        }
        try {
            T result = work.call(this::isCancelled);
            ui.execute(() -> {
                if (!isCancelled()) {
                    succeeded.accept(result);
                }
            });
        } catch (CancellationException e) {
            // Whoever cancelled has already said so.
        } catch (Exception e) {
            ui.execute(() -> {
                if (!isCancelled()) {
                    failed.accept(e);
                }
            });
        }
    }
}
