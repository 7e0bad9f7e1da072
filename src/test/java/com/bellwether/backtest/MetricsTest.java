package com.bellwether.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** Every metric on cases small enough to work out on paper. */
class MetricsTest {

    // risk:    90  80  80  70  60  50
    // churned:  y   n   y   n   y   n
    private static final double[] RISK = {90, 80, 80, 70, 60, 50};
    private static final boolean[] LABEL = {true, false, true, false, true, false};
    private static final int[] ALL = {0, 1, 2, 3, 4, 5};

    @Test
    void rocAucCountsTiesAsOneHalf() {
        // pairs (churner, non-churner): 90 beats 80, 70, 50 (3); 80 ties 80 (0.5), beats 70, 50 (2); 60 beats 50 (1)
        assertThat(Metrics.rocAuc(RISK, LABEL, ALL)).isCloseTo(6.5 / 9, within(1e-12));
    }

    @Test
    void rocAucOfASingleClassOrNothingIsUndefined() {
        assertThat(Metrics.rocAuc(RISK, LABEL, new int[] {0, 2, 4})).isNaN();
        assertThat(Metrics.rocAuc(RISK, LABEL, new int[] {1, 3})).isNaN();
        assertThat(Metrics.rocAuc(RISK, LABEL, new int[0])).isNaN();
    }

    @Test
    void theCurveHasOnePointPerDistinctRiskAndTiesEnterTogether() {
        List<Metrics.CurvePoint> curve = Metrics.curve(RISK, LABEL, ALL);

        assertThat(curve).extracting(Metrics.CurvePoint::threshold).containsExactly(90.0, 80.0, 70.0, 60.0, 50.0);
        assertThat(curve).extracting(Metrics.CurvePoint::truePositives).containsExactly(1L, 2L, 2L, 3L, 3L);
        assertThat(curve).extracting(Metrics.CurvePoint::flagged).containsExactly(1L, 3L, 4L, 5L, 6L);
        assertThat(curve.get(1).precision()).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(curve.get(1).falsePositiveRate()).isCloseTo(1 / 3.0, within(1e-12));
    }

    @Test
    void averagePrecisionSumsRecallStepsTimesPrecision() {
        // recall steps: 1/3 at precision 1, 1/3 at 2/3, 1/3 at 3/5
        double expected = (1.0 + 2 / 3.0 + 3 / 5.0) / 3;
        assertThat(Metrics.averagePrecision(Metrics.curve(RISK, LABEL, ALL))).isCloseTo(expected, within(1e-12));
        assertThat(Metrics.averagePrecision(RISK, LABEL, ALL)).isCloseTo(expected, within(1e-12));
        assertThat(Metrics.averagePrecision(RISK, LABEL, new int[] {1, 3})).isNaN();
        assertThat(Metrics.averagePrecision(Metrics.curve(RISK, LABEL, new int[] {1, 3}))).isNaN();
        assertThat(Metrics.averagePrecision(Metrics.curve(RISK, LABEL, new int[0]))).isNaN();
    }

    @Test
    void confusionCountsAndTheFiguresFromThem() {
        boolean[] flagged = {true, true, false, false, false, false};

        Metrics.Confusion c = Metrics.confusion(flagged, LABEL, ALL);

        assertThat(c).isEqualTo(new Metrics.Confusion(1, 1, 2, 2));
        assertThat(c.flagged()).isEqualTo(2);
        assertThat(c.precision()).isEqualTo(0.5);
        assertThat(c.recall()).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(c.f1()).isCloseTo(0.4, within(1e-12));
        Metrics.Confusion none = Metrics.confusion(new boolean[6], LABEL, ALL);
        assertThat(none.precision()).isNaN();
        assertThat(none.f1()).isNaN();
    }

    @Test
    void liftInTheRiskiestShareKeepsTiesTogether() {
        // top 10% of 6 points is 1 point: risk 90, a churner. Overall churn rate 1/2, so lift 2.
        Metrics.Lift top = Metrics.lift(RISK, LABEL, ALL, 10);
        assertThat(top.size()).isEqualTo(1);
        assertThat(top.capture()).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(top.lift()).isCloseTo(2.0, within(1e-12));
        // top 25% is 2 points, but the second is level with a third: all three are in.
        Metrics.Lift quarter = Metrics.lift(RISK, LABEL, ALL, 25);
        assertThat(quarter.size()).isEqualTo(3);
        assertThat(quarter.churners()).isEqualTo(2);
        assertThat(quarter.lift()).isCloseTo((2 / 3.0) / 0.5, within(1e-12));
        assertThat(Metrics.lift(RISK, LABEL, new int[0], 10).lift()).isNaN();
    }

    @Test
    void theKthLargestRiskIsExactEvenWithinOneBucket() {
        double[] risk = IntStream.range(0, 1000).mapToDouble(i -> 50 + i * 1e-6).toArray();
        int[] all = IntStream.range(0, 1000).toArray();
        assertThat(Metrics.kthLargest(risk, all, 1)).isEqualTo(risk[999]);
        assertThat(Metrics.kthLargest(risk, all, 10)).isEqualTo(risk[990]);
        assertThat(Metrics.kthLargest(new double[] {100, 0, 42.5}, new int[] {0, 1, 2}, 3)).isEqualTo(0);
    }

    @Test
    void onLargePortfoliosTheFinerBucketsGiveTheExactPairCountAndKthRisk() {
        // With one point to a bucket, 30,000 points take 30,001 buckets (a width of 1/300), as 480,000 points take
        // by default: the figures must be those of counting pairs.
        java.util.Random random = new java.util.Random(7);
        int n = 30_000;
        double[] risk = new double[n];
        boolean[] label = new boolean[n];
        int[] points = new int[n];
        for (int p = 0; p < n; p++) {
            // Scores to a few decimals, as model scores are, with many exact ties and both ends of the range.
            risk[p] = p % 97 == 0 ? 100 : p % 89 == 0 ? 0 : Math.round(random.nextDouble() * 100_000) / 1000.0;
            label[p] = random.nextDouble() < 0.05 + risk[p] / 400;
            points[p] = p;
        }
        double wins = 0;
        long pairs = 0;
        for (int c = 0; c < n; c++) {
            if (!label[c]) {
                continue;
            }
            for (int o = 0; o < n; o++) {
                if (!label[o]) {
                    pairs++;
                    wins += risk[c] > risk[o] ? 1 : risk[c] == risk[o] ? 0.5 : 0;
                }
            }
        }
        assertThat(Metrics.rocAuc(risk, label, points, n, new Metrics.Scratch(1))).isEqualTo(wins / pairs);
        assertThat(Metrics.rocAuc(risk, label, points)).isEqualTo(wins / pairs);
        double[] sorted = risk.clone();
        java.util.Arrays.sort(sorted);
        for (int k : new int[] {1, 2, 300, 3_000, 29_999, 30_000}) {
            assertThat(Metrics.kthLargest(risk, points, n, k, new Metrics.Scratch(1))).as("k = %d", k)
                    .isEqualTo(sorted[n - k]);
            assertThat(Metrics.kthLargest(risk, points, k)).as("k = %d", k).isEqualTo(sorted[n - k]);
        }
    }
}
