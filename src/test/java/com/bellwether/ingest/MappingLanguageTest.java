package com.bellwether.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.bellwether.store.Database;

/** Row filters, computed fields and entities mapped more than once, each imported into a real database. */
class MappingLanguageTest {

    @TempDir
    Path dir;

    private Database database;

    @BeforeEach
    void setUp() throws IOException {
        database = TestDatabases.fresh();
        Files.writeString(dir.resolve("crm.csv"), """
                id,company
                1,Acme
                2,Bolt
                3,Cora
                """);
        Files.writeString(dir.resolve("subs.csv"), """
                sub,customer,start,end,tier,mrr,trial
                S1,1,2024-01-01,2024-06-30,Pro,100,False
                S2,1,2024-02-01,,Basic,50,False
                S3,2,2024-03-01,2024-05-15,Pro,200,True
                S4,2,2024-03-05,2024-07-01,Enterprise,300,False
                S5,3,2024-04-01,,Pro,400,False
                """);
    }

    private static final String ACCOUNTS = """
            "accounts": {"file": "crm.csv", "columns": {"account_id": "id", "name": "company"}}""";

    private Path profile(String entities) throws IOException {
        return Files.writeString(dir.resolve("profile.json"), "{\"name\": \"t\", \"entities\": {" + entities + "}}");
    }

    private ImportReport run(String entities) throws IOException {
        return new BundleImporter(database).run(BundleImporter.Request.mapped(dir, profile(entities)), ImportProgress.NONE);
    }

    /** Outcomes from subs.csv, one per subscription start, carrying the subscription's mrr as arr_change. */
    private String outcomesWhere(String where) {
        return ACCOUNTS + """
                , "outcomes": {"file": "subs.csv", "columns": {"account_id": "customer", "date": "start", "arr_change": "mrr"},
                  "constants": {"event": "churn"}, "compute": {"arr": {"multiply": ["mrr", 12]}}, "where": %s}""".formatted(where);
    }

    private String importedMrr() throws Exception {
        Object listed = TestDatabases.single(database,
                "SELECT LISTAGG(CAST(CAST(arr_change AS INTEGER) AS VARCHAR), ',') WITHIN GROUP (ORDER BY arr_change) FROM outcome");
        return listed == null ? "" : listed.toString();
    }

    static Stream<Arguments> filters() {
        return Stream.of(
                Arguments.of("[{\"column\": \"tier\", \"op\": \"equals\", \"value\": \"Pro\"}]", "100,200,400"),
                Arguments.of("[{\"column\": \"tier\", \"op\": \"notEquals\", \"value\": \"Pro\"}]", "50,300"),
                Arguments.of("[{\"column\": \"tier\", \"op\": \"in\", \"values\": [\"Basic\", \"Enterprise\"]}]", "50,300"),
                Arguments.of("[{\"column\": \"tier\", \"op\": \"notIn\", \"values\": [\"Pro\"]}]", "50,300"),
                Arguments.of("[{\"column\": \"end\", \"op\": \"empty\"}]", "50,400"),
                Arguments.of("[{\"column\": \"end\", \"op\": \"notEmpty\"}]", "100,200,300"),
                Arguments.of("[{\"column\": \"mrr\", \"op\": \"<\", \"value\": 200}]", "50,100"),
                Arguments.of("[{\"column\": \"mrr\", \"op\": \"<=\", \"value\": 200}]", "50,100,200"),
                Arguments.of("[{\"column\": \"mrr\", \"op\": \">\", \"value\": 200}]", "300,400"),
                Arguments.of("[{\"column\": \"mrr\", \"op\": \">=\", \"value\": 200.0}]", "200,300,400"),
                Arguments.of("[{\"column\": \"end\", \"op\": \"<\", \"value\": \"2024-07-01\"}]", "100,200"),
                Arguments.of("[{\"column\": \"end\", \"op\": \">=\", \"value\": \"2024-07-01\"}]", "300"),
                Arguments.of("[{\"column\": \"start\", \"op\": \">\", \"value\": \"2024-03-01\"}]", "300,400"),
                Arguments.of("[{\"column\": \"start\", \"op\": \"<=\", \"value\": \"2024-03-01T00:00\"}]", "50,100,200"),
                // all conditions must hold
                Arguments.of("[{\"column\": \"end\", \"op\": \"notEmpty\"}, {\"column\": \"trial\", \"op\": \"equals\", \"value\": \"False\"}]", "100,300"),
                // on a computed field
                Arguments.of("[{\"column\": \"arr\", \"op\": \">=\", \"value\": 2400}]", "200,300,400"));
    }

    @ParameterizedTest
    @MethodSource("filters")
    void aFilterKeepsOnlyTheRowsThatMeetIt(String where, String kept) throws Exception {
        ImportReport report = run(outcomesWhere(where));

        assertThat(report.problems()).isEmpty();
        assertThat(importedMrr()).isEqualTo(kept);
        assertThat(report.rowsLeftOut()).containsEntry("subs.csv", 5L - kept.split(",").length);
        assertThat(report.files()).filteredOn(f -> f.entity().equals("outcomes")).singleElement()
                .satisfies(f -> assertThat(f.rowsRead()).isEqualTo(kept.split(",").length));
    }

    @Test
    void aDateComparisonReadsTheColumnWithItsPattern() throws Exception {
        Files.writeString(dir.resolve("subs.csv"), """
                customer,ended,mrr
                1,30/06/2024,100
                2,01/07/2024,300
                """);
        ImportReport report = run(ACCOUNTS + """
                , "outcomes": {"file": "subs.csv", "columns": {"account_id": "customer", "date": "ended", "arr_change": "mrr"},
                  "constants": {"event": "churn"}, "datePatterns": {"date": "dd/MM/yyyy"},
                  "where": [{"column": "ended", "op": "<", "value": "2024-07-01"}]}""");

        assertThat(report.problems()).isEmpty();
        assertThat(importedMrr()).isEqualTo("100");
    }

    @Test
    void aValueThatCannotBeComparedIsAProblemNamingFileLineAndColumn() throws Exception {
        Files.writeString(dir.resolve("subs.csv"), Files.readString(dir.resolve("subs.csv")).replace("Basic,50,", "Basic,n/a,")
                .replace("2024-05-15", "soon"));

        ImportReport report = run(outcomesWhere("[{\"column\": \"mrr\", \"op\": \">\", \"value\": 10}]"));
        // The computed arr reads mrr too: the row cannot be kept or left out, so both are reported.
        assertThat(report.problems()).extracting(ImportProblem::message).containsExactly(
                "subs.csv line 3, column 6 (mrr): \"n/a\" is not valid; expected a number such as 1234.5 (to multiply, computing arr)",
                "subs.csv line 3, column 6 (mrr): \"n/a\" is not valid; expected a number such as 1234.5 (to compare: mrr > 10)");

        report = run(outcomesWhere("[{\"column\": \"end\", \"op\": \"<\", \"value\": \"2024-07-01\"}]"));
        assertThat(report.problems()).extracting(ImportProblem::message).containsExactly(
                "subs.csv line 4, column 4 (end): \"soon\" is not valid; expected " + FieldReader.ISO_DATE
                        + " (to compare: end < 2024-07-01)");
        assertThat(TestDatabases.counts(database).values()).containsOnly(0L);
    }

    @Test
    void arithmeticRoundingConcatenationFirstOfConstantsAndDateArithmetic() throws Exception {
        Files.writeString(dir.resolve("people.csv"), """
                id,first,last,mrr,seats,score,since,days,alt
                1,Ada,Lovelace,100.5,10,4.3,2024-01-15,30,
                2,Bob,,200,,4.5,2024-02-01T10:00:00,1.5,B2
                """);
        ImportReport report = run("""
                "accounts": {"file": "people.csv", "columns": {"account_id": "id"}, "compute": {
                  "name": {"concat": ["first", {"value": " "}, "last"]},
                  "industry": {"firstOf": ["alt", {"value": "n/a"}]},
                  "arr": {"multiply": ["mrr", 12]},
                  "segment": {"subtract": ["mrr", 0.5]},
                  "region": {"divide": ["mrr", 4]},
                  "csm": {"add": ["mrr", "seats", 1]},
                  "licensed_seats": {"round": {"of": "score", "places": 0}},
                  "lifecycle_stage": {"addHours": {"to": "since", "hours": 27}},
                  "contract_start": {"addDays": {"to": "since", "days": "days"}},
                  "renewal_date": {"round": {"of": {"divide": ["mrr", 3]}, "places": 2}}
                }}""".replace("\"renewal_date\": {\"round\": {\"of\": {\"divide\": [\"mrr\", 3]}, \"places\": 2}}",
                "\"renewal_date\": {\"addDays\": {\"to\": \"contract_start\", \"days\": 365}}"));

        assertThat(report.problems()).isEmpty();
        assertThat(TestDatabases.single(database, "SELECT name || '|' || industry || '|' || arr || '|' || segment || '|' || region"
                + " || '|' || csm || '|' || licensed_seats || '|' || lifecycle_stage || '|' || contract_start || '|' || renewal_date"
                + " FROM account WHERE account_id = '1'"))
                .isEqualTo("Ada Lovelace|n/a|1206.0|100|25.125|111.5|4|2024-01-16T03:00:00|2024-02-14|2025-02-13");
        assertThat(TestDatabases.single(database, "SELECT name || '|' || industry || '|' || arr || '|' || segment || '|' || region"
                + " || '|' || COALESCE(csm, '-') || '|' || licensed_seats || '|' || lifecycle_stage || '|' || contract_start"
                + " FROM account WHERE account_id = '2'"))
                .isEqualTo("Bob |B2|2400.0|199.5|50|-|5|2024-02-02T13:00:00|2024-02-02");
    }

    @Test
    void roundingToDecimalsAndAnEmptyInputGivesAnEmptyResult() throws Exception {
        Files.writeString(dir.resolve("people.csv"), "id,company,mrr\n1,Acme,100\n2,Bolt,\n");
        ImportReport report = run("""
                "accounts": {"file": "people.csv", "columns": {"account_id": "id", "name": "company"}, "compute": {
                  "segment": {"round": {"of": {"divide": ["mrr", 3]}, "places": 2}},
                  "arr": {"multiply": ["mrr", 12]}}}""");

        assertThat(report.problems()).isEmpty();
        assertThat(TestDatabases.single(database, "SELECT segment FROM account WHERE account_id = '1'")).isEqualTo("33.33");
        assertThat(TestDatabases.single(database, "SELECT COUNT(*) FROM account WHERE account_id = '2' AND segment IS NULL AND arr IS NULL"))
                .isEqualTo(1L);
    }

    @Test
    void aNonNumberInArithmeticIsAProblemNamingTheSourceColumn() throws Exception {
        Files.writeString(dir.resolve("subs.csv"), Files.readString(dir.resolve("subs.csv")).replace("Basic,50,", "Basic,n/a,"));

        ImportReport report = run(ACCOUNTS + """
                , "outcomes": {"file": "subs.csv", "columns": {"account_id": "customer", "date": "start"},
                  "constants": {"event": "churn"}, "compute": {"arr_change": {"multiply": ["mrr", -12]}}}""");

        assertThat(report.problems()).extracting(ImportProblem::message).containsExactly(
                "subs.csv line 3, column 6 (mrr): \"n/a\" is not valid; expected a number such as 1234.5 (to multiply,"
                        + " computing arr_change)");
        assertThat(TestDatabases.counts(database).values()).containsOnly(0L);
    }

    @Test
    void aRowTheFiltersLeaveOutIsNotCheckedFurther() throws Exception {
        Files.writeString(dir.resolve("subs.csv"), Files.readString(dir.resolve("subs.csv")).replace("Basic,50,", "Basic,n/a,"));

        ImportReport report = run(ACCOUNTS + """
                , "outcomes": {"file": "subs.csv", "columns": {"account_id": "customer", "date": "start"},
                  "constants": {"event": "churn"}, "compute": {"arr_change": {"multiply": ["mrr", -12]}},
                  "where": [{"column": "tier", "op": "notEquals", "value": "Basic"}]}""");

        assertThat(report.problems()).isEmpty();
        assertThat(report.written(BundleEntity.OUTCOMES)).isEqualTo(4);
    }

    @Test
    void oneFileFeedsTwoEntities() throws Exception {
        ImportReport report = run(ACCOUNTS + """
                , "account_history": {"file": "subs.csv", "columns": {"account_id": "customer", "effective_date": "start"},
                  "compute": {"arr": {"multiply": ["mrr", 12]}}, "where": [{"column": "trial", "op": "equals", "value": "False"}]},
                  "outcomes": {"file": "subs.csv", "columns": {"account_id": "customer", "date": "end"},
                  "constants": {"event": "churn"}, "where": [{"column": "end", "op": "notEmpty"}]}""");

        assertThat(report.problems()).isEmpty();
        assertThat(report.written(BundleEntity.ACCOUNT_HISTORY)).isEqualTo(4);
        assertThat(report.written(BundleEntity.OUTCOMES)).isEqualTo(3);
        assertThat(TestDatabases.single(database, "SELECT h.arr FROM account_history h JOIN account a ON a.account_key = h.account_key"
                + " WHERE a.account_id = '2'")).isEqualTo(3600.0);
        assertThat(report.files()).extracting(f -> f.fileName() + " " + f.entity() + " " + f.rowsRead())
                .containsExactly("crm.csv accounts 3", "subs.csv account_history 4", "subs.csv outcomes 3");
    }

    @Test
    void oneEntityMappedTwiceFromOneFile() throws Exception {
        ImportReport report = run(ACCOUNTS + """
                , "outcomes": {"file": "subs.csv", "columns": {"account_id": "customer", "date": "end"},
                  "constants": {"event": "churn"}, "where": [{"column": "end", "op": "notEmpty"}]},
                  "outcomes:renewals": {"file": "subs.csv", "columns": {"account_id": "customer", "date": "start"},
                  "compute": {"event": {"value": "renewal"}}, "where": [{"column": "tier", "op": "equals", "value": "Pro"}]}""");

        assertThat(report.problems()).isEmpty();
        assertThat(report.written(BundleEntity.OUTCOMES)).isEqualTo(3 + 3);
        assertThat(TestDatabases.single(database, "SELECT COUNT(*) FROM outcome o JOIN outcome_event e ON e.code = o.event"
                + " WHERE e.name = 'RENEWAL'")).isEqualTo(3L);
        assertThat(report.files()).extracting(f -> f.fileName() + " " + f.entity() + " " + f.rowsRead())
                .containsExactly("crm.csv accounts 3", "subs.csv outcomes 3", "subs.csv (2) outcomes 3");
    }

    @Test
    void aProblemOfTheSecondMappingNamesTheFile() throws Exception {
        ImportReport report = run(ACCOUNTS + """
                , "outcomes:renewals": {"file": "subs.csv", "columns": {"account_id": "customer", "date": "start"},
                  "compute": {"event": {"value": "renewed"}}}""");

        assertThat(report.problems()).extracting(ImportProblem::message).first().asString()
                .startsWith("subs.csv line 2 (event): \"renewed\" is not valid; expected one of churn");
    }

    @Test
    void everyColumnTheFileLacksIsReportedOnceNamingTheProfileField() throws Exception {
        Files.writeString(dir.resolve("prices.csv"), "plan,price\nPro,10\n");
        ImportReport report = run("""
                "accounts": {"file": "crm.csv", "columns": {"account_id": "id", "name": "company_name"},
                  "compute": {"arr": {"multiply": ["mrr", 12]}},
                  "where": [{"column": "tier", "op": "equals", "value": "Pro"}],
                  "lookups": [{"column": "segment", "file": "prices.csv", "key": "plan", "from": "plan", "value": "tier"}]}""");

        String columns = "; the file's columns are id, company";
        assertThat(report.problems()).extracting(ImportProblem::message).containsExactlyInAnyOrder(
                "prices.csv line 1: expected a column \"tier\" (named at entities.accounts.lookups[0].value in the mapping \"t\","
                        + " to look up segment); the file's columns are plan, price",
                "crm.csv line 1: expected a column \"company_name\" (named at entities.accounts.columns.name in the mapping \"t\")" + columns,
                "crm.csv line 1: expected a column \"plan\" (named at entities.accounts.lookups[0].from in the mapping \"t\")" + columns,
                "crm.csv line 1: expected a column \"mrr\" (named at entities.accounts.compute.arr.multiply[0] in the mapping \"t\")" + columns,
                "crm.csv line 1: expected a column \"tier\" (named at entities.accounts.where[0].column in the mapping \"t\")" + columns);
    }

    @Test
    void anAggregateColumnTheRowsLackIsReportedOnce() throws Exception {
        ImportReport report = run(ACCOUNTS + """
                , "outcomes": {"file": "subs.csv", "columns": {"account_id": "customer", "date": "start"},
                  "constants": {"event": "churn"},
                  "aggregate": {"by": ["account_id", "date", "event"], "values": {"arr_change": {"op": "sum", "of": "amount"}}}}""");

        assertThat(report.problems()).extracting(ImportProblem::message).containsExactly(
                "subs.csv line 1: expected a column \"amount\" (named at entities.outcomes.aggregate.values.arr_change.of in the"
                        + " mapping \"t\"); the file's columns are sub, customer, start, end, tier, mrr, trial");
    }

    private void refused(String entities, String message) throws IOException {
        Path file = profile(entities);
        // The message places the field (line and column in the profile), then names it as given here.
        assertThatThrownBy(() -> MappingProfile.read(file))
                .isInstanceOf(MappingProfile.InvalidMappingException.class)
                .satisfies(e -> {
                    assertThat(e.getMessage()).containsPattern("^profile\\.json line \\d+, column \\d+: ");
                    assertThat(e.getMessage().replaceFirst(" line \\d+, column \\d+", "")).isEqualTo(message);
                });
    }

    @Test
    void anUnknownOperationIsRefusedNamingTheField() throws Exception {
        refused("\"accounts\": {\"file\": \"crm.csv\", \"compute\": {\"arr\": {\"times\": [\"mrr\", 12]}}}",
                "profile.json: entities.accounts.compute.arr: unknown operation \"times\"; expected one of value, add, subtract,"
                        + " multiply, divide, round, addDays, addHours, concat, firstOf");
        refused("\"outcomes\": {\"file\": \"subs.csv\", \"where\": [{\"column\": \"tier\", \"op\": \"contains\", \"value\": \"P\"}]}",
                "profile.json: entities.outcomes.where[0].op: \"contains\"; expected one of equals, notEquals, in, notIn, empty,"
                        + " notEmpty, <, <=, >, >=");
        refused("\"outcomes:\": {\"file\": \"subs.csv\"}",
                "profile.json: entities.outcomes:: unknown entity; expected one of accounts, account_history, usage, tickets,"
                        + " interactions, surveys, outcomes, notes, tasks before the colon, and a label after it (such as outcomes:cancelled)");
    }

    @Test
    void aWrongArgumentShapeIsRefusedNamingTheField() throws Exception {
        String a = "\"accounts\": {\"file\": \"crm.csv\", \"compute\": {\"arr\": %s}}";
        refused(a.formatted("{\"multiply\": \"mrr\"}"), "profile.json: entities.accounts.compute.arr.multiply: expected a list of"
                + " at least 2 operands (column names, numbers or operations), such as [\"mrr_amount\", 12]");
        refused(a.formatted("{\"divide\": [\"mrr\", 2, 3]}"), "profile.json: entities.accounts.compute.arr.divide: expected a list"
                + " of 2 operands (column names, numbers or operations), such as [\"mrr_amount\", 12]");
        refused(a.formatted("{\"round\": {\"of\": \"score\", \"places\": \"none\"}}"),
                "profile.json: entities.accounts.compute.arr.round.places: expected a whole number from 0 to 10");
        refused(a.formatted("{\"round\": {\"of\": \"score\", \"digits\": 1}}"),
                "profile.json: entities.accounts.compute.arr.round: unknown field \"digits\"; expected of, places");
        refused(a.formatted("{\"addHours\": {\"to\": \"opened\"}}"),
                "profile.json: entities.accounts.compute.arr.addHours.hours: required");
        refused(a.formatted("{\"multiply\": [\"mrr\", {\"times\": 2}]}"), "profile.json: entities.accounts.compute.arr.multiply[1]:"
                + " unknown operation \"times\"; expected one of value, add, subtract, multiply, divide, round, addDays, addHours,"
                + " concat, firstOf");
        refused(a.formatted("[\"mrr\"]"), "profile.json: entities.accounts.compute.arr: expected a column name, a number or an"
                + " object with one operation (value, add, subtract, multiply, divide, round, addDays, addHours, concat, firstOf)");
        refused("\"accounts\": {\"file\": \"crm.csv\", \"columns\": {\"arr\": \"mrr\"}, \"compute\": {\"arr\": 1}}",
                "profile.json: entities.accounts.compute.arr: arr is also read from a source column in columns; give it one way");
        String w = "\"outcomes\": {\"file\": \"subs.csv\", \"where\": %s}";
        refused(w.formatted("[{\"column\": \"end\", \"op\": \"<\", \"value\": \"soon\"}]"), "profile.json: entities.outcomes.where[0].value:"
                + " expected a number (such as 100) or an ISO date (such as \"2024-07-01\") to compare with");
        refused(w.formatted("[{\"column\": \"tier\", \"op\": \"in\", \"value\": \"Pro\"}]"),
                "profile.json: entities.outcomes.where[0].value: in takes a list in \"values\"");
        refused(w.formatted("[{\"op\": \"empty\"}]"), "profile.json: entities.outcomes.where[0].column: required");
        refused(w.formatted("{\"column\": \"end\", \"op\": \"empty\"}"), "profile.json: entities.outcomes.where: expected a list [...]");
        refused(w.formatted("[{\"column\": \"end\", \"op\": \"empty\", \"vaule\": 1}]"), "profile.json: unknown field \"vaule\" at"
                + " entities.outcomes.where[0]; expected one of column, op, value, values");
    }
}
