package com.bellwether.bench;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import com.bellwether.scoring.HealthModel;
import com.bellwether.scoring.Portfolio;
import com.bellwether.scoring.ScoreGrid;
import com.bellwether.store.Database;

/**
 * The scoring engine on 10,000 accounts at 36 monthly as-of dates (the default model, generated weekly data):
 * re-aggregation after a weight change, rescoring after one measure's scale changes, and the first full
 * computation from the database. Run with scripts/benchmark.sh ScoringBenchmark.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
public class ScoringBenchmark {

    private Database database;
    private GeneratedPortfolio generated;
    private ScoreGrid grid;
    private List<LocalDate> dates;
    private HealthModel model;
    private HealthModel[] weightings;
    private HealthModel[] scales;
    private int turn;

    @Setup(Level.Trial)
    public void loadPortfolio() throws IOException {
        generated = GeneratedPortfolio.create(10_000);
        database = generated.database;
        LocalDate end = GeneratedPortfolio.END;
        dates = new ArrayList<>();
        for (int month = 36; month >= 1; month--) {
            dates.add(end.minusMonths(month));
        }
        model = HealthModel.defaultModel();
        grid = ScoreGrid.compute(model, Portfolio.load(database), dates);
        weightings = new HealthModel[] {
            model.withCategoryWeights(Map.of("adoption", 55.0, "engagement", 20.0)),
            model.withCategoryWeights(Map.of("adoption", 25.0, "support", 35.0))
        };
        HealthModel.Measure measure = model.measures().get(0);
        scales = new HealthModel[2];
        for (int i = 0; i < 2; i++) {
            List<double[]> scale = List.of(new double[] {0.1 + i * 0.05, 0}, new double[] {0.5, 60}, new double[] {0.8, 100});
            scales[i] = model.withMeasure(new HealthModel.Measure(measure.id(), measure.label(), measure.category(),
                    measure.derive(), measure.direction(), scale, measure.weight(), measure.missing(), measure.explain()));
        }
    }

    /** A slider move: new category weights, every score, category score and band recomputed. */
    @TearDown(Level.Trial)
    public void deleteFiles() throws IOException {
        generated.delete();
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    public ScoreGrid reaggregateAfterWeightChange() {
        return grid.withModel(weightings[turn++ & 1]);
    }

    /** One measure's scale edited: that measure rescored, then everything re-aggregated. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    public ScoreGrid rescoreAfterScaleChange() {
        return grid.withModel(scales[turn++ & 1]);
    }

    /** Reading the portfolio from H2 and computing every measure at every point. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public ScoreGrid firstFullComputationFromDatabase() {
        return ScoreGrid.compute(model, Portfolio.load(database), dates);
    }
}
