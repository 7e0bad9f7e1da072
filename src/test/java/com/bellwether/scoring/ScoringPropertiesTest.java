package com.bellwether.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import com.bellwether.domain.Bundle;
import com.bellwether.domain.Note;
import com.bellwether.domain.Survey;
import com.bellwether.domain.UsageDay;

/** Properties of the scoring that must hold for any data and any weights. */
class ScoringPropertiesTest {

    private static final LocalDate T = LocalDate.parse("2025-06-30");
    private static final List<LocalDate> DATES = List.of(T, T.minusMonths(6), T.minusMonths(12));

    @Property(tries = 40)
    void raisingAHigherIsBetterMeasureNeverLowersTheScore(@ForAll @Size(30) List<@DoubleRange(min = 0, max = 500) Double> logins,
                                                         @ForAll @IntRange(min = 0, max = 29) int day,
                                                         @ForAll @DoubleRange(min = 0, max = 500) double raise,
                                                         @ForAll @IntRange(min = 0, max = 10) int nps) {
        HealthModel model = HealthModel.parse("""
                {"name": "p", "categories": [{"id": "a", "label": "A", "weight": 3}, {"id": "r", "label": "R", "weight": 1}],
                 "measures": [
                   {"id": "logins", "label": "Logins", "category": "a", "direction": "higher_better",
                    "derive": {"type": "usage", "metric": "logins", "aggregate": "mean", "window": 30},
                    "scale": [[0, 0], [100, 50], [300, 100]]},
                   {"id": "trend", "label": "Trend", "category": "a", "direction": "higher_better",
                    "derive": {"type": "usage", "metric": "logins", "aggregate": "max", "window": 10},
                    "scale": [[0, 0], [400, 100]]},
                   {"id": "nps", "label": "NPS", "category": "r", "derive": {"type": "nps", "window": 365},
                    "scale": [[0, 0], [10, 100]]}]}
                """, "p.json");
        double before = scoreOf(model, logins, -1, 0, nps);
        double after = scoreOf(model, logins, day, raise, nps);
        assertThat(after).isGreaterThanOrEqualTo(before - 1e-9);
    }

    private static double scoreOf(HealthModel model, List<Double> logins, int raisedDay, double raise, int nps) {
        Bundle bundle = Bundle.empty();
        bundle.accounts().add(ScoringFixtures.account("A1", 10, "2024-01-01", null, "growth"));
        bundle.usageMetrics().add("logins");
        for (int i = 0; i < logins.size(); i++) {
            double value = logins.get(i) + (i == raisedDay ? raise : 0);
            bundle.usage().add(new UsageDay("A1", T.minusDays(i), new double[] {value}));
        }
        bundle.surveys().add(new Survey("A1", T.minusDays(40), nps));
        return ScoreGrid.compute(model, Portfolio.of(bundle), List.of(T)).score(0);
    }

    @Property(tries = 25)
    void scalingEveryWeightByOneConstantChangesNothing(@ForAll @DoubleRange(min = 0.01, max = 1000) double factor)
            throws Exception {
        HealthModel model = HealthModel.defaultModel();
        HealthModel scaled = scale(model, factor);
        Portfolio portfolio = SamplePortfolio.portfolio();

        ScoreGrid original = ScoreGrid.compute(model, portfolio, DATES);
        ScoreGrid rescaled = original.withModel(scaled);
        ScoreGrid fresh = ScoreGrid.compute(scaled, portfolio, DATES);

        for (int p = 0; p < original.points(); p++) {
            if (Double.isNaN(original.score(p))) {
                assertThat(rescaled.score(p)).isNaN();
            } else {
                assertThat(rescaled.score(p)).isCloseTo(original.score(p), org.assertj.core.data.Offset.offset(1e-9));
                assertThat(fresh.score(p)).isCloseTo(original.score(p), org.assertj.core.data.Offset.offset(1e-9));
                assertThat(rescaled.band(p)).isEqualTo(original.band(p));
            }
        }
    }

    private static HealthModel scale(HealthModel model, double factor) {
        List<HealthModel.Category> categories = new ArrayList<>();
        model.categories().forEach(c -> categories.add(new HealthModel.Category(c.id(), c.label(), c.weight() * factor)));
        List<HealthModel.Measure> measures = new ArrayList<>();
        model.measures().forEach(m -> measures.add(new HealthModel.Measure(m.id(), m.label(), m.category(), m.derive(),
                m.direction(), m.scale(), m.weightOrOne() * factor, m.missing(), m.explain())));
        List<HealthModel.Stage> stages = new ArrayList<>();
        for (HealthModel.Stage s : model.stages()) {
            Map<String, Double> weights = null;
            if (s.weights() != null) {
                weights = new LinkedHashMap<>();
                for (var e : s.weights().entrySet()) {
                    weights.put(e.getKey(), e.getValue() * factor);
                }
            }
            stages.add(new HealthModel.Stage(s.id(), s.label(), weights, s.bands()));
        }
        return new HealthModel(model.name(), model.version(), categories, measures, model.bands(), model.stageRule(),
                stages, model.playbook(), model.adjustmentBound(), model.alerts());
    }

    @Property(tries = 40)
    void theFinalScoreStaysWithinZeroAndOneHundred(@ForAll @Size(min = 1, max = 6) List<@IntRange(min = -100, max = 100) Integer> notes,
                                                   @ForAll @IntRange(min = 0, max = 10) int nps,
                                                   @ForAll @DoubleRange(min = 0, max = 100) double bound) {
        Bundle bundle = Bundle.empty();
        bundle.accounts().add(ScoringFixtures.account("A1", 10, "2024-01-01", null, "growth"));
        bundle.surveys().add(new Survey("A1", T.minusDays(10), nps));
        for (int i = 0; i < notes.size(); i++) {
            bundle.notes().add(new Note("A1", T.minusDays(i + 1), "CSM " + i, notes.get(i), "reason", T.plusDays(5)));
        }
        HealthModel model = HealthModel.parse("""
                {"name": "b", "adjustmentBound": %s, "categories": [{"id": "r", "label": "R", "weight": 1}],
                 "measures": [{"id": "nps", "label": "NPS", "category": "r", "derive": {"type": "nps", "window": 365},
                   "scale": [[0, 0], [10, 100]]}]}
                """.formatted(bound), "b.json");

        ScoreGrid grid = ScoreGrid.compute(model, Portfolio.of(bundle), List.of(T));

        assertThat(grid.score(0)).isBetween(0.0, 100.0);
        assertThat(Math.abs(grid.adjustment(0))).isLessThanOrEqualTo(bound);
        assertThat(grid.base(0)).isEqualTo(nps * 10.0);
    }
}
