package com.bellwether.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import com.bellwether.domain.AccountChange;
import com.bellwether.store.Database;
import com.bellwether.store.OnBothDatabases;
import com.bellwether.store.PortfolioReader;
import com.bellwether.store.PortfolioText;

/**
 * account_history.csv (and its JSON array): dated account attributes, checked like every other file, on H2 and on
 * PostgreSQL.
 */
class AccountHistoryImportTest {

    private static final String ACCOUNTS = """
            account_id,name,csm,lifecycle_stage,arr,licensed_seats,contract_start,renewal_date
            A1,Acme Corp,Dana Lee,,250000,400,2023-01-15,2025-01-15
            A2,Bolt Ltd,Sam Roe,adoption,12000.50,20,2024-03-01,2025-03-01
            """;
    private static final String HISTORY = """
            account_id,effective_date,lifecycle_stage,licensed_seats,arr,csm,renewal_date
            A1,2024-02-01,,450,,,
            A1,2024-06-01,renewal,,275000,Ana Ruiz,
            A2,2024-09-15,,,,,2025-09-15
            """;

    @TempDir
    Path dir;

    private Database database;
    private BundleImporter importer;

    @BeforeEach
    void setUp(Database database) {
        this.database = database;
        importer = new BundleImporter(database);
    }

    private Path write(Path folder, String name, String text) throws IOException {
        return Files.writeString(folder.resolve(name), text, StandardCharsets.UTF_8);
    }

    private ImportReport importFolder(Path folder) throws IOException {
        return importer.run(BundleImporter.Request.canonical(folder), ImportProgress.NONE);
    }

    /** Imports the accounts, then a folder of the given files; asserts that the second import changed nothing. */
    private ImportReport failingImport(String... namesAndTexts) throws Exception {
        write(dir, "accounts.csv", ACCOUNTS);
        assertThat(importFolder(dir).succeeded()).isTrue();
        Map<String, Long> before = TestDatabases.counts(database);
        String portfolio = PortfolioText.of(database);
        Path bad = Files.createDirectory(dir.resolve("bad"));
        for (int i = 0; i < namesAndTexts.length; i += 2) {
            write(bad, namesAndTexts[i], namesAndTexts[i + 1]);
        }
        ImportReport report = importFolder(bad);
        assertThat(report.succeeded()).isFalse();
        assertThat(TestDatabases.counts(database)).isEqualTo(before);
        assertThat(PortfolioText.of(database)).isEqualTo(portfolio);
        return report;
    }

    @OnBothDatabases
    void datedRowsAreStoredWithEmptyCellsLeftUnchanged() throws Exception {
        write(dir, "accounts.csv", ACCOUNTS);
        write(dir, "account_history.csv", HISTORY);

        ImportReport report = importFolder(dir);

        assertThat(report.problems()).isEmpty();
        assertThat(report.written()).containsEntry(BundleEntity.ACCOUNTS, 2L).containsEntry(BundleEntity.ACCOUNT_HISTORY, 3L);
        assertThat(TestDatabases.counts(database)).containsEntry("account_history", 3L).containsEntry("import_file", 2L);
        assertThat(PortfolioReader.read(database).accountChanges()).containsExactly(
                new AccountChange("A1", LocalDate.parse("2024-02-01"), null, 450, null, null, null),
                new AccountChange("A1", LocalDate.parse("2024-06-01"), "renewal", null, 275000.0, "Ana Ruiz", null),
                new AccountChange("A2", LocalDate.parse("2024-09-15"), null, null, null, null, LocalDate.parse("2025-09-15")));
        // The account's own row keeps the values from its contract start.
        assertThat(TestDatabases.single(database, "SELECT licensed_seats FROM account WHERE account_id = 'A1'")).isEqualTo(400);
    }

    @OnBothDatabases
    void reimportingIsIdempotentAndAChangedRowIsUpdatedInPlace() throws Exception {
        write(dir, "accounts.csv", ACCOUNTS);
        write(dir, "account_history.csv", HISTORY);
        importFolder(dir);
        importFolder(dir);
        assertThat(TestDatabases.counts(database)).containsEntry("account_history", 3L);

        // A later export of only the history, one row corrected.
        Path later = Files.createDirectory(dir.resolve("later"));
        write(later, "account_history.csv", "account_id,effective_date,licensed_seats\nA1,2024-02-01,500\n");
        assertThat(importFolder(later).succeeded()).isTrue();

        assertThat(TestDatabases.counts(database)).containsEntry("account_history", 3L);
        assertThat(TestDatabases.single(database, "SELECT h.licensed_seats FROM account_history h JOIN account a"
                + " ON a.account_key = h.account_key WHERE a.account_id = 'A1' AND h.effective_date = DATE '2024-02-01'"))
                .isEqualTo(500);
    }

    @OnBothDatabases
    void badRowsAreReportedWithFileLineAndColumnAndNothingIsImported() throws Exception {
        ImportReport report = failingImport(
                "accounts.csv", ACCOUNTS + "A3,Cog,,,1,1,2024-01-01,\n",
                "account_history.csv", """
                        account_id,effective_date,lifecycle_stage,licensed_seats,arr,csm,renewal_date
                        A1,2024-02-30,,450,,,
                        A1,2024-03-01,,12.5,-3,,
                        A9,2024-03-01,renewal,,,,
                        A2,2024-04-01,,,,,soon
                        A2,,growth,,,,
                        A1,2024-06-01,,,,Ana Ruiz,
                        A1,2024-06-01,,,,Bo Lind,
                        """);

        assertThat(report.problems()).extracting(ImportProblem::message).containsExactly(
                "account_history.csv line 2, column 2 (effective_date): \"2024-02-30\" is not valid; expected an ISO-8601"
                        + " date (yyyy-MM-dd) or date-time (yyyy-MM-ddTHH:mm[:ss])",
                "account_history.csv line 3, column 4 (licensed_seats): \"12.5\" is not valid; expected a whole number"
                        + " from 0 to 2147483647",
                "account_history.csv line 3, column 5 (arr): \"-3\" is not valid; expected a number of 0 or more",
                "account_history.csv line 4, column 1 (account_id): \"A9\" is not valid; expected the id of an account in"
                        + " accounts.csv or already in the database (unknown account)",
                "account_history.csv line 5, column 7 (renewal_date): \"soon\" is not valid; expected an ISO-8601 date"
                        + " (yyyy-MM-dd) or date-time (yyyy-MM-ddTHH:mm[:ss])",
                "account_history.csv line 6, column 2 (effective_date): expected a value (effective_date is required)",
                "account_history.csv line 8, column 2 (effective_date): \"2024-06-01\" is not valid; expected a unique"
                        + " account_id and effective_date (duplicate key)");
        assertThat(TestDatabases.single(database, "SELECT COUNT(*) FROM account WHERE account_id = 'A3'")).isEqualTo(0L);
    }

    @OnBothDatabases
    void aHeaderWithNoAttributeIsRefused() throws Exception {
        ImportReport report = failingImport("account_history.csv", "account_id,effective_date,stage\nA1,2024-02-01,renewal\n");

        assertThat(report.problems()).extracting(ImportProblem::message).containsExactly(
                "account_history.csv line 1: expected the account_history columns at least one of lifecycle_stage,"
                        + " licensed_seats, arr, csm, renewal_date in the header (found: account_id, effective_date, stage)");
    }

    @OnBothDatabases
    void theJsonFormTakesAnAccountHistoryArray() throws Exception {
        write(dir, "bundle.json", """
                {
                  "accounts": [{"account_id": "A1", "name": "Acme", "licensed_seats": 40}],
                  "account_history": [
                    {"account_id": "A1", "effective_date": "2024-05-01", "licensed_seats": 55, "csm": null}
                  ]
                }
                """);

        assertThat(importFolder(dir).written(BundleEntity.ACCOUNT_HISTORY)).isEqualTo(1);
        assertThat(PortfolioReader.read(database).accountChanges()).containsExactly(
                new AccountChange("A1", LocalDate.parse("2024-05-01"), null, 55, null, null, null));

        write(dir, "bundle.json", """
                {
                  "account_history": [
                    {"account_id": "A1", "effective_date": "2024-06-01", "arr": "lots"}
                  ]
                }
                """);
        assertThat(importFolder(dir).problems()).extracting(ImportProblem::message).containsExactly(
                "bundle.json line 3, column 65 (arr): \"lots\" is not valid; expected a number such as 1234.5"
                        + " (a '.' for decimals, no thousands separator)");
        assertThat(TestDatabases.counts(database)).containsEntry("account_history", 1L);
    }

    @OnBothDatabases
    void aMappingProfileReadsACrmExportOfAnotherShape() throws Exception {
        write(dir, "accounts.csv", ACCOUNTS);
        importFolder(dir);
        Path export = Files.createDirectory(dir.resolve("crm"));
        write(export, "changes.csv", """
                Account;Changed on;Seats;Owner
                A1;01/02/2024;450;
                A2;15/09/2024;;Ana Ruiz
                """);
        Path profile = write(dir, "crm.json", """
                {"name": "crm", "entities": {"account_history": {"file": "changes.csv",
                  "columns": {"account_id": "Account", "effective_date": "Changed on", "licensed_seats": "Seats",
                              "csm": "Owner"},
                  "datePatterns": {"effective_date": "dd/MM/yyyy"}}}}
                """);

        ImportReport report = importer.run(BundleImporter.Request.mapped(export, profile), ImportProgress.NONE);

        assertThat(report.problems()).isEmpty();
        assertThat(PortfolioReader.read(database).accountChanges()).containsExactly(
                new AccountChange("A1", LocalDate.parse("2024-02-01"), null, 450, null, null, null),
                new AccountChange("A2", LocalDate.parse("2024-09-15"), null, null, null, "Ana Ruiz", null));
        assertThat(TestDatabases.single(database, "SELECT MAX(effective_date) FROM account_history"))
                .isEqualTo(Date.valueOf("2024-09-15"));
    }
}
