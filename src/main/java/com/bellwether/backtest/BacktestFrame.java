package com.bellwether.backtest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import com.bellwether.scoring.Band;
import com.bellwether.scoring.HealthModel;
import com.bellwether.scoring.HealthScorer;
import com.bellwether.scoring.Portfolio;
import com.bellwether.scoring.ScoreGrid;

/**
 * The backtest's points: every account at every cut-off, scored point-in-time, with who is in the population
 * (live, scored at the cut-off, and with data that had not stopped arriving by then: see
 * {@link com.bellwether.scoring.Portfolio#staleSince}) and who churned (or, with the expansion target, expanded) within
 * the horizon. Labels do not depend on the model, so a new model re-scores through {@link ScoreGrid#withModel} and
 * keeps them; that is what makes live tuning fast.
 *
 * <p>A point's {@code risk} is what the figures rank by, higher first: for churn 100 − score; for expansion the
 * likelihood of an expansion, {@link #expansionLikelihood}. A point is <em>flagged</em> when it is red (churn) or
 * an expansion candidate at the settings' cut-off (expansion).
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
    /** Expansion candidates (expansion target only; null for churn, where the red band flags). */
    private final boolean[] flag;
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
        boolean expansion = settings.target() == Target.EXPANSION;
        this.flag = expansion ? new boolean[risk.length] : null;
        int[] in = new int[risk.length];
        int[] complete = new int[risk.length];
        int n = 0;
        int c = 0;
        int d = cutoffs.size();
        for (int p = 0; p < risk.length; p++) {
            if (expansion) {
                boolean candidate = !Double.isNaN(grid.score(p)) && HealthScorer.expansionCandidate(grid, p);
                risk[p] = expansionLikelihood(grid.score(p), candidate);
                flag[p] = settings.cutoff() != null ? grid.score(p) >= settings.cutoff()
                        : grid.model().expansionRules().isEmpty() ? grid.band(p) == Band.GREEN : candidate;
            } else {
                risk[p] = 100 - grid.score(p);
            }
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
     * How likely an expansion is, for ranking: the final score, with the expansion candidates (an expansion rule
     * holds) ranked above every other point. NaN without a score.
     */
    static double expansionLikelihood(double score, boolean candidate) {
        return candidate ? score + 100 : score;
    }

    /**
     * Builds the points: cut-offs from the settings (by default from three months after the first data to the
     * last date whose horizon the data covers), labels, and scores under the model.
     */
    public static BacktestFrame build(HealthModel model, Portfolio portfolio, BacktestSettings settings,
                                      BooleanSupplier cancelled) {
        LocalDate first = portfolio.firstDataDate();
        LocalDate last = portfolio.asOfDate();
        if (first == null) {
            throw new IllegalArgumentException("There is no dated data to backtest");
        }
        BacktestSettings range = settings.resolved(first, last);
        LocalDate from = range.from();
        LocalDate to = range.to();
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
            int[] churns = eventDays(portfolio, a, settings);
            for (int j = 0; j < d; j++) {
                int p = grid.point(a, j);
                int t = (int) cutoffs.get(j).toEpochDay();
                // An account whose data had stopped arriving by the cut-off is left out there, not scored as silent.
                live[p] = grid.isLive(p) && !portfolio.isStale(a, t);
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

    /** The days of the account's events the target looks for: churns (and contractions when asked), or expansions. */
    static int[] eventDays(Portfolio portfolio, int a, BacktestSettings settings) {
        return settings.target() == Target.EXPANSION ? portfolio.expansionDays(a)
                : portfolio.churnDays(a, settings.contractionIsChurn());
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

        /** Whether the rate never falls from red to yellow to green, over the bands that have points (expansion). */
        public boolean rising() {
            double previous = Double.NEGATIVE_INFINITY;
            for (Band band : Band.values()) {
                double rate = rate(band);
                if (Double.isNaN(rate)) {
                    continue;
                }
                if (rate < previous) {
                    return false;
                }
                previous = rate;
            }
            return true;
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

    /**
     * Whether this frame is what {@link #build} would give for the model, portfolio and settings: the same portfolio
     * (not a copy), an equal model, and settings that give the same cut-offs, horizon and labels.
     */
    public boolean answers(HealthModel model, Portfolio on, BacktestSettings asked) {
        if (on != portfolio || !grid.model().equals(model)) {
            return false;
        }
        LocalDate first = portfolio.firstDataDate();
        LocalDate last = portfolio.asOfDate();
        return first != null && settings.resolved(first, last).equals(asked.resolved(first, last));
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
        Metrics.Confusion red = flag != null ? confusion(population, false)
                : new Metrics.Confusion(churned[0], n[0] - churned[0], churners - churned[0],
                population.length - n[0] - (churners - churned[0]));
        return new Headline(population.length, churners, Metrics.rocAuc(risk, label, population), red,
                Metrics.lift(risk, label, population, settings.topPercent()), new BandRates(n, churned));
    }

    /**
     * The headline under another model, worked out in the buffers of a {@link Scratch} rather than in a new frame
     * when the model differs in weights and bands only (a slider move): equal to {@code withModel(model).headline()},
     * without allocating per point. Any other change goes through {@link #withModel}.
     *
     * <p>The first call for a frame copies the columns of the points that can be in the population (live accounts
     * at cut-offs whose horizon the data covers), churners first, side by side into the scratch. Each move then
     * makes one pass over them on every core: score, band, risk bucket, and the per-bucket counts of churners and
     * others. ROC AUC needs the others laid out by bucket and one look at each churner; the riskiest decile is
     * found from the bucket counts and the one bucket that holds its edge.
     */
    public Headline headline(HealthModel model, Scratch scratch) {
        if (!grid.reaggregates(model) || flag != null) {
            return withModel(model).headline();
        }
        scratch.prepare(this);
        ScoreGrid.Aggregation aggregation = grid.aggregation(model);
        int size = scratch.slice.size();
        int positives = scratch.positives;
        int buckets = Metrics.buckets(size);
        int parts = scratch.parts(size);
        scratch.fit(buckets, parts);
        onEveryPart(parts, part -> scratch.score(aggregation, part, (int) ((long) size * part / parts),
                (int) ((long) size * (part + 1) / parts), buckets));
        // The parts' counts added up.
        int[] negative = scratch.negative;
        int[] positive = scratch.positive;
        System.arraycopy(scratch.parts[0].negative, 0, negative, 0, buckets);
        System.arraycopy(scratch.parts[0].positive, 0, positive, 0, buckets);
        long[] n = scratch.parts[0].n.clone();
        long[] churned = scratch.parts[0].churned.clone();
        for (int k = 1; k < parts; k++) {
            Scratch.Part part = scratch.parts[k];
            for (int b = 0; b < buckets; b++) {
                negative[b] += part.negative[b];
                positive[b] += part.positive[b];
            }
            for (int b = 0; b < 3; b++) {
                n[b] += part.n[b];
                churned[b] += part.churned[b];
            }
        }
        long count = n[0] + n[1] + n[2];
        long churners = churned[0] + churned[1] + churned[2];
        // The others laid out by bucket: start[b] of them lie in lower buckets; within a bucket, each part's after
        // the parts before it, so every part lays out its own at once.
        int[] start = scratch.start;
        start[0] = 0;
        for (int b = 0; b < buckets; b++) {
            start[b + 1] = start[b] + negative[b];
        }
        for (int k = 0; k < parts; k++) {
            int[] cursor = scratch.parts[k].cursor;
            int[] before = k == 0 ? start : scratch.parts[k - 1].cursor;
            int[] previous = k == 0 ? null : scratch.parts[k - 1].negative;
            for (int b = 0; b < buckets; b++) {
                cursor[b] = previous == null ? before[b] : before[b] + previous[b];
            }
        }
        // The cursors above are where each part starts; they are moved on as the part lays its points out.
        onEveryPart(parts, part -> scratch.layOut(Math.max(positives, (int) ((long) size * part / parts)),
                (int) ((long) size * (part + 1) / parts), scratch.parts[part].cursor));
        long negatives = count - churners;
        double rocAuc = Double.NaN;
        if (churners > 0 && negatives > 0) {
            // Each churner beats the others of lower buckets and, one by one, those of its own bucket it outranks.
            double[] wins = new double[parts];
            onEveryPart(parts, part -> wins[part] = scratch.wins((int) ((long) positives * part / parts),
                    (int) ((long) positives * (part + 1) / parts)));
            double total = 0;
            for (double w : wins) {
                total += w;
            }
            rocAuc = total / ((double) churners * negatives);
        }
        Metrics.Confusion red = new Metrics.Confusion(churned[0], n[0] - churned[0], churners - churned[0],
                count - n[0] - (churners - churned[0]));
        return new Headline(count, churners, rocAuc, red, topLift(scratch, buckets, count, churners),
                new BandRates(n, churned));
    }

    /** Runs the work for every part, on every core when there is more than one part. */
    private static void onEveryPart(int parts, java.util.function.IntConsumer work) {
        IntStream range = IntStream.range(0, parts);
        (parts > 1 ? range.parallel() : range).forEach(work);
    }

    /**
     * The riskiest {@code topPercent}% from the bucket counts: the bucket holding the k-th riskiest point is the
     * only one whose points are looked at one by one (the same figures as {@link Metrics#lift}).
     */
    private Metrics.Lift topLift(Scratch scratch, int buckets, long count, long churners) {
        double percent = settings.topPercent();
        if (count == 0) {
            return new Metrics.Lift(percent, 0, 0, Double.NaN, Double.NaN, Double.NaN);
        }
        int[] negative = scratch.negative;
        int[] positive = scratch.positive;
        int k = (int) Math.max(1, Math.ceil(count * percent / 100.0));
        long seen = 0;
        long seenChurners = 0;
        int b = buckets - 1;
        while (b > 0 && seen + negative[b] + positive[b] < k) {
            seen += negative[b] + positive[b];
            seenChurners += positive[b];
            b--;
        }
        int others = negative[b];
        int inBucket = others + positive[b];
        double[] values = scratch.edge(inBucket);
        System.arraycopy(scratch.byBucket, scratch.start[b], values, 0, others);
        int filled = others;
        for (int i = 0; i < scratch.positives; i++) {
            if (scratch.bucketOf[i] == b) {
                values[filled++] = scratch.risk[i];
            }
        }
        double[] sorted = scratch.sorted;
        System.arraycopy(values, 0, sorted, 0, inBucket);
        Arrays.sort(sorted, 0, inBucket);
        double threshold = sorted[inBucket - (int) (k - seen)];
        long size = seen;
        long caught = seenChurners;
        for (int i = 0; i < inBucket; i++) {
            if (values[i] >= threshold) {
                size++;
                if (i >= others) {
                    caught++;
                }
            }
        }
        double baseRate = (double) churners / count;
        double capture = churners == 0 ? Double.NaN : (double) caught / churners;
        double lift = churners == 0 ? Double.NaN : ((double) caught / size) / baseRate;
        return new Metrics.Lift(percent, size, caught, capture, lift, threshold);
    }

    /**
     * Buffers for {@link #headline(HealthModel, Scratch)}, kept by whoever moves the sliders and reused move after
     * move; one thread at a time. It holds a copy of the columns of the last frame it was used with.
     */
    public static final class Scratch {

        /** Fewer points than this to a core are not worth a second one. */
        private static final int PART_MIN = 32_768;
        /** Points scored before their counts are taken, while they are still in the cache. */
        private static final int CHUNK = 4_096;

        private BacktestFrame frame;
        private ScoreGrid.Slice slice;
        private int positives;
        private double[] risk = new double[0];
        private byte[] band = new byte[0];
        private int[] bucketOf = new int[0];
        private double[] byBucket = new double[0];
        private int[] start = new int[0];
        /** Every part's counts added up: per bucket, others and churners. */
        private int[] negative = new int[0];
        private int[] positive = new int[0];
        private double[] values = new double[0];
        private double[] sorted = new double[0];
        private Part[] parts = new Part[0];
        /** How many parts the points are split in; 0 for one per core as the points warrant. */
        private final int fixedParts;

        public Scratch() {
            this(0);
        }

        /** Buffers that split the points in so many parts, whatever the cores (tests of the parts' sums). */
        Scratch(int fixedParts) {
            this.fixedParts = fixedParts;
        }

        private int parts(int size) {
            if (fixedParts > 0) {
                return Math.max(1, Math.min(fixedParts, size));
            }
            return Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), size / PART_MIN));
        }

        /** One core's counts: per risk bucket, churners and others; per band, points and churners. */
        private static final class Part {
            private int[] negative = new int[0];
            private int[] positive = new int[0];
            /** Where the part lays out its next point of each bucket. */
            private int[] cursor = new int[0];
            private final long[] n = new long[3];
            private final long[] churned = new long[3];
        }

        /** The frame's candidate points, churners first, and their columns (once per frame). */
        private void prepare(BacktestFrame next) {
            if (frame == next) {
                return;
            }
            frame = null;
            slice = null;
            int d = next.cutoffs.size();
            int candidates = 0;
            int churners = 0;
            for (int p = 0; p < next.live.length; p++) {
                if (next.live[p] && !next.incomplete[p % d]) {
                    candidates++;
                    if (next.label[p]) {
                        churners++;
                    }
                }
            }
            int[] points = new int[candidates];
            int first = 0;
            int other = churners;
            for (int p = 0; p < next.live.length; p++) {
                if (next.live[p] && !next.incomplete[p % d]) {
                    points[next.label[p] ? first++ : other++] = p;
                }
            }
            slice = next.grid.slice(points);
            positives = churners;
            if (risk.length != candidates) {
                risk = new double[candidates];
                band = new byte[candidates];
                bucketOf = new int[candidates];
                byBucket = new double[candidates];
            }
            frame = next;
        }

        private void fit(int buckets, int count) {
            if (start.length != buckets + 1) {
                start = new int[buckets + 1];
                negative = new int[buckets];
                positive = new int[buckets];
            }
            if (parts.length != count) {
                parts = new Part[count];
                for (int k = 0; k < count; k++) {
                    parts[k] = new Part();
                }
            }
            for (Part part : parts) {
                if (part.negative.length != buckets) {
                    part.negative = new int[buckets];
                    part.positive = new int[buckets];
                    part.cursor = new int[buckets];
                } else {
                    Arrays.fill(part.negative, 0);
                    Arrays.fill(part.positive, 0);
                }
                Arrays.fill(part.n, 0);
                Arrays.fill(part.churned, 0);
            }
        }

        private double[] edge(int size) {
            if (values.length < size) {
                values = new double[size];
                sorted = new double[size];
            }
            return values;
        }

        /** Lays the others from {@code from} to {@code to} out by bucket, each at its bucket's cursor. */
        private void layOut(int from, int to, int[] cursor) {
            for (int i = from; i < to; i++) {
                int b = bucketOf[i];
                if (b >= 0) {
                    byBucket[cursor[b]++] = risk[i];
                }
            }
        }

        /** The wins of the churners from {@code from} to {@code to} over the others laid out by bucket (ties half). */
        private double wins(int from, int to) {
            double wins = 0;
            for (int i = from; i < to; i++) {
                int b = bucketOf[i];
                if (b < 0) {
                    continue;
                }
                double r = risk[i];
                wins += start[b];
                for (int k = start[b]; k < start[b + 1]; k++) {
                    wins += byBucket[k] < r ? 1 : byBucket[k] == r ? 0.5 : 0;
                }
            }
            return wins;
        }

        /** Scores the points from {@code from} to {@code to} and counts them into the part's buckets and bands. */
        private void score(ScoreGrid.Aggregation aggregation, int part, int from, int to, int buckets) {
            Part counts = parts[part];
            int[] negative = counts.negative;
            int[] positive = counts.positive;
            long[] n = counts.n;
            long[] churned = counts.churned;
            for (int lo = from; lo < to; lo += CHUNK) {
                int hi = Math.min(to, lo + CHUNK);
                aggregation.apply(slice, lo, hi, risk, band);
                for (int i = lo; i < hi; i++) {
                    double score = risk[i];
                    if (score != score) {
                        bucketOf[i] = -1;
                        continue;
                    }
                    double r = 100 - score;
                    risk[i] = r;
                    int b = Metrics.bucket(r, buckets);
                    bucketOf[i] = b;
                    int colour = band[i];
                    n[colour]++;
                    if (i < positives) {
                        positive[b]++;
                        churned[colour]++;
                    } else {
                        negative[b]++;
                    }
                }
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

    /**
     * Flagged against labelled over some points. Churn: flagged is red, or red or yellow ({@code wider}). Expansion:
     * flagged is an expansion candidate at the cut-off, or green ({@code wider}).
     */
    Metrics.Confusion confusion(int[] points, boolean wider) {
        if (flag != null) {
            return wider ? Metrics.confusion(p -> grid.bandIndex(p) == Band.GREEN.ordinal(), label, points)
                    : Metrics.confusion(p -> flag[p], label, points);
        }
        int worst = wider ? 1 : 0;
        return Metrics.confusion(p -> grid.bandIndex(p) <= worst, label, points);
    }

    /** Whether a point is flagged: red (churn), or an expansion candidate at the cut-off (expansion). */
    public boolean flagged(int point) {
        return flag != null ? flag[point] : grid.band(point) == Band.RED;
    }

    public Target target() {
        return settings.target();
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
