package com.bellwether.backtest;

import static com.bellwether.scoring.ScoringFixtures.account;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.bellwether.domain.Bundle;
import com.bellwether.domain.Note;
import com.bellwether.domain.Outcome;
import com.bellwether.domain.OutcomeEvent;
import com.bellwether.domain.Survey;
import com.bellwether.scoring.HealthModel;
import com.bellwether.scoring.Portfolio;
import com.bellwether.scoring.ScoringFixtures;

/** Were the overrides right? Six adjustments on a hand-made history, each verdict worked out by hand. */
class AdjustmentReviewTest {

    private static final LocalDate T = LocalDate.parse("2024-01-01");
    private static final HealthModel NPS = HealthModel.parse("""
            {"name": "nps", "categories": [{"id": "r", "label": "R", "weight": 1}],
             "measures": [{"id": "nps", "label": "NPS", "category": "r", "derive": {"type": "nps", "window": 365},
               "scale": [[0, 0], [10, 100]]}]}
            """, "nps.json");

    private static Portfolio portfolio;

    /**
     * Every account answered NPS 5 (a computed score of 50). Ana lowers A by 10 (A churns 45 days later: right),
     * raises B by 10 (B churns 60 days later: wrong) and lowers F by 10 (F churns after 105 days, past the 90-day
     * horizon: wrong). Ben lowers C by 10 (C stays: wrong), raises D by 10 (D stays: right) and lowers E by 5 on
     * 1 May, whose horizon runs past the data's end on 1 June (not yet known).
     */
    @BeforeAll
    static void history() throws Exception {
        Bundle bundle = Bundle.empty();
        for (String id : List.of("A", "B", "C", "D", "E", "F")) {
            bundle.accounts().add(account(id, 10, "2023-01-01", null, "growth"));
            bundle.surveys().add(new Survey(id, LocalDate.parse("2023-06-01"), 5));
        }
        bundle.notes().add(new Note("A", T, "Ana", -10, "Sponsor left", null));
        bundle.notes().add(new Note("B", T, "Ana", 10, "Great QBR", null));
        bundle.notes().add(new Note("F", T, "Ana", -10, "Budget cuts", null));
        bundle.notes().add(new Note("C", T, "Ben", -10, "Worried", null));
        bundle.notes().add(new Note("D", T, "Ben", 10, "Happy", null));
        bundle.notes().add(new Note("E", LocalDate.parse("2024-05-01"), "Ben", -5, "Quiet", null));
        bundle.outcomes().add(new Outcome("A", LocalDate.parse("2024-02-15"), OutcomeEvent.CHURN, null));
        bundle.outcomes().add(new Outcome("B", LocalDate.parse("2024-03-01"), OutcomeEvent.CHURN, null));
        bundle.outcomes().add(new Outcome("F", LocalDate.parse("2024-04-15"), OutcomeEvent.CHURN, null));
        bundle.surveys().add(new Survey("D", LocalDate.parse("2024-06-01"), 5));                // the data end
        portfolio = ScoringFixtures.stored(bundle);
    }

    @Test
    void eachAdjustmentIsJudgedAtItsDateOverTheHorizon() {
        List<AdjustmentReview.Verdict> verdicts = AdjustmentReview.verdicts(NPS, portfolio, 90, null, () -> false);

        assertThat(verdicts).extracting(v -> v.accountId() + " " + v.verdict()).containsExactlyInAnyOrder(
                "A right", "B wrong", "C wrong", "D right", "E not yet known", "F wrong");
        AdjustmentReview.Verdict a = verdicts.stream().filter(v -> v.accountId().equals("A")).findFirst().orElseThrow();
        assertThat(a.computedScore()).isEqualTo(50);
        assertThat(a.adjustedScore()).isEqualTo(40);
        assertThat(a.text()).isEqualTo("right: churned 2024-02-15");
        AdjustmentReview.Verdict f = verdicts.stream().filter(v -> v.accountId().equals("F")).findFirst().orElseThrow();
        assertThat(f.text()).isEqualTo("wrong: did not churn by 2024-03-31");
        AdjustmentReview.Verdict e = verdicts.stream().filter(v -> v.accountId().equals("E")).findFirst().orElseThrow();
        assertThat(e.text()).isEqualTo("horizon not passed yet (ends 2024-07-30)");
    }

    @Test
    void theTalliesCountPerCsmAndCompareTheTwoRankings() {
        // Cut-offs up to 1 May, the day of the last adjustment (kept though its horizon runs past the data).
        BacktestReport report = Backtester.run(NPS, portfolio,
                new BacktestSettings(T, LocalDate.parse("2024-05-01"), Period.ofMonths(1), 90, false, true, 10),
                Backtester.Options.none(), () -> false);
        AdjustmentReview.Summary summary = report.adjustments();

        AdjustmentReview.Tally overall = summary.overall();
        assertThat(List.of(overall.adjustments(), overall.right(), overall.wrong(), overall.notYetKnown()))
                .containsExactly(6L, 2L, 3L, 1L);
        // Known: churners A and B, others C, D, F. Computed: every risk 50, all ties. Adjusted risks: A 60, B 40,
        // C 60, D 40, F 60: A ties C and F and beats D (2), B ties D (0.5): 2.5 of 6 pairs.
        assertThat(overall.computedRocAuc()).isEqualTo(0.5);
        assertThat(overall.adjustedRocAuc()).isCloseTo(2.5 / 6, within(1e-12));
        assertThat(summary.byCsm()).containsOnlyKeys("Ana", "Ben");
        AdjustmentReview.Tally ana = summary.byCsm().get("Ana");
        assertThat(List.of(ana.right(), ana.wrong(), ana.notYetKnown())).containsExactly(1L, 2L, 0L);
        // Churners A (60) and B (40) against F (60): 0.5 + 0 of 2 pairs.
        assertThat(ana.computedRocAuc()).isEqualTo(0.5);
        assertThat(ana.adjustedRocAuc()).isEqualTo(0.25);
        AdjustmentReview.Tally ben = summary.byCsm().get("Ben");
        assertThat(List.of(ben.right(), ben.wrong(), ben.notYetKnown())).containsExactly(1L, 1L, 1L);
        assertThat(ben.computedRocAuc()).as("no churner among Ben's known adjustments").isNaN();
        assertThat(summary.horizonDays()).isEqualTo(90);

        // A backtest to an earlier date reviews the adjustments made up to it: E's of 1 May is left out.
        AdjustmentReview.Tally upToT = Backtester.run(NPS, portfolio,
                new BacktestSettings(T, T, Period.ofMonths(1), 90, false, false, 10), Backtester.Options.none(), () -> false)
                .adjustments().overall();
        assertThat(List.of(upToT.adjustments(), upToT.right(), upToT.wrong(), upToT.notYetKnown()))
                .containsExactly(5L, 2L, 3L, 0L);
    }

    @Test
    void anExpansionReportHasNoAdjustmentSection() {
        BacktestReport report = Backtester.run(NPS, portfolio,
                new BacktestSettings(T, T, Period.ofMonths(1), 90, false, false, 10).withTarget(Target.EXPANSION, null),
                Backtester.Options.none(), () -> false);

        assertThat(report.adjustments()).isNull();
    }
}
