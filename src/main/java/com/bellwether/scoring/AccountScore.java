package com.bellwether.scoring;

import java.time.LocalDate;
import java.util.List;

/**
 * Everything about one account's health as of one date: each measure and category, the stage, the computed (base)
 * score and the CSM adjustment apart, the final score and band, its change over 7, 30 and 90 days, the reasons
 * ranked by points lost, the recommended actions and a plain-language explanation.
 */
public record AccountScore(
        String accountId,
        String name,
        LocalDate asOf,
        String stage,
        String stageLabel,
        boolean live,
        List<MeasureResult> measures,
        List<CategoryResult> categories,
        double baseScore,
        double adjustment,
        List<AdjustmentNote> adjustmentNotes,
        double score,
        Band band,
        Double change7d,
        Double change30d,
        Double change90d,
        List<Reason> reasons,
        List<RecommendedAction> actions,
        String explanation) {

    /** A measure's raw value (NaN without data), its score (NaN when skipped) and its share of the base score. */
    public record MeasureResult(String id, String label, String category, double raw, double score, double weight,
                                double pointsLost, String text) {
    }

    public record CategoryResult(String id, String label, double score, double weight) {
    }

    /** A measure that kept the score from 100, with how many points it cost and what it says. */
    public record Reason(String measureId, String label, double pointsLost, String text) {
    }

    public record RecommendedAction(String ruleId, String title, String why, String priority, String owner) {
    }

    /** A CSM note whose adjustment is active at the date. */
    public record AdjustmentNote(LocalDate date, String author, int points, String reason, LocalDate expires) {
    }
}
