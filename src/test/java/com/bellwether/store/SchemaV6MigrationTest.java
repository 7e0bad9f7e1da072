package com.bellwether.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.bellwether.domain.InteractionKind;
import com.bellwether.domain.OutcomeEvent;
import com.bellwether.domain.StakeholderRole;
import com.bellwether.domain.TicketPriority;
import com.bellwether.ingest.BundleImporter;
import com.bellwether.ingest.ImportProgress;

/** A database made by the release before integer keys (schema 5) is carried over whole. */
class SchemaV6MigrationTest {

    /** The same portfolio as {@link #V5_ROWS}, as a bundle to import. */
    private static final Map<String, String> BUNDLE = Map.of(
            "accounts.csv", """
                    account_id,name,segment,arr,contract_start
                    B-2,Bolt,SMB,12000.5,2024-03-01
                    A-1,Acme,Enterprise,250000,2023-01-15
                    C-3,Cog,,,
                    """,
            "usage.csv", """
                    account_id,date,active_users,logins
                    A-1,2024-05-01,5,7
                    A-1,2024-05-02,3,
                    B-2,2024-05-01,9,21
                    """,
            "tickets.csv", """
                    ticket_id,account_id,opened,closed,priority,escalated,csat
                    T1,A-1,2024-05-01T09:00,2024-05-02T10:00,high,true,4
                    T2,B-2,2024-05-03,,urgent,false,
                    T3,A-1,2024-04-01,,low,false,2
                    """,
            "interactions.csv", """
                    account_id,date,contact,role,kind
                    A-1,2024-05-01T10:00,Ana,executive,qbr
                    A-1,2024-05-02,,user,login
                    B-2,2024-05-01,Ana,champion,email
                    C-3,2024-06-01,Ben,other,event
                    """,
            "surveys.csv", """
                    account_id,date,nps
                    A-1,2024-05-01,9
                    C-3,2024-05-01,0
                    """,
            "outcomes.csv", """
                    account_id,date,event,arr_change
                    B-2,2025-03-01,churn,-12000.5
                    A-1,2025-01-15,renewal,
                    A-1,2025-01-15,expansion,5000
                    """,
            "notes.csv", """
                    account_id,date,author,adjustment,reason,expires
                    A-1,2024-05-01,dana,5,Sponsor confirmed,2024-08-01
                    B-2,2024-05-01,sam,-10,Budget cut,
                    """);

    private static final String[] V5_ROWS = {
        "INSERT INTO account (account_id, name, segment, arr, contract_start) VALUES"
                + " ('B-2', 'Bolt', 'SMB', 12000.5, DATE '2024-03-01'),"
                + " ('A-1', 'Acme', 'Enterprise', 250000, DATE '2023-01-15'), ('C-3', 'Cog', NULL, NULL, NULL)",
        "INSERT INTO usage_metric (position, name) VALUES (1, 'active_users'), (2, 'logins')",
        "INSERT INTO usage_day (account_id, usage_date, metric_values) VALUES"
                + " ('A-1', DATE '2024-05-01', ARRAY[5.0, 7.0]), ('A-1', DATE '2024-05-02', ARRAY[3.0, NULL]),"
                + " ('B-2', DATE '2024-05-01', ARRAY[9.0, 21.0])",
        "INSERT INTO ticket (ticket_id, account_id, opened, closed, priority, escalated, csat) VALUES"
                + " ('T1', 'A-1', TIMESTAMP '2024-05-01 09:00:00', TIMESTAMP '2024-05-02 10:00:00', 'HIGH', TRUE, 4),"
                + " ('T2', 'B-2', TIMESTAMP '2024-05-03 00:00:00', NULL, 'URGENT', FALSE, NULL),"
                + " ('T3', 'A-1', TIMESTAMP '2024-04-01 00:00:00', NULL, 'LOW', FALSE, 2)",
        "INSERT INTO interaction (account_id, occurred_at, contact, role, kind) VALUES"
                + " ('A-1', TIMESTAMP '2024-05-01 10:00:00', 'Ana', 'EXECUTIVE', 'QBR'),"
                + " ('A-1', TIMESTAMP '2024-05-02 00:00:00', '', 'USER', 'LOGIN'),"
                + " ('B-2', TIMESTAMP '2024-05-01 00:00:00', 'Ana', 'CHAMPION', 'EMAIL'),"
                + " ('C-3', TIMESTAMP '2024-06-01 00:00:00', 'Ben', 'OTHER', 'EVENT')",
        "INSERT INTO survey (account_id, survey_date, nps) VALUES ('A-1', DATE '2024-05-01', 9), ('C-3', DATE '2024-05-01', 0)",
        "INSERT INTO outcome (account_id, outcome_date, event, arr_change) VALUES"
                + " ('B-2', DATE '2025-03-01', 'CHURN', -12000.5), ('A-1', DATE '2025-01-15', 'RENEWAL', NULL),"
                + " ('A-1', DATE '2025-01-15', 'EXPANSION', 5000)",
        "INSERT INTO note (account_id, note_date, author, adjustment, reason, expires) VALUES"
                + " ('A-1', DATE '2024-05-01', 'dana', 5, 'Sponsor confirmed', DATE '2024-08-01'),"
                + " ('B-2', DATE '2024-05-01', 'sam', -10, 'Budget cut', NULL)",
        "INSERT INTO model_version (version_no, name, author, created_at, model_json, active) VALUES"
                + " (1, 'Default', 'ana', TIMESTAMP WITH TIME ZONE '2024-05-01 00:00:00+00', '{}', TRUE)",
        "INSERT INTO score_snapshot (as_of, account_id, version_no, stage, score, base_score, adjustment, band,"
                + " category_scores, top_reasons) VALUES"
                + " (DATE '2024-05-05', 'A-1', 1, 'adoption', 72.5, 67.5, 5, 'green', '{\"adoption\":80.0}', 'Usage up'),"
                + " (DATE '2024-05-05', 'B-2', 1, 'renewal', 31, 41, -10, 'red', '{\"adoption\":null}', 'Budget cut')",
        "INSERT INTO frozen_score (account_id, outcome_date, event, version_no, as_of, score, band, reasons, frozen_at)"
                + " VALUES ('B-2', DATE '2025-03-01', 'CHURN', 1, DATE '2025-02-28', 31, 'red', 'Budget cut',"
                + " TIMESTAMP WITH TIME ZONE '2025-03-02 00:00:00+00')",
        "INSERT INTO adjustment_audit (account_id, note_date, author, adjustment, reason, action, changed_by, changed_at)"
                + " VALUES ('A-1', DATE '2024-05-01', 'dana', 5, 'Sponsor confirmed', 'ADD', 'dana',"
                + " TIMESTAMP WITH TIME ZONE '2024-05-01 12:00:00+00')",
        "INSERT INTO import_run (started_at, finished_at, source) VALUES (TIMESTAMP WITH TIME ZONE '2024-05-01 00:00:00+00',"
                + " TIMESTAMP WITH TIME ZONE '2024-05-01 00:00:01+00', '/data/bundle')",
    };

    private static final String[] TABLES = {
        "account", "usage_metric", "usage_day", "ticket", "interaction", "survey", "outcome", "note", "model_version",
        "score_snapshot", "frozen_score", "adjustment_audit", "import_run"
    };

    @TempDir
    Path dir;

    /** A file database as the release before integer keys left it: Flyway up to version 5, rows written by SQL. */
    private DatabaseLocation version5(String name) throws Exception {
        DatabaseLocation location = DatabaseLocation.parse(dir.resolve(name).toString());
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(location.jdbcUrl());
        dataSource.setUser("sa");
        dataSource.setPassword("");
        Flyway.configure().dataSource(dataSource).locations(Dialect.H2.migrationLocations()).target("5").load().migrate();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : V5_ROWS) {
                statement.executeUpdate(sql);
            }
        }
        return location;
    }

    private static Map<String, Long> counts(Database database) throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                try (ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        }
        return counts;
    }

    private String imported() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("bundle"));
        for (Map.Entry<String, String> file : BUNDLE.entrySet()) {
            Files.writeString(folder.resolve(file.getKey()), file.getValue());
        }
        Database fresh = Database.open(DatabaseLocation.inMemory("v6-" + System.nanoTime()));
        assertThat(new BundleImporter(fresh).run(BundleImporter.Request.canonical(folder), ImportProgress.NONE)
                .succeeded()).isTrue();
        return PortfolioText.of(fresh);
    }

    @Test
    void aVersion5DatabaseKeepsEveryRowAndReadsBackTheSamePortfolio() throws Exception {
        DatabaseLocation location = version5("old");

        Database database = Database.open(location);

        assertThat(counts(database)).containsExactly(Map.entry("account", 3L), Map.entry("usage_metric", 2L),
                Map.entry("usage_day", 3L), Map.entry("ticket", 3L), Map.entry("interaction", 4L),
                Map.entry("survey", 2L), Map.entry("outcome", 3L), Map.entry("note", 2L),
                Map.entry("model_version", 1L), Map.entry("score_snapshot", 2L), Map.entry("frozen_score", 1L),
                Map.entry("adjustment_audit", 1L), Map.entry("import_run", 1L));
        assertThat(PortfolioText.of(database)).isEqualTo(imported());
        SnapshotStore snapshots = new SnapshotStore(database);
        assertThat(snapshots.all()).extracting(ScoreSnapshot::accountId, ScoreSnapshot::score, ScoreSnapshot::band)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("A-1", 72.5, "green"),
                        org.assertj.core.groups.Tuple.tuple("B-2", 31.0, "red"));
        assertThat(snapshots.all().get(1).categoryScores().get("adoption")).isNaN();
        assertThat(snapshots.frozen()).singleElement().satisfies(f -> {
            assertThat(f.accountId()).isEqualTo("B-2");
            assertThat(f.event()).isEqualTo("CHURN");
            assertThat(f.asOf()).isEqualTo(LocalDate.parse("2025-02-28"));
        });
        assertThat(new AdjustmentStore(database).notes("A-1")).singleElement()
                .satisfies(n -> assertThat(n.reason()).isEqualTo("Sponsor confirmed"));
        assertThat(new AdjustmentStore(database).audit("A-1")).hasSize(1);
        assertThat(dir.resolve("old.mv.db.before-migration")).doesNotExist();
    }

    @Test
    void accountKeysFollowTheIdsAndContactsAreKeptOnce() throws Exception {
        Database database = Database.open(version5("old"));

        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT account_key, account_id FROM account ORDER BY account_key")) {
            StringBuilder keys = new StringBuilder();
            while (rs.next()) {
                keys.append(rs.getInt(1)).append('=').append(rs.getString(2)).append(' ');
            }
            assertThat(keys.toString().strip()).isEqualTo("1=A-1 2=B-2 3=C-3");
        }
        assertThat(single(database, "SELECT COUNT(*) FROM contact")).isEqualTo(3L);
        assertThat(single(database, "SELECT COUNT(DISTINCT contact_key) FROM interaction")).isEqualTo(3L);
    }

    @Test
    void theLookupTablesNameTheCodesTheStoreWrites() throws Exception {
        Database database = Database.open(DatabaseLocation.inMemory("codes-" + System.nanoTime()));

        for (TicketPriority p : TicketPriority.values()) {
            assertThat(single(database, "SELECT name FROM ticket_priority WHERE code = " + StoredCodes.of(p))).isEqualTo(p.name());
        }
        for (StakeholderRole r : StakeholderRole.values()) {
            assertThat(single(database, "SELECT name FROM stakeholder_role WHERE code = " + StoredCodes.of(r))).isEqualTo(r.name());
        }
        for (InteractionKind k : InteractionKind.values()) {
            assertThat(single(database, "SELECT name FROM interaction_kind WHERE code = " + StoredCodes.of(k))).isEqualTo(k.name());
        }
        for (OutcomeEvent e : OutcomeEvent.values()) {
            assertThat(single(database, "SELECT name FROM outcome_event WHERE code = " + StoredCodes.of(e))).isEqualTo(e.name());
        }
        assertThat(single(database, "SELECT COUNT(*) FROM ticket_priority")).isEqualTo((long) TicketPriority.values().length);
        assertThat(single(database, "SELECT COUNT(*) FROM stakeholder_role")).isEqualTo((long) StakeholderRole.values().length);
        assertThat(single(database, "SELECT COUNT(*) FROM interaction_kind")).isEqualTo((long) InteractionKind.values().length);
        assertThat(single(database, "SELECT COUNT(*) FROM outcome_event")).isEqualTo((long) OutcomeEvent.values().length);
    }

    @Test
    void aMigrationStoppedHalfWayIsUndoneAtTheNextOpenAndRunAgain() throws Exception {
        DatabaseLocation location = version5("stopped");
        Path file = dir.resolve("stopped.mv.db");
        // What a process killed in the middle of the migration leaves: the copy taken before it, and a file with
        // some tables already gone.
        Files.copy(file, dir.resolve("stopped.mv.db.before-migration"));
        Files.writeString(dir.resolve("stopped.mv.db.before-migration.part"), "half a copy");
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(location.jdbcUrl());
        dataSource.setUser("sa");
        dataSource.setPassword("");
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE frozen_score");
            statement.execute("DROP TABLE note");
            statement.execute("CREATE TABLE account_v6 (account_key INTEGER)");
        }

        Database database = Database.open(location);

        assertThat(counts(database)).containsEntry("note", 2L).containsEntry("frozen_score", 1L)
                .containsEntry("usage_day", 3L);
        assertThat(PortfolioText.of(database)).isEqualTo(imported());
        assertThat(dir.resolve("stopped.mv.db.before-migration")).doesNotExist();
        assertThat(dir.resolve("stopped.mv.db.before-migration.part")).doesNotExist();
    }

    private static Object single(Database database, String sql) throws Exception {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getObject(1);
        }
    }
}
