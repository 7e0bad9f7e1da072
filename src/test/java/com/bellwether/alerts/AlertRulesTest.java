package com.bellwether.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.bellwether.scoring.HealthModel;
import com.bellwether.scoring.HealthModel.AlertRule;

/** Alert rules as part of the health model: defaults, the shipped rules, and refusals that name the field. */
class AlertRulesTest {

    @Test
    void aModelWithoutAlertRulesGetsTheDefaultsAndAnEmptyListMeansNone() {
        HealthModel without = AlertFixtures.model("null");
        assertThat(without.alerts()).isEqualTo(AlertRule.DEFAULTS);
        assertThat(AlertFixtures.model("[]").alerts()).isEmpty();
    }

    @Test
    void theShippedModelListsItsRulesAndTheJarCarriesTheSame() throws Exception {
        HealthModel shipped = HealthModel.read(Path.of("sample-data/models/default.json"));

        assertThat(shipped.alerts()).extracting(AlertRule::kind)
                .containsExactly("band_worsened", "score_drop", "playbook_matched", "adjustment_expired");
        assertThat(shipped.alerts()).isEqualTo(AlertRule.DEFAULTS);
        assertThat(HealthModel.defaultModel().alerts()).isEqualTo(shipped.alerts());
        assertThat(HealthModel.parse(shipped.toJson(), "again.json").alerts()).isEqualTo(shipped.alerts());
    }

    @Test
    void badRulesAreRefusedNamingTheField() {
        assertRefused("[{\"id\": \"x\", \"kind\": \"score_fall\", \"severity\": \"high\"}]",
                "test.json: alerts[0].kind: expected band_worsened, score_drop, playbook_matched, adjustment_expired");
        assertRefused("[{\"id\": \"x\", \"kind\": \"score_drop\", \"severity\": \"urgent\", \"points\": 10}]",
                "test.json: alerts[0].severity: expected critical, high, medium, low");
        assertRefused("[{\"id\": \"x\", \"kind\": \"score_drop\", \"severity\": \"high\"}]",
                "test.json: alerts[0].points: expected the drop in points that raises the alert, above 0 and at most 100");
        assertRefused("[{\"id\": \"x\", \"kind\": \"band_worsened\", \"severity\": \"high\", \"days\": 0}]",
                "test.json: alerts[0].days: expected a number of days from 1 to 366");
        assertRefused("[{\"id\": \"x\", \"kind\": \"band_worsened\", \"severity\": \"high\", \"cooldownDays\": 0}]",
                "test.json: alerts[0].cooldownDays: expected a number of days from 1 to 366");
        assertRefused("[{\"id\": \"x\", \"kind\": \"band_worsened\", \"severity\": \"high\", \"into\": \"green\"}]",
                "test.json: alerts[0].into: expected red or yellow, on a band_worsened rule only");
        assertRefused("[{\"id\": \"x\", \"kind\": \"playbook_matched\", \"severity\": \"high\", \"playbookRules\": [\"nope\"]}]",
                "test.json: alerts[0].playbookRules[0]: expected the id of one of the model's playbook rules");
        assertRefused("[{\"id\": \"x\", \"kind\": \"playbook_matched\", \"severity\": \"high\", \"maxShare\": 1.5}]",
                "test.json: alerts[0].maxShare: expected a share above 0 and at most 1, on a playbook_matched rule only");
        assertRefused("[{\"id\": \"x\", \"kind\": \"band_worsened\", \"severity\": \"high\"},"
                        + " {\"id\": \"x\", \"kind\": \"score_drop\", \"severity\": \"high\", \"points\": 5}]",
                "test.json: alerts[1].id: expected a unique, non-empty id");
        assertThatThrownBy(() -> AlertFixtures.model("[{\"id\": \"x\", \"kind\": \"band_worsened\", \"severity\": \"high\","
                + " \"cooldown\": 3}]")).isInstanceOf(HealthModel.InvalidModelException.class)
                .hasMessageContaining("cooldown").hasMessageContaining("alerts[0]");
    }

    private static void assertRefused(String alerts, String message) {
        // The file, then the line and column of the value refused, then the field and what it expects.
        String rest = message.substring("test.json: ".length());
        assertThatThrownBy(() -> AlertFixtures.model(alerts)).isInstanceOf(HealthModel.InvalidModelException.class)
                .hasMessageMatching(java.util.regex.Pattern.quote("test.json line ") + "\\d+, column \\d+: "
                        + java.util.regex.Pattern.quote(rest));
    }
}
