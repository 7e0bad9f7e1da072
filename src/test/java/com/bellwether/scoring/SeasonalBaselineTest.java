package com.bellwether.scoring;

import static com.bellwether.scoring.ScoringFixtures.account;
import static com.bellwether.scoring.ScoringFixtures.dates;
import static com.bellwether.scoring.ScoringFixtures.oneMeasure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.bellwether.domain.Bundle;
import com.bellwether.domain.UsageDay;

/**
 * A usage_change against a longer baseline or the same days a year before, worked out by hand. As of T = 10 March
 * 2024 with a window of 5 days (6–10 March 2024, logins 10 a day), the year-before window is the 5 days ending 52
 * weeks earlier, 8–12 March 2023 (logins 20 a day; 7 March 2023 and 13 March 2023 lie outside it and say 1000). The
 * window before is 1–5 March 2024 (40 a day); the 5 days before that, 25–29 February 2024, say 10 a day. Account Y
 * has the 2024 rows only.
 */
class SeasonalBaselineTest {

    private static final String LINEAR = "[[-1000, 0], [1000, 100]]";
    private static final String SKIP = "{\"policy\": \"skip\"}";
    private static Portfolio portfolio;

    private static void day(Bundle bundle, String account, String date, double logins) {
        bundle.usage().add(new UsageDay(account, LocalDate.parse(date), new double[] {logins}));
    }

    @BeforeAll
    static void portfolio() throws Exception {
        Bundle bundle = Bundle.empty();
        bundle.usageMetrics().add("logins");
        for (String id : new String[] {"X", "Y"}) {
            bundle.accounts().add(account(id, 10, "2023-01-01", null, null));
            for (int d = 25; d <= 29; d++) {
                day(bundle, id, "2024-02-" + d, 10);
            }
            for (int d = 1; d <= 5; d++) {
                day(bundle, id, "2024-03-0" + d, 40);
            }
            for (int d = 6; d <= 10; d++) {
                day(bundle, id, String.format("2024-03-%02d", d), 10);
            }
            // After T: read by no score as of T.
            day(bundle, id, "2024-03-11", 1000);
        }
        day(bundle, "X", "2023-03-07", 1000);
        for (int d = 8; d <= 12; d++) {
            day(bundle, "X", String.format("2023-03-%02d", d), 20);
        }
        day(bundle, "X", "2023-03-13", 1000);
        portfolio = ScoringFixtures.stored(bundle);
    }

    private static ScoreGrid grid(String derivation) {
        return ScoreGrid.compute(oneMeasure(derivation, LINEAR, SKIP), portfolio, dates("2024-03-10"));
    }

    @Test
    void theSameDaysAYearBeforeAndNoValueWithoutDataThen() {
        ScoreGrid grid = grid("{\"type\": \"usage_change\", \"metric\": \"logins\", \"window\": 5, \"baseline\": \"year_before\"}");
        // X: 10 against 20 a year before; Y has no data then: its own history cannot tell a season from a drop.
        assertThat(grid.raw(0, grid.point(0, 0))).isCloseTo(-50.0, within(1e-9));
        assertThat(grid.raw(0, grid.point(1, 0))).isNaN();
        assertThat(grid.measureText(0, grid.point(0, 0))).isEqualTo("Measure fell 50% in the last 5 days vs a year before.");
        assertThat(grid.measureText(0, grid.point(1, 0))).isEqualTo("Measure: no data yet.");
    }

    @Test
    void theWindowBeforeOrALongerBaselineJustBeforeTheWindow() {
        ScoreGrid previous = grid("{\"type\": \"usage_change\", \"metric\": \"logins\", \"window\": 5, \"baseline\": \"previous\"}");
        assertThat(previous.raw(0, 0)).isCloseTo(-75.0, within(1e-9));
        // 10 days before the window: 25 February to 5 March, mean (5 × 10 + 5 × 40) / 10 = 25.
        ScoreGrid longer = grid("{\"type\": \"usage_change\", \"metric\": \"logins\", \"window\": 5, \"baselineDays\": 10}");
        assertThat(longer.raw(0, 0)).isCloseTo(-60.0, within(1e-9));
        assertThat(longer.measureText(0, 0)).isEqualTo("Measure fell 60% in the last 5 days vs the 10 days before.");
        // Without a baseline: the window before, as always.
        assertThat(grid("{\"type\": \"usage_change\", \"metric\": \"logins\", \"window\": 5}").raw(0, 0))
                .isCloseTo(-75.0, within(1e-9));
    }

    @Test
    void aDerivationMovedToAnotherBaselineRescoresAsAFreshGridDoes() {
        HealthModel before = oneMeasure("{\"type\": \"usage_change\", \"metric\": \"logins\", \"window\": 5}", LINEAR, SKIP);
        HealthModel after = oneMeasure("{\"type\": \"usage_change\", \"metric\": \"logins\", \"window\": 5,"
                + " \"baseline\": \"year_before\"}", LINEAR, SKIP);
        ScoreGrid moved = ScoreGrid.compute(before, portfolio, dates("2024-03-10", "2024-03-09")).withModel(after);
        ScoreGrid fresh = ScoreGrid.compute(after, portfolio, dates("2024-03-10", "2024-03-09"));
        for (int p = 0; p < fresh.points(); p++) {
            assertThat(Double.valueOf(moved.raw(0, p))).isEqualTo(Double.valueOf(fresh.raw(0, p)));
            assertThat(Double.valueOf(moved.score(p))).isEqualTo(Double.valueOf(fresh.score(p)));
        }
        assertThat(moved.raw(0, 0)).isCloseTo(-50.0, within(1e-9));
    }

    @Test
    void aBaselineOutsideAChangeOrOfNoKnownKindIsRefused() {
        assertThatThrownBy(() -> oneMeasure("{\"type\": \"usage_change\", \"metric\": \"logins\", \"baseline\": \"last_year\"}",
                LINEAR, SKIP)).hasMessageStartingWith("test.json line 2, column ")
                .hasMessageEndingWith(": measures[0].derive.baseline: expected previous or year_before, on a usage_change only");
        assertThatThrownBy(() -> oneMeasure("{\"type\": \"usage\", \"metric\": \"logins\", \"baseline\": \"year_before\"}",
                LINEAR, SKIP)).hasMessageContaining("measures[0].derive.baseline: expected previous or year_before");
        assertThatThrownBy(() -> oneMeasure("{\"type\": \"usage_change\", \"metric\": \"logins\", \"baseline\": \"year_before\","
                + " \"baselineDays\": 91}", LINEAR, SKIP)).hasMessageContaining("measures[0].derive.baselineDays: expected"
                + " a number of days from 1 to 1092, on a usage_change whose baseline is previous");
        assertThatThrownBy(() -> oneMeasure("{\"type\": \"usage_change\", \"metric\": \"logins\", \"baselineDays\": 0}",
                LINEAR, SKIP)).hasMessageContaining("measures[0].derive.baselineDays");
    }
}
