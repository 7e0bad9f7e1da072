package com.bellwether.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.bellwether.sample.GeneratorSettings;
import com.bellwether.sample.SampleGenerator;
import com.bellwether.scoring.HealthModel;
import com.bellwether.scoring.SamplePortfolio;
import com.bellwether.store.TaskStore;

/**
 * The effects report on the shipped sample finds the effect the generator planted: a CSM's monthly review drawn so
 * that reviewed months have lower odds of churn within 90 days (see {@code AccountPlan.reviews}).
 */
class PlantedEffectTest {

    @Test
    void theReportFindsThePlantedEffectWithinItsInterval() throws Exception {
        // What the generator decided: the odds ratio of churn within 90 days, reviewed against not reviewed months.
        List<SampleGenerator.Review> reviews = new SampleGenerator(GeneratorSettings.defaults()).reviews();
        double reviewedChurns = reviews.stream().filter(r -> r.reviewed() && r.churnsSoon()).count();
        double reviewedStays = reviews.stream().filter(r -> r.reviewed() && !r.churnsSoon()).count();
        double otherChurns = reviews.stream().filter(r -> !r.reviewed() && r.churnsSoon()).count();
        double otherStays = reviews.stream().filter(r -> !r.reviewed() && !r.churnsSoon()).count();
        double oddsRatio = (reviewedChurns / reviewedStays) / (otherChurns / otherStays);
        assertThat(oddsRatio).isBetween(0.3, 0.8);

        EffectsReport report = Effects.run(HealthModel.defaultModel(), SamplePortfolio.portfolio(),
                EffectsSettings.defaults(), TaskStore.all(SamplePortfolio.database()), Effects.AlertTriggers.NONE,
                (step, fraction) -> { }, () -> false);
        EffectEstimate churn = report.rule("usage-drop").churn();

        // The planted difference: in each stratum compared, the churn rate of the points not acted on, p0, against
        // the rate the planted odds ratio gives reviewed points of the same stratum, OR p0 / (1 - p0 + OR p0);
        // weighted by the stratum's acted-on count, as the report weights them. (Read from p0, the larger group: a
        // stratum's few acted-on points often have no churn at all, which would make the planted figure 0 there.)
        double planted = 0;
        for (EffectEstimate.Stratum s : churn.byStratum()) {
            if (s.compared()) {
                double p0 = (double) s.notActedEvents() / s.notActed();
                double reviewed = oddsRatio * p0 / (1 - p0 + oddsRatio * p0);
                planted += (double) s.acted() / churn.comparedActed() * (reviewed - p0);
            }
        }
        System.out.printf("usage-drop: triggered %d, acted on %d; found %.4f [%.4f, %.4f], planted %.4f (odds ratio %.3f)%n",
                report.rule("usage-drop").triggered(), report.rule("usage-drop").actedOn(), churn.difference(),
                churn.low(), churn.high(), planted, oddsRatio);
        assertThat(churn.tooFew()).isFalse();
        assertThat(churn.difference()).isNegative();
        assertThat(planted).isBetween(churn.low(), churn.high());
        assertThat(report.rule("usage-drop").churnFinding()).contains("less often").contains("association, not proof");
    }
}
