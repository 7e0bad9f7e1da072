package com.bellwether.backtest;

import static com.bellwether.scoring.ScoringFixtures.account;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.bellwether.domain.Bundle;
import com.bellwether.domain.Outcome;
import com.bellwether.domain.OutcomeEvent;
import com.bellwether.domain.Survey;
import com.bellwether.domain.Ticket;
import com.bellwether.domain.TicketPriority;
import com.bellwether.domain.UsageDay;
import com.bellwether.scoring.HealthModel;
import com.bellwether.scoring.Portfolio;
import com.bellwether.scoring.ScoringFixtures;

/**
 * A generated portfolio where only one measure carries the signal: accounts that churn raise high-priority tickets
 * in the 120 days before, and nothing else differs (usage, low-priority tickets and NPS are drawn alike for all).
 * The model starts with most of its weight on the noise; the suggestion must find the one measure.
 */
class OneSignalSuggestionTest {

    private static final LocalDate START = LocalDate.parse("2022-01-01");
    private static final LocalDate END = LocalDate.parse("2024-12-31");

    private static final String MEASURES = """
            {"id": "logins", "label": "Logins", "category": "usage",
             "derive": {"type": "usage", "metric": "logins", "aggregate": "mean", "window": 28},
             "scale": [[0, 0], [10, 100]], "weight": 2},
            {"id": "events", "label": "Events", "category": "usage",
             "derive": {"type": "usage", "metric": "events", "aggregate": "mean", "window": 28},
             "scale": [[0, 0], [100, 100]], "weight": 1},
            {"id": "high_tickets", "label": "High tickets", "category": "support",
             "derive": {"type": "tickets", "priorities": ["high"], "window": 30},
             "direction": "lower_better", "scale": [[0, 100], [3, 0]], "weight": 1},
            {"id": "low_tickets", "label": "Low tickets", "category": "support",
             "derive": {"type": "tickets", "priorities": ["low"], "window": 30},
             "direction": "lower_better", "scale": [[0, 100], [3, 0]], "weight": 1},
            {"id": "nps", "label": "NPS", "category": "relationship", "derive": {"type": "nps", "window": 365},
             "scale": [[0, 0], [10, 100]]}
            """;

    private static final HealthModel MODEL = HealthModel.parse("""
            {"name": "noisy", "categories": [{"id": "usage", "label": "Usage", "weight": 50},
              {"id": "support", "label": "Support", "weight": 20}, {"id": "relationship", "label": "Relationship", "weight": 30}],
             "measures": [%s]}
            """.formatted(MEASURES), "noisy.json");

    /** The signal measure alone: the same derivation and scale, the only measure of the only category. */
    private static final HealthModel ALONE = HealthModel.parse("""
            {"name": "alone", "categories": [{"id": "support", "label": "Support", "weight": 1}],
             "measures": [{"id": "high_tickets", "label": "High tickets", "category": "support",
               "derive": {"type": "tickets", "priorities": ["high"], "window": 30},
               "direction": "lower_better", "scale": [[0, 100], [3, 0]]}]}
            """, "alone.json");

    private static Portfolio portfolio;

    @BeforeAll
    static void generate() throws Exception {
        Random random = new Random(20261203);
        Bundle bundle = Bundle.empty();
        bundle.usageMetrics().addAll(List.of("logins", "events"));
        int tickets = 0;
        long span = END.toEpochDay() - LocalDate.parse("2022-05-01").toEpochDay();
        for (int i = 0; i < 400; i++) {
            String id = "A" + i;
            bundle.accounts().add(account(id, 10, START.toString(), null, "growth"));
            LocalDate churn = random.nextDouble() < 0.5
                    ? LocalDate.parse("2022-05-01").plusDays((long) (random.nextDouble() * span)) : null;
            if (churn != null) {
                bundle.outcomes().add(new Outcome(id, churn, OutcomeEvent.CHURN, null));
            }
            LocalDate last = churn == null ? END : churn;
            for (LocalDate week = START; !week.isAfter(last); week = week.plusWeeks(1)) {
                bundle.usage().add(new UsageDay(id, week, new double[] {10 * random.nextDouble(), 100 * random.nextDouble()}));
                if (random.nextDouble() < 0.15) {
                    bundle.tickets().add(new Ticket("T" + tickets++, id, week.atTime(10, 0), null, TicketPriority.LOW, false, null));
                }
                boolean beforeChurn = churn != null && !week.isBefore(churn.minusDays(120));
                if (random.nextDouble() < (beforeChurn ? 0.3 : 0.04)) {
                    bundle.tickets().add(new Ticket("T" + tickets++, id, week.atTime(11, 0), null, TicketPriority.HIGH, false, null));
                }
                if (week.getDayOfYear() <= 7 || Math.abs(week.getDayOfYear() - 182) <= 3) {
                    bundle.surveys().add(new Survey(id, week, random.nextInt(11)));
                }
            }
        }
        portfolio = ScoringFixtures.stored(bundle);
    }

    @Test
    void theProposalComesWithinTwoHundredthsOfTheSignalMeasureAloneOutOfTime() {
        BacktestFrame frame = BacktestFrame.build(MODEL, portfolio, BacktestSettings.defaults(), () -> false);

        Suggestions.WeightSuggestion s = Suggestions.weights(frame, Map.of(), () -> false);

        assertThat(s.refused()).isNull();
        Suggestions.MeasureSuggestion m = s.measures();
        int firstTest = frame.cutoffs().indexOf(LocalDate.parse(s.testCutoffs().get(0)));
        int trainEnd = frame.cutoffs().indexOf(LocalDate.parse(s.trainCutoffs().get(s.trainCutoffs().size() - 1))) + 1;
        BacktestFrame alone = BacktestFrame.build(ALONE, portfolio, BacktestSettings.defaults(), () -> false);
        double aloneTest = Suggestions.auc(alone, firstTest, s.testCutoffs().size() + firstTest);
        double aloneTrain = Suggestions.auc(alone, 0, trainEnd);
        System.out.printf("One signal: %d train cut-offs (%d churn events), %d test cut-offs (%d); current train %.3f test %.3f;"
                        + " categories only train %.3f test %.3f; proposal train %.3f test %.3f; high tickets alone train %.3f"
                        + " test %.3f; proposal %s %s, off %s; %d evaluations%n",
                s.trainCutoffs().size(), s.trainChurners(), s.testCutoffs().size(), s.testChurners(), m.trainCurrent(),
                m.testCurrent(), s.trainSuggested(), s.testSuggested(), m.trainSuggested(), m.testSuggested(),
                aloneTrain, aloneTest, m.categoryWeights(), m.suggestedMeasureWeights(), m.turnedOff(), m.evaluations());
        // The noise costs the current model most of the signal; the proposal recovers it out of time.
        assertThat(m.testCurrent()).isLessThan(aloneTest - 0.05);
        assertThat(m.testSuggested()).isCloseTo(aloneTest, within(0.02));
        assertThat(m.trainSuggested()).isGreaterThan(m.trainCurrent());
        // Interpretable: whole, non-negative, category shares and each category's measure shares summing to 100.
        assertThat(m.categoryWeights().values().stream().mapToDouble(Double::doubleValue).sum()).isEqualTo(100);
        m.suggestedMeasureWeights().values().forEach(weights -> {
            assertThat(weights.values().stream().mapToDouble(Double::doubleValue).sum()).isEqualTo(100);
            assertThat(weights.values()).allMatch(w -> w >= 0 && w == Math.rint(w));
        });
        assertThat(m.suggestedMeasureWeights().get("support").get("high_tickets"))
                .isGreaterThan(m.suggestedMeasureWeights().get("support").get("low_tickets"));
        assertThat(m.categoryWeights().get("support")).isGreaterThan(50.0);
        // The figures are those of the model the proposal makes, scored anew.
        BacktestFrame proposed = frame.withModel(m.applyTo(MODEL));
        assertThat(Suggestions.auc(proposed, firstTest, frame.cutoffs().size())).isEqualTo(m.testSuggested());
        assertThat(m.testCurrent()).isEqualTo(s.testCurrent());
    }

    @Test
    void theSearchesReaggregationScoresAsTheEngineDoes() {
        BacktestFrame frame = BacktestFrame.build(MODEL, portfolio, BacktestSettings.defaults(), () -> false);
        int[] points = Suggestions.between(frame, 0, 12);
        MeasureColumns columns = new MeasureColumns(frame, MODEL, points);
        double[][] state = columns.newCategoryColumns();
        double[] measureWeights = {2, 1, 1, 1, 1};
        for (int c = 0; c < state.length; c++) {
            columns.categoryColumn(c, measureWeights, state[c]);
        }

        assertThat(columns.rocAuc(state, new double[] {50, 20, 30})).isEqualTo(Suggestions.auc(frame, 0, 12));
        // Turning every measure off but one, in its category and the categories: the measure alone.
        double[] only = {0, 0, 1, 0, 0};
        for (int c = 0; c < state.length; c++) {
            columns.categoryColumn(c, only, state[c]);
        }
        BacktestFrame alone = BacktestFrame.build(ALONE, portfolio, BacktestSettings.defaults(), () -> false);
        assertThat(columns.rocAuc(state, new double[] {0, 1, 0})).isCloseTo(Suggestions.auc(alone, 0, 12), within(1e-12));
    }
}
