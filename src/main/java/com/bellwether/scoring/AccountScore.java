package com.bellwether.scoring;

import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Everything about one account's health as of one date: each measure and category, the stage, the computed (base)
 * score and the CSM adjustment apart, the final score and band, its change over 7, 30 and 90 days, the reasons
 * ranked by points lost, the recommended actions and a plain-language explanation. When the account's data stopped
 * arriving well before the date asked for, {@code staleSince} is the last day of its data and the account is scored
 * as of that day ({@code asOf}), not as if it had gone silent; null (and left out of JSON) when its data is fresh.
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
        String explanation,
        @JsonInclude(JsonInclude.Include.NON_NULL) LocalDate staleSince) {

    /** Whether the account's data stopped arriving before the date it was asked for (see {@code staleSince}). */
    public boolean stale() {
        return staleSince != null;
    }

    /** The same score marked as stale since the day, its explanation saying so first. */
    AccountScore staleSince(LocalDate day) {
        return new AccountScore(accountId, name, asOf, stage, stageLabel, live, measures, categories, baseScore,
                adjustment, adjustmentNotes, score, band, change7d, change30d, change90d, reasons, actions,
                staleText(day) + " " + explanation, day);
    }

    /** What a stale account's score says first: since when, and as of which day it is scored. */
    public static String staleText(LocalDate since) {
        return "Stale data since " + since + ": scored as of that day.";
    }

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
