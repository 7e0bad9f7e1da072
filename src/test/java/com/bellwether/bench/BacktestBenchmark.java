package com.bellwether.bench;

import java.io.IOException;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import com.bellwether.backtest.BacktestFrame;
import com.bellwether.backtest.BacktestReport;
import com.bellwether.backtest.BacktestSettings;
import com.bellwether.backtest.Backtester;
import com.bellwether.backtest.Suggestions;
import com.bellwether.domain.Account;
import com.bellwether.domain.Bundle;
import com.bellwether.domain.Interaction;
import com.bellwether.domain.Note;
import com.bellwether.domain.Outcome;
import com.bellwether.domain.Survey;
import com.bellwether.domain.Ticket;
import com.bellwether.domain.UsageDay;
import com.bellwether.scoring.HealthModel;
import com.bellwether.scoring.Portfolio;
import com.bellwether.store.PortfolioReader;

/**
 * The backtest on 10,000 (or, with a parameter, 100,000) accounts at 36 monthly cut-offs: the headline figures after a weight change (what a
 * slider move recomputes), the whole report without and with the false-positive and false-negative lists, and the
 * weight suggestion. Run with scripts/benchmark.sh BacktestBenchmark.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class BacktestBenchmark {

    /**
     * 10,000 by default. A multiple of it ({@code -p accounts=100000 -jvmArgsAppend -Xmx2g}) streams the generated
     * 10,000 accounts that many times over under new ids, with all their usage, tickets, interactions, surveys,
     * notes and outcomes, straight into the portfolio's columns.
     */
    @Param("10000")
    int accounts;

    private BacktestFrame frame;
    private GeneratedPortfolio generated;
    private HealthModel[] weightings;
    private final BacktestFrame.Scratch scratch = new BacktestFrame.Scratch();
    private int turn;

    @Setup(Level.Trial)
    public void buildFrame() throws IOException {
        generated = GeneratedPortfolio.create(10_000);
        LocalDate end = GeneratedPortfolio.END;
        Portfolio portfolio = accounts > 10_000
                ? copies(PortfolioReader.read(generated.database), accounts / 10_000)
                : Portfolio.load(generated.database);
        HealthModel model = HealthModel.defaultModel();
        BacktestSettings settings = new BacktestSettings(end.minusMonths(39), end.minusMonths(4), Period.ofMonths(1), 90,
                false, false, 10);
        frame = BacktestFrame.build(model, portfolio, settings, () -> false);
        if (frame.cutoffs().size() != 36) {
            throw new IllegalStateException("expected 36 cut-offs, got " + frame.cutoffs().size());
        }
        weightings = new HealthModel[] {
            model.withCategoryWeights(Map.of("adoption", 55.0, "engagement", 20.0)),
            model.withCategoryWeights(Map.of("adoption", 25.0, "support", 35.0))
        };
    }

    /** The accounts {@code times} over under new ids, sharing the values, streamed into a portfolio's columns. */
    private static Portfolio copies(Bundle one, int times) {
        Portfolio.Builder many = Portfolio.builder();
        many.usageMetrics(one.usageMetrics());
        for (int copy = 0; copy < times; copy++) {
            String suffix = "-" + copy;
            for (Account a : one.accounts()) {
                many.account(new Account(a.accountId() + suffix, a.name(), a.segment(), a.industry(), a.region(),
                        a.csm(), a.lifecycleStage(), a.arr(), a.licensedSeats(), a.contractStart(), a.renewalDate()));
            }
        }
        for (int copy = 0; copy < times; copy++) {
            String suffix = "-" + copy;
            for (UsageDay u : one.usage()) {
                many.usage(new UsageDay(u.accountId() + suffix, u.date(), u.values()));
            }
        }
        for (int copy = 0; copy < times; copy++) {
            String suffix = "-" + copy;
            for (Ticket t : one.tickets()) {
                many.ticket(new Ticket(t.ticketId() + suffix, t.accountId() + suffix, t.opened(), t.closed(),
                        t.priority(), t.escalated(), t.csat()));
            }
        }
        for (int copy = 0; copy < times; copy++) {
            String suffix = "-" + copy;
            for (Interaction i : one.interactions()) {
                many.interaction(new Interaction(i.accountId() + suffix, i.at(), i.contact(), i.role(), i.kind()));
            }
        }
        for (int copy = 0; copy < times; copy++) {
            String suffix = "-" + copy;
            for (Survey s : one.surveys()) {
                many.survey(new Survey(s.accountId() + suffix, s.date(), s.nps()));
            }
        }
        for (int copy = 0; copy < times; copy++) {
            String suffix = "-" + copy;
            for (Outcome o : one.outcomes()) {
                many.outcome(new Outcome(o.accountId() + suffix, o.date(), o.event(), o.arrChange()));
            }
        }
        for (int copy = 0; copy < times; copy++) {
            String suffix = "-" + copy;
            for (Note n : one.notes()) {
                many.note(new Note(n.accountId() + suffix, n.date(), n.author(), n.adjustment(), n.reason(), n.expires()));
            }
        }
        return many.build();
    }

    @TearDown(Level.Trial)
    public void deleteFiles() throws IOException {
        generated.delete();
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    public BacktestFrame.Headline headlineAfterWeightChange() {
        return frame.headline(weightings[turn++ & 1], scratch);
    }

    /** The same figures through a frame made anew for the model (what a slider move did before its buffers). */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    public BacktestFrame.Headline headlineThroughANewFrame() {
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
