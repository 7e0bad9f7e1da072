package com.bellwether.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import com.bellwether.domain.Bundle;

/** Re-scoring from the kept measure columns gives exactly what scoring afresh gives, whatever changed. */
class RescoringTest {

    private static final List<LocalDate> DATES = List.of(LocalDate.parse("2025-01-31"), LocalDate.parse("2025-06-30"));

    private static void sameAsFresh(UnaryOperator<String> edit) throws Exception {
        HealthModel model = HealthModel.defaultModel();
        HealthModel changed = HealthModel.parse(edit.apply(model.toJson()), "changed.json");
        Portfolio portfolio = SamplePortfolio.portfolio();

        ScoreGrid rescored = ScoreGrid.compute(model, portfolio, DATES).withModel(changed);
        ScoreGrid fresh = ScoreGrid.compute(changed, portfolio, DATES);

        for (int p = 0; p < fresh.points(); p++) {
            assertThat(rescored.stage(p)).isEqualTo(fresh.stage(p));
            // boxed, so that NaN (no score) equals NaN
            assertThat(Double.valueOf(rescored.base(p))).isEqualTo(Double.valueOf(fresh.base(p)));
            assertThat(Double.valueOf(rescored.score(p))).isEqualTo(Double.valueOf(fresh.score(p)));
            assertThat(rescored.band(p)).isEqualTo(fresh.band(p));
        }
    }

    @Test
    void afterACategoryWeightChange() throws Exception {
        sameAsFresh(json -> HealthModel.parse(json, "m").withCategoryWeights(Map.of("support", 45.0)).toJson());
    }

    @Test
    void afterAScaleChange() throws Exception {
        sameAsFresh(json -> json.replace("[ 0.15, 0.0 ], [ 0.4, 50.0 ]", "[ 0.25, 0.0 ], [ 0.5, 50.0 ]"));
    }

    @Test
    void afterABandAndAStageOverrideChange() throws Exception {
        sameAsFresh(json -> json.replace("\"red\" : 45.0", "\"red\" : 55.0").replace("\"relationship\" : 25.0", "\"relationship\" : 5.0"));
    }

    @Test
    void afterAStageRuleChange() throws Exception {
        sameAsFresh(json -> json.replace("\"renewalWindowDays\" : 120", "\"renewalWindowDays\" : 60"));
    }

    @Test
    void afterADerivationChange() throws Exception {
        sameAsFresh(json -> json.replace("\"window\" : 28", "\"window\" : 42"));
    }

    @Test
    void afterAStageIsRenamedThatAccountsNameExplicitly() throws Exception {
        Bundle bundle = Bundle.empty();
        bundle.accounts().add(ScoringFixtures.account("A1", 10, "2020-01-01", null, "Renewing"));
        bundle.surveys().add(new com.bellwether.domain.Survey("A1", LocalDate.parse("2025-01-01"), 7));
        Portfolio portfolio = ScoringFixtures.stored(bundle);
        HealthModel model = HealthModel.defaultModel();
        HealthModel renamed = HealthModel.parse(model.toJson().replace("\"label\" : \"Renewal\"", "\"label\" : \"Renewing\""), "r");

        ScoreGrid grid = ScoreGrid.compute(model, portfolio, DATES);

        assertThat(grid.stage(0)).isNotEqualTo("renewal");
        assertThat(grid.withModel(renamed).stage(0)).isEqualTo("renewal");
    }

    @Test
    void anAccountWithoutAnyDataYetHasNoScore() throws Exception {
        Bundle bundle = Bundle.empty();
        bundle.accounts().add(ScoringFixtures.account("A1", 10, "2024-01-01", null, null));
        bundle.surveys().add(new com.bellwether.domain.Survey("A1", LocalDate.parse("2025-03-01"), 7));

        ScoreGrid grid = ScoreGrid.compute(HealthModel.defaultModel(), ScoringFixtures.stored(bundle), DATES);

        assertThat(grid.score(0)).isNaN();
        assertThat(grid.band(0)).isNull();
        assertThat(grid.score(1)).isNotNaN();
    }
}
