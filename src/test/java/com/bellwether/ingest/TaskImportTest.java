package com.bellwether.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import com.bellwether.domain.Task;
import com.bellwether.domain.TaskStatus;
import com.bellwether.store.Database;
import com.bellwether.store.OnBothDatabases;
import com.bellwether.store.TaskStore;

/** tasks.csv: statuses in Bellwether's or a CRM's words, a done task's date, bad rows named, the same task updated. */
class TaskImportTest {

    private static final String ACCOUNTS = "account_id,name\nA1,Acme\nA2,Bolt\n";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-01T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private Database database;

    @BeforeEach
    void setUp(Database fresh) {
        database = fresh;
    }

    private ImportReport importFiles(String tasks) throws Exception {
        Path folder = Files.createTempDirectory(dir, "bundle");
        if (TestDatabases.counts(database).get("account") == 0) {
            Files.writeString(folder.resolve("accounts.csv"), ACCOUNTS, StandardCharsets.UTF_8);
        }
        Files.writeString(folder.resolve("tasks.csv"), tasks, StandardCharsets.UTF_8);
        return new BundleImporter(database, CLOCK).run(BundleImporter.Request.canonical(folder), ImportProgress.NONE);
    }

    @OnBothDatabases
    void tasksAreReadInEitherWordsAndImportingAgainUpdatesThem() throws Exception {
        ImportReport first = importFiles("""
                task_id,account_id,rule_id,created,status,completed,owner
                t1,A1,red-outreach,2025-01-05,Completed,2025-01-09,Dana Lee
                t2,A2,,2025-02-01,in_progress,,
                t3,A2,usage-drop,2025-02-03,Deferred,,Sam Roe
                """);
        assertThat(first.succeeded()).isTrue();
        assertThat(first.written()).containsEntry(BundleEntity.TASKS, 3L);

        ImportReport second = importFiles("""
                task_id,account_id,created,status,completed
                t2,A2,2025-02-01,done,2025-02-10
                """);

        assertThat(second.succeeded()).isTrue();
        assertThat(TaskStore.all(database)).containsExactly(
                new Task("t1", "A1", "red-outreach", LocalDate.parse("2025-01-05"), TaskStatus.DONE,
                        LocalDate.parse("2025-01-09"), "Dana Lee"),
                new Task("t2", "A2", null, LocalDate.parse("2025-02-01"), TaskStatus.DONE,
                        LocalDate.parse("2025-02-10"), null),
                new Task("t3", "A2", "usage-drop", LocalDate.parse("2025-02-03"), TaskStatus.DISMISSED, null,
                        "Sam Roe"));
    }

    @OnBothDatabases
    void badRowsAreNamedAndNothingIsImported() throws Exception {
        importFiles("task_id,account_id,created,status,completed\nt0,A1,2025-01-01,open,\n");
        Map<String, Long> before = TestDatabases.counts(database);

        ImportReport report = importFiles("""
                task_id,account_id,created,status,completed
                t1,A1,2025-01-05,finished,
                t2,A1,2025-01-05,done,
                t3,A1,2025-01-05,done,2025-01-01
                t4,A9,2025-01-05,open,
                t5,A1,2025-01-05,open,
                t5,A2,2025-01-06,open,
                t0,A1,2025-01-01,Completed,2025-01-03
                """);

        assertThat(report.succeeded()).isFalse();
        assertThat(report.problems()).extracting(ImportProblem::message).containsExactly(
                "tasks.csv line 2, column 4 (status): \"finished\" is not valid; expected open, in_progress, done,"
                        + " dismissed (or Not Started, In Progress, Completed, Deferred)",
                "tasks.csv line 3, column 5 (completed): expected the date a done task was completed"
                        + " (required when status is done)",
                "tasks.csv line 4, column 5 (completed): \"2025-01-01\" is not valid; expected a date on or after"
                        + " created 2025-01-05",
                "tasks.csv line 5, column 2 (account_id): \"A9\" is not valid; expected the id of an account in"
                        + " accounts.csv or already in the database (unknown account)",
                "tasks.csv line 7, column 1 (task_id): \"t5\" is not valid; expected a unique task_id (duplicate key)");
        assertThat(TestDatabases.counts(database)).isEqualTo(before);
        assertThat(TaskStore.all(database)).extracting(Task::status).containsExactly(TaskStatus.OPEN);
    }
}
