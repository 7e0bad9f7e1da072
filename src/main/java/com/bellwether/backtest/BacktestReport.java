package com.bellwether.backtest;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Everything a backtest found, with the parameters that produced it. Written as report.json with snake_case
 * names; the whole-range figures sit at the top level (roc_auc, average_precision, confusion_red,
 * confusion_red_or_yellow). docs/backtest.md defines each figure.
 *
 * <p>With the expansion target the same record holds the expansion figures: "churners" are the points that
 * expanded, "red" is flagged as an expansion candidate, "red or yellow" is green; report.json names them so
 * ({@link ReportJson}).
 */
public record BacktestReport(
        Parameters parameters,
        long points,
        long churners,
        double churnRate,
        double rocAuc,
        double averagePrecision,
        Metrics.Confusion confusionRed,
        Metrics.Confusion confusionRedOrYellow,
        Map<String, BandRate> churnRateByBand,
        boolean churnRateFallsByBand,
        List<Metrics.Lift> lift,
        LeadTime leadTime,
        ArrRecall arrWeightedRecall,
        List<Metrics.CurvePoint> rocCurve,
        List<Metrics.CurvePoint> prCurve,
        List<CutoffBlock> perCutoff,
        Map<String, Block> bySegment,
        Map<String, Block> byStage,
        List<ListedPoint> falsePositives,
        List<ListedPoint> falseNegatives,
        List<Variant> variants,
        Suggestions.BandSuggestion suggestedBands,
        Suggestions.WeightSuggestion suggestedWeights,
        @JsonInclude(JsonInclude.Include.NON_NULL) AdjustmentReview.Summary adjustments) {

    /**
     * How the report was made. {@code target} and {@code flaggedWhen} are written for the expansion target only (a
     * report without them is a churn report, flagged at red).
     */
    public record Parameters(String model, Integer modelVersion, LocalDate from, LocalDate to, String step,
                             int horizonDays, boolean contractionIsChurn, boolean keepIncompleteHorizon,
                             double topPercent, LocalDate dataFrom, LocalDate dataTo, int cutoffs,
                             List<LocalDate> incompleteCutoffs, List<String> measuresLeftOut,
                             @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = Target.ChurnIsImplied.class)
                             Target target,
                             @JsonInclude(JsonInclude.Include.NON_NULL) String flaggedWhen) {
    }

    public record BandRate(long points, long churners, double rate) {
    }

    /** The figures of a subset of points (a cut-off, a segment, a stage). */
    public record Block(long points, long churners, double churnRate, double rocAuc, double averagePrecision,
                        Metrics.Confusion confusionRed, Metrics.Confusion confusionRedOrYellow,
                        Map<String, BandRate> churnRateByBand, Metrics.Lift lift) {
    }

    public record CutoffBlock(LocalDate cutoff, boolean incompleteHorizon, Block figures) {
    }

    /**
     * Days from the first cut-off of the red run that preceded a caught churn to the churn date: each churn
     * counted once, caught when the account was red at the last cut-off before it.
     */
    public record LeadTime(long churnEvents, long caught, Double medianDays, Double p25Days, Double p75Days,
                           Integer minDays, Integer maxDays, List<Integer> days) {
    }

    /** The share of churned ARR whose account was red at the last cut-off before it churned. */
    public record ArrRecall(double churnedArr, double redArr, double recall) {
    }

    /** A false positive (red, did not churn) or a false negative (not red, churned). */
    public record ListedPoint(String accountId, String name, LocalDate cutoff, double score, String band, Double arr,
                              String segment, String stage, String explanation) {
    }

    /** Headline figures of a model variant on the same cut-offs, and their differences from the first variant. */
    public record Variant(String name, double rocAuc, double averagePrecision, double precisionRed, double recallRed,
                          double liftTop, double rocAucDiff, double recallRedDiff, double precisionRedDiff) {
    }
}
