package com.bellwether.alerts;

import static com.bellwether.alerts.AlertFixtures.account;
import static com.bellwether.alerts.AlertFixtures.day;
import static com.bellwether.alerts.AlertFixtures.dropOn;
import static com.bellwether.alerts.AlertFixtures.logins;
import static com.bellwether.alerts.AlertFixtures.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import com.bellwether.domain.Bundle;
import com.bellwether.domain.Task;
import com.bellwether.domain.TaskStatus;
import com.bellwether.ingest.BundleImporter;
import com.bellwether.ingest.ImportProgress;
import com.bellwether.ingest.ImportReport;
import com.bellwether.scoring.HealthModel;
import com.bellwether.store.Database;
import com.bellwether.store.OnBothDatabases;
import com.bellwether.store.TaskLinks;
import com.bellwether.store.TaskStore;

/** An alert's task through its lifecycle: changed in the workbench and by a CRM's tasks imported, every change kept. */
class TaskLifecycleTest {

    private static final HealthModel MODEL = model("""
            [{"id": "drop", "kind": "score_drop", "points": 20, "days": 30, "severity": "high"}]""");

    /** When the CRM's tasks are imported: after they were completed. */
    private static final java.time.Clock IMPORTED = java.time.Clock.fixed(java.time.Instant.parse("2025-04-01T09:00:00Z"),
            java.time.ZoneOffset.UTC);

    private final AlertFixtures.TestClock clock = new AlertFixtures.TestClock("2025-03-10T06:00:00Z");
    private Database database;

    @TempDir
    Path dir;

    @BeforeEach
    void raise(Database fresh) throws Exception {
        Bundle bundle = AlertFixtures.bundle();
        for (String id : new String[] {"A", "B"}) {
            account(bundle, id);
        }
        dropOn(bundle, "A", day("2025-03-01"), 5);
        logins(bundle, "B", AlertFixtures.START, AlertFixtures.END, 14);
        database = AlertFixtures.stored(bundle, fresh);
        AlertRun.run(database, MODEL, AlertFixtures.portfolio(database), day("2025-03-10"), null, clock);
    }

    private Alert alertOfA() {
        return new AlertStore(database, clock).all().stream().filter(a -> a.accountId().equals("A")).findFirst()
                .orElseThrow();
    }

    @OnBothDatabases
    void everyChangeIsKeptWithWhoAndWhen() {
        AlertStore store = new AlertStore(database, clock);
        Alert raised = alertOfA();
        clock.advance(Duration.ofHours(2));
        Alert acknowledged = store.acknowledge(raised, "ana");
        clock.advance(Duration.ofDays(1));
        store.done(acknowledged, "ben");

        List<AlertStore.StatusChange> history = store.history(raised.id());

        assertThat(history).extracting(c -> c.status().label(), AlertStore.StatusChange::changedBy,
                c -> c.changedAt().toInstant().toString(), AlertStore.StatusChange::origin).containsExactly(
                tuple("Open", null, "2025-03-10T06:00:00Z", "workbench"),
                tuple("In progress", "ana", "2025-03-10T08:00:00Z", "workbench"),
                tuple("Done", "ben", "2025-03-11T08:00:00Z", "workbench"));
        assertThat(CrmTask.of(store.get(raised.id()).orElseThrow()).status()).isEqualTo("Completed");
    }

    @OnBothDatabases
    void aDismissalKeepsItsReason() {
        AlertStore store = new AlertStore(database, clock);
        Alert raised = alertOfA();
        store.dismiss(raised, "Known seasonal dip", "ana");

        assertThat(store.history(raised.id())).last().satisfies(change -> {
            assertThat(change.status()).isEqualTo(AlertStatus.DISMISSED);
            assertThat(change.reason()).isEqualTo("Known seasonal dip");
        });
        assertThat(CrmTask.of(store.get(raised.id()).orElseThrow()).status()).isEqualTo("Deferred");
    }

    @OnBothDatabases
    void aCrmTaskImportedMovesItsAlertAndTheHistorySaysSo() throws Exception {
        AlertStore store = new AlertStore(database, clock);
        Alert raised = alertOfA();
        store.acknowledge(raised, "ana");
        Files.writeString(dir.resolve("tasks.csv"), "task_id,account_id,created,status,completed,owner\n"
                + raised.externalId() + ",A,2025-03-10,Completed,2025-03-20,Dana Lee\n"
                + "crm-1,B,2025-03-12,Not Started,,\n");

        ImportReport report = new BundleImporter(database, IMPORTED).run(BundleImporter.Request.canonical(dir),
                ImportProgress.NONE);

        assertThat(report.succeeded()).isTrue();
        Alert moved = store.get(raised.id()).orElseThrow();
        assertThat(moved.status()).isEqualTo(AlertStatus.DONE);
        assertThat(moved.statusChangedBy()).isEqualTo("Dana Lee");
        assertThat(moved.statusChangedAt().toInstant()).isEqualTo(java.time.Instant.parse("2025-04-01T09:00:00Z"));
        assertThat(store.history(raised.id())).extracting(c -> c.status().lifecycle(), AlertStore.StatusChange::changedBy,
                AlertStore.StatusChange::origin).containsExactly(
                tuple(TaskStatus.OPEN, null, "workbench"),
                tuple(TaskStatus.IN_PROGRESS, "ana", "workbench"),
                tuple(TaskStatus.DONE, "Dana Lee", "import"));
        // The task of the alert acts on the alert's rule; the other task names none.
        assertThat(TaskStore.all(database)).containsExactly(
                new Task(raised.externalId(), "A", "drop", LocalDate.parse("2025-03-10"), TaskStatus.DONE,
                        LocalDate.parse("2025-03-20"), "Dana Lee"),
                new Task("crm-1", "B", null, LocalDate.parse("2025-03-12"), TaskStatus.OPEN, null, null));

        // The same file again moves nothing and adds no history; a Deferred task then dismisses it, by the CRM.
        new BundleImporter(database, IMPORTED).run(BundleImporter.Request.canonical(dir), ImportProgress.NONE);
        assertThat(store.history(raised.id())).hasSize(3);
        Files.writeString(dir.resolve("tasks.csv"), "task_id,account_id,created,status\n"
                + raised.externalId() + ",A,2025-03-10,Deferred\n");
        new BundleImporter(database, IMPORTED).run(BundleImporter.Request.canonical(dir), ImportProgress.NONE);
        assertThat(store.get(raised.id()).orElseThrow().status()).isEqualTo(AlertStatus.DISMISSED);
        assertThat(store.history(raised.id())).last().extracting(AlertStore.StatusChange::changedBy)
                .isEqualTo(TaskLinks.CRM);
    }

    @OnBothDatabases
    void anAlertDoneInTheWorkbenchIsATaskDoneThatDay() {
        AlertStore store = new AlertStore(database, clock);
        Alert raised = alertOfA();
        clock.advance(Duration.ofDays(3));
        store.done(raised, "ana");

        assertThat(TaskStore.all(database)).containsExactly(new Task(raised.externalId(), "A", "drop",
                LocalDate.parse("2025-03-10"), TaskStatus.DONE, LocalDate.parse("2025-03-13"), "ana"));
    }
}
