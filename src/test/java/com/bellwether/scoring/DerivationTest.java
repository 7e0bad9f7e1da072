package com.bellwether.scoring;

import static com.bellwether.scoring.ScoringFixtures.account;
import static com.bellwether.scoring.ScoringFixtures.at;
import static com.bellwether.scoring.ScoringFixtures.dates;
import static com.bellwether.scoring.ScoringFixtures.oneMeasure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.bellwether.domain.Bundle;
import com.bellwether.domain.Interaction;
import com.bellwether.domain.InteractionKind;
import com.bellwether.domain.StakeholderRole;
import com.bellwether.domain.Survey;
import com.bellwether.domain.Ticket;
import com.bellwether.domain.TicketPriority;
import com.bellwether.domain.UsageDay;

/**
 * Every derivation against values worked out by hand. Account A1 has ten licensed seats and, on 1–10 March 2024,
 * logins equal to the day of the month, 5 active users (none reported on the 10th) and sessions 4, 8, 15, 16, 23,
 * 42, 7, 3, 9, 1.
 */
class DerivationTest {

    private static Portfolio portfolio;

    @BeforeAll
    static void portfolio() throws Exception {
        Bundle bundle = Bundle.empty();
        bundle.accounts().add(account("A1", 10, "2024-01-01", "2025-01-01", null));
        bundle.usageMetrics().add("logins");
        bundle.usageMetrics().add("active_users");
        bundle.usageMetrics().add("sessions");
        double[] sessions = {4, 8, 15, 16, 23, 42, 7, 3, 9, 1};
        for (int day = 1; day <= 10; day++) {
            bundle.usage().add(new UsageDay("A1", LocalDate.of(2024, 3, day),
                    new double[] {day, day == 10 ? Double.NaN : 5, sessions[day - 1]}));
        }
        bundle.interactions().add(new Interaction("A1", at("2024-02-01"), "Ann", StakeholderRole.EXECUTIVE, InteractionKind.MEETING));
        bundle.interactions().add(new Interaction("A1", at("2024-03-05"), "Bo", StakeholderRole.CHAMPION, InteractionKind.CALL));
        bundle.interactions().add(new Interaction("A1", at("2024-03-08"), "Cy", StakeholderRole.CHAMPION, InteractionKind.EMAIL));
        bundle.interactions().add(new Interaction("A1", at("2024-03-09"), "Bo", StakeholderRole.CHAMPION, InteractionKind.EMAIL));
        bundle.interactions().add(new Interaction("A1", at("2024-03-12"), "Di", StakeholderRole.CHAMPION, InteractionKind.EMAIL));
        bundle.tickets().add(new Ticket("T1", "A1", at("2024-03-02"), at("2024-03-04"), TicketPriority.HIGH, false, 4));
        bundle.tickets().add(new Ticket("T2", "A1", at("2024-03-08"), null, TicketPriority.URGENT, true, null));
        bundle.tickets().add(new Ticket("T3", "A1", at("2024-01-15"), at("2024-03-09"), TicketPriority.LOW, false, 2));
        bundle.tickets().add(new Ticket("T4", "A1", at("2024-03-11"), null, TicketPriority.HIGH, true, null));
        bundle.surveys().add(new Survey("A1", LocalDate.parse("2023-12-01"), 9));
        bundle.surveys().add(new Survey("A1", LocalDate.parse("2024-03-01"), 6));
        portfolio = ScoringFixtures.stored(bundle);
    }

    private static final String LINEAR = "[[-1000, 0], [1000, 100]]";
    private static final String SKIP = "{\"policy\": \"skip\"}";

    private static double raw(String derivation, String date) {
        ScoreGrid grid = ScoreGrid.compute(oneMeasure(derivation, LINEAR, SKIP), portfolio, dates(date));
        return grid.raw(0, 0);
    }

    @Test
    void aggregatesOfAUsageMetricOverTheWindow() {
        String window = "\"type\": \"usage\", \"metric\": \"logins\", \"window\": 5";
        assertThat(raw("{" + window + ", \"aggregate\": \"sum\"}", "2024-03-10")).isEqualTo(40);   // 6+7+8+9+10
        assertThat(raw("{" + window + ", \"aggregate\": \"mean\"}", "2024-03-10")).isEqualTo(8);
        assertThat(raw("{" + window + ", \"aggregate\": \"last\"}", "2024-03-10")).isEqualTo(10);
        assertThat(raw("{" + window + ", \"aggregate\": \"max\"}", "2024-03-08")).isEqualTo(8);
        assertThat(raw("{" + window + ", \"aggregate\": \"sum\", \"perSeat\": true}", "2024-03-10")).isEqualTo(4.0);
        assertThat(raw("{" + window + ", \"aggregate\": \"sum\"}", "2024-04-30")).isNaN();
    }

    @Test
    void aggregatesOfAnUnevenMetric() {
        // sessions on 6–10 March: 42, 7, 3, 9, 1
        String window = "\"type\": \"usage\", \"metric\": \"sessions\", \"window\": 5";
        assertThat(raw("{" + window + ", \"aggregate\": \"max\"}", "2024-03-10")).isEqualTo(42);
        assertThat(raw("{" + window + ", \"aggregate\": \"last\"}", "2024-03-10")).isEqualTo(1);
        assertThat(raw("{" + window + ", \"aggregate\": \"mean\"}", "2024-03-10")).isCloseTo(12.4, within(1e-12));
        // least squares over x = -4..0: Σ(x - x̄)(y - ȳ) = -80, Σ(x - x̄)² = 10, so -8 a day, -56 a week
        // (the end points alone would say -71.75)
        assertThat(raw("{\"type\": \"usage_slope\", \"metric\": \"sessions\", \"window\": 5}", "2024-03-10"))
                .isCloseTo(-56.0, within(1e-9));
    }

    @Test
    void changeAgainstThePriorWindowInPercent() {
        // mean of 6..10 = 8 against mean of 1..5 = 3
        assertThat(raw("{\"type\": \"usage_change\", \"metric\": \"logins\", \"window\": 5}", "2024-03-10"))
                .isCloseTo(166.667, within(0.001));
        // active users: none reported on the 10th. Mean per reported day: 5 against 5, no change; the sums
        // 20 (four days) against 25 (five days) would say -20%.
        assertThat(raw("{\"type\": \"usage_change\", \"metric\": \"active_users\", \"window\": 5}", "2024-03-10")).isZero();
        assertThat(raw("{\"type\": \"usage_change\", \"metric\": \"active_users\", \"aggregate\": \"sum\", \"window\": 5}",
                "2024-03-10")).isCloseTo(-20.0, within(1e-9));
        // no prior window yet
        assertThat(raw("{\"type\": \"usage_change\", \"metric\": \"logins\", \"window\": 5}", "2024-03-05")).isNaN();
    }

    @Test
    void slopePerWeekByLeastSquares() {
        // logins rise by one a day: seven a week
        assertThat(raw("{\"type\": \"usage_slope\", \"metric\": \"logins\", \"window\": 5}", "2024-03-10"))
                .isCloseTo(7.0, within(1e-9));
    }

    @Test
    void ratioOfTwoMetricsOrToTheLicensedSeats() {
        // active users 6..9 (none on the 10th): mean 5, ten seats
        assertThat(raw("{\"type\": \"ratio\", \"metric\": \"active_users\", \"denominator\": \"licensed_seats\", \"window\": 5}",
                "2024-03-10")).isEqualTo(0.5);
        assertThat(raw("{\"type\": \"ratio\", \"metric\": \"logins\", \"aggregate\": \"sum\", \"denominator\": \"active_users\","
                + " \"window\": 5}", "2024-03-10")).isEqualTo(2.0);   // 40 / 20
    }

    @Test
    void daysSinceTheLastEventOfAKind() {
        assertThat(raw("{\"type\": \"days_since\", \"role\": \"executive\"}", "2024-03-10")).isEqualTo(38);  // from 1 Feb
        assertThat(raw("{\"type\": \"days_since\", \"metric\": \"logins\"}", "2024-03-15")).isEqualTo(5);
        assertThat(raw("{\"type\": \"days_since\", \"role\": \"champion\", \"kind\": \"call\"}", "2024-03-10")).isEqualTo(5);
        assertThat(raw("{\"type\": \"days_since\", \"kind\": \"qbr\"}", "2024-03-10")).isNaN();
    }

    @Test
    void ticketCountsByPriorityEscalationAndOpenAtTheDate() {
        String window = "\"type\": \"tickets\", \"window\": 10";
        assertThat(raw("{" + window + "}", "2024-03-10")).isEqualTo(2);                        // T1, T2; T4 comes later
        assertThat(raw("{" + window + ", \"priorities\": [\"urgent\"]}", "2024-03-10")).isEqualTo(1);
        assertThat(raw("{" + window + ", \"escalated\": true}", "2024-03-10")).isEqualTo(1);
        assertThat(raw("{" + window + ", \"open\": true}", "2024-03-10")).isEqualTo(1);        // only T2 still open
        assertThat(raw("{" + window + ", \"open\": true}", "2024-03-03")).isEqualTo(2);        // T1 and T3
    }

    @Test
    void meanCsatOfTicketsClosedInTheWindow() {
        assertThat(raw("{\"type\": \"csat\", \"window\": 10}", "2024-03-10")).isEqualTo(3.0);   // T1 4, T3 2
        assertThat(raw("{\"type\": \"csat\", \"window\": 10}", "2024-03-05")).isEqualTo(4.0);   // T3 not closed yet
    }

    @Test
    void latestNpsWithinTheWindow() {
        assertThat(raw("{\"type\": \"nps\", \"window\": 365}", "2024-03-10")).isEqualTo(6);
        assertThat(raw("{\"type\": \"nps\", \"window\": 365}", "2024-02-15")).isEqualTo(9);
        assertThat(raw("{\"type\": \"nps\", \"window\": 30}", "2024-04-15")).isNaN();
    }

    @Test
    void distinctActiveStakeholdersByRole() {
        assertThat(raw("{\"type\": \"stakeholders\", \"role\": \"champion\", \"window\": 30}", "2024-03-10")).isEqualTo(2);
        assertThat(raw("{\"type\": \"stakeholders\", \"role\": \"champion\", \"window\": 30}", "2024-03-12")).isEqualTo(3);
    }

    @Test
    void scalesArePiecewiseLinear() {
        HealthModel model = oneMeasure("{\"type\": \"nps\", \"window\": 365}", "[[0, 0], [5, 60], [8, 100]]", SKIP);
        HealthModel.Measure measure = model.measures().get(0);
        assertThat(ScoreGrid.score(measure, -3)).isEqualTo(0);
        assertThat(ScoreGrid.score(measure, 5)).isEqualTo(60);
        assertThat(ScoreGrid.score(measure, 6.5)).isEqualTo(80);
        assertThat(ScoreGrid.score(measure, 9)).isEqualTo(100);
    }

    @Test
    void missingDataIsSkippedOrScoredAtTheFixedValue() throws Exception {
        String twoMeasures = """
                {"name": "t", "categories": [{"id": "c", "label": "C", "weight": 1}],
                 "measures": [
                   {"id": "nps", "label": "NPS", "category": "c", "derive": {"type": "nps", "window": 30},
                    "scale": [[0, 0], [10, 100]], "missing": %s},
                   {"id": "champions", "label": "Champions", "category": "c",
                    "derive": {"type": "stakeholders", "role": "champion", "window": 45},
                    "scale": [[0, 0], [4, 100]], "missing": {"policy": "skip"}}]}
                """;
        // On 15 April the last NPS answer is 45 days old, outside its 30-day window; three champions score 75.
        ScoreGrid skip = ScoreGrid.compute(HealthModel.parse(twoMeasures.formatted(SKIP), "t"), portfolio, dates("2024-04-15"));
        assertThat(skip.measureScore(0, 0)).isNaN();
        assertThat(skip.base(0)).isEqualTo(75);
        ScoreGrid fixed = ScoreGrid.compute(HealthModel.parse(twoMeasures.formatted("{\"policy\": \"fixed\", \"score\": 20}"), "t"),
                portfolio, dates("2024-04-15"));
        assertThat(fixed.measureScore(0, 0)).isEqualTo(20);
        assertThat(fixed.base(0)).isEqualTo(47.5);
    }
}
