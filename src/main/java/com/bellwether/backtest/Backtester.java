package com.bellwether.backtest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import com.bellwether.domain.Account;
import com.bellwether.domain.OutcomeEvent;
import com.bellwether.scoring.Band;
import com.bellwether.scoring.HealthModel;
import com.bellwether.scoring.HealthScorer;
import com.bellwether.scoring.Portfolio;
import com.bellwether.scoring.ScoreGrid;

/** Runs a backtest and assembles its report. */
public final class Backtester {

    /** Curves in the report keep at most this many points, evenly spread over the thresholds, ends included. */
    static final int CURVE_POINTS = 200;

    private Backtester() {
    }

    /** A model variant to compare on the same cut-offs. */
    public record NamedModel(String name, HealthModel model) {
    }

    /**
     * Optional extras: variants to compare, a band criterion, weight bounds when suggesting weights, and whether to
     * list the false positives and negatives with their explanations (the slowest part on a large portfolio).
     */
    public record Options(List<NamedModel> variants, String suggestBands, boolean suggestWeights,
                          Map<String, double[]> weightBounds, boolean lists, boolean baselines) {

        public Options(List<NamedModel> variants, String suggestBands, boolean suggestWeights, Map<String, double[]> weightBounds) {
            this(variants, suggestBands, suggestWeights, weightBounds, true, true);
        }

        public static Options none() {
            return new Options(List.of(), null, false, Map.of(), true, true);
        }

        /** Without the lists of misses and their explanations. */
        public Options withoutLists() {
            return new Options(variants, suggestBands, suggestWeights, weightBounds, false, baselines);
        }

        /** Without the equal-weights and usage-only baselines. */
        public Options withoutBaselines() {
            return new Options(variants, suggestBands, suggestWeights, weightBounds, lists, false);
        }
    }

    public static BacktestReport run(HealthModel model, Portfolio portfolio, BacktestSettings settings, Options options,
                                     BooleanSupplier cancelled) {
        BacktestFrame frame = BacktestFrame.build(model, portfolio, settings, cancelled);
        return report(frame, options, cancelled);
    }

    public static BacktestReport report(BacktestFrame frame, Options options, BooleanSupplier cancelled) {
        boolean expansion = frame.target() == Target.EXPANSION;
        if (expansion && (options.suggestBands() != null || options.suggestWeights())) {
            throw new IllegalArgumentException("Suggested bands and weights are for the churn target only");
        }
        int[] all = frame.populationArray();
        List<Metrics.CurvePoint> curve = Metrics.curve(frame.risks(), frame.labels(), all);
        BacktestReport.Block whole = block(frame, all, Metrics.averagePrecision(curve));
        List<Metrics.Lift> lifts = new ArrayList<>();
        lifts.add(Metrics.lift(frame.risks(), frame.labels(), all, 10));
        if (frame.settings().topPercent() != 10) {
            lifts.add(Metrics.lift(frame.risks(), frame.labels(), all, frame.settings().topPercent()));
        }
        List<BacktestReport.CutoffBlock> perCutoff = new ArrayList<>();
        int[] every = frame.everyCutoffArray();
        int[][] byCutoff = groups(every, frame.cutoffs().size(), Arrays.stream(every).map(frame::cutoffOf).toArray());
        for (int j = 0; j < frame.cutoffs().size(); j++) {
            perCutoff.add(new BacktestReport.CutoffBlock(frame.cutoffs().get(j), frame.incomplete(j),
                    block(frame, byCutoff[j])));
        }
        Map<String, BacktestReport.Block> bySegment = breakdown(frame, all, p -> {
            String segment = frame.portfolio().account(frame.accountOf(p)).segment();
            return segment == null ? "(none)" : segment;
        });
        Map<String, BacktestReport.Block> byStage = breakdown(frame, all, p -> frame.grid().stage(p));
        Outcomes outcomes = outcomes(frame);
        HealthModel model = frame.grid().model();
        HealthScorer scorer = new HealthScorer(model, frame.portfolio());
        List<BacktestReport.ListedPoint> falsePositives = new ArrayList<>();
        List<BacktestReport.ListedPoint> falseNegatives = new ArrayList<>();
        for (int p : options.lists() ? all : new int[0]) {
            boolean red = frame.flagged(p);
            if (red != frame.label(p)) {
                if (cancelled.getAsBoolean()) {
                    throw new java.util.concurrent.CancellationException("cancelled");
                }
                (red ? falsePositives : falseNegatives).add(listed(frame, scorer, p));
            }
        }
        List<BacktestReport.Variant> variants = variants(frame, options.variants(), options.baselines());
        return new BacktestReport(parameters(frame), whole.points(), whole.churners(),
                whole.churnRate(), whole.rocAuc(), whole.averagePrecision(),
                whole.confusionRed(), whole.confusionRedOrYellow(), whole.churnRateByBand(),
                expansion ? frame.bandRates(all).rising() : frame.bandRates(all).falling(), lifts, outcomes.leadTime(),
                outcomes.arrRecall(), thin(curve), thin(curve),
                perCutoff, bySegment, byStage, falsePositives, falseNegatives, variants,
                options.suggestBands() == null ? null : Suggestions.bands(frame, options.suggestBands()),
                options.suggestWeights() ? Suggestions.weights(frame, options.weightBounds(), cancelled) : null,
                expansion || !options.lists() ? null : adjustmentReview(model, frame, cancelled));
    }

    /**
     * The adjustments made up to the last cut-off, judged: a backtest to a date reviews what CSMs did up to it, so
     * nothing dated after its range (an account's later seats or stage, say) moves the section.
     */
    private static AdjustmentReview.Summary adjustmentReview(HealthModel model, BacktestFrame frame, BooleanSupplier cancelled) {
        LocalDate last = frame.cutoffs().isEmpty() ? frame.portfolio().asOfDate()
                : frame.cutoffs().get(frame.cutoffs().size() - 1);
        List<AdjustmentReview.Verdict> made = AdjustmentReview.verdicts(model, frame.portfolio(),
                frame.settings().horizonDays(), last, cancelled);
        return AdjustmentReview.summary(made, frame.settings().horizonDays(), frame.portfolio().asOfDate());
    }

    private static BacktestReport.Block block(BacktestFrame frame, int[] points) {
        return block(frame, points, Metrics.averagePrecision(frame.risks(), frame.labels(), points));
    }

    private static BacktestReport.Block block(BacktestFrame frame, int[] points, double averagePrecision) {
        double[] risk = frame.risks();
        boolean[] label = frame.labels();
        long churners = frame.churners(points);
        BacktestFrame.BandRates rates = frame.bandRates(points);
        Map<String, BacktestReport.BandRate> byBand = new LinkedHashMap<>();
        for (Band band : Band.values()) {
            byBand.put(band.id(), new BacktestReport.BandRate(rates.points()[band.ordinal()],
                    rates.churners()[band.ordinal()], rates.rate(band)));
        }
        return new BacktestReport.Block(points.length, churners,
                points.length == 0 ? Double.NaN : (double) churners / points.length,
                Metrics.rocAuc(risk, label, points),
                averagePrecision,
                frame.confusion(points, false), frame.confusion(points, true), byBand,
                Metrics.lift(risk, label, points, frame.settings().topPercent()));
    }

    private static Map<String, BacktestReport.Block> breakdown(BacktestFrame frame, int[] points,
                                                               java.util.function.IntFunction<String> key) {
        Map<String, Integer> index = new TreeMap<>();
        int[] keys = new int[points.length];
        java.util.List<String> names = new ArrayList<>();
        for (int i = 0; i < points.length; i++) {
            String name = key.apply(points[i]);
            Integer k = index.get(name);
            if (k == null) {
                k = names.size();
                index.put(name, k);
                names.add(name);
            }
            keys[i] = k;
        }
        int[][] groups = groups(points, names.size(), keys);
        Map<String, BacktestReport.Block> blocks = new LinkedHashMap<>();
        index.forEach((name, k) -> blocks.put(name, block(frame, groups[k])));
        return blocks;
    }

    /** The points split by their keys (0 to count − 1, one per point), each group in the points' order. */
    private static int[][] groups(int[] points, int count, int[] keys) {
        int[] sizes = new int[count];
        for (int key : keys) {
            sizes[key]++;
        }
        int[][] groups = new int[count][];
        for (int k = 0; k < count; k++) {
            groups[k] = new int[sizes[k]];
        }
        int[] filled = new int[count];
        for (int i = 0; i < points.length; i++) {
            groups[keys[i]][filled[keys[i]]++] = points[i];
        }
        return groups;
    }

    private static List<Metrics.CurvePoint> thin(List<Metrics.CurvePoint> curve) {
        if (curve.size() <= CURVE_POINTS) {
            return curve;
        }
        List<Metrics.CurvePoint> thinned = new ArrayList<>();
        for (int i = 0; i < CURVE_POINTS; i++) {
            thinned.add(curve.get((int) Math.round((double) i * (curve.size() - 1) / (CURVE_POINTS - 1))));
        }
        return thinned;
    }

    private static BacktestReport.ListedPoint listed(BacktestFrame frame, HealthScorer scorer, int p) {
        LocalDate cutoff = frame.cutoffs().get(frame.cutoffOf(p));
        Account account = frame.portfolio().account(frame.accountOf(p), cutoff);
        ScoreGrid grid = frame.grid();
        return new BacktestReport.ListedPoint(account.accountId(), account.name(), cutoff, grid.score(p),
                grid.band(p).id(), account.arr(), account.segment(), grid.stage(p),
                scorer.score(account.accountId(), cutoff).explanation());
    }

    private record Outcomes(BacktestReport.LeadTime leadTime, BacktestReport.ArrRecall arrRecall) {
    }

    /**
     * Each churn event once: the last cut-off before it (within the horizon, account in the population) decides
     * whether it was caught (red there); the lead time runs from the first cut-off of that red run. With the
     * expansion target the same for each expansion, caught when flagged as a candidate.
     */
    private static Outcomes outcomes(BacktestFrame frame) {
        Portfolio portfolio = frame.portfolio();
        ScoreGrid grid = frame.grid();
        int horizon = frame.settings().horizonDays();
        boolean[] inPopulation = new boolean[frame.risks().length];
        for (int p : frame.populationArray()) {
            inPopulation[p] = true;
        }
        int[] days = frame.cutoffs().stream().mapToInt(d -> (int) d.toEpochDay()).toArray();
        List<Integer> leads = new ArrayList<>();
        long events = 0;
        double churnedArr = 0;
        double redArr = 0;
        for (int a = 0; a < portfolio.size(); a++) {
            for (int churn : BacktestFrame.eventDays(portfolio, a, frame.settings())) {
                int last = -1;
                for (int j = 0; j < days.length; j++) {
                    if (days[j] < churn && churn <= days[j] + horizon && inPopulation[grid.point(a, j)]) {
                        last = j;
                    }
                }
                if (last < 0) {
                    continue;
                }
                events++;
                double arr = frame.target() == Target.EXPANSION
                        ? arrAtExpansion(portfolio, a, churn, frame.cutoffs().get(last))
                        : arrAtChurn(portfolio, a, churn, frame.cutoffs().get(last));
                churnedArr += arr;
                if (!frame.flagged(grid.point(a, last))) {
                    continue;
                }
                redArr += arr;
                int first = last;
                while (first > 0 && inPopulation[grid.point(a, first - 1)] && frame.flagged(grid.point(a, first - 1))) {
                    first--;
                }
                leads.add(churn - days[first]);
            }
        }
        List<Integer> sorted = leads.stream().sorted().collect(Collectors.toList());
        BacktestReport.LeadTime lead = new BacktestReport.LeadTime(events, sorted.size(), percentile(sorted, 0.5),
                percentile(sorted, 0.25), percentile(sorted, 0.75), sorted.isEmpty() ? null : sorted.get(0),
                sorted.isEmpty() ? null : sorted.get(sorted.size() - 1), sorted);
        return new Outcomes(lead, new BacktestReport.ArrRecall(churnedArr, redArr,
                churnedArr == 0 ? Double.NaN : redArr / churnedArr));
    }

    /**
     * The ARR lost: the churn's recorded ARR change when there is one, else the account's ARR in force at the cut-off
     * that decided whether the churn was caught.
     */
    private static double arrAtChurn(Portfolio portfolio, int a, int day, LocalDate cutoff) {
        Double change = portfolio.arrChangeOn(a, day, OutcomeEvent.CHURN);
        if (change == null) {
            change = portfolio.arrChangeOn(a, day, OutcomeEvent.CONTRACTION);
        }
        if (change != null) {
            return Math.abs(change);
        }
        Double arr = portfolio.account(a, cutoff).arr();
        return arr == null ? 0 : arr;
    }

    /** The ARR gained: the expansion's recorded ARR change, else the account's ARR at the deciding cut-off. */
    private static double arrAtExpansion(Portfolio portfolio, int a, int day, LocalDate cutoff) {
        Double change = portfolio.arrChangeOn(a, day, OutcomeEvent.EXPANSION);
        if (change != null) {
            return Math.abs(change);
        }
        Double arr = portfolio.account(a, cutoff).arr();
        return arr == null ? 0 : arr;
    }

    /** Linear interpolation between closest ranks. */
    static Double percentile(List<Integer> sorted, double q) {
        if (sorted.isEmpty()) {
            return null;
        }
        double position = q * (sorted.size() - 1);
        int lo = (int) Math.floor(position);
        int hi = (int) Math.ceil(position);
        return sorted.get(lo) + (sorted.get(hi) - sorted.get(lo)) * (position - lo);
    }

    private static List<BacktestReport.Variant> variants(BacktestFrame frame, List<NamedModel> extra, boolean baselines) {
        HealthModel model = frame.grid().model();
        List<NamedModel> all = new ArrayList<>();
        all.add(new NamedModel(model.name() == null ? "model" : model.name(), model));
        all.addAll(extra);
        if (baselines) {
            all.add(new NamedModel("equal weights (baseline)", equalWeights(model)));
            all.add(new NamedModel("usage only (baseline)", usageOnly(model)));
        }
        List<BacktestReport.Variant> variants = new ArrayList<>();
        BacktestFrame.Headline first = null;
        for (NamedModel named : all) {
            BacktestFrame scored = named.model() == model ? frame : frame.withModel(named.model());
            BacktestFrame.Headline h = scored.headline();
            double ap = Metrics.averagePrecision(scored.risks(), scored.labels(), scored.populationArray());
            if (first == null) {
                first = h;
            }
            variants.add(new BacktestReport.Variant(named.name(), h.rocAuc(), ap, h.red().precision(), h.red().recall(),
                    h.top().lift(), h.rocAuc() - first.rocAuc(), h.red().recall() - first.red().recall(),
                    h.red().precision() - first.red().precision()));
        }
        return variants;
    }

    /** The equal-weights baseline: every category weighted alike, in every stage. */
    public static HealthModel equalWeights(HealthModel model) {
        List<HealthModel.Category> categories = model.categories().stream()
                .map(c -> new HealthModel.Category(c.id(), c.label(), 1.0)).toList();
        List<HealthModel.Stage> stages = model.stages().stream()
                .map(s -> new HealthModel.Stage(s.id(), s.label(), null, s.bands())).toList();
        return new HealthModel(model.name() + " (equal weights)", model.version(), categories, model.measures(),
                model.bands(), model.stageRule(), stages, model.playbook(), model.adjustmentBound(), model.alerts());
    }

    /** The usage-only baseline: only the measures read from usage metrics count (the others weigh 0). */
    public static HealthModel usageOnly(HealthModel model) {
        List<HealthModel.Measure> measures = model.measures().stream().map(m -> {
            boolean usage = m.derive().metric() != null && m.derive().role() == null && m.derive().kind() == null;
            return usage ? m : new HealthModel.Measure(m.id(), m.label(), m.category(), m.derive(), m.direction(),
                    m.scale(), 0.0, new HealthModel.Missing("skip", null), m.explain());
        }).toList();
        return new HealthModel(model.name() + " (usage only)", model.version(), model.categories(), measures,
                model.bands(), model.stageRule(), model.stages(), model.playbook(), model.adjustmentBound(), model.alerts());
    }

    private static BacktestReport.Parameters parameters(BacktestFrame frame) {
        BacktestSettings s = frame.settings();
        HealthModel model = frame.grid().model();
        List<LocalDate> incomplete = new ArrayList<>();
        for (int j = 0; j < frame.cutoffs().size(); j++) {
            if (frame.incomplete(j)) {
                incomplete.add(frame.cutoffs().get(j));
            }
        }
        return new BacktestReport.Parameters(model.name(), model.version(), frame.cutoffs().get(0),
                frame.cutoffs().get(frame.cutoffs().size() - 1), s.step().toString(), s.horizonDays(),
                s.contractionIsChurn(), s.keepIncompleteHorizon(), s.topPercent(), frame.portfolio().firstDataDate(),
                frame.portfolio().asOfDate(), frame.cutoffs().size(), incomplete,
                frame.grid().absentSources().warnings(), s.target(), flaggedWhen(frame));
    }

    /** How the expansion target flags a candidate; null for churn (red). */
    private static String flaggedWhen(BacktestFrame frame) {
        BacktestSettings s = frame.settings();
        if (s.target() != Target.EXPANSION) {
            return null;
        }
        if (s.cutoff() != null) {
            return "score at or above " + java.math.BigDecimal.valueOf(s.cutoff()).stripTrailingZeros().toPlainString();
        }
        List<String> rules = frame.grid().model().expansionRules().stream().map(HealthModel.PlaybookRule::id).toList();
        return rules.isEmpty() ? "band green (the model has no expansion rule)"
                : "an expansion rule holds: " + String.join(", ", rules);
    }
}
