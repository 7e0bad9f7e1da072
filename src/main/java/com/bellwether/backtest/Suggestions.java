package com.bellwether.backtest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

import com.bellwether.scoring.HealthModel;

/** Band cut-offs, category weights and measure weights suggested from outcomes (docs/backtest.md). */
public final class Suggestions {

    /** Fewer churners than this in the earlier cut-offs, and the weights are not suggested. */
    public static final int MIN_TRAIN_CHURNERS = 30;
    /** Fewer churners than this in the later cut-offs, and the weights are not suggested. */
    public static final int MIN_TEST_CHURNERS = 15;

    private Suggestions() {
    }

    /** One candidate red cut-off, applied to every stage: what it would flag and catch. */
    public record BandChoice(String criterion, double redCutoff, long flagged, double precision, double recall,
                             double f1, double busiestCsmPerCutoff) {
    }

    public record BandSuggestion(String criterion, BandChoice chosen, List<BandChoice> alternatives, String note) {
    }

    /**
     * Suggests the red cut-off by {@code criterion}: "recall=0.7" (the lowest cut-off reaching that recall),
     * "capacity=N" (the highest cut-off at which, on average over the cut-offs, the busiest CSM has at most N red
     * accounts) or "f1" (the cut-off with the best F1). Candidates run from 0 to 100 in steps of 0.5; flagged means
     * a final score below the cut-off, whatever the stage.
     */
    public static BandSuggestion bands(BacktestFrame frame, String criterion) {
        checkCriterion(criterion);
        String c = criterion.trim().toLowerCase(java.util.Locale.ROOT);
        List<BandChoice> all = new ArrayList<>();
        for (int i = 0; i <= 200; i++) {
            all.add(choice(frame, i / 2.0, c));
        }
        BandChoice chosen;
        String note = "The red cut-off applies to every stage (stage overrides of red are replaced); yellow is unchanged.";
        if (c.startsWith("recall=")) {
            double target = Double.parseDouble(c.substring("recall=".length()));
            chosen = all.stream().filter(b -> b.recall() >= target).findFirst().orElse(null);
            if (chosen == null) {
                chosen = all.get(all.size() - 1);
                note += " No cut-off reaches a recall of " + target + "; the highest is shown.";
            }
        } else if (c.startsWith("capacity=")) {
            double capacity = Double.parseDouble(c.substring("capacity=".length()));
            chosen = all.stream().filter(b -> b.busiestCsmPerCutoff() <= capacity)
                    .reduce((a, b) -> b).orElse(all.get(0));
        } else if (c.equals("f1")) {
            chosen = all.stream().filter(b -> !Double.isNaN(b.f1()))
                    .max(java.util.Comparator.comparingDouble(BandChoice::f1)).orElse(all.get(0));
        } else {
            throw new IllegalArgumentException("--suggest-bands: expected recall=0.7, capacity=N or f1, not " + criterion);
        }
        List<BandChoice> alternatives = new ArrayList<>();
        for (double cut : new double[] {30, 35, 40, 45, 50, 55, 60}) {
            alternatives.add(all.get((int) (cut * 2)));
        }
        return new BandSuggestion(criterion, chosen, alternatives, note);
    }

    /** Fails early, before any work, on a criterion that is not recall=R (0–1], capacity=N (≥ 0) or f1. */
    public static void checkCriterion(String criterion) {
        String c = criterion.trim().toLowerCase(java.util.Locale.ROOT);
        try {
            if (c.startsWith("recall=")) {
                double r = Double.parseDouble(c.substring("recall=".length()));
                if (r > 0 && r <= 1) {
                    return;
                }
            } else if (c.startsWith("capacity=")) {
                if (Double.parseDouble(c.substring("capacity=".length())) >= 0) {
                    return;
                }
            } else if (c.equals("f1")) {
                return;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--suggest-bands: expected recall=R (0 to 1), capacity=N or f1, not " + criterion);
    }

    private static BandChoice choice(BacktestFrame frame, double cut, String criterion) {
        int[] points = frame.populationArray();
        boolean[] flagged = new boolean[frame.risks().length];
        Map<String, int[]> perCsm = new HashMap<>();
        int cutoffs = frame.cutoffs().size();
        for (int p : points) {
            if (frame.grid().score(p) < cut) {
                flagged[p] = true;
                String csm = frame.portfolio().account(frame.accountOf(p), frame.cutoffs().get(frame.cutoffOf(p))).csm();
                if (csm != null) {
                    perCsm.computeIfAbsent(csm, k -> new int[cutoffs])[frame.cutoffOf(p)]++;
                }
            }
        }
        double busiest = 0;
        for (int j = 0; j < cutoffs; j++) {
            int max = 0;
            for (int[] counts : perCsm.values()) {
                max = Math.max(max, counts[j]);
            }
            busiest += max;
        }
        Metrics.Confusion confusion = Metrics.confusion(flagged, frame.labels(), points);
        return new BandChoice(criterion, cut, confusion.flagged(), confusion.precision(), confusion.recall(),
                confusion.f1(), busiest / cutoffs);
    }

    /**
     * Category weights suggested by a search on the earlier cut-offs, checked on the later ones, and the measure
     * step that follows them ({@code measures}). {@code refused} says why there is no suggestion.
     */
    public record WeightSuggestion(Map<String, Double> currentWeights, Map<String, Double> suggestedWeights,
                                   String objective, List<String> trainCutoffs, List<String> testCutoffs,
                                   long trainChurners, long testChurners, double trainCurrent, double trainSuggested,
                                   double testCurrent, double testSuggested, int evaluations, String refused,
                                   MeasureSuggestion measures) {
    }

    /**
     * The measure step that follows the category weights: category shares and, within each category, measure
     * weights as whole percentages of the category (summing to 100 in each), with the measures it turns off
     * (weight 0). Train and test ROC AUC for the current model and for the whole proposal.
     */
    public record MeasureSuggestion(Map<String, Double> categoryWeights,
                                    Map<String, Map<String, Double>> currentMeasureWeights,
                                    Map<String, Map<String, Double>> suggestedMeasureWeights,
                                    List<String> turnedOff, double trainCurrent, double trainSuggested,
                                    double testCurrent, double testSuggested, int evaluations) {

        /**
         * The model with the proposed category weights and measure weights; stage overrides and all else kept. A
         * category's measure percentages go into the model divided by their greatest common divisor (40/40/20 as
         * 2/2/1): the same proportions, in the small whole numbers a model file is written with.
         */
        public HealthModel applyTo(HealthModel model) {
            HealthModel next = model.withCategoryWeights(categoryWeights);
            for (Map<String, Double> weights : suggestedMeasureWeights.values()) {
                long divisor = 0;
                for (double w : weights.values()) {
                    divisor = gcd(divisor, Math.round(w));
                }
                for (Map.Entry<String, Double> e : weights.entrySet()) {
                    HealthModel.Measure m = next.measures().get(next.measureIndex(e.getKey()));
                    double weight = divisor == 0 ? e.getValue() : (double) (Math.round(e.getValue()) / divisor);
                    next = next.withMeasure(new HealthModel.Measure(m.id(), m.label(), m.category(), m.derive(),
                            m.direction(), m.scale(), weight, m.missing(), m.explain()));
                }
            }
            return next;
        }

        private static long gcd(long a, long b) {
            return b == 0 ? a : gcd(b, a % b);
        }
    }

    /**
     * Searches non-negative integer category weights summing to 100 (within optional per-category [min, max]
     * bounds) that maximise ROC AUC on the first two thirds of the cut-offs: coordinate ascent moving 10, then 5,
     * then 1 point between two categories at a time, from the current weights. Reports train and test (the last
     * third, out of time) figures for the current and the suggested weights. Stage weight overrides are kept.
     */
    public static WeightSuggestion weights(BacktestFrame frame, Map<String, double[]> bounds, BooleanSupplier cancelled) {
        return weights(frame, bounds, cancelled, (step, fraction) -> { });
    }

    /** Where a long search tells how far it is: a sentence and a fraction from 0 to 1. */
    @FunctionalInterface
    public interface Progress {
        void update(String step, double fraction);
    }

    /**
     * The same, telling {@code progress} how far it is. The category step comes first; the measure step
     * ({@link MeasureSuggestion}) starts from its weights.
     */
    public static WeightSuggestion weights(BacktestFrame frame, Map<String, double[]> bounds, BooleanSupplier cancelled,
                                           Progress progress) {
        HealthModel model = frame.grid().model();
        List<String> ids = new ArrayList<>(model.weightsById().keySet());
        int[] min = new int[ids.size()];
        int[] max = new int[ids.size()];
        checkBounds(ids, bounds, min, max);
        int cutoffs = completeCutoffs(frame);
        int split = (int) Math.ceil(cutoffs * 2 / 3.0);
        // Embargo: a train cut-off's labels look a horizon ahead, so none may reach into the test period.
        int trainEnd = split;
        if (split < cutoffs) {
            LocalDate firstTest = frame.cutoffs().get(split);
            while (trainEnd > 0 && frame.cutoffs().get(trainEnd - 1).plusDays(frame.settings().horizonDays()).isAfter(firstTest)) {
                trainEnd--;
            }
        }
        List<String> train = frame.cutoffs().subList(0, trainEnd).stream().map(Object::toString).toList();
        List<String> test = frame.cutoffs().subList(split, cutoffs).stream().map(Object::toString).toList();
        Map<String, Double> current = normalised(model.weightsById());
        long trainChurners = churnEvents(frame, 0, trainEnd);
        long testChurners = churnEvents(frame, split, cutoffs);
        if (test.isEmpty() || trainChurners < MIN_TRAIN_CHURNERS || testChurners < MIN_TEST_CHURNERS) {
            return new WeightSuggestion(current, null, "roc_auc", train, test, trainChurners, testChurners,
                    Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, "Too few churn events to suggest weights: "
                    + trainChurners + " in the earlier cut-offs (at least " + MIN_TRAIN_CHURNERS + " needed) and "
                    + testChurners + " in the later ones (at least " + MIN_TEST_CHURNERS + " needed).", null);
        }
        int[] weights = start(ids, current, min, max);
        int[] evaluations = {0};
        double best = trainAuc(frame, model, ids, weights, trainEnd, evaluations);
        for (int step : new int[] {10, 5, 1}) {
            progress.update("Category weights: steps of " + step, step == 10 ? 0 : step == 5 ? 0.2 : 0.35);
            boolean improved = true;
            while (improved) {
                if (cancelled.getAsBoolean()) {
                    throw new java.util.concurrent.CancellationException("cancelled");
                }
                improved = false;
                int[] bestMove = null;
                for (int from = 0; from < ids.size(); from++) {
                    for (int to = 0; to < ids.size(); to++) {
                        if (from == to || weights[from] - step < min[from] || weights[to] + step > max[to]) {
                            continue;
                        }
                        weights[from] -= step;
                        weights[to] += step;
                        double auc = trainAuc(frame, model, ids, weights, trainEnd, evaluations);
                        if (auc > best + 1e-9) {
                            best = auc;
                            bestMove = new int[] {from, to};
                        }
                        weights[from] += step;
                        weights[to] -= step;
                    }
                }
                if (bestMove != null) {
                    weights[bestMove[0]] -= step;
                    weights[bestMove[1]] += step;
                    improved = true;
                }
            }
        }
        Map<String, Double> suggested = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            suggested.put(ids.get(i), (double) weights[i]);
        }
        BacktestFrame now = frame;
        BacktestFrame then = frame.withModel(model.withCategoryWeights(suggested));
        double trainNow = auc(now, 0, trainEnd);
        double testNow = auc(now, split, cutoffs);
        MeasureSuggestion measures = measures(frame, weights, min, max, trainEnd, split, cutoffs, trainNow, testNow,
                cancelled, progress);
        return new WeightSuggestion(current, suggested, "roc_auc", train, test, trainChurners, testChurners,
                trainNow, auc(then, 0, trainEnd), testNow, auc(then, split, cutoffs), evaluations[0], null, measures);
    }

    /**
     * The measure step: from the category step's weights and the current measure weights as whole percentages of
     * their category, a best-move ascent of ROC AUC on the train cut-offs. At each step size d of 10, 5 and 1 every
     * move is tried: d points (or all that is left, when less) from one measure to another of the same category, a
     * measure's whole share to another of its category (turning it off), d points from one category to another, and
     * a category's whole weight to another (both within the bounds); the best move that raises the train AUC is
     * taken, and the step size goes down when none does. Scores come from the measure-score columns, re-aggregated
     * for every move.
     */
    private static MeasureSuggestion measures(BacktestFrame frame, int[] categoryStart, int[] min, int[] max, int trainEnd,
                                              int split, int cutoffs, double trainNow, double testNow,
                                              BooleanSupplier cancelled, Progress progress) {
        HealthModel model = frame.grid().model();
        List<HealthModel.Measure> measureList = model.measures();
        List<String> categoryIds = new ArrayList<>(model.weightsById().keySet());
        // Points that have a score under some weights: those of the model with every category and measure weighing 1
        // (stage overrides kept, since the search keeps them).
        Map<String, Double> ones = new LinkedHashMap<>();
        categoryIds.forEach(id -> ones.put(id, 1.0));
        HealthModel allOn = model.withCategoryWeights(ones);
        for (HealthModel.Measure m : measureList) {
            allOn = allOn.withMeasure(new HealthModel.Measure(m.id(), m.label(), m.category(), m.derive(), m.direction(),
                    m.scale(), 1.0, m.missing(), m.explain()));
        }
        BacktestFrame candidates = frame.withModel(allOn);
        MeasureColumns columns = new MeasureColumns(frame, model, between(candidates, 0, trainEnd));
        int[] categories = categoryStart.clone();
        int[] share = new int[measureList.size()];
        Map<String, Map<String, Double>> currentShares = new LinkedHashMap<>();
        for (int c = 0; c < columns.categories(); c++) {
            int[] of = columns.measuresOf(c);
            if (of.length == 0) {
                continue;
            }
            List<String> ids = new ArrayList<>();
            Map<String, Double> weights = new LinkedHashMap<>();
            for (int m : of) {
                ids.add(measureList.get(m).id());
                weights.put(measureList.get(m).id(), measureList.get(m).weightOrOne());
            }
            Map<String, Double> percent = normalised(weights);
            currentShares.put(categoryIds.get(c), percent);
            int[] lo = new int[of.length];
            int[] hi = new int[of.length];
            Arrays.fill(hi, 100);
            int[] whole = start(ids, percent.values().stream().allMatch(w -> w == 0) ? equal(ids) : percent, lo, hi);
            for (int i = 0; i < of.length; i++) {
                share[of[i]] = whole[i];
            }
        }
        double[] measureWeights = new double[share.length];
        double[] categoryWeights = new double[categories.length];
        for (int m = 0; m < share.length; m++) {
            measureWeights[m] = share[m];
        }
        for (int c = 0; c < categories.length; c++) {
            categoryWeights[c] = categories[c];
        }
        double[][] state = columns.newCategoryColumns();
        for (int c = 0; c < state.length; c++) {
            columns.categoryColumn(c, measureWeights, state[c]);
        }
        double[] trial = new double[columns.size()];
        int evaluations = 1;
        double best = columns.rocAuc(state, categoryWeights);
        int[] steps = {10, 5, 1};
        for (int stepIndex = 0; stepIndex < steps.length; stepIndex++) {
            int step = steps[stepIndex];
            while (true) {
                if (cancelled.getAsBoolean()) {
                    throw new java.util.concurrent.CancellationException("cancelled");
                }
                progress.update(String.format(java.util.Locale.ROOT, "Measure weights: steps of %d, train ROC AUC %.3f",
                        step, best), 0.5 + 0.15 * stepIndex);
                // The best move: {kind (0 measure, 1 category), from, to, amount}.
                int[] move = null;
                for (int c = 0; c < state.length; c++) {
                    if (categories[c] == 0) {
                        continue; // a category that weighs nothing: its measures' shares change no score
                    }
                    int[] of = columns.measuresOf(c);
                    double[] kept = state[c];
                    for (int from : of) {
                        for (int to : of) {
                            if (from == to || share[from] == 0) {
                                continue;
                            }
                            for (int amount : amounts(step, share[from])) {
                                measureWeights[from] -= amount;
                                measureWeights[to] += amount;
                                columns.categoryColumn(c, measureWeights, trial);
                                state[c] = trial;
                                double auc = columns.rocAuc(state, categoryWeights);
                                evaluations++;
                                state[c] = kept;
                                measureWeights[from] += amount;
                                measureWeights[to] -= amount;
                                if (auc > best + 1e-9) {
                                    best = auc;
                                    move = new int[] {0, from, to, amount};
                                }
                            }
                        }
                    }
                }
                for (int from = 0; from < categories.length; from++) {
                    for (int to = 0; to < categories.length; to++) {
                        if (from == to || categories[from] == 0) {
                            continue;
                        }
                        for (int amount : amounts(step, categories[from])) {
                            if (categories[from] - amount < min[from] || categories[to] + amount > max[to]) {
                                continue;
                            }
                            categoryWeights[from] -= amount;
                            categoryWeights[to] += amount;
                            double auc = columns.rocAuc(state, categoryWeights);
                            evaluations++;
                            categoryWeights[from] += amount;
                            categoryWeights[to] -= amount;
                            if (auc > best + 1e-9) {
                                best = auc;
                                move = new int[] {1, from, to, amount};
                            }
                        }
                    }
                }
                if (move == null) {
                    break;
                }
                if (move[0] == 0) {
                    share[move[1]] -= move[3];
                    share[move[2]] += move[3];
                    measureWeights[move[1]] = share[move[1]];
                    measureWeights[move[2]] = share[move[2]];
                    int c = columns.categoryOf(move[1]);
                    state[c] = new double[columns.size()];
                    columns.categoryColumn(c, measureWeights, state[c]);
                } else {
                    categories[move[1]] -= move[3];
                    categories[move[2]] += move[3];
                    categoryWeights[move[1]] = categories[move[1]];
                    categoryWeights[move[2]] = categories[move[2]];
                }
            }
        }
        Map<String, Double> proposedCategories = new LinkedHashMap<>();
        for (int c = 0; c < categories.length; c++) {
            proposedCategories.put(categoryIds.get(c), (double) categories[c]);
        }
        Map<String, Map<String, Double>> proposedShares = new LinkedHashMap<>();
        List<String> off = new ArrayList<>();
        for (int c = 0; c < columns.categories(); c++) {
            for (int m : columns.measuresOf(c)) {
                proposedShares.computeIfAbsent(categoryIds.get(c), k -> new LinkedHashMap<>())
                        .put(measureList.get(m).id(), (double) share[m]);
                if (share[m] == 0) {
                    off.add(measureList.get(m).id());
                }
            }
        }
        MeasureSuggestion unchecked = new MeasureSuggestion(proposedCategories, currentShares, proposedShares, off,
                trainNow, Double.NaN, testNow, Double.NaN, evaluations);
        BacktestFrame proposed = frame.withModel(unchecked.applyTo(model));
        return new MeasureSuggestion(proposedCategories, currentShares, proposedShares, List.copyOf(off), trainNow,
                auc(proposed, 0, trainEnd), testNow, auc(proposed, split, cutoffs), evaluations);
    }

    /**
     * The suggestion in two sentences: the category weights alone, then with the measure step, each with ROC AUC on
     * the train and test cut-offs for the current and the suggested weights.
     */
    public static String summary(WeightSuggestion s) {
        if (s.refused() != null) {
            return s.refused();
        }
        String text = String.format(Locale.ROOT, "Suggested category weights %s: ROC AUC %.3f → %.3f on %d train cut-offs"
                        + " (%d churn events), %.3f → %.3f on %d test cut-offs (%d).",
                weightList(s.suggestedWeights()), s.trainCurrent(), s.trainSuggested(), s.trainCutoffs().size(),
                s.trainChurners(), s.testCurrent(), s.testSuggested(), s.testCutoffs().size(), s.testChurners());
        MeasureSuggestion m = s.measures();
        if (m == null) {
            return text;
        }
        List<String> within = new ArrayList<>();
        m.suggestedMeasureWeights().forEach((category, weights) -> {
            if (m.categoryWeights().getOrDefault(category, 0.0) > 0) {
                within.add(category + " (" + weightList(weights) + ")");
            }
        });
        return text + String.format(Locale.ROOT, " With measure weights too, as %% of their category: %s; %s;"
                        + " ROC AUC %.3f → %.3f on train, %.3f → %.3f on test.",
                weightList(m.categoryWeights()), String.join(", ", within),
                m.trainCurrent(), m.trainSuggested(), m.testCurrent(), m.testSuggested())
                + (m.turnedOff().isEmpty() ? "" : " Turned off: " + String.join(", ", m.turnedOff()) + ".");
    }

    private static String weightList(Map<String, Double> weights) {
        List<String> parts = new ArrayList<>();
        weights.forEach((id, w) -> parts.add(String.format(Locale.ROOT, "%s %.0f", id, w)));
        return String.join(", ", parts);
    }

    /** A step's move: d points, or all that is left when less; and the whole share (turning it off) when more. */
    private static int[] amounts(int step, int share) {
        if (share <= step) {
            return new int[] {share};
        }
        return new int[] {step, share};
    }

    private static Map<String, Double> equal(List<String> ids) {
        Map<String, Double> out = new LinkedHashMap<>();
        ids.forEach(id -> out.put(id, 100.0 / ids.size()));
        return out;
    }

    /** Fails early on bounds that name no category of the model, or cannot add up to 100. */
    public static void checkBounds(HealthModel model, Map<String, double[]> bounds) {
        List<String> ids = new ArrayList<>(model.weightsById().keySet());
        checkBounds(ids, bounds, new int[ids.size()], new int[ids.size()]);
    }

    /** Checks the bounds against the model's categories: known ids, min ≤ max, and a sum of 100 within reach. */
    private static void checkBounds(List<String> ids, Map<String, double[]> bounds, int[] min, int[] max) {
        for (String id : bounds.keySet()) {
            if (!ids.contains(id)) {
                throw new IllegalArgumentException("--weight-bounds: no category " + id + " in the model (it has "
                        + String.join(", ", ids) + ")");
            }
        }
        int sumMin = 0;
        int sumMax = 0;
        for (int i = 0; i < ids.size(); i++) {
            double[] b = bounds.getOrDefault(ids.get(i), new double[] {0, 100});
            min[i] = (int) Math.max(0, Math.ceil(b[0]));
            max[i] = (int) Math.min(100, Math.floor(b[1]));
            if (min[i] > max[i]) {
                throw new IllegalArgumentException("--weight-bounds: " + ids.get(i) + " has its minimum above its maximum");
            }
            sumMin += min[i];
            sumMax += max[i];
        }
        if (sumMin > 100 || sumMax < 100) {
            throw new IllegalArgumentException("--weight-bounds: the bounds cannot add up to 100 (minimums add up to "
                    + sumMin + ", maximums to " + sumMax + ")");
        }
    }

    /**
     * Whole weights summing to 100 within the bounds, as close to the current ones as rounding allows: rounded and
     * clamped, then points moved one at a time from the largest weight that can give to the smallest that can take.
     */
    static int[] start(List<String> ids, Map<String, Double> current, int[] min, int[] max) {
        int[] weights = new int[ids.size()];
        int sum = 0;
        for (int i = 0; i < ids.size(); i++) {
            weights[i] = Math.max(min[i], Math.min(max[i], (int) Math.round(current.get(ids.get(i)))));
            sum += weights[i];
        }
        while (sum != 100) {
            int pick = -1;
            for (int i = 0; i < weights.length; i++) {
                boolean can = sum > 100 ? weights[i] > min[i] : weights[i] < max[i];
                if (can && (pick < 0 || (sum > 100 ? weights[i] > weights[pick] : weights[i] < weights[pick]))) {
                    pick = i;
                }
            }
            weights[pick] += sum > 100 ? -1 : 1;
            sum += sum > 100 ? -1 : 1;
        }
        return weights;
    }

    /** Cut-offs whose horizon the data covers come first; flagged ones are left out of the suggestions. */
    private static int completeCutoffs(BacktestFrame frame) {
        int n = 0;
        while (n < frame.cutoffs().size() && !frame.incomplete(n)) {
            n++;
        }
        return n;
    }

    /** Distinct churns (account and day) labelled at the cut-offs from {@code from} to before {@code to}. */
    private static long churnEvents(BacktestFrame frame, int fromCutoff, int toCutoff) {
        java.util.Set<Long> events = new java.util.HashSet<>();
        int horizon = frame.settings().horizonDays();
        for (int p : between(frame, fromCutoff, toCutoff)) {
            if (frame.label(p)) {
                int a = frame.accountOf(p);
                int t = (int) frame.cutoffs().get(frame.cutoffOf(p)).toEpochDay();
                for (int churn : frame.portfolio().churnDays(a, frame.settings().contractionIsChurn())) {
                    if (churn > t && churn <= t + horizon) {
                        events.add((long) a << 32 | churn);
                    }
                }
            }
        }
        return events.size();
    }

    private static Map<String, Double> normalised(Map<String, Double> weights) {
        double sum = weights.values().stream().mapToDouble(Double::doubleValue).sum();
        Map<String, Double> out = new LinkedHashMap<>();
        weights.forEach((id, w) -> out.put(id, sum == 0 ? 0 : w * 100 / sum));
        return out;
    }

    private static double trainAuc(BacktestFrame frame, HealthModel model, List<String> ids, int[] weights, int split,
                                   int[] evaluations) {
        evaluations[0]++;
        Map<String, Double> w = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            w.put(ids.get(i), (double) weights[i]);
        }
        return auc(frame.withModel(model.withCategoryWeights(w)), 0, split);
    }

    static double auc(BacktestFrame frame, int fromCutoff, int toCutoff) {
        return Metrics.rocAuc(frame.risks(), frame.labels(), between(frame, fromCutoff, toCutoff));
    }

    static int[] between(BacktestFrame frame, int fromCutoff, int toCutoff) {
        return java.util.Arrays.stream(frame.populationArray())
                .filter(p -> frame.cutoffOf(p) >= fromCutoff && frame.cutoffOf(p) < toCutoff).toArray();
    }

}
