package com.bellwether.store;

import java.time.LocalDate;
import java.util.Map;

/**
 * One account's stored score as of a date under a model version: stage, final and base score, the CSM adjustment,
 * the band ({@code red}, {@code yellow}, {@code green}), each category's score (NaN where no measure had data)
 * and the top reasons as text.
 */
public record ScoreSnapshot(LocalDate asOf, String accountId, int versionNo, String stage, double score,
                            double baseScore, double adjustment, String band, Map<String, Double> categoryScores,
                            String topReasons) {
}
