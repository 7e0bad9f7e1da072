package com.bellwether.bench;

import java.util.Locale;
import java.util.Map;

import com.bellwether.app.Workspace;
import com.bellwether.backtest.BacktestFrame;
import com.bellwether.backtest.BacktestSettings;
import com.bellwether.backtest.Suggestions;
import com.bellwether.scoring.HealthModel;

/**
 * Times {@code backtest --suggest-weights}'s search on a database (its active model, the default backtest
 * settings): the whole suggestion and the measure step within it, run after run. Run with
 * {@code java -cp target/test-classes:target/classes:$(cat target/benchmark-classpath.txt)
 * com.bellwether.bench.SuggestionTiming DB [RUNS]} (scripts/benchmark.sh writes the class path file).
 */
public final class SuggestionTiming {

    private SuggestionTiming() {
    }

    public static void main(String[] args) {
        Workspace workspace = Workspace.open(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        HealthModel model = workspace.activeModel();
        long built = System.nanoTime();
        BacktestFrame frame = workspace.backtest(model, BacktestSettings.defaults(), () -> false);
        System.out.printf(Locale.ROOT, "%d accounts, %d cut-offs, %,d points: frame built in %.2f s%n",
                frame.portfolio().size(), frame.cutoffs().size(), frame.population().length,
                (System.nanoTime() - built) / 1e9);
        for (int run = 1; run <= runs; run++) {
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long start = System.nanoTime();
            long cpuStart = threads.getCurrentThreadCpuTime();
            long[] measureStep = {0, 0};
            Suggestions.WeightSuggestion s = Suggestions.weights(frame, Map.of(), () -> false, (step, fraction) -> {
                if (measureStep[0] == 0 && step.startsWith("Measure weights")) {
                    measureStep[0] = System.nanoTime();
                    measureStep[1] = threads.getCurrentThreadCpuTime();
                }
            });
            long end = System.nanoTime();
            long cpuEnd = threads.getCurrentThreadCpuTime();
            System.out.printf(Locale.ROOT, "run %d: %.2f s in all (this thread's CPU %.2f s), of which the measure step"
                            + " %.2f s (CPU %.2f s; %d evaluations); categories %d evaluations%n", run, (end - start) / 1e9,
                    (cpuEnd - cpuStart) / 1e9, (end - measureStep[0]) / 1e9, (cpuEnd - measureStep[1]) / 1e9,
                    s.measures() == null ? 0 : s.measures().evaluations(), s.evaluations());
            if (run == 1) {
                System.out.println(Suggestions.summary(s));
            }
        }
    }
}
