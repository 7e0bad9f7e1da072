package com.bellwether.backtest;

import java.util.Arrays;
import java.util.List;

import com.bellwether.scoring.HealthModel;
import com.bellwether.scoring.ScoreGrid;

/**
 * Some backtest points' measure scores, stages, adjustments and labels copied side by side, so that the weight
 * search can score them under one set of category and measure weights after another without a new grid: each
 * category's score is the weighted mean of its measures' scores, the total the weighted mean of the categories' (with
 * the model's stage overrides), plus the adjustment, within 0–100; the same arithmetic as {@link ScoreGrid}.
 */
final class MeasureColumns {

    private final int size;
    private final double[][] scores;     // [measure][i], NaN when skipped
    private final int[] categoryOf;      // [measure]
    private final int[][] measuresOf;    // [category] -> measures
    private final byte[] stage;          // index into HealthModel.STAGE_IDS
    private final double[] adjustment;
    private final boolean[] label;
    /** [stage][category]: the stage's own weight, NaN where it takes the model's. */
    private final double[][] overrides;

    private final double[] risk;
    private final int[] scored;
    private final Metrics.Scratch scratch = new Metrics.Scratch();

    /** The given points of a frame scored under {@code model}'s measures (its scales and missing-data policies). */
    MeasureColumns(BacktestFrame frame, HealthModel model, int[] points) {
        ScoreGrid grid = frame.grid();
        List<HealthModel.Measure> measures = model.measures();
        List<HealthModel.Category> categories = model.categories();
        size = points.length;
        scores = new double[measures.size()][size];
        categoryOf = new int[measures.size()];
        int[] counts = new int[categories.size()];
        for (int m = 0; m < measures.size(); m++) {
            categoryOf[m] = model.categoryIndex(measures.get(m).category());
            counts[categoryOf[m]]++;
            for (int i = 0; i < size; i++) {
                scores[m][i] = grid.measureScore(m, points[i]);
            }
        }
        measuresOf = new int[categories.size()][];
        for (int c = 0; c < measuresOf.length; c++) {
            measuresOf[c] = new int[counts[c]];
        }
        Arrays.fill(counts, 0);
        for (int m = 0; m < categoryOf.length; m++) {
            measuresOf[categoryOf[m]][counts[categoryOf[m]]++] = m;
        }
        stage = new byte[size];
        adjustment = new double[size];
        label = new boolean[size];
        for (int i = 0; i < size; i++) {
            stage[i] = (byte) HealthModel.STAGE_IDS.indexOf(grid.stage(points[i]));
            adjustment[i] = grid.adjustment(points[i]);
            label[i] = frame.label(points[i]);
        }
        overrides = new double[HealthModel.STAGE_IDS.size()][categories.size()];
        for (int s = 0; s < overrides.length; s++) {
            HealthModel.Stage st = model.stage(HealthModel.STAGE_IDS.get(s));
            for (int c = 0; c < categories.size(); c++) {
                Double w = st == null || st.weights() == null ? null : st.weights().get(categories.get(c).id());
                overrides[s][c] = w == null ? Double.NaN : w;
            }
        }
        risk = new double[size];
        scored = new int[size];
    }

    /** Points to a task; a large set is shared by every core. */
    private static final int CHUNK = 32_768;

    private void onEveryChunk(java.util.function.BiConsumer<Integer, Integer> work) {
        int chunks = (size + CHUNK - 1) / CHUNK;
        if (chunks <= 1) {
            work.accept(0, size);
            return;
        }
        java.util.stream.IntStream.range(0, chunks).parallel()
                .forEach(k -> work.accept(k * CHUNK, Math.min(size, (k + 1) * CHUNK)));
    }

    int size() {
        return size;
    }

    int categories() {
        return measuresOf.length;
    }

    int categoryOf(int measure) {
        return categoryOf[measure];
    }

    int[] measuresOf(int category) {
        return measuresOf[category];
    }

    /** A fresh column per category, to hold category scores. */
    double[][] newCategoryColumns() {
        return new double[measuresOf.length][size];
    }

    /** One category's score at every point under the measure weights (indexed by measure); NaN without a score. */
    void categoryColumn(int category, double[] measureWeights, double[] out) {
        onEveryChunk((from, to) -> categoryColumn(category, measureWeights, out, from, to));
    }

    private void categoryColumn(int category, double[] measureWeights, double[] out, int from, int to) {
        int[] of = measuresOf[category];
        for (int i = from; i < to; i++) {
            double sum = 0;
            double weight = 0;
            for (int m : of) {
                double w = measureWeights[m];
                double s = scores[m][i];
                if (s == s && w > 0) {
                    sum += w * s;
                    weight += w;
                }
            }
            out[i] = weight > 0 ? sum / weight : Double.NaN;
        }
    }

    /**
     * ROC AUC of the points whose total has a score under these category columns and model category weights (the
     * stage overrides applied on top); NaN when there are no churners or no others among them.
     */
    double rocAuc(double[][] categoryColumns, double[] categoryWeights) {
        int categories = categoryColumns.length;
        double[][] stageWeights = new double[overrides.length][categories];
        for (int s = 0; s < overrides.length; s++) {
            for (int c = 0; c < categories; c++) {
                stageWeights[s][c] = Double.isNaN(overrides[s][c]) ? categoryWeights[c] : overrides[s][c];
            }
        }
        onEveryChunk((from, to) -> {
            for (int i = from; i < to; i++) {
                double[] w = stageWeights[stage[i]];
                double sum = 0;
                double weight = 0;
                for (int c = 0; c < categories; c++) {
                    double score = categoryColumns[c][i];
                    if (score == score && w[c] > 0) {
                        sum += w[c] * score;
                        weight += w[c];
                    }
                }
                risk[i] = weight == 0 ? Double.NaN : 100 - Math.max(0, Math.min(100, sum / weight + adjustment[i]));
            }
        });
        int n = 0;
        int positives = 0;
        for (int i = 0; i < size; i++) {
            if (risk[i] == risk[i]) {
                scored[n++] = i;
                if (label[i]) {
                    positives++;
                }
            }
        }
        if (positives == 0 || positives == n) {
            return Double.NaN;
        }
        return Metrics.rocAuc(risk, label, scored, n, scratch);
    }
}
