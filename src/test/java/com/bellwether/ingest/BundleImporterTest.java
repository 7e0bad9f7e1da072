package com.bellwether.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import com.bellwether.store.Database;
import com.bellwether.store.OnBothDatabases;

class BundleImporterTest {

    private static final String ACCOUNTS = """
            account_id,name,segment,industry,region,csm,lifecycle_stage,arr,licensed_seats,contract_start,renewal_date
            A1,Acme Corp,Enterprise,Manufacturing,EMEA,Dana Lee,,250000,400,2023-01-15,2025-01-15
            A2,Bolt Ltd,SMB,Retail,NA,Sam Roe,renewal,12000.50,20,2024-03-01,2025-03-01
            """;
    private static final String USAGE = """
            account_id,date,active_users,logins,core_feature_events
            A1,2024-05-01,120,340,1500
            A1,2024-05-02,118,330,
            A2,2024-05-01,9,21,80
            """;

    @TempDir
    Path dir;

    private Database database;
    private BundleImporter importer;

    @BeforeEach
    void setUp(Database fresh) {
        database = fresh;
        importer = new BundleImporter(database);
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private ImportReport importDir() throws IOException {
        return importer.run(BundleImporter.Request.canonical(dir), ImportProgress.NONE);
    }

    /** Imports a valid base bundle, then a second folder holding only the bad file; asserts nothing changed. */
    private ImportReport failingImport(String file, String text) throws IOException, SQLException {
        write("accounts.csv", ACCOUNTS);
        assertThat(importDir().succeeded()).isTrue();
        Map<String, Long> before = TestDatabases.counts(database);
        Path bad = Files.createDirectory(dir.resolve("bad"));
        Files.writeString(bad.resolve(file), text);
        ImportReport report = importer.run(BundleImporter.Request.canonical(bad), ImportProgress.NONE);
        assertThat(report.succeeded()).isFalse();
        assertThat(TestDatabases.counts(database)).isEqualTo(before);
        return report;
    }

    @OnBothDatabases
    void importsEveryEntityOfTheCanonicalBundle() throws Exception {
        write("accounts.csv", ACCOUNTS);
        write("usage.csv", USAGE);
        write("tickets.csv", """
                ticket_id,account_id,opened,closed,priority,escalated,csat
                T1,A1,2024-05-02T09:30:00,2024-05-03,high,true,4
                T2,A2,2024-05-04,,urgent,false,
                """);
        write("interactions.csv", """
                account_id,date,contact,role,kind
                A1,2024-04-10,Ann Exec,executive,qbr
                A1,2024-04-12,Bo Champ,champion,call
                """);
        write("surveys.csv", "account_id,date,nps\nA1,2024-03-01,9\nA2,2024-03-01,3\n");
        write("outcomes.csv", "account_id,date,event,arr_change\nA2,2025-03-01,churn,-12000.50\n");
        write("notes.csv", "account_id,date,author,adjustment,reason,expires\nA1,2024-05-05,Dana Lee,-5,Sponsor left,2024-07-01\n");

        ImportReport report = importDir();

        assertThat(report.problems()).isEmpty();
        assertThat(report.written()).containsEntry(BundleEntity.ACCOUNTS, 2L).containsEntry(BundleEntity.USAGE, 3L)
                .containsEntry(BundleEntity.TICKETS, 2L).containsEntry(BundleEntity.INTERACTIONS, 2L)
                .containsEntry(BundleEntity.SURVEYS, 2L).containsEntry(BundleEntity.OUTCOMES, 1L)
                .containsEntry(BundleEntity.NOTES, 1L);
        assertThat(TestDatabases.counts(database)).containsEntry("account", 2L).containsEntry("usage_day", 3L)
                .containsEntry("usage_metric", 3L)
                .containsEntry("import_run", 1L).containsEntry("import_file", 7L);
        assertThat(TestDatabases.single(database, "SELECT arr FROM account WHERE account_id = 'A2'")).isEqualTo(12000.5);
        assertThat(TestDatabases.usage(database, "A1", "logins", "2024-05-02")).isEqualTo(330.0);
        assertThat(TestDatabases.usage(database, "A1", "core_feature_events", "2024-05-02")).isNull();
        assertThat(TestDatabases.single(database, "SELECT p.name FROM ticket t JOIN ticket_priority p ON p.code = t.priority WHERE t.ticket_id = 'T1'")).isEqualTo("HIGH");
        assertThat(TestDatabases.single(database, "SELECT rows_read FROM import_file WHERE file_name = 'usage.csv'")).isEqualTo(3L);
    }

    @OnBothDatabases
    void reimportingTheSameDataChangesNothing() throws Exception {
        write("accounts.csv", ACCOUNTS);
        write("usage.csv", USAGE);
        importDir();
        Map<String, Long> once = TestDatabases.counts(database);

        ImportReport again = importDir();

        assertThat(again.succeeded()).isTrue();
        Map<String, Long> twice = TestDatabases.counts(database);
        assertThat(twice).containsEntry("account", once.get("account")).containsEntry("usage_day", once.get("usage_day"))
                .containsEntry("usage_metric", once.get("usage_metric"));
        assertThat(twice.get("import_run")).isEqualTo(2L);
    }

    @OnBothDatabases
    void aRefreshUpdatesValuesInPlace() throws Exception {
        write("accounts.csv", ACCOUNTS);
        importDir();
        write("accounts.csv", ACCOUNTS.replace("Bolt Ltd,SMB", "Bolt Group,Mid-Market"));

        importDir();

        assertThat(TestDatabases.single(database, "SELECT name FROM account WHERE account_id = 'A2'")).isEqualTo("Bolt Group");
        assertThat(TestDatabases.single(database, "SELECT COUNT(*) FROM account")).isEqualTo(2L);
    }

    @OnBothDatabases
    void unknownAccountIsReportedWithItsPlace() throws Exception {
        ImportReport report = failingImport("usage.csv", "account_id,date,logins\nA1,2024-05-01,3\nA9,2024-05-01,4\n");

        assertThat(report.problems()).extracting(ImportProblem::message).containsExactly(
                "usage.csv line 3, column 1 (account_id): \"A9\" is not valid; expected the id of an account in"
                        + " accounts.csv or already in the database (unknown account)");
    }

    @OnBothDatabases
    void badDateIsReportedWithTheExpectedForm() throws Exception {
        ImportReport report = failingImport("surveys.csv", "account_id,date,nps\nA1,2024-13-01,7\n");

        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("surveys.csv");
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.column()).isEqualTo(2);
            assertThat(p.value()).isEqualTo("2024-13-01");
            assertThat(p.message()).isEqualTo("surveys.csv line 2, column 2 (date): \"2024-13-01\" is not valid;"
                    + " expected an ISO-8601 date (yyyy-MM-dd) or date-time (yyyy-MM-ddTHH:mm[:ss])");
        });
    }

    @OnBothDatabases
    void notANumberIsReported() throws Exception {
        ImportReport report = failingImport("usage.csv", "account_id,date,logins\nA1,2024-05-01,lots\n");

        assertThat(report.problems()).extracting(ImportProblem::message).containsExactly(
                "usage.csv line 2, column 3 (logins): \"lots\" is not valid; expected a number such as 1234.5"
                        + " (a '.' for decimals, no thousands separator)");
    }

    @OnBothDatabases
    void missingRequiredColumnIsReportedForTheFile() throws Exception {
        ImportReport report = failingImport("tickets.csv", "ticket_id,account_id,priority\nT1,A1,high\n");

        assertThat(report.problems()).extracting(ImportProblem::message).containsExactly(
                "tickets.csv line 1: expected the tickets columns opened in the header (found: ticket_id, account_id, priority)");
    }

    @OnBothDatabases
    void duplicateKeyIsReported() throws Exception {
        ImportReport report = failingImport("surveys.csv", "account_id,date,nps\nA1,2024-03-01,7\nA1,2024-03-01,8\n");

        assertThat(report.problems()).extracting(ImportProblem::message).containsExactly(
                "surveys.csv line 3, column 2 (date): \"2024-03-01\" is not valid; expected a unique account_id and date (duplicate key)");
    }

    @OnBothDatabases
    void valueOutOfRangeIsReported() throws Exception {
        ImportReport report = failingImport("surveys.csv", "account_id,date,nps\nA1,2024-03-01,11\n");

        assertThat(report.problems()).extracting(ImportProblem::message).containsExactly(
                "surveys.csv line 2, column 3 (nps): \"11\" is not valid; expected a whole number from 0 to 10 (out of range)");
    }

    @OnBothDatabases
    void unknownChoiceListsTheAllowedValues() throws Exception {
        ImportReport report = failingImport("tickets.csv",
                "ticket_id,account_id,opened,priority\nT1,A1,2024-01-01,P1\n");

        assertThat(report.problems()).extracting(ImportProblem::message).containsExactly(
                "tickets.csv line 2, column 4 (priority): \"P1\" is not valid; expected one of low | normal | high | urgent");
    }

    @OnBothDatabases
    void everyProblemOfAFileIsListedUpToACapWithACount() throws Exception {
        StringBuilder text = new StringBuilder("account_id,date,nps\n");
        for (int i = 0; i < 250; i++) {
            text.append("A1,2024-01-").append(String.format("%02d", i % 28 + 1)).append(",x").append(i).append('\n');
        }
        ImportReport report = failingImport("surveys.csv", text.toString());

        assertThat(report.problemCount()).isEqualTo(250);
        assertThat(report.problems()).hasSize(ProblemLog.KEPT_PER_FILE);
        assertThat(report.omittedPerFile()).containsEntry("surveys.csv", 150L);
    }

    @OnBothDatabases
    void aProblemInOneFileStopsEveryFileOfTheImport() throws Exception {
        write("accounts.csv", ACCOUNTS);
        write("usage.csv", USAGE);
        write("surveys.csv", "account_id,date,nps\nA1,yesterday,7\n");

        ImportReport report = importDir();

        assertThat(report.succeeded()).isFalse();
        assertThat(TestDatabases.counts(database).values()).containsOnly(0L);
    }

    @OnBothDatabases
    void readsBomSemicolonsQuotedSeparatorsLineBreaksAndTrailingEmptyLines() throws Exception {
        String text = "\uFEFFaccount_id;name;segment;arr\n"
                + "A1;\"Acme; Inc.\";Enterprise;1000\n"
                + "A2;\"Bolt\nGroup\";SMB;2000\n"
                + "A3;\"Quote \"\"Q\"\" Co\";SMB;x\n"
                + "\n\n";
        write("accounts.csv", text);

        ImportReport report = importDir();

        // The third record starts on line 4 because the second one spans two lines.
        assertThat(report.problems()).extracting(ImportProblem::message).containsExactly(
                "accounts.csv line 5, column 4 (arr): \"x\" is not valid; expected a number such as 1234.5"
                        + " (a '.' for decimals, no thousands separator)");
        write("accounts.csv", text.replace(";x\n", ";3000\n"));
        assertThat(importDir().succeeded()).isTrue();
        assertThat(TestDatabases.single(database, "SELECT name FROM account WHERE account_id = 'A1'")).isEqualTo("Acme; Inc.");
        assertThat(TestDatabases.single(database, "SELECT name FROM account WHERE account_id = 'A2'")).isEqualTo("Bolt\nGroup");
        assertThat(TestDatabases.single(database, "SELECT name FROM account WHERE account_id = 'A3'")).isEqualTo("Quote \"Q\" Co");
    }

    @OnBothDatabases
    void longFormUsageIsAccepted() throws Exception {
        write("accounts.csv", ACCOUNTS);
        write("usage.csv", "account_id,date,metric,value\nA1,2024-05-01,logins,12\nA1,2024-05-01,active_users,3\n");

        assertThat(importDir().written(BundleEntity.USAGE)).isEqualTo(1);
        assertThat(TestDatabases.usage(database, "A1", "active_users", "2024-05-01")).isEqualTo(3.0);
    }

    @OnBothDatabases
    void aLaterImportOfOtherMetricsKeepsTheStoredOnes() throws Exception {
        write("accounts.csv", ACCOUNTS);
        write("usage.csv", USAGE);
        importDir();
        write("usage.csv", "account_id,date,logins,nps_clicks\nA1,2024-05-01,999,4\n");

        importDir();

        assertThat(TestDatabases.usage(database, "A1", "logins", "2024-05-01")).isEqualTo(999.0);
        assertThat(TestDatabases.usage(database, "A1", "active_users", "2024-05-01")).isEqualTo(120.0);
        assertThat(TestDatabases.usage(database, "A1", "nps_clicks", "2024-05-01")).isEqualTo(4.0);
        assertThat(TestDatabases.usage(database, "A2", "nps_clicks", "2024-05-01")).isNull();
        assertThat(TestDatabases.single(database, "SELECT COUNT(*) FROM usage_day")).isEqualTo(3L);
    }

    @OnBothDatabases
    void twoUsageFilesOfOneImportMergeTheirDays() throws Exception {
        write("accounts.csv", ACCOUNTS);
        write("usage.csv", "account_id,date,logins\nA1,2024-05-01,10\nA2,2024-05-01,20\n");
        Path more = write("more_usage.csv", "account_id,date,active_users\nA1,2024-05-01,3\nA1,2024-05-02,4\n");
        ImportReport report = importer.run(BundleImporter.Request.canonical(dir.resolve("accounts.csv"),
                dir.resolve("usage.csv"), renamed(more, "usage.csv")), ImportProgress.NONE);

        assertThat(report.succeeded()).isTrue();
        assertThat(report.written(BundleEntity.USAGE)).isEqualTo(3);
        assertThat(TestDatabases.usage(database, "A1", "logins", "2024-05-01")).isEqualTo(10.0);
        assertThat(TestDatabases.usage(database, "A1", "active_users", "2024-05-01")).isEqualTo(3.0);
        assertThat(TestDatabases.usage(database, "A1", "active_users", "2024-05-02")).isEqualTo(4.0);
        assertThat(TestDatabases.single(database, "SELECT COUNT(*) FROM usage_day")).isEqualTo(3L);
    }

    /** The file in a folder of its own under another name. */
    private Path renamed(Path file, String name) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("other"));
        return Files.move(file, folder.resolve(name));
    }

    @OnBothDatabases
    void aDayTwiceInOneUsageFileIsADuplicate() throws Exception {
        ImportReport report = failingImport("usage.csv", "account_id,date,logins\nA1,2024-05-01,1\nA2,2024-05-01,2\n"
                + "A1,2024-05-01,3\n");

        assertThat(report.problems()).extracting(ImportProblem::message).containsExactly(
                "usage.csv line 4, column 2 (date): \"2024-05-01\" is not valid; expected a unique account_id and date"
                        + " (duplicate key)");
    }

    @OnBothDatabases
    void usageRowsNeedNotBeGroupedByAccount() throws Exception {
        write("accounts.csv", ACCOUNTS);
        write("usage.csv", "account_id,date,logins\nA1,2024-05-01,1\nA2,2024-05-01,2\nA1,2024-05-02,3\n"
                + "A2,2024-05-02,4\nA1,2024-05-03,5\n");

        assertThat(importDir().written(BundleEntity.USAGE)).isEqualTo(5);
        assertThat(TestDatabases.usage(database, "A1", "logins", "2024-05-03")).isEqualTo(5.0);
        assertThat(TestDatabases.usage(database, "A2", "logins", "2024-05-02")).isEqualTo(4.0);
        assertThat(TestDatabases.single(database, "SELECT COUNT(*) FROM usage_day")).isEqualTo(5L);
    }

    @OnBothDatabases
    void wrongFieldCountIsReported() throws Exception {
        ImportReport report = failingImport("surveys.csv", "account_id,date,nps\nA1,2024-03-01\n");

        assertThat(report.problems()).extracting(ImportProblem::message)
                .containsExactly("surveys.csv line 2: expected 3 fields as in the header (found 2)");
    }

    @OnBothDatabases
    void aFileNotNamedAfterAnEntityIsRefused() throws Exception {
        Path file = write("customers.csv", "account_id,name\nA1,Acme\n");

        ImportReport report = importer.run(BundleImporter.Request.canonical(file), ImportProgress.NONE);

        assertThat(report.problems()).extracting(ImportProblem::message).singleElement().asString()
                .startsWith("customers.csv: expected a file named after what it holds: accounts.csv, account_history.csv,"
                        + " usage.csv");
    }

    @OnBothDatabases
    void aCancelledImportWritesNothing() throws Exception {
        write("accounts.csv", ACCOUNTS);
        ImportProgress cancelled = new ImportProgress() {
            @Override
            public void update(String step, double fraction) {
            }

            @Override
            public boolean isCancelled() {
                return true;
            }
        };

        assertThatThrownBy(() -> importer.run(BundleImporter.Request.canonical(dir), cancelled))
                .isInstanceOf(ImportCancelledException.class);
        assertThat(TestDatabases.counts(database).values()).containsOnly(0L);
    }

    @OnBothDatabases
    void theJsonFormImportsAndReportsProblemsWithLineAndColumn() throws Exception {
        write("bundle.json", """
                {
                  "accounts": [
                    {"account_id": "A1", "name": "Acme", "arr": 1000, "contract_start": "2024-01-01"},
                    {"account_id": "A2", "name": "Bolt"}
                  ],
                  "usage": [
                    {"account_id": "A1", "date": "2024-05-01", "logins": 4, "active_users": 2}
                  ],
                  "outcomes": [
                    {"account_id": "A2", "date": "2024-09-01", "event": "churn", "arr_change": null}
                  ]
                }
                """);

        ImportReport report = importDir();

        assertThat(report.problems()).isEmpty();
        assertThat(report.written()).containsEntry(BundleEntity.ACCOUNTS, 2L).containsEntry(BundleEntity.USAGE, 1L)
                .containsEntry(BundleEntity.OUTCOMES, 1L);

        write("bundle.json", """
                {
                  "surveys": [
                    {"account_id": "A1", "date": "2024-02-30", "nps": 5}
                  ]
                }
                """);
        ImportReport bad = importDir();
        assertThat(bad.problems()).extracting(ImportProblem::message).containsExactly(
                "bundle.json line 3, column 34 (date): \"2024-02-30\" is not valid; expected an ISO-8601 date"
                        + " (yyyy-MM-dd) or date-time (yyyy-MM-ddTHH:mm[:ss])");
    }

    @OnBothDatabases
    void brokenJsonIsReportedWhereItBreaks() throws Exception {
        write("bundle.json", "{\n  \"accounts\": [\n    {\"account_id\": \"A1\",, }\n  ]\n}\n");

        ImportReport report = importDir();

        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.expected()).startsWith("valid JSON");
        });
    }
}
