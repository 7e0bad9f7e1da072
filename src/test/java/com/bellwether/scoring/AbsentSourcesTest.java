package com.bellwether.scoring;

import static com.bellwether.scoring.ScoringFixtures.account;
import static com.bellwether.scoring.ScoringFixtures.at;
import static com.bellwether.scoring.ScoringFixtures.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.bellwether.domain.Bundle;
import com.bellwether.domain.Interaction;
import com.bellwether.domain.InteractionKind;
import com.bellwether.domain.StakeholderRole;
import com.bellwether.domain.Survey;
import com.bellwether.domain.Ticket;
import com.bellwether.domain.TicketPriority;
import com.bellwether.scoring.HealthModel.Measure;

/**
 * A measure whose source the whole database lacks is left out as if switched off, with one warning, and its
 * category re-weighted over what remains; never scored as the worst.
 */
class AbsentSourcesTest {

    private static final LocalDate T = LocalDate.parse("2024-06-30");
    private static final HealthModel MODEL = HealthModel.defaultModel();

    /**
     * Three accounts with 84 days of usage (no logins metric at all), tickets with CSAT ratings, and, as asked,
     * surveys and interactions with an executive and a champion.
     */
    private static Bundle bundle(boolean interactions, boolean surveys) {
        Bundle b = Bundle.empty();
        b.usageMetrics().addAll(List.of("active_users", "session_minutes", "core_feature_events", "features_used"));
        String[] ids = {"A", "B", "C"};
        for (int k = 0; k < ids.length; k++) {
            String id = ids[k];
            b.accounts().add(account(id, 20, "2023-01-01", "2025-01-01", null));
            for (int d = 0; d < 84; d++) {
                LocalDate day = T.minusDays(83 - d);
                // A keeps its usage, B's falls in the last 28 days, C's users are few.
                double users = k == 2 ? 3 : 12;
                double events = k == 1 && d >= 56 ? 40 : 100;
                b.usage().add(usage(id, day.toString(), users, users * 40, events, 4 + k));
            }
            b.tickets().add(new Ticket(id + "-1", id, at("2024-06-10"), at("2024-06-12"), TicketPriority.HIGH, k == 1,
                    3 + k % 2));
            if (surveys) {
                b.surveys().add(new Survey(id, LocalDate.parse("2024-05-01"), 6 + k));
            }
            if (interactions) {
                b.interactions().add(new Interaction(id, at("2024-06-01"), "Exec " + id, StakeholderRole.EXECUTIVE,
                        InteractionKind.MEETING));
                b.interactions().add(new Interaction(id, at("2024-06-15"), "Champ " + id, StakeholderRole.CHAMPION,
                        InteractionKind.CALL));
            }
        }
        return b;
    }

    /** The default model with the named measures switched off by hand (weight 0). */
    private static HealthModel switchedOff(String... ids) {
        HealthModel model = MODEL;
        for (String id : ids) {
            Measure m = model.measures().get(model.measureIndex(id));
            model = model.withMeasure(new Measure(m.id(), m.label(), m.category(), m.derive(), m.direction(), m.scale(),
                    0.0, m.missing(), m.explain()));
        }
        return model;
    }

    private static List<AccountScore> scores(HealthModel model, Portfolio portfolio) {
        return new HealthScorer(model, portfolio).scoreLive(T, () -> false);
    }

    private static void assertSameScores(List<AccountScore> a, List<AccountScore> b) {
        assertThat(a).hasSameSizeAs(b).isNotEmpty();
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i).baseScore()).as(a.get(i).accountId()).isCloseTo(b.get(i).baseScore(), within(1e-9));
            assertThat(a.get(i).score()).isCloseTo(b.get(i).score(), within(1e-9));
            assertThat(a.get(i).band()).isEqualTo(b.get(i).band());
            for (int c = 0; c < a.get(i).categories().size(); c++) {
                double x = a.get(i).categories().get(c).score();
                double y = b.get(i).categories().get(c).score();
                assertThat(Double.isNaN(x) ? "none" : String.valueOf(Math.round(x * 1e9))).as("category " + c)
                        .isEqualTo(Double.isNaN(y) ? "none" : String.valueOf(Math.round(y * 1e9)));
            }
        }
    }

    private static AccountScore.MeasureResult measure(AccountScore score, String id) {
        return score.measures().stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void withoutLoginsTheTwoLoginMeasuresAreLeftOutAndTheRestReweighted() throws Exception {
        Portfolio portfolio = ScoringFixtures.stored(bundle(true, true));

        AbsentSources absent = AbsentSources.of(MODEL, portfolio);
        assertThat(absent.absences()).containsExactly(
                new AbsentSources.Absence("logins", List.of("logins_trend", "days_since_login")));
        assertThat(absent.emptyCategories()).isEmpty();
        assertThat(absent.warnings()).containsExactly("no logins in the data: 2 measures left out"
                + " (logins_trend, days_since_login)");
        assertThat(absent.summary()).isEqualTo("no logins in the data: 2 measures left out");

        List<AccountScore> adapted = scores(MODEL, portfolio);
        assertSameScores(adapted, scores(switchedOff("logins_trend", "days_since_login"), portfolio));
        for (AccountScore score : adapted) {
            // Before, days_since_login's fixed policy scored it 0, the worst, for every account.
            assertThat(measure(score, "days_since_login").score()).isNaN();
            assertThat(measure(score, "days_since_login").pointsLost()).isZero();
            assertThat(measure(score, "logins_trend").raw()).isNaN();
            assertThat(score.reasons()).noneMatch(r -> r.measureId().startsWith("logins") || r.measureId().equals("days_since_login"));
            // Engagement is minutes_per_user alone now: the category's score is that measure's.
            double engagement = score.categories().stream().filter(c -> c.id().equals("engagement")).findFirst()
                    .orElseThrow().score();
            assertThat(engagement).isCloseTo(measure(score, "minutes_per_user").score(), within(1e-9));
        }
        // Hand-computed for A: 480 session minutes over 12 active users each day is 40 minutes per user, which the
        // scale [[30,0],[100,60],[200,100]] scores (40 − 30) / 70 × 60 = 8.571.
        assertThat(measure(adapted.get(0), "minutes_per_user").score()).isCloseTo(60.0 * 10 / 70, within(1e-9));
    }

    @Test
    void withoutInteractionsOrSurveysTheRelationshipCategoryIsReportedAndTheOthersCarryTheScore() throws Exception {
        Portfolio portfolio = ScoringFixtures.stored(bundle(false, false));

        AbsentSources absent = AbsentSources.of(MODEL, portfolio);
        assertThat(absent.warnings()).containsExactly(
                "no logins in the data: 2 measures left out (logins_trend, days_since_login)",
                "no interactions in the data: 2 measures left out (days_since_executive, champion_contacts)",
                "no surveys in the data: 1 measure left out (nps)",
                "Relationship: no measure has data in this database");

        List<AccountScore> adapted = scores(MODEL, portfolio);
        assertSameScores(adapted, scores(switchedOff("logins_trend", "days_since_login", "days_since_executive",
                "champion_contacts", "nps"), portfolio));
        for (AccountScore score : adapted) {
            // Stage growth: 40 / 30 / 20 / 10, relationship without a score, so the base is over 90.
            assertThat(score.stage()).isEqualTo("growth");
            double[] c = score.categories().stream().mapToDouble(AccountScore.CategoryResult::score).toArray();
            assertThat(c[3]).isNaN();
            assertThat(score.baseScore()).isCloseTo((40 * c[0] + 30 * c[1] + 20 * c[2]) / 90, within(1e-9));
            // No playbook rule on a measure left out holds: no champion to have gone quiet, no executive to re-align.
            assertThat(score.actions()).noneMatch(a -> a.ruleId().equals("champion-quiet")
                    || a.ruleId().equals("executive-disengaged"));
            assertThat(measure(score, "days_since_executive").score()).isNaN();
            assertThat(measure(score, "champion_contacts").raw()).isNaN();
        }
    }

    @Test
    void interactionsOfOtherRolesLeaveOutOnlyTheMeasuresOfTheMissingRole() throws Exception {
        Bundle b = bundle(true, true);
        b.interactions().removeIf(i -> i.role() == StakeholderRole.EXECUTIVE);
        Portfolio portfolio = ScoringFixtures.stored(b);

        assertThat(AbsentSources.of(MODEL, portfolio).warnings()).containsExactly(
                "no logins in the data: 2 measures left out (logins_trend, days_since_login)",
                "no executive interactions in the data: 1 measure left out (days_since_executive)");
        // Champions were in touch: their measure keeps its value.
        assertThat(measure(scores(MODEL, portfolio).get(0), "champion_contacts").raw()).isEqualTo(1.0);
    }

    @Test
    void absenceIsDecidedOverTheWholeDatabaseNotPerAccount() throws Exception {
        Bundle b = bundle(true, true);
        // Only A ever had an executive interaction, long ago; B and C never: the source exists, so the fixed score
        // of days_since_executive (20) still applies to them, and A's 181 days are scored by the scale.
        b.interactions().removeIf(i -> i.role() == StakeholderRole.EXECUTIVE);
        b.interactions().add(new Interaction("A", at("2024-01-01"), "Exec A", StakeholderRole.EXECUTIVE,
                InteractionKind.QBR));
        Portfolio portfolio = ScoringFixtures.stored(b);

        assertThat(AbsentSources.of(MODEL, portfolio).absences()).extracting(AbsentSources.Absence::source)
                .containsExactly("logins");
        List<AccountScore> scores = scores(MODEL, portfolio);
        assertThat(measure(scores.get(1), "days_since_executive").score()).isEqualTo(20.0);
        assertThat(measure(scores.get(0), "days_since_executive").raw()).isEqualTo(181.0);
    }

    @Test
    void aFullDatabaseLeavesNothingOutAndAGridUnderAnotherModelAgreesWithAFreshOne() throws Exception {
        Portfolio portfolio = ScoringFixtures.stored(bundle(false, true));
        ScoreGrid grid = ScoreGrid.compute(MODEL, portfolio, List.of(T, T.minusDays(30)));
        assertThat(grid.absentSources().any()).isTrue();

        // A derivation that now reads a metric the data has: the measure comes back in, as a fresh grid has it.
        Measure logins = MODEL.measures().get(MODEL.measureIndex("logins_trend"));
        HealthModel reading = MODEL.withMeasure(new Measure(logins.id(), logins.label(), logins.category(),
                new HealthModel.Derivation("usage_change", "session_minutes", null, 28, null, null, null, null, null,
                        null, null, null, null, null), logins.direction(), logins.scale(), logins.weight(), logins.missing(),
                logins.explain()));
        ScoreGrid moved = grid.withModel(reading);
        ScoreGrid fresh = ScoreGrid.compute(reading, portfolio, List.of(T, T.minusDays(30)));
        List<String> left = new ArrayList<>(moved.absentSources().warnings());
        assertThat(left).isEqualTo(fresh.absentSources().warnings())
                .contains("no logins in the data: 1 measure left out (days_since_login)");
        for (int p = 0; p < fresh.points(); p++) {
            assertThat(moved.score(p)).isEqualTo(fresh.score(p));
            assertThat(moved.raw(MODEL.measureIndex("logins_trend"), p))
                        .isEqualTo(fresh.raw(MODEL.measureIndex("logins_trend"), p));
        }
    }
}
