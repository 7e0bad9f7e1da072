package com.bellwether.backtest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import com.bellwether.scoring.Band;
import com.bellwether.scoring.HealthModel;
import com.bellwether.scoring.Portfolio;
import com.bellwether.scoring.ScoreGrid;

/**
 * The backtest's points: every account at every cut-off, scored point-in-time, with who is in the population
 * (live and scored at the cut-off) and who churned within the horizon. Labels do not depend on the model, so a
 * new model re-scores through {@link ScoreGrid#withModel} and keeps them; that is what makes live tuning fast.
 */
public final class BacktestFrame {

    private final Portfolio portfolio;
    private final BacktestSettings settings;
    private final List<LocalDate> cutoffs;
    private final boolean[] incomplete;
    private final ScoreGrid grid;
    private final boolean[] live;
    private final boolean[] label;
    private final double[] risk;
    private final int[] population;
    private final int[] everyCutoff;

    private BacktestFrame(Portfolio portfolio, BacktestSettings settings, List<LocalDate> cutoffs, boolean[] incomplete,
                          ScoreGrid grid, boolean[] live, boolean[] label) {
        this.portfolio = portfolio;
        this.settings = settings;
        this.cutoffs = cutoffs;
        this.incomplete = incomplete;
        this.grid = grid;
        this.live = live;
        this.label = label;
        this.risk = new double[grid.points()];
        int[] in = new int[risk.length];
        int[] complete = new int[risk.length];
        int n = 0;
        int c = 0;
        int d = cutoffs.size();
        for (int p = 0; p < risk.length; p++) {
            risk[p] = 100 - grid.score(p);
            if (live[p] && !Double.isNaN(risk[p])) {
                in[n++] = p;
                if (!incomplete[p % d]) {
                    complete[c++] = p;
                }
            }
        }
        this.everyCutoff = java.util.Arrays.copyOf(in, n);
        this.population = java.util.Arrays.copyOf(complete, c);
    }

    /**
     * Builds the points: cut-offs from the settings (by default from three months after the first data to the
     * last date whose horizon the data covers), labels, and scores under the model.
     */
    public static BacktestFrame build(HealthModel model, Portfolio portfolio, BacktestSettings settings,
                                      BooleanSupplier cancelled) {
        LocalDate first = portfolio.firstDataDate();
        LocalDate last = portfolio.lastDataDate();
        if (first == null) {
            throw new IllegalArgumentException("There is no dated data to backtest");
        }
        LocalDate from = settings.from() != null ? settings.from() : first.plusMonths(3);
        LocalDate to = settings.to() != null ? settings.to()
                : settings.keepIncompleteHorizon() ? last : last.minusDays(settings.horizonDays());
        List<LocalDate> cutoffs = new ArrayList<>();
        List<Boolean> flags = new ArrayList<>();
        for (int i = 0; !from.plus(settings.step().multipliedBy(i)).isAfter(to); i++) {
            LocalDate t = from.plus(settings.step().multipliedBy(i));
            boolean complete = !t.plusDays(settings.horizonDays()).isAfter(last);
            if (complete || settings.keepIncompleteHorizon()) {
                cutoffs.add(t);
                flags.add(!complete);
            }
        }
        if (cutoffs.isEmpty()) {
            throw new IllegalArgumentException("No cut-off from " + from + " to " + to + " has its " + settings.horizonDays()
                    + "-day horizon within the data (which ends " + last + ")");
        }
        boolean[] incomplete = new boolean[cutoffs.size()];
        for (int i = 0; i < incomplete.length; i++) {
            incomplete[i] = flags.get(i);
        }
        int[] accounts = IntStream.range(0, portfolio.size()).toArray();
        ScoreGrid grid = ScoreGrid.compute(model, portfolio, accounts, cutoffs, cancelled);
        int d = cutoffs.size();
        boolean[] live = new boolean[accounts.length * d];
        boolean[] label = new boolean[accounts.length * d];
        for (int a = 0; a < accounts.length; a++) {
            int[] churns = portfolio.churnDays(a, settings.contractionIsChurn());
            for (int j = 0; j < d; j++) {
                int p = grid.point(a, j);
                live[p] = grid.isLive(p);
                int t = (int) cutoffs.get(j).toEpochDay();
                for (int churn : churns) {
                    if (churn > t && churn <= t + settings.horizonDays()) {
                        label[p] = true;
                        break;
                    }
                }
            }
        }
        return new BacktestFrame(portfolio, settings, List.copyOf(cutoffs), incomplete, grid, live, label);
    }

    /** The same points and labels scored under another model. */
    public BacktestFrame withModel(HealthModel model) {
        return new BacktestFrame(portfolio, settings, cutoffs, incomplete, grid.withModel(model), live, label);
    }

    /** The figures the tuning screen shows while a slider moves. */
    public record Headline(long points, long churners, double rocAuc, Metrics.Confusion red, Metrics.Lift top,
                           BandRates bandRates) {
    }

    /** Points and churners per band, and whether the churn rate falls from red to yellow to green. */
    public record BandRates(long[] points, long[] churners) {

        public double rate(Band band) {
            int b = band.ordinal();
            return points[b] == 0 ? Double.NaN : (double) churners[b] / points[b];
        }

        /** Whether the churn rate never rises from red to yellow to green, over the bands that have points. */
        public boolean falling() {
            double previous = Double.POSITIVE_INFINITY;
            for (Band band : Band.values()) {
                double rate = rate(band);
                if (Double.isNaN(rate)) {
                    continue;
                }
                if (rate > previous) {
                    return false;
                }
                previous = rate;
            }
            return true;
        }
    }

    public Headline headline() {
        // One pass for the confusion matrix at red and the churn rate per band.
        long[] n = new long[3];
        long[] churned = new long[3];
        for (int p : population) {
            int b = grid.bandIndex(p);
            n[b]++;
            if (label[p]) {
                churned[b]++;
            }
        }
        long churners = churned[0] + churned[1] + churned[2];
        Metrics.Confusion red = new Metrics.Confusion(churned[0], n[0] - churned[0], churners - churned[0],
                population.length - n[0] - (churners - churned[0]));
        return new Headline(population.length, churners, Metrics.rocAuc(risk, label, population), red,
                Metrics.lift(risk, label, population, settings.topPercent()), new BandRates(n, churned));
    }

    /**
     * The headline under another model, worked out in the buffers of a {@link Scratch} rather than in a new frame
     * when the model differs in weights and bands only (a slider move): equal to {@code withModel(model).headline()},
     * without allocating per point. Any other change goes through {@link #withModel}.
     */
    public Headline headline(HealthModel model, Scratch scratch) {
        if (!grid.reaggregates(model)) {
            return withModel(model).headline();
        }
        int points = grid.points();
        scratch.fit(points);
        double[] risk = scratch.risk;
        byte[] band = scratch.band;
        grid.scoresUnder(model, risk, band);
        int[] in = scratch.population;
        int d = cutoffs.size();
        int size = 0;
        long[] n = new long[3];
        long[] churned = new long[3];
        for (int p = 0; p < points; p++) {
            double r = 100 - risk[p];
            risk[p] = r;
            if (live[p] && r == r && !incomplete[p % d]) {
                in[size++] = p;
                int b = band[p];
                n[b]++;
                if (label[p]) {
                    churned[b]++;
                }
            }
        }
        long churners = churned[0] + churned[1] + churned[2];
        Metrics.Confusion red = new Metrics.Confusion(churned[0], n[0] - churned[0], churners - churned[0],
                size - n[0] - (churners - churned[0]));
        return new Headline(size, churners, Metrics.rocAuc(risk, label, in, size, scratch.metrics), red,
                Metrics.lift(risk, label, in, size, settings.topPercent(), scratch.metrics), new BandRates(n, churned));
    }

    /**
     * Buffers for {@link #headline(HealthModel, Scratch)}, kept by whoever moves the sliders and reused move after
     * move; one thread at a time.
     */
    public static final class Scratch {

        private double[] risk = new double[0];
        private byte[] band = new byte[0];
        private int[] population = new int[0];
        private final Metrics.Scratch metrics = new Metrics.Scratch();

        void fit(int points) {
            if (risk.length != points) {
                risk = new double[points];
                band = new byte[points];
                population = new int[points];
            }
        }
    }

    long churners(int[] points) {
        long n = 0;
        for (int p : points) {
            if (label[p]) {
                n++;
            }
        }
        return n;
    }

    BandRates bandRates(int[] points) {
        long[] n = new long[3];
        long[] churned = new long[3];
        for (int p : points) {
            int b = grid.bandIndex(p);
            n[b]++;
            if (label[p]) {
                churned[b]++;
            }
        }
        return new BandRates(n, churned);
    }

    /** Flagged (red, or red or yellow) against churned over some points. */
    Metrics.Confusion confusion(int[] points, boolean orYellow) {
        int worst = orYellow ? 1 : 0;
        return Metrics.confusion(p -> grid.bandIndex(p) <= worst, label, points);
    }

    // Read access for the report

    public Portfolio portfolio() {
        return portfolio;
    }

    public BacktestSettings settings() {
        return settings;
    }

    public List<LocalDate> cutoffs() {
        return cutoffs;
    }

    public boolean incomplete(int cutoff) {
        return incomplete[cutoff];
    }

    public ScoreGrid grid() {
        return grid;
    }

    /** The scored points of live accounts at every cut-off, flagged ones included (for per-cut-off figures). */
    int[] everyCutoffArray() {
        return everyCutoff;
    }

    /** The scored points of the live accounts at the cut-offs whose horizon the data covers. */
    public int[] population() {
        return population.clone();
    }

    /** The population's points that pass the test, e.g. one segment's or one stage's. */
    public int[] populationWhere(java.util.function.IntPredicate keep) {
        return java.util.Arrays.stream(population).filter(keep).toArray();
    }

    /** The ROC and precision–recall curve over some of the points. */
    public List<Metrics.CurvePoint> curve(int[] points) {
        return Metrics.curve(risk, label, points);
    }

    int[] populationArray() {
        return population;
    }

    public boolean label(int point) {
        return label[point];
    }

    boolean[] labels() {
        return label;
    }

    double[] risks() {
        return risk;
    }

    /** The account (portfolio index) and cut-off of a point. */
    public int accountOf(int point) {
        return grid.account(point / cutoffs.size());
    }

    public int cutoffOf(int point) {
        return point % cutoffs.size();
    }
}
