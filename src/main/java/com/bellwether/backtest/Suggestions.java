package com.bellwether.backtest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import com.bellwether.scoring.HealthModel;

/** Band cut-offs and category weights suggested from outcomes (docs/backtest.md). */
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
        String c = criterion.trim().toLowerCase(java.util.Locale.ROOT);
        List<BandChoice> all = new ArrayList<>();
        for (int i = 0; i <= 200; i++) {
            all.add(choice(frame, i / 2.0, c));
        }
        BandChoice chosen;
        if (c.startsWith("recall=")) {
            double target = Double.parseDouble(c.substring("recall=".length()));
            chosen = all.stream().filter(b -> b.recall() >= target).findFirst().orElse(all.get(all.size() - 1));
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
        return new BandSuggestion(criterion, chosen, alternatives,
                "The red cut-off applies to every stage (stage overrides of red are replaced); yellow is unchanged.");
    }

    private static BandChoice choice(BacktestFrame frame, double cut, String criterion) {
        int[] points = frame.populationArray();
        boolean[] flagged = new boolean[frame.risks().length];
        Map<String, int[]> perCsm = new HashMap<>();
        int cutoffs = frame.cutoffs().size();
        for (int p : points) {
            if (frame.grid().score(p) < cut) {
                flagged[p] = true;
                String csm = frame.portfolio().account(frame.accountOf(p)).csm();
                perCsm.computeIfAbsent(csm == null ? "" : csm, k -> new int[cutoffs])[frame.cutoffOf(p)]++;
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
     * Category weights suggested by a search on the earlier cut-offs, checked on the later ones. {@code refused}
     * says why there is no suggestion.
     */
    public record WeightSuggestion(Map<String, Double> currentWeights, Map<String, Double> suggestedWeights,
                                   String objective, List<String> trainCutoffs, List<String> testCutoffs,
                                   long trainChurners, long testChurners, double trainCurrent, double trainSuggested,
                                   double testCurrent, double testSuggested, int evaluations, String refused) {
    }

    /**
     * Searches non-negative integer category weights summing to 100 (within optional per-category [min, max]
     * bounds) that maximise ROC AUC on the first two thirds of the cut-offs: coordinate ascent moving 10, then 5,
     * then 1 point between two categories at a time, from the current weights. Reports train and test (the last
     * third, out of time) figures for the current and the suggested weights. Stage weight overrides are kept.
     */
    public static WeightSuggestion weights(BacktestFrame frame, Map<String, double[]> bounds, BooleanSupplier cancelled) {
        HealthModel model = frame.grid().model();
        int cutoffs = frame.cutoffs().size();
        int split = (int) Math.ceil(cutoffs * 2 / 3.0);
        List<String> train = frame.cutoffs().subList(0, split).stream().map(Object::toString).toList();
        List<String> test = frame.cutoffs().subList(split, cutoffs).stream().map(Object::toString).toList();
        Map<String, Double> current = normalised(model.weightsById());
        long trainChurners = churners(frame, 0, split);
        long testChurners = churners(frame, split, cutoffs);
        if (test.isEmpty() || trainChurners < MIN_TRAIN_CHURNERS || testChurners < MIN_TEST_CHURNERS) {
            return new WeightSuggestion(current, null, "roc_auc", train, test, trainChurners, testChurners,
                    Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, "Too few churn events to suggest weights: "
                    + trainChurners + " in the earlier cut-offs (at least " + MIN_TRAIN_CHURNERS + " needed) and "
                    + testChurners + " in the later ones (at least " + MIN_TEST_CHURNERS + " needed).");
        }
        List<String> ids = new ArrayList<>(current.keySet());
        int[] weights = new int[ids.size()];
        int assigned = 0;
        for (int i = 0; i < ids.size(); i++) {
            weights[i] = (int) Math.round(current.get(ids.get(i)));
            assigned += weights[i];
        }
        weights[0] += 100 - assigned;
        int[] min = new int[ids.size()];
        int[] max = new int[ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            double[] b = bounds.getOrDefault(ids.get(i), new double[] {0, 100});
            min[i] = (int) Math.ceil(b[0]);
            max[i] = (int) Math.floor(b[1]);
            weights[i] = Math.max(min[i], Math.min(max[i], weights[i]));
        }
        int[] evaluations = {0};
        double best = trainAuc(frame, model, ids, weights, split, evaluations);
        for (int step : new int[] {10, 5, 1}) {
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
                        double auc = trainAuc(frame, model, ids, weights, split, evaluations);
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
        return new WeightSuggestion(current, suggested, "roc_auc", train, test, trainChurners, testChurners,
                auc(now, 0, split), auc(then, 0, split), auc(now, split, cutoffs), auc(then, split, cutoffs),
                evaluations[0], null);
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

    private static long churners(BacktestFrame frame, int fromCutoff, int toCutoff) {
        return frame.churners(between(frame, fromCutoff, toCutoff));
    }
}
