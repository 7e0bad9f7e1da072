package com.bellwether.scoring;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A score change between two dates split into its sources: the account's data (measured under the earlier model),
 * the model (the later model against the earlier one at the later date), and CSM adjustments; the data and model
 * parts broken down by measure and by category, in points of the score. What is left (the 0–100 clamp) is
 * {@link #other()}.
 */
public record ScoreChange(
        String accountId,
        LocalDate from,
        LocalDate to,
        double scoreFrom,
        double scoreTo,
        double dueToData,
        double dueToModel,
        double dueToAdjustment,
        double other,
        List<Part> dataByMeasure,
        Map<String, Double> dataByCategory,
        List<Part> modelByMeasure,
        Map<String, Double> modelByCategory) {

    /** One measure's share of a change, in points. */
    public record Part(String measureId, String label, String category, double points, String text) {
    }

    public double total() {
        return scoreTo - scoreFrom;
    }

    static ScoreChange of(String accountId, LocalDate from, LocalDate to, double scoreFrom, double scoreTo,
                          double baseFrom, double baseToOldModel, double baseToNewModel, double adjustmentFrom,
                          double adjustmentTo, List<Part> data, List<Part> model, HealthModel healthModel) {
        double dueToData = baseToOldModel - baseFrom;
        double dueToModel = baseToNewModel - baseToOldModel;
        double dueToAdjustment = adjustmentTo - adjustmentFrom;
        double other = (scoreTo - scoreFrom) - dueToData - dueToModel - dueToAdjustment;
        List<Part> sortedData = new ArrayList<>(data);
        sortedData.sort(Comparator.comparingDouble((Part p) -> Math.abs(p.points())).reversed());
        List<Part> sortedModel = new ArrayList<>(model);
        sortedModel.sort(Comparator.comparingDouble((Part p) -> Math.abs(p.points())).reversed());
        return new ScoreChange(accountId, from, to, scoreFrom, scoreTo, dueToData, dueToModel, dueToAdjustment, other,
                sortedData, byCategory(data, healthModel), sortedModel, byCategory(model, healthModel));
    }

    private static Map<String, Double> byCategory(List<Part> parts, HealthModel model) {
        Map<String, Double> sums = new LinkedHashMap<>();
        model.categories().forEach(c -> sums.put(c.id(), 0.0));
        // A dropped measure may belong to a category the later model no longer has.
        parts.forEach(p -> sums.merge(p.category(), p.points(), Double::sum));
        return sums;
    }
}
