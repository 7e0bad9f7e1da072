package com.bellwether.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.bellwether.store.Database;

/** The RavenStack dataset imports untouched through the shipped profile; counts are checked against the files. */
class RavenStackImportTest {

    private static final Path FOLDER = Path.of(System.getProperty("bellwether.datasets", "src/test/resources/datasets"), "ravenstack");
    private static final Path PROFILE = Path.of("sample-data/mappings/ravenstack.json");

    private static Database database;
    private static ImportReport report;

    @BeforeAll
    static void importOnce() throws IOException {
        assertThat(FOLDER.resolve("ravenstack_accounts.csv")).as("the RavenStack dataset the tests carry").exists();
        database = TestDatabases.fresh();
        report = new BundleImporter(database).run(BundleImporter.Request.mapped(FOLDER, PROFILE), ImportProgress.NONE);
    }

    /** The rows of a RavenStack file split on commas; these files quote nothing in the columns read here. */
    private static List<String[]> rows(String file) throws IOException {
        List<String> lines = Files.readAllLines(FOLDER.resolve(file));
        return lines.subList(1, lines.size()).stream().filter(l -> !l.isBlank()).map(l -> l.split(",", -1)).toList();
    }

    @Test
    void importsWithoutProblems() {
        assertThat(report.problems()).isEmpty();
        assertThat(report.succeeded()).isTrue();
    }

    @Test
    void everyAccountArrives() throws Exception {
        assertThat(report.written(BundleEntity.ACCOUNTS)).isEqualTo(rows("ravenstack_accounts.csv").size()).isEqualTo(500);
        assertThat(TestDatabases.single(database, "SELECT COUNT(*) FROM account")).isEqualTo(500L);
    }

    @Test
    void arrAndPlanTierComeFromTheLatestSubscription() throws Exception {
        Map<String, String[]> latest = new HashMap<>();
        for (String[] s : rows("ravenstack_subscriptions.csv")) {
            // account_id is column 1, start_date 2, plan_tier 4, arr_amount 7
            String[] seen = latest.get(s[1]);
            if (seen == null || s[2].compareTo(seen[2]) >= 0) {
                latest.put(s[1], s);
            }
        }
        String account = "A-2e4581";
        assertThat(TestDatabases.single(database, "SELECT arr FROM account WHERE account_id = '" + account + "'"))
                .isEqualTo(Double.parseDouble(latest.get(account)[7]));
        assertThat(TestDatabases.single(database, "SELECT segment FROM account WHERE account_id = '" + account + "'"))
                .isEqualTo(latest.get(account)[4]);
        assertThat(TestDatabases.single(database, "SELECT COUNT(*) FROM account WHERE arr IS NULL"))
                .isEqualTo((long) (500 - latest.size()));
    }

    @Test
    void usageIsSummedPerAccountAndDayThroughTheSubscriptions() throws Exception {
        Map<String, String> accountOf = new HashMap<>();
        rows("ravenstack_subscriptions.csv").forEach(s -> accountOf.put(s[0], s[1]));
        Set<String> accountDays = new HashSet<>();
        double events = 0;
        double seconds = 0;
        for (String[] u : rows("ravenstack_feature_usage.csv")) {
            accountDays.add(accountOf.get(u[1]) + "|" + u[2]);
            events += Double.parseDouble(u[4]);
            seconds += Double.parseDouble(u[5]);
        }
        assertThat(accountDays).hasSize(24_111);
        assertThat(TestDatabases.single(database, "SELECT COUNT(*) FROM usage_day")).isEqualTo((long) accountDays.size());
        assertThat(TestDatabases.single(database, "SELECT COUNT(*) FROM usage_metric")).isEqualTo(5L);
        assertThat(TestDatabases.usageTotal(database, "core_feature_events")).isEqualTo(events);
        assertThat(TestDatabases.usageTotal(database, "sessions")).isEqualTo(25_000.0);
        assertThat(TestDatabases.usageTotal(database, "session_minutes"))
                .isCloseTo(seconds / 60, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void everyTicketArrivesWithMappedPriorityAndEscalation() throws Exception {
        List<String[]> tickets = rows("ravenstack_support_tickets.csv");
        assertThat(report.written(BundleEntity.TICKETS)).isEqualTo(tickets.size()).isEqualTo(2000);
        long medium = tickets.stream().filter(t -> t[5].equals("medium")).count();
        long escalated = tickets.stream().filter(t -> t[8].equals("True")).count();
        assertThat(TestDatabases.single(database, "SELECT COUNT(*) FROM ticket t JOIN ticket_priority p ON p.code = t.priority WHERE p.name = 'NORMAL'")).isEqualTo(medium);
        assertThat(TestDatabases.single(database, "SELECT COUNT(*) FROM ticket WHERE escalated")).isEqualTo(escalated);
        assertThat(TestDatabases.single(database, "SELECT COUNT(*) FROM ticket WHERE csat IS NOT NULL"))
                .isEqualTo(tickets.stream().filter(t -> !t[7].isEmpty()).count());
    }

    @Test
    void churnEventsBecomeChurnAndReactivationOutcomes() throws Exception {
        Set<String> churns = new HashSet<>();
        Set<String> reactivations = new HashSet<>();
        for (String line : Files.readAllLines(FOLDER.resolve("ravenstack_churn_events.csv")).subList(1, 601)) {
            String[] c = line.split(",", -1);
            // is_reactivation is the eighth column; feedback text after it may hold commas.
            (c[7].equals("True") ? reactivations : churns).add(c[1] + "|" + c[2]);
        }
        assertThat(reactivations).hasSize(61);
        assertThat(TestDatabases.single(database, "SELECT COUNT(*) FROM outcome o JOIN outcome_event e ON e.code = o.event WHERE e.name = 'CHURN'")).isEqualTo((long) churns.size());
        assertThat(TestDatabases.single(database, "SELECT COUNT(*) FROM outcome o JOIN outcome_event e ON e.code = o.event WHERE e.name = 'REACTIVATION'"))
                .isEqualTo((long) reactivations.size());
        assertThat(TestDatabases.single(database, "SELECT COUNT(DISTINCT account_key) FROM outcome o JOIN outcome_event e"
                + " ON e.code = o.event WHERE e.name IN ('CHURN', 'REACTIVATION')")).isEqualTo(352L);
    }

    @Test
    void upgradedSubscriptionsBecomeExpansionsOnePerAccountAndStartDate() throws Exception {
        // account_id 1, start_date 2, upgrade_flag 9
        Set<String> upgrades = new HashSet<>();
        for (String line : Files.readAllLines(FOLDER.resolve("ravenstack_subscriptions.csv")).subList(1, 5001)) {
            String[] c = line.split(",", -1);
            if (c[9].equals("True")) {
                upgrades.add(c[1] + "|" + c[2]);
            }
        }
        assertThat(upgrades).hasSizeGreaterThan(400);
        assertThat(TestDatabases.single(database, "SELECT COUNT(*) FROM outcome o JOIN outcome_event e ON e.code = o.event"
                + " WHERE e.name = 'EXPANSION'")).isEqualTo((long) upgrades.size());
    }

    @Test
    void theRunRecordsTheMapping() throws Exception {
        assertThat(TestDatabases.single(database, "SELECT mapping_name FROM import_run")).isEqualTo("ravenstack");
        assertThat((String) TestDatabases.single(database, "SELECT CAST(mapping_json AS VARCHAR) FROM import_run")).contains("ravenstack_feature_usage.csv");
        assertThat(TestDatabases.single(database, "SELECT COUNT(*) FROM import_file")).as("four files, the subscriptions read twice").isEqualTo(5L);
    }
}
