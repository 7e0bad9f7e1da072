package com.bellwether.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import com.bellwether.scoring.ModelDiff.Change;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Hand-made variants of the shipped model, each edited in its JSON as a user would edit the file. */
class ModelDiffTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HealthModel SHIPPED = HealthModel.defaultModel();

    /** The shipped model with an edit applied to its JSON, parsed and checked like any model file. */
    static HealthModel variant(Consumer<ObjectNode> edit) {
        try {
            ObjectNode json = (ObjectNode) JSON.readTree(SHIPPED.toJson());
            edit.accept(json);
            return HealthModel.parse(JSON.writeValueAsString(json), "variant.json");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode measure(ObjectNode model, String id) {
        for (var m : model.withArray("measures")) {
            if (m.get("id").asText().equals(id)) {
                return (ObjectNode) m;
            }
        }
        throw new IllegalArgumentException(id);
    }

    private static ObjectNode rule(ObjectNode model, String id) {
        for (var r : model.withArray("playbook")) {
            if (r.get("id").asText().equals(id)) {
                return (ObjectNode) r;
            }
        }
        throw new IllegalArgumentException(id);
    }

    private static ObjectNode stage(ObjectNode model, String id) {
        for (var s : model.withArray("stages")) {
            if (s.get("id").asText().equals(id)) {
                return (ObjectNode) s;
            }
        }
        throw new IllegalArgumentException(id);
    }

    @Test
    void aModelComparedWithItselfHasNoChanges() {
        assertThat(ModelDiff.between(SHIPPED, SHIPPED).changes()).isEmpty();
        // Saved and read back (as a version is), under another name and number: still nothing that scores differently.
        HealthModel saved = HealthModel.parse(SHIPPED.withIdentity("Renamed", 7).toJson(), "saved.json");
        assertThat(ModelDiff.between(SHIPPED, saved).isEmpty()).isTrue();
    }

    @Test
    void alertRulesChangedAddedAndRemovedAreListed() {
        HealthModel after = variant(m -> {
            com.fasterxml.jackson.databind.node.ArrayNode alerts = m.withArray("alerts");
            String changed = alerts.get(0).get("id").asText();
            ((ObjectNode) alerts.get(0)).put("cooldownDays", 99);
            String removed = alerts.get(1).get("id").asText();
            alerts.remove(1);
            alerts.addObject().put("id", "new-rule").put("kind", "band_worsened").put("severity", "low");
            assertThat(changed).isNotEqualTo(removed);
        });

        ModelDiff diff = ModelDiff.between(SHIPPED, after);

        assertThat(diff.paths()).hasSize(3).allMatch(p -> p.startsWith("alerts."));
        assertThat(diff.paths()).contains("alerts.new-rule");
        assertThat(diff.changes()).anySatisfy(c -> assertThat(c.text()).contains("cooldownDays\":99"));
    }

    @Test
    void aStageOverrideChangesThatStageOnly() {
        HealthModel after = variant(m -> ((ObjectNode) stage(m, "renewal").get("weights")).put("relationship", 35));

        assertThat(ModelDiff.between(SHIPPED, after).changes()).containsExactly(new Change(
                "stages.renewal.weights.relationship", "25", "35", "Renewal stage: Relationship weight 25 → 35."));
    }

    @Test
    void aTopLevelWeightChangesTheStagesThatInheritIt() {
        // Onboarding sets its own adoption weight (50), so it does not see the change.
        HealthModel after = variant(m -> ((ObjectNode) m.withArray("categories").get(0)).put("weight", 55));

        ModelDiff diff = ModelDiff.between(SHIPPED, after);

        assertThat(diff.paths()).containsExactly("stages.adoption.weights.adoption", "stages.growth.weights.adoption",
                "stages.renewal.weights.adoption");
        assertThat(diff.changes()).allSatisfy(c -> {
            assertThat(c.before()).isEqualTo("40");
            assertThat(c.after()).isEqualTo("55");
        });
        assertThat(diff.changes().get(2).text()).isEqualTo("Renewal stage: Adoption weight 40 → 55.");
    }

    @Test
    void aChangeEveryStageSeesAlikeIsOneChange() {
        HealthModel before = variant(m -> m.remove("stages"));
        HealthModel after = variant(m -> {
            m.remove("stages");
            ((ObjectNode) m.withArray("categories").get(3)).put("weight", 12.5);
        });

        assertThat(ModelDiff.between(before, after).changes()).containsExactly(
                new Change("weights.relationship", "10", "12.5", "Every stage: Relationship weight 10 → 12.5."));
    }

    @Test
    void bandCutOffsAreComparedPerStageWithWhatTheyInherit() {
        HealthModel after = variant(m -> {
            ((ObjectNode) m.get("bands")).put("red", 42);                     // adoption and growth inherit it
            ((ObjectNode) stage(m, "renewal").get("bands")).put("yellow", 75);
        });

        assertThat(ModelDiff.between(SHIPPED, after).changes()).containsExactly(
                new Change("stages.adoption.bands.red", "40", "42", "Adoption stage: Red cut-off 40 → 42."),
                new Change("stages.growth.bands.red", "40", "42", "Growth stage: Red cut-off 40 → 42."),
                new Change("stages.renewal.bands.yellow", "72", "75", "Renewal stage: Yellow cut-off 72 → 75."));
    }

    @Test
    void measuresAddedRemovedAndChanged() {
        HealthModel after = variant(m -> {
            measure(m, "csat").put("weight", 2);
            ((ArrayNode) measure(m, "nps").get("scale")).set(1, JSON.createArrayNode().add(6).add(30));
            measure(m, "escalations").put("weight", 0);
            measure(m, "feature_breadth").set("missing", JSON.createObjectNode().put("policy", "fixed").put("score", 10));
            measure(m, "days_since_login").put("direction", "lower_better"); // as it was: no change
            ArrayNode measures = m.withArray("measures");
            for (int i = 0; i < measures.size(); i++) {
                if (measures.get(i).get("id").asText().equals("minutes_per_user")) {
                    measures.remove(i);
                }
            }
            ObjectNode added = measure(m, "logins_trend").deepCopy();
            added.put("id", "sessions_trend").put("label", "Sessions");
            ((ObjectNode) added.get("derive")).put("metric", "sessions");
            measures.add(added);
        });

        ModelDiff diff = ModelDiff.between(SHIPPED, after);

        assertThat(diff.paths()).containsExactly("measures.feature_breadth.missing", "measures.escalations.enabled",
                "measures.csat.weight", "measures.nps.scale", "measures.sessions_trend", "measures.minutes_per_user");
        assertThat(diff.changes()).extracting(Change::text).containsExactly(
                "Features in use: without data skipped → scored 10.",
                "Escalated tickets switched off (weight 1 → 0).",
                "Support satisfaction (CSAT): weight 1 → 2.",
                "Latest NPS: scale (0, 0) (6, 40) (8, 80) (10, 100) → (0, 0) (6, 30) (8, 80) (10, 100).",
                "Measure Sessions added to Engagement with weight 2.",
                "Measure Session minutes per active user and report removed from Engagement.");
    }

    @Test
    void playbookRulesAddedRemovedAndChanged() {
        HealthModel after = variant(m -> {
            ((ObjectNode) rule(m, "usage-drop").get("when").get("raw")).put("below", -30);
            ((ObjectNode) rule(m, "support-spike").get("action")).put("priority", "urgent");
            ArrayNode playbook = m.withArray("playbook");
            for (int i = 0; i < playbook.size(); i++) {
                if (playbook.get(i).get("id").asText().equals("expansion")) {
                    playbook.remove(i);
                }
            }
            ((ObjectNode) rule(m, "expansion-champions")).put("expansion", false);
            ObjectNode nps = JSON.createObjectNode().put("id", "detractor");
            nps.set("when", JSON.createObjectNode().put("measure", "nps")
                    .set("raw", JSON.createObjectNode().put("below", 7)));
            nps.set("action", JSON.createObjectNode().put("title", "Call the detractor").put("priority", "medium"));
            playbook.add(nps);
        });

        ModelDiff diff = ModelDiff.between(SHIPPED, after);

        assertThat(diff.changes()).extracting(Change::path, Change::text).containsExactly(
                org.assertj.core.groups.Tuple.tuple("playbook.usage-drop.when",
                        "Playbook rule usage-drop: when core_events_trend below -25 → when core_events_trend below -30."),
                org.assertj.core.groups.Tuple.tuple("playbook.support-spike.action.priority",
                        "Playbook rule support-spike: action priority \"high\" → \"urgent\"."),
                org.assertj.core.groups.Tuple.tuple("playbook.expansion-champions.expansion",
                        "Playbook rule expansion-champions is no longer an expansion rule."),
                org.assertj.core.groups.Tuple.tuple("playbook.detractor",
                        "Playbook rule detractor added: when nps below 7, \"Call the detractor\" (medium)."),
                org.assertj.core.groups.Tuple.tuple("playbook.expansion", "Playbook rule expansion removed: when band is"
                        + " green and seat_utilisation at least 0.85, \"Explore an expansion: the seats are nearly all in use\" (low)."));
    }

    @Test
    void stageRuleAndAdjustmentBound() {
        HealthModel after = variant(m -> {
            ((ObjectNode) m.get("stageRule")).put("renewalWindowDays", 90);
            m.put("adjustmentBound", 10);
        });

        assertThat(ModelDiff.between(SHIPPED, after).changes()).containsExactly(
                new Change("stageRule.renewalWindowDays", "120", "90", "The renewal stage begins 120 → 90 days before a renewal."),
                new Change("adjustmentBound", "15", "10", "CSM adjustments bounded to ±15 → ±10 points."));
    }

    @Test
    void theDiffRunsBothWays() {
        HealthModel after = variant(m -> measure(m, "csat").put("weight", 2));

        assertThat(ModelDiff.between(after, SHIPPED).changes()).containsExactly(
                new Change("measures.csat.weight", "2", "1", "Support satisfaction (CSAT): weight 2 → 1."));
    }
}
