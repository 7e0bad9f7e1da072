package com.bellwether.scoring;

import static com.bellwether.scoring.ScoringFixtures.account;
import static com.bellwether.scoring.ScoringFixtures.dates;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import com.bellwether.domain.Bundle;
import com.bellwether.domain.Note;
import com.bellwether.domain.Survey;

class ModelRulesTest {

    private final HealthModel model = HealthModel.defaultModel();

    private String stage(String start, String renewal, String explicit, String day) {
        var account = account("A1", 10, start, renewal, explicit);
        return ScoreGrid.stageOf(model, account, (int) LocalDate.parse(start).toEpochDay(), (int) LocalDate.parse(day).toEpochDay());
    }

    @Test
    void stageFollowsTheContractDatesUnlessGiven() {
        assertThat(stage("2024-01-01", "2025-01-01", null, "2024-02-01")).isEqualTo("onboarding");   // day 31
        assertThat(stage("2024-01-01", "2025-01-01", null, "2024-06-01")).isEqualTo("adoption");     // renewal 214 days off
        assertThat(stage("2024-01-01", "2025-01-01", null, "2024-10-01")).isEqualTo("renewal");      // 92 days before renewal
        assertThat(stage("2024-01-01", "2025-01-01", null, "2025-06-01")).isEqualTo("growth");       // next renewal 2026-01-01
        assertThat(stage("2024-01-01", "2025-01-01", null, "2025-09-05")).isEqualTo("renewal");      // 118 days before 2026-01-01
        assertThat(stage("2024-01-01", "2025-01-01", "Renewal", "2024-02-01")).isEqualTo("renewal"); // by label
        assertThat(stage("2024-01-01", "2025-01-01", "growth", "2024-02-01")).isEqualTo("growth");   // by id
        assertThat(stage("2024-01-01", "2025-01-01", "pilot", "2024-02-01")).isEqualTo("onboarding"); // unknown: derived
        assertThat(stage("2024-01-01", "2025-01-01", null, "2024-03-30")).isEqualTo("onboarding");   // day 89
        assertThat(stage("2024-01-01", "2025-01-01", null, "2024-03-31")).isEqualTo("adoption");     // day 90
        assertThat(stage("2024-01-01", "2025-01-01", null, "2024-09-02")).isEqualTo("adoption");     // 121 days before
        assertThat(stage("2024-01-01", "2025-01-01", null, "2024-09-03")).isEqualTo("renewal");      // 120 days before
    }

    @Test
    void renewalsFallInStepWithTheRenewalDate() {
        // co-termed: started in January, renews every March
        assertThat(stage("2023-01-01", "2025-03-01", null, "2024-01-15")).isEqualTo("renewal");      // 2024-03-01 is near
        assertThat(stage("2023-01-01", "2025-03-01", null, "2024-10-15")).isEqualTo("growth");       // 2025-03-01 is 137 days off
        assertThat(stage("2023-01-01", "2025-03-01", null, "2025-12-01")).isEqualTo("renewal");      // next: 2026-03-01
        assertThat(ScoreGrid.nextRenewal(account("A1", 1, "2023-01-01", "2025-03-01", null), LocalDate.parse("2023-01-01"),
                LocalDate.parse("2025-03-01"), 12)).isEqualTo("2026-03-01");
    }

    @Test
    void aStageInheritsWhatItDoesNotOverride() {
        assertThat(model.categoryWeights("renewal")).containsExactly(40, 30, 20, 25);
        assertThat(model.categoryWeights("onboarding")).containsExactly(50, 35, 10, 5);
        assertThat(model.categoryWeights("growth")).containsExactly(40, 30, 20, 10);
        assertThat(model.bands("renewal")).isEqualTo(new HealthModel.Bands(45.0, 72.0));
        assertThat(model.bands("adoption")).isEqualTo(new HealthModel.Bands(40.0, 70.0));
        HealthModel partial = HealthModel.parse(model.toJson().replaceAll("\"red\" : 45.0,\\s*\"yellow\" : 72.0",
                "\"red\" : 45.0"), "partial.json");
        assertThat(partial.bands("renewal")).isEqualTo(new HealthModel.Bands(45.0, 70.0));
    }

    @Test
    void aScoreOnACutOffTakesTheBetterBand() {
        assertThat(Band.of(39.999, 40, 70)).isEqualTo(Band.RED);
        assertThat(Band.of(40, 40, 70)).isEqualTo(Band.YELLOW);
        assertThat(Band.of(69.999, 40, 70)).isEqualTo(Band.YELLOW);
        assertThat(Band.of(70, 40, 70)).isEqualTo(Band.GREEN);
        assertThat(Band.of(0, 0, 0)).isEqualTo(Band.GREEN);
    }

    @Test
    void activeAdjustmentsAddUpWithinTheBoundUntilTheyExpire() throws Exception {
        Bundle bundle = Bundle.empty();
        bundle.accounts().add(account("A1", 10, "2023-01-01", null, "growth"));
        bundle.surveys().add(new Survey("A1", LocalDate.parse("2024-01-01"), 9));
        bundle.notes().add(new Note("A1", LocalDate.parse("2024-03-01"), "Dana", 10, "Budget confirmed", LocalDate.parse("2024-04-01")));
        bundle.notes().add(new Note("A1", LocalDate.parse("2024-03-05"), "Sam", 10, "Champion promoted", LocalDate.parse("2024-03-20")));
        HealthModel npsOnly = ScoringFixtures.oneMeasure("{\"type\": \"nps\", \"window\": 365}", "[[0, 0], [10, 100]]",
                "{\"policy\": \"skip\"}");

        ScoreGrid grid = ScoreGrid.compute(npsOnly, ScoringFixtures.stored(bundle),
                dates("2024-02-28", "2024-03-10", "2024-03-20", "2024-04-01"));

        assertThat(grid.adjustment(0)).isEqualTo(0);
        assertThat(grid.adjustment(1)).isEqualTo(15);       // 10 + 10, bounded at 15
        assertThat(grid.adjustment(2)).isEqualTo(10);       // the second note expired on the 20th
        assertThat(grid.adjustment(3)).isEqualTo(0);
        assertThat(grid.base(1)).isEqualTo(90);
        assertThat(grid.score(1)).isEqualTo(100);           // 90 + 15, clamped
        assertThat(grid.score(2)).isEqualTo(100);
        assertThat(grid.score(0)).isEqualTo(90);
    }

    @Test
    void playbookRulesMatchOnBandMeasureCategoryAndAll() throws Exception {
        Bundle bundle = Bundle.empty();
        bundle.accounts().add(account("A1", 10, "2023-01-01", null, "growth"));
        bundle.surveys().add(new Survey("A1", LocalDate.parse("2024-01-01"), 3));
        HealthModel rules = HealthModel.parse("""
                {"name": "rules", "categories": [{"id": "relationship", "label": "Relationship", "weight": 1}],
                 "measures": [{"id": "nps", "label": "NPS", "category": "relationship",
                   "derive": {"type": "nps", "window": 365}, "scale": [[0, 0], [10, 100]]}],
                 "playbook": [
                   {"id": "red", "when": {"band": "red"}, "action": {"title": "Call now", "priority": "urgent"}},
                   {"id": "green", "when": {"band": "green"}, "action": {"title": "Upsell"}},
                   {"id": "detractor", "when": {"measure": "nps", "raw": {"below": 7}},
                    "action": {"title": "Follow up the survey", "why": "NPS answer {nps} (score {nps.score}).", "priority": "high"}},
                   {"id": "both", "when": {"all": [{"category": "relationship", "score": {"below": 50}},
                                                   {"measure": "nps", "score": {"atLeast": 30}}]},
                    "action": {"title": "Both hold", "priority": "low"}},
                   {"id": "never", "when": {"all": [{"band": "red"}, {"measure": "nps", "raw": {"atLeast": 5}}]},
                    "action": {"title": "Never"}}]}
                """, "rules.json");

        AccountScore score = new HealthScorer(rules, ScoringFixtures.stored(bundle)).score("A1", LocalDate.parse("2024-02-01"));

        assertThat(score.band()).isEqualTo(Band.RED);
        assertThat(score.actions()).extracting(AccountScore.RecommendedAction::ruleId).containsExactly("red", "detractor", "both");
        assertThat(score.actions().get(1).why()).isEqualTo("NPS answer 3 (score 30).");
    }

    @Test
    void anInvalidModelNamesTheField() {
        String json = model.toJson();
        assertThatThrownBy(() -> HealthModel.parse(json.replace("\"higher_better\"", "\"up\""), "m.json"))
                .hasMessage("m.json line 40, column 19: measures[0].direction: expected higher_better or lower_better");
        assertThatThrownBy(() -> HealthModel.parse(json.replace("\"category\" : \"support\"", "\"category\" : \"suport\""), "m.json"))
                .hasMessageMatching(at("m.json") + java.util.regex.Pattern.quote("measures[6].category: expected the id of one of the model's categories"));
        assertThatThrownBy(() -> HealthModel.parse(json.replace("[ -40.0, 0.0 ]", "[ -40.0, 90.0 ]"), "m.json"))
                .hasMessageMatching(at("m.json") + java.util.regex.Pattern.quote("measures[1].scale[1]: expected scores that rise"
                        + " with the raw value, as the direction higher_better says"));
        assertThatThrownBy(() -> HealthModel.parse(json.replace("\"weight\" : 40.0", "\"wieght\" : 40.0"), "m.json"))
                .hasMessage("m.json line 8, column 4: unknown field \"wieght\" at categories[0]; expected one of id, label, weight");
        assertThatThrownBy(() -> HealthModel.parse(json.replace("\"band\" : \"red\"", "\"band\" : \"crimson\""), "m.json"))
                .hasMessageMatching(at("m.json") + java.util.regex.Pattern.quote("playbook[0].when.band: expected red, yellow or green"));
    }

    /** A refusal's start: the file, then the line and column of the value refused. */
    private static String at(String file) {
        return java.util.regex.Pattern.quote(file + " line ") + "\\d+, column \\d+: ";
    }

    @Test
    void theDefaultModelRoundTripsThroughJson() {
        HealthModel again = HealthModel.parse(model.toJson(), "again.json");
        assertThat(again.toJson()).isEqualTo(model.toJson());
        assertThat(model.categories()).extracting(HealthModel.Category::weight).containsExactly(40.0, 30.0, 20.0, 10.0);
    }
}
