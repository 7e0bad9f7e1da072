package com.bellwether.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.Test;

/** The one seam for long work, run on the calling thread as commands and tests run it. */
class TaskExecutorTest {

    private final TaskExecutor executor = new SameThreadTaskExecutor();

    @Test
    void theOutcomeAndTheProgressAreToldBeforeStartReturns() {
        List<String> told = new ArrayList<>();

        executor.<Integer>job()
                .onProgress((step, fraction) -> told.add(step + " " + fraction))
                .onSucceeded(result -> told.add("done " + result))
                .start(job -> {
                    job.update("Counting", 0.5);
                    return 42;
                });

        assertThat(told).containsExactly("Counting 0.5", "done 42");
    }

    @Test
    void aFailureIsToldAsAFailure() {
        List<Throwable> failures = new ArrayList<>();

        executor.<Void>job().onFailed(failures::add).start(job -> {
            throw new IllegalStateException("broken");
        });

        assertThat(failures).singleElement().satisfies(e -> assertThat(e).hasMessage("broken"));
    }

    @Test
    void aCancelAsksAndTheWorkStopsWhereItPolls() {
        List<String> told = new ArrayList<>();
        BackgroundJob<String> job = executor.<String>job()
                .onSucceeded(told::add)
                .onCancelled(() -> told.add("cancelled"));

        job.start(running -> {
            running.cancel();
            if (running.isCancelled()) {
                throw new CancellationException();
            }
            return "finished";
        });

        assertThat(told).containsExactly("cancelled");
    }
}
