package com.bellwether.alerts;

import static com.bellwether.alerts.AlertFixtures.account;
import static com.bellwether.alerts.AlertFixtures.day;
import static com.bellwether.alerts.AlertFixtures.dropOn;
import static com.bellwether.alerts.AlertFixtures.logins;
import static com.bellwether.alerts.AlertFixtures.model;
import static com.bellwether.alerts.AlertFixtures.note;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.bellwether.domain.Bundle;
import com.bellwether.scoring.HealthModel;
import com.bellwether.scoring.Portfolio;

class AlertEvaluatorTest {

    private static List<AlertFinding> evaluate(HealthModel model, Bundle bundle, String asOf) throws Exception {
        Portfolio portfolio = AlertFixtures.portfolio(AlertFixtures.stored(bundle));
        return new AlertEvaluator(model, portfolio).evaluate(day(asOf));
    }

    /** A drops to 5 logins a day on 1 March (98 → 35, red), C to 9 (→ 63, yellow), B stays at 14 (98). */
    private static Bundle threeAccounts() {
        Bundle bundle = AlertFixtures.bundle();
        for (String id : new String[] {"A", "B", "C"}) {
            account(bundle, id);
        }
        dropOn(bundle, "A", day("2025-03-01"), 5);
        logins(bundle, "B", AlertFixtures.START, AlertFixtures.END, 14);
        dropOn(bundle, "C", day("2025-03-01"), 9);
        return bundle;
    }

    @Test
    void rulesOfDifferentDaysKeepTheModelsOrderPerAccountAndGivenScoresGiveTheSameFindings() throws Exception {
        // A 30-day rule between two 7-day ones: the rules are worked through by their days, the findings are not.
        HealthModel model = model("""
                [{"id": "worse-7", "kind": "band_worsened", "days": 7, "severity": "medium"},
                 {"id": "drop-30", "kind": "score_drop", "points": 10, "days": 30, "severity": "high"},
                 {"id": "to-red-7", "kind": "band_worsened", "into": "red", "days": 7, "severity": "critical"}]""");
        Portfolio portfolio = AlertFixtures.portfolio(AlertFixtures.stored(threeAccounts()));
        AlertEvaluator evaluator = new AlertEvaluator(model, portfolio);

        List<AlertFinding> findings = evaluator.evaluate(day("2025-03-10"));

        assertThat(findings).extracting(f -> f.accountId() + " " + f.rule().id())
                .containsExactly("A worse-7", "A drop-30", "A to-red-7", "C worse-7", "C drop-30");
        List<com.bellwether.scoring.AccountScore> now = new com.bellwether.scoring.HealthScorer(model, portfolio)
                .scoreLive(day("2025-03-10"), () -> false);
        assertThat(evaluator.evaluate(day("2025-03-10"), now)).isEqualTo(findings);
    }

    @Test
    void anAlertsSeverityIsTheRulesCappedByTheAccountsBand() throws Exception {
        HealthModel model = model("""
                [{"id": "drop-30", "kind": "score_drop", "points": 10, "days": 30, "severity": "critical"}]""");

        List<AlertFinding> findings = evaluate(model, threeAccounts(), "2025-03-10");

        // A is red now: the rule's own severity; C is yellow: at most high.
        assertThat(findings).extracting(f -> f.accountId() + " " + f.band() + " " + f.severity().id())
                .containsExactly("A red critical", "C yellow high");
        // A green account's alert is low, whatever the rule says; a lower severity than the cap stays.
        assertThat(Severity.forBand(Severity.HIGH, com.bellwether.scoring.Band.GREEN)).isEqualTo(Severity.LOW);
        assertThat(Severity.forBand(Severity.CRITICAL, com.bellwether.scoring.Band.YELLOW)).isEqualTo(Severity.HIGH);
        assertThat(Severity.forBand(Severity.MEDIUM, com.bellwether.scoring.Band.YELLOW)).isEqualTo(Severity.MEDIUM);
        assertThat(Severity.forBand(Severity.LOW, com.bellwether.scoring.Band.RED)).isEqualTo(Severity.LOW);
        assertThat(Severity.forBand(Severity.HIGH, null)).isEqualTo(Severity.HIGH);
    }

    @Test
    void aBandThatWorsenedIntoRedFiresWithTheNumbersTheActionAndTheOwner() throws Exception {
        HealthModel model = model("""
                [{"id": "to-red", "kind": "band_worsened", "into": "red", "days": 7, "severity": "critical"}]""");

        List<AlertFinding> findings = evaluate(model, threeAccounts(), "2025-03-10");

        assertThat(findings).extracting(AlertFinding::accountId).containsExactly("A");
        AlertFinding a = findings.get(0);
        assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(a.band()).isEqualTo("red");
        assertThat(a.bandBefore()).isEqualTo("green");
        assertThat(a.explanation()).startsWith("Band worsened from green to red in 7 days: the score went from 71 to 35.")
                .contains("35 logins in the last 7 days.");
        assertThat(a.action()).isEqualTo("Call the customer about low use");
        assertThat(a.owner()).isEqualTo("Dana Lee");
        assertThat(a.asOf()).isEqualTo(day("2025-03-10"));
    }

    @Test
    void withoutABandToReachAnyWorseningFires() throws Exception {
        HealthModel model = model("""
                [{"id": "worse", "kind": "band_worsened", "days": 7, "severity": "medium"}]""");

        assertThat(evaluate(model, threeAccounts(), "2025-03-10")).extracting(AlertFinding::accountId)
                .containsExactly("A", "C");
        assertThat(evaluate(model, threeAccounts(), "2025-03-20")).as("a band that stays red is old news").isEmpty();
    }

    @Test
    void aScoreDropOfAtLeastThePointsWithinTheDaysFires() throws Exception {
        HealthModel model = model("""
                [{"id": "drop", "kind": "score_drop", "points": 40, "days": 30, "severity": "high"}]""");

        List<AlertFinding> findings = evaluate(model, threeAccounts(), "2025-03-10");

        assertThat(findings).extracting(AlertFinding::accountId).containsExactly("A");
        assertThat(findings.get(0).explanation())
                .startsWith("Score fell 63 points in 30 days, from 98 to 35 (green to red). 35 logins in the last 7 days.");
        assertThat(findings.get(0).scoreBefore()).isEqualTo(98.0);
        assertThat(evaluate(model, threeAccounts(), "2025-04-29")).as("30 days on, both dates are after the drop")
                .isEmpty();
    }

    @Test
    void aDropRelativeToThePortfolioIgnoresWhatEveryAccountWentThrough() throws Exception {
        Bundle bundle = AlertFixtures.bundle();
        for (String id : new String[] {"A", "B", "C", "D", "E"}) {
            account(bundle, id);
            dropOn(bundle, id, day("2025-03-01"), 9); // 98 → 63: the whole portfolio dips 35
        }
        dropOn(bundle, "C", day("2025-03-01"), 2); // 98 → 14: 49 points beyond the portfolio's dip
        HealthModel absolute = model("""
                [{"id": "drop", "kind": "score_drop", "points": 20, "days": 30, "severity": "high"}]""");
        HealthModel relative = model("""
                [{"id": "drop", "kind": "score_drop", "points": 20, "relativeToPortfolio": true, "days": 30,
                  "severity": "high"}]""");

        assertThat(evaluate(absolute, bundle, "2025-03-10")).hasSize(5);
        List<AlertFinding> findings = evaluate(relative, bundle, "2025-03-10");
        assertThat(findings).extracting(AlertFinding::accountId).containsExactly("C");
        assertThat(findings.get(0).explanation()).contains("from 98 to 14 (green to red), against a median drop of 35"
                + " across the portfolio.");
    }

    @Test
    void aPlaybookRuleThatNewlyMatchedFiresOnceItHolds() throws Exception {
        HealthModel model = model("""
                [{"id": "new-action", "kind": "playbook_matched", "days": 7, "severity": "high"}]""");

        List<AlertFinding> findings = evaluate(model, threeAccounts(), "2025-03-10");

        assertThat(findings).extracting(AlertFinding::accountId).containsExactly("A");
        assertThat(findings.get(0).explanation()).isEqualTo("Newly recommended since 2025-03-03: Call the customer about"
                + " low use (Only 35 logins). The score is 35, red, against 71 then.");
        assertThat(findings.get(0).action()).isEqualTo("Call the customer about low use");
        assertThat(evaluate(model, threeAccounts(), "2025-03-17")).as("matched at both dates").isEmpty();
    }

    @Test
    void aPlaybookRuleNewlyMatchedAcrossMostOfThePortfolioIsNotOneAccountsNews() throws Exception {
        Bundle bundle = threeAccounts();
        dropOn(bundle, "C", day("2025-03-01"), 5);
        HealthModel crowded = model("""
                [{"id": "new-action", "kind": "playbook_matched", "days": 7, "severity": "high", "maxShare": 0.5}]""");
        HealthModel filtered = model("""
                [{"id": "new-action", "kind": "playbook_matched", "days": 7, "severity": "high",
                  "priorities": ["urgent"]}]""");

        assertThat(evaluate(crowded, bundle, "2025-03-10")).as("2 of 3 accounts at once").isEmpty();
        assertThat(evaluate(filtered, bundle, "2025-03-10")).as("the action is high, not urgent").isEmpty();
    }

    @Test
    void anAdjustmentThatExpiredWithinTheDaysFires() throws Exception {
        Bundle bundle = threeAccounts();
        note(bundle, "B", "2025-02-01", 10, "Strong QBR", "2025-03-08");
        note(bundle, "B", "2025-02-02", 3, "Small thing", "2025-03-09");
        note(bundle, "C", "2025-01-15", -8, "Sponsor left", "2025-02-01");
        HealthModel model = model("""
                [{"id": "expired", "kind": "adjustment_expired", "points": 5, "days": 7, "severity": "low"}]""");

        List<AlertFinding> findings = evaluate(model, bundle, "2025-03-10");

        assertThat(findings).extracting(AlertFinding::accountId).containsExactly("B");
        assertThat(findings.get(0).explanation()).isEqualTo("CSM adjustment +10 by Dana Lee (Strong QBR) expired on"
                + " 2025-03-08. The score is now 98, green, with no adjustment.");
        assertThat(evaluate(model, bundle, "2025-03-16")).as("expired more than 7 days before").isEmpty();
        assertThat(evaluate(model, bundle, "2025-03-07")).as("not expired yet").isEmpty();
    }

    @Test
    void onlyDataUpToTheAsOfDateCounts() throws Exception {
        HealthModel model = model("""
                [{"id": "worse", "kind": "band_worsened", "days": 7, "severity": "medium"},
                 {"id": "drop", "kind": "score_drop", "points": 20, "days": 30, "severity": "high"},
                 {"id": "new-action", "kind": "playbook_matched", "days": 7, "severity": "high"},
                 {"id": "expired", "kind": "adjustment_expired", "days": 7, "severity": "low"}]""");
        Bundle before = threeAccounts();
        note(before, "B", "2025-02-01", 10, "Strong QBR", "2025-03-08");
        Bundle later = threeAccounts();
        note(later, "B", "2025-02-01", 10, "Strong QBR", "2025-03-08");
        logins(later, "A", day("2025-03-11"), AlertFixtures.END, 30);
        logins(later, "C", day("2025-03-11"), AlertFixtures.END, 0);
        note(later, "B", "2025-03-11", 10, "Written after the date", "2025-03-12");

        assertThat(evaluate(model, later, "2025-03-10")).usingRecursiveFieldByFieldElementComparator()
                .isEqualTo(evaluate(model, before, "2025-03-10"))
                .hasSize(6);
    }

    @Test
    void accountsThatAreNotLiveRaiseNothing() throws Exception {
        Bundle bundle = threeAccounts();
        bundle.outcomes().add(new com.bellwether.domain.Outcome("A", day("2025-03-05"),
                com.bellwether.domain.OutcomeEvent.CHURN, -10_000.0));
        HealthModel model = model("""
                [{"id": "drop", "kind": "score_drop", "points": 20, "days": 30, "severity": "high"}]""");

        assertThat(evaluate(model, bundle, "2025-03-10")).extracting(AlertFinding::accountId).containsExactly("C");
    }
}
