package com.bellwether.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import com.bellwether.store.Database;
import com.bellwether.store.OnBothDatabases;
import com.bellwether.store.PortfolioReader;
import com.bellwether.store.PortfolioText;

/**
 * The optional text columns (tickets' subject and description, surveys' comment, interactions' summary): stored with
 * each record's tone, absent as before, refused with their place when too long, from CSV, JSON and a mapping.
 */
class TextColumnsImportTest {

    private static final String ACCOUNTS = "account_id,name\nA1,Acme\nA2,Bolt\n";

    @TempDir
    Path dir;

    private Database database;

    @BeforeEach
    void setUp(Database database) {
        this.database = database;
    }

    private void write(Path folder, String name, String text) throws IOException {
        Files.writeString(folder.resolve(name), text, StandardCharsets.UTF_8);
    }

    private ImportReport importFolder(Path folder) throws IOException {
        return new BundleImporter(database).run(BundleImporter.Request.canonical(folder), ImportProgress.NONE);
    }

    private static double tone(String... texts) {
        return TextTone.vader().tone(texts);
    }

    @OnBothDatabases
    void textsAreStoredWithTheirTone() throws Exception {
        write(dir, "accounts.csv", ACCOUNTS);
        write(dir, "tickets.csv", """
                ticket_id,account_id,opened,priority,subject,description
                T1,A1,2024-03-01,high,Sync still broken,"We are very frustrated.
                Third time this month."
                T2,A1,2024-03-02,low,Question about SSO,
                T3,A2,2024-03-03,normal,,
                """);
        write(dir, "surveys.csv", "account_id,date,nps,comment\nA1,2024-03-05,9,\"Great product, thank you!\"\nA2,2024-03-05,5,\n");
        write(dir, "interactions.csv", """
                account_id,date,contact,role,kind,summary
                A1,2024-03-06,Ann,executive,qbr,The exec is not happy with the outages.
                A1,2024-03-07,Bo,champion,email,
                """);

        ImportReport report = importFolder(dir);

        assertThat(report.problems()).isEmpty();
        assertThat(TestDatabases.single(database, "SELECT description FROM ticket WHERE ticket_id = 'T1'"))
                .isEqualTo("We are very frustrated.\nThird time this month.");
        assertThat((Double) TestDatabases.single(database, "SELECT tone FROM ticket WHERE ticket_id = 'T1'"))
                .isCloseTo(tone("Sync still broken", "We are very frustrated.\nThird time this month."), within(1e-12))
                .isNegative();
        assertThat((Double) TestDatabases.single(database, "SELECT tone FROM ticket WHERE ticket_id = 'T2'")).isZero();
        assertThat(TestDatabases.single(database, "SELECT tone FROM ticket WHERE ticket_id = 'T3'")).isNull();
        assertThat((Double) TestDatabases.single(database, "SELECT tone FROM survey WHERE nps = 9"))
                .isCloseTo(tone("Great product, thank you!"), within(1e-12)).isPositive();
        assertThat(TestDatabases.single(database, "SELECT comment FROM survey WHERE nps = 5")).isNull();
        assertThat((Double) TestDatabases.single(database, "SELECT tone FROM interaction i JOIN stakeholder_role r"
                + " ON r.code = i.role WHERE r.name = 'EXECUTIVE'")).isCloseTo(-0.4585, within(1e-4));
        // The engine reads the tone, never the words.
        var bundle = PortfolioReader.read(database);
        assertThat(bundle.tickets()).allSatisfy(t -> assertThat(t.subject()).isNull());
        assertThat(bundle.tickets().get(0).tone()).isNegative();
    }

    @OnBothDatabases
    void aBundleWithoutTextImportsAsBefore() throws Exception {
        write(dir, "accounts.csv", ACCOUNTS);
        write(dir, "tickets.csv", "ticket_id,account_id,opened,priority\nT1,A1,2024-03-01,high\n");
        write(dir, "surveys.csv", "account_id,date,nps\nA1,2024-03-05,9\n");
        write(dir, "interactions.csv", "account_id,date,contact,role,kind\nA1,2024-03-06,Ann,executive,qbr\n");

        ImportReport report = importFolder(dir);

        assertThat(report.problems()).isEmpty();
        assertThat(TestDatabases.counts(database)).containsEntry("ticket", 1L).containsEntry("survey", 1L)
                .containsEntry("interaction", 1L);
        assertThat(TestDatabases.single(database, "SELECT COUNT(*) FROM ticket WHERE tone IS NULL AND subject IS NULL"))
                .isEqualTo(1L);
        assertThat(TestDatabases.single(database, "SELECT COUNT(*) FROM survey WHERE tone IS NULL")).isEqualTo(1L);
    }

    @OnBothDatabases
    void reimportingReplacesTheTextAndItsTone() throws Exception {
        write(dir, "accounts.csv", ACCOUNTS);
        write(dir, "surveys.csv", "account_id,date,nps,comment\nA1,2024-03-05,9,Great product\n");
        importFolder(dir);
        write(dir, "surveys.csv", "account_id,date,nps,comment\nA1,2024-03-05,3,Very disappointed\n");
        importFolder(dir);

        assertThat(TestDatabases.single(database, "SELECT comment FROM survey")).isEqualTo("Very disappointed");
        assertThat((Double) TestDatabases.single(database, "SELECT tone FROM survey")).isNegative();
    }

    @OnBothDatabases
    void aTextTooLongOrWithAControlCharacterIsAProblemAtItsPlaceAndNothingIsWritten() throws Exception {
        write(dir, "accounts.csv", ACCOUNTS);
        importFolder(dir);
        Map<String, Long> before = TestDatabases.counts(database);
        String portfolio = PortfolioText.of(database);
        Path bad = Files.createDirectory(dir.resolve("bad"));
        write(bad, "tickets.csv", "ticket_id,account_id,opened,priority,subject\nT1,A1,2024-03-01,high,ok\n"
                + "T2,A1,2024-03-01,high," + "x".repeat(301) + "\n");
        write(bad, "surveys.csv", "account_id,date,nps,comment\nA1,2024-03-05,9,\"bad\u0000byte\"\n");
        write(bad, "interactions.csv", "account_id,date,contact,role,kind,summary\nA1,2024-03-06,Ann,executive,qbr,"
                + "y".repeat(2001) + "\n");

        ImportReport report = importFolder(bad);

        assertThat(report.succeeded()).isFalse();
        assertThat(report.problems()).extracting(ImportProblem::message).containsExactlyInAnyOrder(
                "tickets.csv line 3, column 5 (subject): \"" + "x".repeat(57) + "...\" is not valid; expected text of at"
                        + " most 300 characters (found 301)",
                "surveys.csv line 2, column 4 (comment): \"bad\\u0000byte\" is not valid; expected text without control"
                        + " characters (found U+0000 at character 4)",
                "interactions.csv line 2, column 6 (summary): \"" + "y".repeat(57) + "...\" is not valid; expected text"
                        + " of at most 2000 characters (found 2001)");
        assertThat(TestDatabases.counts(database)).isEqualTo(before);
        assertThat(PortfolioText.of(database)).isEqualTo(portfolio);
    }

    @OnBothDatabases
    void theJsonFormAndAMappingProfileCarryTheTextsToo() throws Exception {
        write(dir, "bundle.json", """
                {
                  "accounts": [{"account_id": "A1", "name": "Acme"}],
                  "surveys": [{"account_id": "A1", "date": "2024-03-05", "nps": 4, "comment": "Not happy at all."}]
                }
                """);
        assertThat(importFolder(dir).problems()).isEmpty();
        assertThat((Double) TestDatabases.single(database, "SELECT tone FROM survey")).isNegative();

        Path crm = Files.createDirectory(dir.resolve("crm"));
        write(crm, "helpdesk.csv", "ref,cust,opened,sev,Title,Body\nH1,A1,2024-03-08,P1,Login broken,\n");
        Path profile = Files.writeString(dir.resolve("profile.json"), """
                {"name": "helpdesk", "entities": {"tickets": {"file": "helpdesk.csv",
                  "columns": {"ticket_id": "ref", "account_id": "cust", "priority": "sev", "subject": "Title",
                              "description": "Body"},
                  "valueMaps": {"priority": {"P1": "urgent"}}}}}
                """);
        ImportReport mapped = new BundleImporter(database).run(BundleImporter.Request.mapped(crm, profile),
                ImportProgress.NONE);

        assertThat(mapped.problems()).isEmpty();
        assertThat(TestDatabases.single(database, "SELECT subject FROM ticket WHERE ticket_id = 'H1'")).isEqualTo("Login broken");
        assertThat((Double) TestDatabases.single(database, "SELECT tone FROM ticket WHERE ticket_id = 'H1'"))
                .isCloseTo(tone("Login broken"), within(1e-12));
    }
}
