package com.bellwether.alerts;

import static com.bellwether.alerts.AlertFixtures.account;
import static com.bellwether.alerts.AlertFixtures.day;
import static com.bellwether.alerts.AlertFixtures.dropOn;
import static com.bellwether.alerts.AlertFixtures.logins;
import static com.bellwether.alerts.AlertFixtures.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;

import com.bellwether.domain.Bundle;
import com.bellwether.ingest.TestDatabases;
import com.bellwether.scoring.HealthModel;
import com.bellwether.scoring.Portfolio;
import com.bellwether.store.Database;
import com.bellwether.store.OnBothDatabases;

class AlertStoreTest {

    private static final HealthModel MODEL = model("""
            [{"id": "drop", "kind": "score_drop", "points": 20, "days": 30, "severity": "high", "cooldownDays": 10},
             {"id": "to-red", "kind": "band_worsened", "into": "red", "days": 7, "severity": "critical"}]""");

    private final AlertFixtures.TestClock clock = new AlertFixtures.TestClock("2025-03-10T06:00:00Z");
    private Database database;
    private Portfolio portfolio;

    @BeforeEach
    void portfolio(Database fresh) throws Exception {
        Bundle bundle = AlertFixtures.bundle();
        for (String id : new String[] {"A", "B", "C"}) {
            account(bundle, id);
        }
        dropOn(bundle, "A", day("2025-03-01"), 5);  // 98 → 35 on 10 March: a drop and a move into red
        logins(bundle, "B", AlertFixtures.START, AlertFixtures.END, 14);
        dropOn(bundle, "C", day("2025-03-01"), 9);  // 98 → 63: a drop only
        database = AlertFixtures.stored(bundle, fresh);
        portfolio = AlertFixtures.portfolio(database);
    }

    private AlertRun.Result run(HealthModel model, String asOf) {
        return AlertRun.run(database, model, portfolio, day(asOf), null, clock);
    }

    private long alertRows() throws Exception {
        return ((Number) TestDatabases.single(database, "SELECT COUNT(*) FROM alert")).longValue();
    }

    @OnBothDatabases
    void evaluatingTheSameDateTwiceAddsNothing() throws Exception {
        AlertRun.Result first = run(MODEL, "2025-03-10");
        List<Alert> before = new AlertStore(database, clock).all();
        AlertRun.Result second = run(MODEL, "2025-03-10");

        assertThat(first.fired()).isEqualTo(3);
        assertThat(first.created()).hasSize(3);
        assertThat(second.created()).isEmpty();
        assertThat(second.updated()).isEqualTo(3);
        assertThat(second.open()).isEqualTo(3);
        assertThat(alertRows()).isEqualTo(3);
        assertThat(new AlertStore(database, clock).all()).extracting(Alert::externalId, Alert::explanation, Alert::lastSeen)
                .isEqualTo(before.stream().map(a -> org.assertj.core.groups.Tuple.tuple(a.externalId(), a.explanation(),
                        a.lastSeen())).toList());
    }

    @OnBothDatabases
    void withinTheCooldownTheAlertIsUpdatedAndAfterItANewOneIsRaised() throws Exception {
        run(MODEL, "2025-03-10");
        Alert raised = alertOf("A", "drop");

        AlertRun.Result later = run(MODEL, "2025-03-19");  // 9 days on: within the 10-day cool-down
        Alert updated = alertOf("A", "drop");

        assertThat(later.created()).extracting(Alert::ruleId).doesNotContain("drop");
        assertThat(updated.id()).isEqualTo(raised.id());
        assertThat(updated.externalId()).isEqualTo(raised.externalId());
        assertThat(updated.raisedOn()).isEqualTo(day("2025-03-10"));
        assertThat(updated.lastSeen()).isEqualTo(day("2025-03-19"));
        assertThat(updated.scoreBefore()).as("30 days before 19 March").isEqualTo(98.0);
        assertThat(updated.explanation()).startsWith("Score fell 63 points in 30 days");

        AlertRun.Result afterCooldown = run(MODEL, "2025-03-20");  // 10 days on: a new alert
        assertThat(afterCooldown.created()).extracting(Alert::accountId, Alert::ruleId)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("A", "drop"),
                        org.assertj.core.groups.Tuple.tuple("C", "drop"));
        assertThat(new AlertStore(database, clock).all()).filteredOn(a -> a.accountId().equals("A") && a.ruleId().equals("drop"))
                .extracting(Alert::raisedOn).containsExactly(day("2025-03-20"), day("2025-03-10"));
    }

    @OnBothDatabases
    void externalIdsDependOnAccountRuleAndDayNotOnTheModelVersion() throws Exception {
        run(MODEL, "2025-03-10");
        Database other = AlertFixtures.stored(sameBundle());
        HealthModel reweighted = MODEL.withIdentity("Tuned model", 7)
                .withCategoryWeights(Map.of("use", 3.0));
        AlertRun.run(other, reweighted, AlertFixtures.portfolio(other), day("2025-03-10"), null, clock);

        List<String> ids = new AlertStore(database, clock).all().stream().map(Alert::externalId).sorted().toList();
        assertThat(new AlertStore(other, clock).all().stream().map(Alert::externalId).sorted().toList()).isEqualTo(ids);
        assertThat(alertOf("A", "drop").externalId()).isEqualTo(Alert.externalId("A", "drop", day("2025-03-10")))
                .matches("bw-[0-9a-f]{24}");
        assertThat(ids).doesNotHaveDuplicates();
    }

    private Bundle sameBundle() {
        Bundle bundle = AlertFixtures.bundle();
        for (String id : new String[] {"A", "B", "C"}) {
            account(bundle, id);
        }
        dropOn(bundle, "A", day("2025-03-01"), 5);
        logins(bundle, "B", AlertFixtures.START, AlertFixtures.END, 14);
        dropOn(bundle, "C", day("2025-03-01"), 9);
        return bundle;
    }

    @OnBothDatabases
    void openAlertsAreListedMostSevereFirstAndFilteredByOwnerSeverityAndRule() {
        run(MODEL, "2025-03-10");
        AlertStore store = new AlertStore(database, clock);

        assertThat(store.open(AlertFilter.ANY)).extracting(Alert::ruleId, Alert::accountId).containsExactly(
                org.assertj.core.groups.Tuple.tuple("to-red", "A"), org.assertj.core.groups.Tuple.tuple("drop", "A"),
                org.assertj.core.groups.Tuple.tuple("drop", "C"));
        assertThat(store.open(AlertFilter.ANY.withSeverity(Severity.CRITICAL))).extracting(Alert::ruleId).containsExactly("to-red");
        assertThat(store.open(AlertFilter.ANY.withRule("drop"))).extracting(Alert::accountId).containsExactly("A", "C");
        assertThat(store.open(AlertFilter.ANY.withOwner("Dana Lee"))).hasSize(3);
        assertThat(store.open(AlertFilter.ANY.withOwner("Someone else"))).isEmpty();
    }

    @OnBothDatabases
    void alertsAreAcknowledgedDoneOrDismissedWithAReasonAndAClosedAlertStaysClosed() {
        run(MODEL, "2025-03-10");
        AlertStore store = new AlertStore(database, clock);
        Alert red = alertOf("A", "to-red");
        Alert dropA = alertOf("A", "drop");
        Alert dropC = alertOf("C", "drop");

        Alert acknowledged = store.acknowledge(red, "ana");
        assertThat(acknowledged.status()).isEqualTo(AlertStatus.ACKNOWLEDGED);
        assertThat(acknowledged.statusChangedBy()).isEqualTo("ana");
        assertThat(store.done(acknowledged, "ana").status()).isEqualTo(AlertStatus.DONE);
        assertThatThrownBy(() -> store.dismiss(dropA, " ", "ana")).isInstanceOf(IllegalArgumentException.class);
        Alert dismissed = store.dismiss(dropA, "Planned: the customer's team is on leave", "ben");
        assertThat(dismissed.status()).isEqualTo(AlertStatus.DISMISSED);
        assertThat(dismissed.statusReason()).isEqualTo("Planned: the customer's team is on leave");
        assertThat(dismissed.statusChangedAt().toInstant()).isEqualTo(clock.instant());
        assertThat(dismissed.statusChangedBy()).isEqualTo("ben");
        assertThatThrownBy(() -> store.acknowledge(dismissed, "ana")).isInstanceOf(IllegalStateException.class);

        run(MODEL, "2025-03-12");  // fires again within the cool-down: numbers move, the status does not
        assertThat(store.open(AlertFilter.ANY)).extracting(Alert::id).containsExactly(dropC.id());
        assertThat(alertOf("A", "drop").status()).isEqualTo(AlertStatus.DISMISSED);
        assertThat(alertOf("A", "drop").lastSeen()).isEqualTo(day("2025-03-12"));
    }

    @OnBothDatabases
    void aStatusChangedBySomeoneElseSinceItWasReadIsNotOverwritten() throws Exception {
        run(MODEL, "2025-03-10");
        AlertStore store = new AlertStore(database, clock);
        Alert seenByAna = alertOf("A", "to-red");
        Alert seenByBen = alertOf("A", "to-red");

        store.acknowledge(seenByAna, "ana");

        assertThatThrownBy(() -> store.done(seenByBen, "ben")).isInstanceOf(AlertStore.ChangedSince.class)
                .hasMessageContaining("changed to acknowledged by ana at").hasMessageContaining("reload")
                .hasMessageContaining("Nothing was changed");
        assertThat(alertOf("A", "to-red").status()).isEqualTo(AlertStatus.ACKNOWLEDGED);
        assertThat(alertOf("A", "to-red").statusChangedBy()).isEqualTo("ana");
        // Read again, Ben's change goes through.
        assertThat(store.done(alertOf("A", "to-red"), "ben").statusChangedBy()).isEqualTo("ben");
    }

    @OnBothDatabases
    void twoPeopleChangingOneAlertAtOnceGetOneChangeAndOneMessage() throws Exception {
        run(MODEL, "2025-03-10");
        Alert seen = alertOf("C", "drop");
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
        java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<Object>> outcomes = new java.util.ArrayList<>();
            for (String who : List.of("ana", "ben")) {
                outcomes.add(two.submit(() -> {
                    together.await();
                    try {
                        return new AlertStore(database, clock).acknowledge(seen, who);
                    } catch (AlertStore.ChangedSince refused) {
                        return refused;
                    }
                }));
            }
            List<Object> results = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<Object> outcome : outcomes) {
                results.add(outcome.get(30, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertThat(results).filteredOn(Alert.class::isInstance).hasSize(1);
            assertThat(results).filteredOn(AlertStore.ChangedSince.class::isInstance).hasSize(1);
            Alert winner = (Alert) results.stream().filter(Alert.class::isInstance).findFirst().orElseThrow();
            assertThat(alertOf("C", "drop").statusChangedBy()).isEqualTo(winner.statusChangedBy());
            assertThat(alertOf("C", "drop").statusVersion()).isEqualTo(seen.statusVersion() + 1);
        } finally {
            two.shutdownNow();
        }
    }

    @OnBothDatabases
    void twoEvaluationsOfOneDateAtOnceRaiseEachAlertOnce() throws Exception {
        List<AlertFinding> findings = new AlertEvaluator(MODEL, portfolio).evaluate(day("2025-03-10"));
        assertThat(findings).isNotEmpty();
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
        java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<AlertStore.Recorded>> runs = new java.util.ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(two.submit(() -> {
                    together.await();
                    return new AlertStore(database, clock).record(findings, null);
                }));
            }
            int created = 0;
            int updated = 0;
            for (java.util.concurrent.Future<AlertStore.Recorded> recorded : runs) {
                created += recorded.get(60, java.util.concurrent.TimeUnit.SECONDS).created().size();
                updated += recorded.get().updated();
            }
            assertThat(created).isEqualTo(findings.size());
            assertThat(updated).isEqualTo(findings.size());
            assertThat(alertRows()).isEqualTo(findings.size());
        } finally {
            two.shutdownNow();
        }
    }

    private Alert alertOf(String account, String rule) {
        return new AlertStore(database, clock).all().stream()
                .filter(a -> a.accountId().equals(account) && a.ruleId().equals(rule)).findFirst().orElseThrow();
    }
}
