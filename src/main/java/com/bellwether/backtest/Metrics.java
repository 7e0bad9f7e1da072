package com.bellwether.backtest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The classification figures of a backtest, computed from risk (100 − score) and labels (churned within the
 * horizon). Every formula is spelt out in docs/backtest.md so that an analyst can check it by hand.
 */
public final class Metrics {

    private Metrics() {
    }

    /**
     * ROC AUC by Mann–Whitney: the share of (churner, non-churner) pairs where the churner has the higher risk,
     * ties counting one half. NaN when either class is empty.
     */
    public static double rocAuc(double[] risk, boolean[] label, int[] points) {
        return rocAuc(risk, label, points, points.length, new Scratch());
    }

    /** Buffers the linear-time figures reuse from one call to the next (a slider move allocates nothing). */
    static final class Scratch {

        private static final int MIN_BUCKETS = 10_001;
        private static final int MAX_BUCKETS = 1_000_001;

        /** Points per bucket: few enough to compare one by one, buckets few enough to stay in the cache. */
        private final int pointsPerBucket;

        private int[] start = new int[0];
        private int[] filled = new int[0];
        private double[] values = new double[0];

        Scratch() {
            this(16);
        }

        Scratch(int pointsPerBucket) {
            this.pointsPerBucket = pointsPerBucket;
        }

        /**
         * Risk 0–100 in buckets of equal width, 0.01 wide at most and about {@code pointsPerBucket} points to a
         * bucket: what keeps the comparisons within a bucket few however many points there are.
         */
        int buckets(int points) {
            int buckets = Metrics.buckets(points, pointsPerBucket);
            if (filled.length < buckets) {
                start = new int[buckets + 1];
                filled = new int[buckets];
            }
            return buckets;
        }

        double[] values(int size) {
            if (values.length < size) {
                values = new double[Math.max(size, values.length + values.length / 2)];
            }
            return values;
        }
    }

    /** The number of risk buckets for so many points at about 16 to a bucket (see {@link Scratch#buckets}). */
    static int buckets(int points) {
        return buckets(points, 16);
    }

    private static int buckets(int points, int pointsPerBucket) {
        return Math.max(Scratch.MIN_BUCKETS, Math.min(Scratch.MAX_BUCKETS, (points / pointsPerBucket) | 1));
    }

    /** ROC AUC over the first {@code size} of the points. */
    static double rocAuc(double[] risk, boolean[] label, int[] points, int size, Scratch scratch) {
        for (int i = 0; i < size; i++) {
            if (Double.isNaN(risk[points[i]])) {
                throw new IllegalArgumentException("a point without a score has no risk to rank");
            }
        }
        // Non-churners laid out by risk buckets of equal width (risk is 0–100): a churner beats every non-churner of
        // a lower bucket, and is compared one by one only within its own bucket. Exact, in linear time.
        int buckets = scratch.buckets(size);
        int[] start = scratch.start;
        Arrays.fill(start, 0, buckets + 1, 0);
        int positives = 0;
        for (int i = 0; i < size; i++) {
            int p = points[i];
            if (label[p]) {
                positives++;
            } else {
                start[bucket(risk[p], buckets) + 1]++;
            }
        }
        int negatives = size - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        for (int b = 0; b < buckets; b++) {
            start[b + 1] += start[b];
        }
        double[] byBucket = scratch.values(negatives);
        int[] filled = scratch.filled;
        Arrays.fill(filled, 0, buckets, 0);
        for (int i = 0; i < size; i++) {
            int p = points[i];
            if (!label[p]) {
                int b = bucket(risk[p], buckets);
                byBucket[start[b] + filled[b]++] = risk[p];
            }
        }
        double wins = 0;
        for (int i = 0; i < size; i++) {
            int p = points[i];
            if (label[p]) {
                double r = risk[p];
                int b = bucket(r, buckets);
                wins += start[b];
                for (int k = start[b]; k < start[b + 1]; k++) {
                    wins += byBucket[k] < r ? 1 : byBucket[k] == r ? 0.5 : 0;
                }
            }
        }
        return wins / ((double) positives * negatives);
    }

    /** One threshold of a curve: flagging every point with risk ≥ threshold. */
    public record CurvePoint(double threshold, long flagged, long truePositives, double falsePositiveRate,
                             double recall, double precision) {
    }

    /** The ROC and precision–recall curve: one point per distinct risk, from the riskiest down. */
    public static List<CurvePoint> curve(double[] risk, boolean[] label, int[] points) {
        List<CurvePoint> curve = new ArrayList<>();
        thresholds(risk, label, points, (threshold, added, tp, fp, positives, negatives) ->
                curve.add(new CurvePoint(threshold, tp + fp, tp, negatives == 0 ? Double.NaN : (double) fp / negatives,
                        positives == 0 ? Double.NaN : (double) tp / positives, (double) tp / (tp + fp))));
        return curve;
    }

    /** Average precision straight from the points, without building the curve (see {@link #averagePrecision(List)}). */
    public static double averagePrecision(double[] risk, boolean[] label, int[] points) {
        double[] ap = {0};
        long positives = thresholds(risk, label, points, (threshold, added, tp, fp, pos, neg) ->
                ap[0] += (double) added / pos * ((double) tp / (tp + fp)));
        return positives == 0 ? Double.NaN : ap[0];
    }

    /** Told of each distinct risk, from the riskiest down, with the counts flagged at and above it. */
    @FunctionalInterface
    private interface ThresholdStep {
        void at(double threshold, long addedChurners, long truePositives, long falsePositives, long positives, long negatives);
    }

    /**
     * Walks the distinct risks from the riskiest down: churners and the others sorted apart, then merged, so
     * points of equal risk enter together. Returns the number of churners.
     */
    private static long thresholds(double[] risk, boolean[] label, int[] points, ThresholdStep step) {
        int positives = 0;
        for (int p : points) {
            if (label[p]) {
                positives++;
            }
        }
        double[] pos = new double[positives];
        double[] neg = new double[points.length - positives];
        int i = 0;
        int j = 0;
        for (int p : points) {
            if (label[p]) {
                pos[i++] = risk[p];
            } else {
                neg[j++] = risk[p];
            }
        }
        Arrays.sort(pos);
        Arrays.sort(neg);
        long tp = 0;
        long fp = 0;
        i = pos.length - 1;
        j = neg.length - 1;
        while (i >= 0 || j >= 0) {
            double threshold = Math.max(i >= 0 ? pos[i] : Double.NEGATIVE_INFINITY, j >= 0 ? neg[j] : Double.NEGATIVE_INFINITY);
            long added = 0;
            while (i >= 0 && pos[i] == threshold) {
                added++;
                i--;
            }
            while (j >= 0 && neg[j] == threshold) {
                fp++;
                j--;
            }
            tp += added;
            step.at(threshold, added, tp, fp, pos.length, neg.length);
        }
        return positives;
    }

    /**
     * Average precision: Σ over thresholds (recall_k − recall_{k−1}) × precision_k, thresholds at each distinct
     * risk from the riskiest down (points of equal risk enter together). NaN without churners.
     */
    public static double averagePrecision(List<CurvePoint> curve) {
        double ap = 0;
        double previousRecall = 0;
        for (CurvePoint point : curve) {
            if (Double.isNaN(point.recall())) {
                return Double.NaN;
            }
            ap += (point.recall() - previousRecall) * point.precision();
            previousRecall = point.recall();
        }
        return curve.isEmpty() ? Double.NaN : ap;
    }

    /** Flagged against churned: the four counts and what follows from them. */
    public record Confusion(long truePositives, long falsePositives, long falseNegatives, long trueNegatives) {

        @JsonProperty
        public long flagged() {
            return truePositives + falsePositives;
        }

        @JsonProperty
        public double precision() {
            return flagged() == 0 ? Double.NaN : (double) truePositives / flagged();
        }

        @JsonProperty
        public double recall() {
            long churned = truePositives + falseNegatives;
            return churned == 0 ? Double.NaN : (double) truePositives / churned;
        }

        @JsonProperty
        public double f1() {
            double p = precision();
            double r = recall();
            if (Double.isNaN(p) || Double.isNaN(r)) {
                return Double.NaN;
            }
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
    }

    public static Confusion confusion(boolean[] flagged, boolean[] label, int[] points) {
        return confusion(p -> flagged[p], label, points);
    }

    /** The confusion matrix with "flagged" decided per point. */
    public static Confusion confusion(java.util.function.IntPredicate flagged, boolean[] label, int[] points) {
        long tp = 0;
        long fp = 0;
        long fn = 0;
        long tn = 0;
        for (int p : points) {
            if (flagged.test(p)) {
                if (label[p]) {
                    tp++;
                } else {
                    fp++;
                }
            } else if (label[p]) {
                fn++;
            } else {
                tn++;
            }
        }
        return new Confusion(tp, fp, fn, tn);
    }

    /**
     * The riskiest {@code percent}% of the points: the k = ceil(n × percent / 100) riskiest, and every point level
     * with the k-th (ties are not split). Capture is the share of all churners in that group; lift is the group's
     * churn rate over the overall churn rate.
     */
    /**
     * The k-th largest risk, in linear time: risks are 0–100, so a histogram of equal-width buckets finds the bucket
     * that holds it, and only that bucket is sorted.
     */
    static double kthLargest(double[] risk, int[] points, int k) {
        return kthLargest(risk, points, points.length, k, new Scratch());
    }

    static double kthLargest(double[] risk, int[] points, int size, int k, Scratch scratch) {
        int buckets = scratch.buckets(size);
        int[] counts = scratch.filled;
        Arrays.fill(counts, 0, buckets, 0);
        for (int i = 0; i < size; i++) {
            counts[bucket(risk[points[i]], buckets)]++;
        }
        int seen = 0;
        int b = buckets - 1;
        while (b > 0 && seen + counts[b] < k) {
            seen += counts[b--];
        }
        int inBucket = counts[b];
        double[] values = scratch.values(inBucket);
        int filled = 0;
        for (int i = 0; i < size; i++) {
            int p = points[i];
            if (bucket(risk[p], buckets) == b) {
                values[filled++] = risk[p];
            }
        }
        Arrays.sort(values, 0, inBucket);
        return values[inBucket - (k - seen)];
    }

    /** The risk's bucket of {@code buckets} of equal width over 0–100 (0.01 wide for 10,001). */
    static int bucket(double risk, int buckets) {
        return (int) Math.max(0, Math.min(buckets - 1, Math.floor(risk * ((buckets - 1) / 100.0))));
    }

    public record Lift(double percent, long size, long churners, double capture, double lift, double threshold) {
    }

    public static Lift lift(double[] risk, boolean[] label, int[] points, double percent) {
        return lift(risk, label, points, points.length, percent, new Scratch());
    }

    /** The lift over the first {@code count} of the points. */
    static Lift lift(double[] risk, boolean[] label, int[] points, int count, double percent, Scratch scratch) {
        if (count == 0) {
            return new Lift(percent, 0, 0, Double.NaN, Double.NaN, Double.NaN);
        }
        long positives = 0;
        for (int i = 0; i < count; i++) {
            if (label[points[i]]) {
                positives++;
            }
        }
        int k = (int) Math.max(1, Math.ceil(count * percent / 100.0));
        double threshold = kthLargest(risk, points, count, k, scratch);
        long size = 0;
        long churners = 0;
        for (int i = 0; i < count; i++) {
            int p = points[i];
            if (risk[p] >= threshold) {
                size++;
                if (label[p]) {
                    churners++;
                }
            }
        }
        double baseRate = (double) positives / count;
        double capture = positives == 0 ? Double.NaN : (double) churners / positives;
        double lift = positives == 0 ? Double.NaN : ((double) churners / size) / baseRate;
        return new Lift(percent, size, churners, capture, lift, threshold);
    }
}
