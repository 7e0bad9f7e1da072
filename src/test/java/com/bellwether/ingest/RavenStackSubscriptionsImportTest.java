package com.bellwether.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.bellwether.store.Database;

/**
 * The RavenStack files import untouched through the profile that takes churn from the subscriptions (filters,
 * computed fields, one entity mapped twice); every figure is computed again from the files here.
 */
class RavenStackSubscriptionsImportTest {

    private static final Path FOLDER = Path.of(System.getProperty("bellwether.datasets", "src/test/resources/datasets"), "ravenstack");
    private static final Path PROFILE = Path.of("sample-data/mappings/ravenstack-subscriptions.json");

    private static Database database;
    private static ImportReport report;

    @BeforeAll
    static void importOnce() throws IOException {
        assertThat(FOLDER.resolve("ravenstack_subscriptions.csv")).as("the RavenStack dataset the tests carry").exists();
        database = TestDatabases.fresh();
        report = new BundleImporter(database).run(BundleImporter.Request.mapped(FOLDER, PROFILE), ImportProgress.NONE);
    }

    /** The rows of a RavenStack file split on commas; the columns read here come before any quoted text. */
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
    void churnIsEveryPaidSubscriptionWithAnEndDateOneOutcomePerAccountAndDay() throws Exception {
        // subscription_id 0, account_id 1, start_date 2, end_date 3, mrr_amount 6, is_trial 8
        Map<String, Long> lost = new HashMap<>();
        long ended = 0;
        long trials = 0;
        for (String[] s : rows("ravenstack_subscriptions.csv")) {
            if (s[3].isEmpty()) {
                continue;
            }
            if (s[8].equals("True")) {
                trials++;
                continue;
            }
            ended++;
            lost.merge(s[1] + "|" + s[3], -12 * Long.parseLong(s[6]), Long::sum);
        }
        assertThat(ended).isEqualTo(408);
        assertThat(trials).isEqualTo(78);
        assertThat(lost).hasSize(403);
        assertThat(TestDatabases.single(database, "SELECT COUNT(*) FROM outcome o JOIN outcome_event e ON e.code = o.event"
                + " WHERE e.name = 'CHURN'")).isEqualTo(403L);
        assertThat(((Number) TestDatabases.single(database, "SELECT SUM(arr_change) FROM outcome o JOIN outcome_event e"
                + " ON e.code = o.event WHERE e.name = 'CHURN'")).longValue())
                .isEqualTo(lost.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(-14_149_668L);
        // The filters leave out the 4,514 subscriptions without an end date and the 78 ended trials.
        assertThat(report.rowsLeftOut()).containsEntry("ravenstack_subscriptions.csv", 5000L - 408);
    }

    @Test
    void theSecondOutcomesMappingTakesTheReactivationsOfTheChurnEventsFile() throws Exception {
        Set<String> reactivations = new HashSet<>();
        for (String line : Files.readAllLines(FOLDER.resolve("ravenstack_churn_events.csv")).subList(1, 601)) {
            String[] c = line.split(",", -1);
            if (c[7].equals("True")) {
                reactivations.add(c[1] + "|" + c[2]);
            }
        }
        assertThat(reactivations).hasSize(61);
        assertThat(TestDatabases.single(database, "SELECT COUNT(*) FROM outcome o JOIN outcome_event e ON e.code = o.event"
                + " WHERE e.name = 'REACTIVATION'")).isEqualTo(61L);
        assertThat(report.written(BundleEntity.OUTCOMES)).isEqualTo(403 + 61);
        assertThat(report.files()).extracting(f -> f.fileName() + " " + f.entity() + " " + f.rowsRead() + " " + f.rowsWritten())
                .contains("ravenstack_subscriptions.csv outcomes 403 403", "ravenstack_churn_events.csv outcomes 61 61");
    }

    @Test
    void accountsTakeTheirContractStartFromTheEarliestSubscriptionAndArrFromTheLatest() throws Exception {
        Map<String, String> earliest = new HashMap<>();
        Map<String, String[]> latest = new HashMap<>();
        for (String[] s : rows("ravenstack_subscriptions.csv")) {
            earliest.merge(s[1], s[2], (a, b) -> a.compareTo(b) <= 0 ? a : b);
            String[] seen = latest.get(s[1]);
            if (seen == null || s[2].compareTo(seen[2]) >= 0) {
                latest.put(s[1], s);
            }
        }
        assertThat(report.written(BundleEntity.ACCOUNTS)).isEqualTo(500);
        for (String account : List.of("A-2e4581", "A-43a9e3")) {
            assertThat(TestDatabases.single(database, "SELECT contract_start FROM account WHERE account_id = '" + account + "'"))
                    .hasToString(earliest.get(account));
            assertThat(((Number) TestDatabases.single(database, "SELECT arr FROM account WHERE account_id = '" + account + "'"))
                    .doubleValue()).isEqualTo(12 * Double.parseDouble(latest.get(account)[6]));
        }
        assertThat(TestDatabases.single(database, "SELECT COUNT(*) FROM account WHERE contract_start IS NULL OR arr IS NULL"))
                .isEqualTo((long) (500 - earliest.size()));
    }

    @Test
    void ticketsCloseResolutionHoursAfterTheyOpenWithCsatRounded() throws Exception {
        List<String[]> tickets = rows("ravenstack_support_tickets.csv");
        assertThat(report.written(BundleEntity.TICKETS)).isEqualTo(tickets.size()).isEqualTo(2000);
        // ticket_id 0, submitted_at 2, closed_at 3, resolution_time_hours 4, satisfaction_score 7
        String[] first = tickets.get(0);
        LocalDateTime closed = LocalDate.parse(first[2]).atStartOfDay()
                .plusMinutes(Math.round(Double.parseDouble(first[4]) * 60));
        assertThat(TestDatabases.single(database, "SELECT CAST(closed AS VARCHAR) FROM ticket WHERE ticket_id = '" + first[0] + "'")
                .toString()).startsWith(closed.toLocalDate() + " " + closed.toLocalTime());
        Map<Integer, Long> csat = new HashMap<>();
        for (String[] t : tickets) {
            if (!t[7].isEmpty()) {
                csat.merge(new BigDecimal(t[7]).setScale(0, RoundingMode.HALF_UP).intValue(), 1L, Long::sum);
            }
        }
        for (var entry : csat.entrySet()) {
            assertThat(TestDatabases.single(database, "SELECT COUNT(*) FROM ticket WHERE csat = " + entry.getKey()))
                    .isEqualTo(entry.getValue());
        }
        assertThat(TestDatabases.single(database, "SELECT COUNT(*) FROM ticket WHERE csat IS NOT NULL"))
                .isEqualTo(csat.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(1175L);
    }
}
