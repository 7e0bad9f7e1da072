package com.bellwether.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import com.bellwether.backtest.BacktestFrame;
import com.bellwether.backtest.BacktestReport;
import com.bellwether.backtest.BacktestSettings;
import com.bellwether.backtest.Backtester;
import com.bellwether.backtest.Suggestions;
import com.bellwether.ingest.BundleImporter;
import com.bellwether.ingest.ImportProgress;
import com.bellwether.sample.GeneratorSettings;
import com.bellwether.sample.SampleGenerator;
import com.bellwether.sample.UsageCadence;
import com.bellwether.scoring.HealthModel;
import com.bellwether.scoring.Portfolio;
import com.bellwether.store.Database;
import com.bellwether.store.DatabaseLocation;
import com.bellwether.store.PortfolioReader;

/**
 * The backtest on 10,000 accounts at 36 monthly cut-offs: the headline figures after a weight change (what a
 * slider move recomputes), the whole report without and with the false-positive and false-negative lists, and the
 * weight suggestion. Run with scripts/benchmark.sh BacktestBenchmark.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
public class BacktestBenchmark {

    private BacktestFrame frame;
    private HealthModel[] weightings;
    private int turn;

    @Setup(Level.Trial)
    public void buildFrame() throws IOException {
        Path generated = Files.createTempDirectory("bellwether-bench-backtest");
        LocalDate end = LocalDate.of(2026, 9, 30);
        new SampleGenerator(new GeneratorSettings(10_000, 40, 42, end, UsageCadence.WEEKLY)).writeTo(generated);
        Database database = Database.open(DatabaseLocation.parse(generated.resolve("bench").toString()));
        new BundleImporter(database).run(BundleImporter.Request.canonical(generated), ImportProgress.NONE);
        HealthModel model = HealthModel.defaultModel();
        BacktestSettings settings = new BacktestSettings(end.minusMonths(39), end.minusMonths(4), Period.ofMonths(1), 90,
                false, false, 10);
        frame = BacktestFrame.build(model, Portfolio.of(PortfolioReader.read(database)), settings, () -> false);
        if (frame.cutoffs().size() != 36) {
            throw new IllegalStateException("expected 36 cut-offs, got " + frame.cutoffs().size());
        }
        weightings = new HealthModel[] {
            model.withCategoryWeights(Map.of("adoption", 55.0, "engagement", 20.0)),
            model.withCategoryWeights(Map.of("adoption", 25.0, "support", 35.0))
        };
    }

    /** A slider move: re-scoring, then AUC, the confusion matrix at red, churn rate per band and lift. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    public BacktestFrame.Headline headlineAfterWeightChange() {
        return frame.withModel(weightings[turn++ & 1]).headline();
    }

    /** The whole report of the model (curves, per cut-off, segment and stage, lead time), without the lists of misses. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2, time = 3)
    @Measurement(iterations = 3, time = 3)
    public BacktestReport report() {
        return Backtester.report(frame, Backtester.Options.none().withoutLists().withoutBaselines(), () -> false);
    }

    /** The same with the two baselines scored and compared. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2, time = 3)
    @Measurement(iterations = 3, time = 3)
    public BacktestReport reportWithBaselines() {
        return Backtester.report(frame, Backtester.Options.none().withoutLists(), () -> false);
    }

    /** The suggested weights: the search on the earlier cut-offs and the check on the later ones. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public Suggestions.WeightSuggestion suggestWeights() {
        return Suggestions.weights(frame, Map.of(), () -> false);
    }
}
