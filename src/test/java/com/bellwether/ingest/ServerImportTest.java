package com.bellwether.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.bellwether.domain.Account;
import com.bellwether.domain.AccountChange;
import com.bellwether.domain.Bundle;
import com.bellwether.domain.Interaction;
import com.bellwether.domain.InteractionKind;
import com.bellwether.domain.Note;
import com.bellwether.domain.Outcome;
import com.bellwether.domain.OutcomeEvent;
import com.bellwether.domain.StakeholderRole;
import com.bellwether.domain.Survey;
import com.bellwether.domain.Ticket;
import com.bellwether.domain.TicketPriority;
import com.bellwether.domain.UsageDay;
import com.bellwether.sample.GeneratorSettings;
import com.bellwether.sample.SampleGenerator;
import com.bellwether.sample.UsageCadence;
import com.bellwether.store.BundleWriter;
import com.bellwether.store.Database;
import com.bellwether.store.DatabaseSummary;
import com.bellwether.store.FreshDatabases;
import com.bellwether.store.PortfolioText;
import com.bellwether.store.TableText;

/**
 * Imports into PostgreSQL (by COPY, straight into empty tables or through a temporary table and an upsert) store
 * exactly what the same imports store in H2 (batched INSERT and MERGE): a generated portfolio, a second import that
 * repeats and changes rows, days of usage given twice, and text with every character COPY has to escape.
 */
class ServerImportTest {

    private static final LocalDate END = LocalDate.of(2026, 9, 30);

    /** Every table of account data with account and contact keys replaced by what they stand for. */
    private static final Map<String, String> NATURAL = new LinkedHashMap<>();

    static {
        String account = " JOIN account a ON a.account_key = t.account_key) AS natural_rows";
        NATURAL.put("account", "(SELECT account_id, name, segment, industry, region, csm, lifecycle_stage, arr,"
                + " licensed_seats, contract_start, renewal_date FROM account) AS natural_rows");
        NATURAL.put("account_history", "(SELECT a.account_id, t.effective_date, t.lifecycle_stage, t.licensed_seats,"
                + " t.arr, t.csm, t.renewal_date FROM account_history t" + account);
        NATURAL.put("usage_metric", "usage_metric");
        NATURAL.put("usage_day", "(SELECT a.account_id, t.usage_date, t.metric_values FROM usage_day t" + account);
        NATURAL.put("ticket", "(SELECT t.ticket_id, a.account_id, t.opened, t.closed, t.priority, t.escalated, t.csat"
                + " FROM ticket t" + account);
        NATURAL.put("contact", "(SELECT name FROM contact) AS natural_rows");
        NATURAL.put("interaction", "(SELECT a.account_id, t.occurred_at, c.name, t.role, t.kind FROM interaction t"
                + " JOIN contact c ON c.contact_key = t.contact_key" + account);
        NATURAL.put("survey", "(SELECT a.account_id, t.survey_date, t.nps FROM survey t" + account);
        NATURAL.put("outcome", "(SELECT a.account_id, t.outcome_date, t.event, t.arr_change FROM outcome t" + account);
        NATURAL.put("note", "(SELECT a.account_id, t.note_date, t.author, t.adjustment, t.reason, t.expires FROM note t"
                + account);
    }

    private final FreshDatabases databases = new FreshDatabases();

    @TempDir
    Path dir;

    @AfterEach
    void dropTheDatabases() {
        databases.close();
    }

    @Test
    void aGeneratedPortfolioAndASecondImportThatRepeatsAndChangesItStoreTheSameOnBoth() throws Exception {
        Database h2 = databases.h2();
        Database postgres = databases.postgres();
        Path first = generate("first", 300, 5);

        importInto(h2, first);
        importInto(postgres, first);
        assertSame(h2, postgres);
        assertThat(DatabaseSummary.rowCounts(postgres).get("account")).isEqualTo(300L);

        // 200 of the accounts again with other values, one metric left out of every row (its stored value stays) and
        // a new one; then a long file (a metric a row) that gives some days twice, apart, and comes back to accounts.
        Path second = generate("second", 200, 6);
        Path usage = second.resolve("usage.csv");
        List<String> lines = Files.readAllLines(usage, StandardCharsets.UTF_8);
        List<String> changed = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",", -1);
            cells[3] = i == 0 ? cells[3] : "";
            changed.add(String.join(",", cells) + "," + (i == 0 ? "exports" : i % 3 == 0 ? "" : Integer.toString(i)));
        }
        Files.write(usage, changed, StandardCharsets.UTF_8);
        Path longUsage = Files.createDirectory(dir.resolve("long")).resolve("usage.csv");
        Files.writeString(longUsage, """
                account_id,date,metric,value
                ACC-00003,2026-09-28,logins,1
                ACC-00003,2026-09-28,sessions,2
                ACC-00003,2026-10-01,logins,3
                ACC-00250,2026-09-28,exports,4
                ACC-00003,2026-09-28,exports,5
                ACC-00003,2026-10-01,seats_used,6
                ACC-00250,2026-09-28,logins,7
                ACC-00299,2026-10-02,sessions,8
                """, StandardCharsets.UTF_8);

        for (Database database : List.of(h2, postgres)) {
            ImportReport report = new BundleImporter(database).run(BundleImporter.Request.canonical(second,
                    longUsage), ImportProgress.NONE);
            assertThat(report.succeeded()).as(database.dialect() + ": " + report.problems()).isTrue();
        }
        assertSame(h2, postgres);
        assertThat(TestDatabases.usage(postgres, "ACC-00003", "logins", "2026-09-28")).isEqualTo(1.0);
        assertThat(TestDatabases.usage(postgres, "ACC-00003", "exports", "2026-09-28")).isEqualTo(5.0);
        assertThat(TestDatabases.usage(postgres, "ACC-00250", "exports", "2026-09-28")).isEqualTo(4.0);
    }

    @Test
    void aFirstImportThatGivesADayTwiceMergesItOnBoth() throws Exception {
        Path bundle = generate("bundle", 20, 7);
        Files.delete(bundle.resolve("usage.csv"));
        Path longUsage = Files.createDirectory(dir.resolve("long")).resolve("usage.csv");
        Files.writeString(longUsage, """
                account_id,date,metric,value
                ACC-00001,2026-01-05,logins,1
                ACC-00001,2026-01-06,logins,2
                ACC-00002,2026-01-05,logins,3
                ACC-00001,2026-01-05,sessions,4
                ACC-00002,2026-01-06,sessions,5
                ACC-00002,2026-01-05,sessions,6
                ACC-00003,2026-01-05,logins,7
                """, StandardCharsets.UTF_8);
        Database h2 = databases.h2();
        Database postgres = databases.postgres();

        for (Database database : List.of(h2, postgres)) {
            ImportReport report = new BundleImporter(database).run(BundleImporter.Request.canonical(bundle, longUsage),
                    ImportProgress.NONE);
            assertThat(report.succeeded()).as(database.dialect() + ": " + report.problems()).isTrue();
        }

        assertSame(h2, postgres);
        assertThat(TestDatabases.usage(postgres, "ACC-00001", "logins", "2026-01-05")).isEqualTo(1.0);
        assertThat(TestDatabases.usage(postgres, "ACC-00001", "sessions", "2026-01-05")).isEqualTo(4.0);
        assertThat(TestDatabases.usage(postgres, "ACC-00002", "sessions", "2026-01-05")).isEqualTo(6.0);
        assertThat(DatabaseSummary.rowCounts(postgres).get("usage_day")).isEqualTo(5L);
    }

    @Test
    void textWithTabsNewlinesBackslashesQuotesCommasUnicodeAndEmptyStringsComesBackAsItWent() throws Exception {
        Database h2 = databases.h2();
        Database postgres = databases.postgres();
        String[] awkward = {"tab\there", "line\nbreak\r\nand return", "back\\slash \\N \\t", "\"quoted\" 'single'",
            "comma, separated", "unicode: żółć ✓ 東京 😀", "", "\\", "{array,like}", "NULL"};

        for (Database database : List.of(h2, postgres)) {
            write(database, bundle(awkward, 0));
            // The same keys again (an upsert through the temporary table), the texts turned round.
            write(database, bundle(awkward, 1));
        }

        assertSame(h2, postgres);
        for (int i = 0; i < awkward.length; i++) {
            String expected = awkward[(i + 1) % awkward.length];
            assertThat(TestDatabases.single(postgres, "SELECT segment FROM account WHERE account_id = 'A-" + i + "'"))
                    .isEqualTo(expected);
            assertThat(TestDatabases.single(postgres, "SELECT reason FROM note t JOIN account a ON a.account_key"
                    + " = t.account_key WHERE a.account_id = 'A-" + i + "'")).isEqualTo(expected);
        }
        assertThat(TestDatabases.single(postgres, "SELECT COUNT(*) FROM contact WHERE name = ''")).isEqualTo(1L);
    }

    /** Accounts, notes, tickets and interactions whose texts are the awkward ones, each shifted by {@code shift}. */
    private static Bundle bundle(String[] awkward, int shift) {
        Bundle bundle = Bundle.empty();
        bundle.usageMetrics().add("logins");
        for (int i = 0; i < awkward.length; i++) {
            String text = awkward[(i + shift) % awkward.length];
            String id = "A-" + i;
            bundle.accounts().add(new Account(id, "Name " + text, text, text, text, text, text, 1000.0 + i, i,
                    LocalDate.of(2024, 1, 1), LocalDate.of(2027, 1, 1)));
            bundle.accountChanges().add(new AccountChange(id, LocalDate.of(2025, 1, 1), text, null, null, text, null));
            bundle.usage().add(new UsageDay(id, LocalDate.of(2025, 1, 1), new double[] {i + shift}));
            bundle.tickets().add(new Ticket("T-" + text + "-" + i, id, LocalDateTime.of(2025, 2, 1, 9, 30, 15),
                    null, TicketPriority.HIGH, shift == 1, null));
            bundle.interactions().add(new Interaction(id, LocalDateTime.of(2025, 3, 1, 10, 0), text,
                    StakeholderRole.CHAMPION, InteractionKind.CALL));
            bundle.surveys().add(new Survey(id, LocalDate.of(2025, 4, 1), 5 + shift));
            bundle.outcomes().add(new Outcome(id, LocalDate.of(2025, 5, 1), OutcomeEvent.RENEWAL, shift == 0 ? null : -1.5));
            bundle.notes().add(new Note(id, LocalDate.of(2025, 6, 1), "author " + i, shift, text, null));
        }
        return bundle;
    }

    private static void write(Database database, Bundle bundle) throws Exception {
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            new BundleWriter(connection, () -> false, n -> { }).write(bundle);
            connection.commit();
        }
    }

    private Path generate(String name, int accounts, long seed) throws Exception {
        Path folder = Files.createDirectory(dir.resolve(name));
        new SampleGenerator(new GeneratorSettings(accounts, 30, seed, END, UsageCadence.WEEKLY)).writeTo(folder);
        return folder;
    }

    private static void importInto(Database database, Path folder) throws Exception {
        ImportReport report = new BundleImporter(database).run(BundleImporter.Request.canonical(folder),
                ImportProgress.NONE);
        assertThat(report.succeeded()).as(database.dialect() + ": " + report.problems()).isTrue();
    }

    /** The same rows in every table (by what the keys stand for) and the same portfolio read back. */
    private static void assertSame(Database h2, Database postgres) throws Exception {
        assertThat(DatabaseSummary.rowCounts(postgres)).isEqualTo(DatabaseSummary.rowCounts(h2));
        for (Map.Entry<String, String> table : NATURAL.entrySet()) {
            assertThat(TableText.of(postgres, table.getValue())).as(table.getKey())
                    .isEqualTo(TableText.of(h2, table.getValue()));
        }
        assertThat(PortfolioText.of(postgres)).isEqualTo(PortfolioText.of(h2));
    }
}
