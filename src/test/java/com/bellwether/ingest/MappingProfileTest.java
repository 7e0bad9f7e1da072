package com.bellwether.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.bellwether.store.Database;

class MappingProfileTest {

    @TempDir
    Path dir;

    private Database database;

    @BeforeEach
    void setUp() throws IOException {
        database = TestDatabases.fresh();
        Files.writeString(dir.resolve("crm_accounts.csv"), """
                Id;Company;Tier;Since
                1;Acme;gold;15/01/2023
                2;Bolt;silver;01/03/2024
                """);
        Files.writeString(dir.resolve("seats.csv"), """
                contract,customer,seats
                C1,1,40
                C2,1,60
                C3,2,10
                """);
        Files.writeString(dir.resolve("events.csv"), """
                contract,when,user,feature,ms
                C1,2024-05-01T08:00:00,u1,reports,60000
                C2,2024-05-01T09:00:00,u2,reports,120000
                C1,2024-05-01T10:00:00,u1,export,30000
                C3,2024-05-02T10:00:00,u9,reports,1000
                """);
        Files.writeString(dir.resolve("helpdesk.csv"), """
                ref,cust,opened,sev
                H1,1,2024-05-03,P1
                H2,2,2024-05-04,P3
                """);
    }

    private Path profile(String json) throws IOException {
        return Files.writeString(dir.resolve("profile.json"), json);
    }

    private static final String PROFILE = """
            {
              "name": "crm",
              "entities": {
                "accounts": {
                  "file": "crm_accounts.csv",
                  "columns": {"account_id": "Id", "name": "Company", "segment": "Tier", "contract_start": "Since"},
                  "constants": {"region": "EMEA"},
                  "datePatterns": {"contract_start": "dd/MM/yyyy"},
                  "valueMaps": {"segment": {"gold": "Enterprise", "silver": "SMB"}},
                  "lookups": [{"column": "licensed_seats", "file": "seats.csv", "key": "customer", "from": "Id",
                               "value": "seats", "pick": "sum"}]
                },
                "usage": {
                  "file": "events.csv",
                  "columns": {"date": "when"},
                  "lookups": [{"column": "account_id", "file": "seats.csv", "key": "contract", "from": "contract",
                               "value": "customer"}],
                  "aggregate": {
                    "by": ["account_id", "date"],
                    "values": {
                      "sessions": {"op": "count"},
                      "active_users": {"op": "count_distinct", "of": "user"},
                      "session_minutes": {"op": "sum", "of": "ms", "scale": 0.0000166666666667},
                      "longest_ms": {"op": "max", "of": "ms"}
                    }
                  }
                },
                "tickets": {
                  "file": "helpdesk.csv",
                  "columns": {"ticket_id": "ref", "account_id": "cust", "priority": "sev"},
                  "valueMaps": {"priority": {"P1": "urgent", "P2": "high", "P3": "normal", "P4": "low"}}
                }
              }
            }
            """;

    @Test
    void renamesConstantsPatternsValueMapsLookupsAndAggregation() throws Exception {
        ImportReport report = new BundleImporter(database)
                .run(BundleImporter.Request.mapped(dir, profile(PROFILE)), ImportProgress.NONE);

        assertThat(report.problems()).isEmpty();
        assertThat(TestDatabases.single(database, "SELECT segment || ' ' || region || ' ' || contract_start || ' ' || licensed_seats"
                + " FROM account WHERE account_id = '1'")).isEqualTo("Enterprise EMEA 2023-01-15 100");
        assertThat(TestDatabases.single(database, "SELECT COUNT(*) FROM usage_day")).isEqualTo(2L);
        assertThat(TestDatabases.usage(database, "1", "sessions", "2024-05-01")).isEqualTo(3.0);
        assertThat(TestDatabases.usage(database, "1", "active_users", "2024-05-01")).isEqualTo(2.0);
        assertThat(TestDatabases.usage(database, "1", "session_minutes", "2024-05-01"))
                .isCloseTo(3.5, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(TestDatabases.usage(database, "1", "longest_ms", "2024-05-01")).isEqualTo(120000.0);
        assertThat(TestDatabases.usage(database, "2", "sessions", "2024-05-02")).isEqualTo(1.0);
        assertThat(TestDatabases.single(database, "SELECT p.name FROM ticket t JOIN ticket_priority p ON p.code = t.priority WHERE t.ticket_id = 'H1'")).isEqualTo("URGENT");
    }

    @Test
    void wideUsageWithoutAggregationTakesOnlyTheRemainingColumnsAsMetrics() throws Exception {
        Files.writeString(dir.resolve("daily.csv"), "contract,day,logins,seats_used\nC1,2024-05-01,4,3\nC3,2024-05-01,1,1\n");
        Path profile = profile("""
                {"name": "daily", "entities": {
                  "accounts": {"file": "crm_accounts.csv", "columns": {"account_id": "Id", "name": "Company"}},
                  "usage": {"file": "daily.csv", "columns": {"date": "day"},
                    "lookups": [{"column": "account_id", "file": "seats.csv", "key": "contract", "from": "contract",
                                 "value": "customer"}]}}}
                """);

        ImportReport report = new BundleImporter(database).run(BundleImporter.Request.mapped(dir, profile), ImportProgress.NONE);

        assertThat(report.problems()).isEmpty();
        assertThat(TestDatabases.single(database, "SELECT LISTAGG(name, ',') WITHIN GROUP (ORDER BY position) FROM usage_metric"))
                .isEqualTo("logins,seats_used");
        assertThat(TestDatabases.usage(database, "2", "logins", "2024-05-01")).isEqualTo(1.0);
    }

    @Test
    void aKeyWithoutMatchInTheLookupFileIsAProblem() throws Exception {
        Files.writeString(dir.resolve("events.csv"), "contract,when,user,feature,ms\nC7,2024-05-01,u1,reports,1\n");

        ImportReport report = new BundleImporter(database)
                .run(BundleImporter.Request.mapped(dir, profile(PROFILE)), ImportProgress.NONE);

        assertThat(report.problems()).extracting(ImportProblem::message).containsExactly(
                "events.csv line 2, column 1 (contract): \"C7\" is not valid; expected a contract found in seats.csv"
                        + " (to look up account_id)");
        assertThat(TestDatabases.counts(database).values()).containsOnly(0L);
    }

    @Test
    void aDateNotInTheProfilesPatternNamesThePattern() throws Exception {
        Files.writeString(dir.resolve("crm_accounts.csv"), "Id;Company;Tier;Since\n1;Acme;gold;2023-01-15\n");

        ImportReport report = new BundleImporter(database)
                .run(BundleImporter.Request.mapped(dir, profile(PROFILE)), ImportProgress.NONE);

        assertThat(report.problems()).extracting(ImportProblem::message).contains(
                "crm_accounts.csv line 2, column 4 (contract_start): \"2023-01-15\" is not valid; expected a date in the form dd/MM/yyyy");
    }

    @Test
    void anInvalidProfileNamesTheField() throws Exception {
        Path bad = profile("""
                {"name": "x", "entities": {"usage": {"file": "events.csv",
                  "aggregate": {"by": ["account_id"], "values": {"n": {"op": "median", "of": "ms"}}}}}}
                """);

        assertThatThrownBy(() -> MappingProfile.read(bad))
                .isInstanceOf(MappingProfile.InvalidMappingException.class)
                .hasMessage("profile.json line 2, column 62: entities.usage.aggregate.values.n.op: expected sum, count, count_distinct, max, min or mean");
    }

    @Test
    void anUnknownEntityOrPropertyIsRefused() throws Exception {
        assertThatThrownBy(() -> MappingProfile.read(profile("{\"name\": \"x\", \"entities\": {\"customers\": {\"file\": \"a.csv\"}}}")))
                .hasMessage("profile.json line 1, column 41: entities.customers: unknown entity; expected one of accounts, account_history,"
                        + " usage, tickets, interactions, surveys, outcomes, notes, tasks");
        assertThatThrownBy(() -> MappingProfile.read(profile("{\"name\": \"x\", \"entities\": {\"accounts\": {\"file\": \"a.csv\", \"colums\": {}}}}")))
                .hasMessage("profile.json line 1, column 71: unknown field \"colums\" at entities.accounts; expected one of file,"
                        + " columns, constants, datePatterns, valueMaps, lookups, aggregate, compute, where");
    }

    @Test
    void aMissingFileIsNamed() throws Exception {
        Files.delete(dir.resolve("helpdesk.csv"));

        assertThatThrownBy(() -> new BundleImporter(database)
                .run(BundleImporter.Request.mapped(dir, profile(PROFILE)), ImportProgress.NONE))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("reads tickets from helpdesk.csv, but " + dir + " has no such file");
    }

    @Test
    void aFileOutsideTheFolderIsRefusedNamingTheProfileAndTheField() throws Exception {
        Path outside = Files.writeString(Files.createDirectory(dir.resolve("elsewhere")).resolve("secret.csv"),
                "Id,Company\n1,Leak\n");
        Path bundle = Files.createDirectory(dir.resolve("bundle"));
        Files.writeString(bundle.resolve("crm.csv"), "Id,Company\n1,Acme\n");

        assertThatThrownBy(() -> MappingProfile.read(profile("""
                {"name": "x",
                 "entities": {"accounts": {"file": "../elsewhere/secret.csv"}}}""")))
                .isInstanceOf(MappingProfile.InvalidMappingException.class)
                .hasMessage("profile.json line 2, column 36: entities.accounts.file: \"../elsewhere/secret.csv\" is outside the"
                        + " bundle's folder; expected the name of a file in the bundle's folder (such as accounts.csv)");
        assertThatThrownBy(() -> MappingProfile.read(profile("""
                {"name": "x", "entities": {"accounts": {"file": "crm.csv", "columns": {"account_id": "Id", "name": "Company"},
                 "lookups": [{"column": "segment", "file": "%s", "key": "Id", "from": "Id", "value": "Company"}]}}}"""
                .formatted(outside))))
                .hasMessageStartingWith("profile.json line 2, column 44: entities.accounts.lookups[0].file: \"" + outside
                        + "\" is outside the bundle's folder");

        // A link inside the folder that leads out of it is refused when the import resolves it; nothing is read.
        Files.createSymbolicLink(bundle.resolve("link.csv"), outside);
        Path linked = profile("""
                {"name": "x", "entities": {"accounts": {"file": "link.csv", "columns": {"account_id": "Id", "name": "Company"}}}}""");
        assertThatThrownBy(() -> new BundleImporter(database).run(BundleImporter.Request.mapped(bundle, linked),
                ImportProgress.NONE))
                .isInstanceOf(MappingProfile.InvalidMappingException.class)
                .hasMessage("the mapping \"x\": entities.accounts.file: \"link.csv\" leads outside the folder " + bundle
                        + " (through a link); expected the name of a file in that folder");
        assertThat(TestDatabases.counts(database).get("account")).isZero();
    }
}
