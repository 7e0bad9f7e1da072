package com.bellwether.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.bellwether.ingest.BundleImporter;
import com.bellwether.ingest.ImportProgress;
import com.bellwether.ingest.SourceDefinition;
import com.bellwether.sample.GeneratorSettings;
import com.bellwether.sample.SampleGenerator;
import com.bellwether.store.Database;
import com.bellwether.store.Dialect;
import com.bellwether.store.FreshDatabases;
import com.bellwether.store.OnBothDatabases;
import com.bellwether.store.PostgresServer;

/**
 * Syncing saved sources: a folder that receives files between syncs, a changed file, a source that fails beside one
 * that works, and a query over a real PostgreSQL server with an incremental cursor; each on H2 and on PostgreSQL.
 */
class SyncTest {

    @TempDir
    static Path dir;
    private static Path bundle;
    private static final FreshDatabases DATABASES = new FreshDatabases();

    @BeforeAll
    static void generate() throws IOException {
        bundle = Files.createDirectories(dir.resolve("bundle"));
        new SampleGenerator(GeneratorSettings.defaults().withAccounts(60).withMonths(12)).writeTo(bundle);
    }

    @AfterAll
    static void close() {
        DATABASES.close();
    }

    private static Workspace imported(Database database) throws IOException {
        Workspace workspace = Workspace.of(database);
        assertThat(workspace.importBundle(BundleImporter.Request.canonical(bundle), ImportProgress.NONE).succeeded()).isTrue();
        return workspace;
    }

    private static long count(Database database, String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The logins stored for an account on a day. */
    private static double logins(Database database, String account, String day) throws SQLException {
        long position = count(database, "SELECT position FROM usage_metric WHERE name = 'logins'");
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT u.metric_values FROM usage_day u JOIN account a"
                     + " ON a.account_key = u.account_key WHERE a.account_id = '" + account + "' AND u.usage_date = DATE '"
                     + day + "'")) {
            assertThat(rs.next()).isTrue();
            Object[] values = (Object[]) rs.getArray(1).getArray();
            return ((Number) values[(int) position - 1]).doubleValue();
        }
    }

    private static final String HEADER = "account_id,date,logins,sessions\n";

    @OnBothDatabases
    void aFolderImportsWhatArrivesBetweenSyncsOnceAndAChangedFileAgain(Dialect dialect) throws Exception {
        Database database = DATABASES.open(dialect);
        Workspace workspace = imported(database);
        Path drop = Files.createDirectories(dir.resolve("drop-" + dialect));
        workspace.saveSource("usage", SourceDefinition.folder(drop.toString(), "usage-*.csv", null, null), Duration.ofMinutes(15));
        // A scored workspace, as the workbench or `sync --every` holds one.
        workspace.score(workspace.activeModel(), workspace.portfolio().lastDataDate(), () -> false);

        SyncReport empty = workspace.sync(null, ImportProgress.NONE);
        assertThat(empty.sources()).singleElement().satisfies(r -> assertThat(r.line()).isEqualTo("usage: nothing new"));
        assertThat(empty.alerts()).isNull();

        long usageBefore = count(database, "SELECT COUNT(*) FROM usage_day");
        Files.writeString(drop.resolve("usage-1.csv"), HEADER + """
                ACC-00001,2026-09-29,5,6
                ACC-00002,2026-09-29,7,8
                ACC-00003,2026-09-29,9,9
                """);
        Files.writeString(drop.resolve("notes.txt"), "not a match");
        SyncReport first = workspace.sync(null, ImportProgress.NONE);
        SyncReport.SourceResult result = first.sources().get(0);
        assertThat(result.line()).startsWith("usage: 3 new rows from 1 file; 3 accounts re-scored; ");
        assertThat(result.accounts()).containsExactlyInAnyOrder("ACC-00001", "ACC-00002", "ACC-00003");
        assertThat(first.alerts()).isNotNull();
        long afterFirst = count(database, "SELECT COUNT(*) FROM usage_day");
        assertThat(afterFirst).isGreaterThanOrEqualTo(usageBefore);

        // Nothing new: nothing imported, and the log says so.
        SyncReport again = workspace.sync("usage", ImportProgress.NONE);
        assertThat(again.sources().get(0).result()).isEqualTo(SyncReport.NOTHING_NEW);
        long runs = count(database, "SELECT COUNT(*) FROM import_run");

        // A second file: only it is read.
        Files.writeString(drop.resolve("usage-2.csv"), HEADER + "ACC-00004,2026-09-29,1,2\n");
        SyncReport second = workspace.sync(null, ImportProgress.NONE);
        assertThat(second.sources().get(0).line()).startsWith("usage: 1 new row from 1 file; 1 account re-scored");
        assertThat(count(database, "SELECT COUNT(*) FROM import_run")).isEqualTo(runs + 1);

        // The first file changed: imported again under the natural keys (merged, not doubled).
        Files.writeString(drop.resolve("usage-1.csv"), HEADER + """
                ACC-00001,2026-09-29,50,6
                ACC-00002,2026-09-29,7,8
                ACC-00003,2026-09-29,9,9
                """);
        long beforeChange = count(database, "SELECT COUNT(*) FROM usage_day");
        SyncReport changed = workspace.sync(null, ImportProgress.NONE);
        assertThat(changed.sources().get(0).files()).isEqualTo(1);
        assertThat(count(database, "SELECT COUNT(*) FROM usage_day")).isEqualTo(beforeChange);
        assertThat(logins(database, "ACC-00001", "2026-09-29")).isEqualTo(50.0);

        List<Source.SyncLine> log = workspace.syncLog("usage", 10);
        assertThat(log).extracting(Source.SyncLine::result)
                .containsExactly("imported", "imported", "nothing new", "imported", "nothing new");
        // Nothing new twice in a row is one line, its finish moved on.
        workspace.sync("usage", ImportProgress.NONE);
        workspace.sync("usage", ImportProgress.NONE);
        List<Source.SyncLine> after = workspace.syncLog("usage", 10);
        assertThat(after).hasSize(6);
        assertThat(after.get(0).result()).isEqualTo("nothing new");
        assertThat(after.get(0).finished()).isAfter(after.get(0).started());
        assertThat(log.get(0).lastDate()).isEqualTo("2026-09-29");
        Source source = workspace.source("usage").orElseThrow();
        assertThat(source.latestDataDay()).isEqualTo("2026-09-29");
        assertThat(source.lastGoodSync()).isNotNull();
        assertThat(source.schedule()).isEqualTo("every 15m");
    }

    @OnBothDatabases
    void aFailingSourceImportsNothingAndTheOthersGoOn(Dialect dialect) throws Exception {
        Database database = DATABASES.open(dialect);
        Workspace workspace = imported(database);
        Path bad = Files.createDirectories(dir.resolve("bad-" + dialect));
        Path good = Files.createDirectories(dir.resolve("good-" + dialect));
        Files.writeString(bad.resolve("usage-x.csv"), HEADER + "ACC-00001,2026-09-28,1,1\nNO-SUCH,2026-09-28,1,1\n");
        Files.writeString(bad.resolve("tickets-x.csv"), "ticket_id,account_id,opened,priority\nT-NEW-1,ACC-00001,2026-09-01,high\n");
        Files.writeString(good.resolve("surveys.csv"), "account_id,date,nps\nACC-00005,2026-09-20,9\n");
        workspace.saveSource("a-bad", SourceDefinition.folder(bad.toString(), null, null, null), null);
        workspace.saveSource("b-good", SourceDefinition.folder(good.toString(), null, null, null), null);
        long tickets = count(database, "SELECT COUNT(*) FROM ticket");

        SyncReport report = workspace.sync(null, ImportProgress.NONE);

        assertThat(report.anyFailed()).isTrue();
        SyncReport.SourceResult failed = report.sources().get(0);
        assertThat(failed.result()).isEqualTo(SyncReport.FAILED);
        assertThat(failed.error()).contains("usage-x.csv", "line 3", "NO-SUCH");
        assertThat(count(database, "SELECT COUNT(*) FROM ticket")).isEqualTo(tickets);
        assertThat(report.sources().get(1).line()).startsWith("b-good: 1 new row from 1 file; 1 account re-scored");
        assertThat(workspace.source("a-bad").orElseThrow().latest().error()).contains("NO-SUCH");

        // Its files were not taken as seen: fixed, the next sync imports them.
        Files.writeString(bad.resolve("usage-x.csv"), HEADER + "ACC-00001,2026-09-28,1,1\n");
        SyncReport fixed = workspace.sync("a-bad", ImportProgress.NONE);
        assertThat(fixed.sources().get(0).line()).startsWith("a-bad: 2 new rows from 2 files");
        assertThat(count(database, "SELECT COUNT(*) FROM ticket")).isEqualTo(tickets + 1);
    }

    @OnBothDatabases
    void aQuerySourceReadsOnlyTheRowsPastItsCursor(Dialect dialect) throws Exception {
        Database database = DATABASES.open(dialect);
        Workspace workspace = imported(database);
        PostgresServer server = PostgresServer.get();
        String crm = server.createDatabase();
        String user = server.createUser("crm_reader", "s3cret-pw");
        try {
            try (Connection connection = server.connect(crm); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE product_usage (account VARCHAR(20), day DATE, logins INTEGER,"
                        + " updated_at TIMESTAMP)");
                statement.execute("INSERT INTO product_usage VALUES ('ACC-00001', '2026-09-27', 11, '2026-10-01 08:00'),"
                        + " ('ACC-00002', '2026-09-27', 12, '2026-10-01 08:00'), ('ACC-00003', '2026-09-27', 13, '2026-10-01 09:00')");
                statement.execute("GRANT SELECT ON product_usage TO " + user);
            }
            // The server's URL without its settings: the user is the source's own, from its variable.
            String url = server.url(crm).split("\\?")[0];
            SourceDefinition definition = SourceDefinition.query(url,
                    "SELECT account AS account_id, day AS date, logins, updated_at FROM product_usage", "updated_at",
                    "usage", null, "CRM_USER", "CRM_PASSWORD", null);
            Map<String, String> environment = Map.of("CRM_USER", user, "CRM_PASSWORD", "s3cret-pw");
            workspace.saveSource("crm", definition, null);

            assertThat(workspace.testSource("crm", definition, environment)).contains("Connected", "account_id, date, logins, updated_at")
                    .doesNotContain("s3cret");
            SyncReport first = workspace.sync("crm", environment, ImportProgress.NONE);
            assertThat(first.sources().get(0).line()).startsWith("crm: 3 new rows; 3 accounts re-scored");
            assertThat(workspace.portfolio().metrics()).doesNotContain("updated_at");

            SyncReport none = workspace.sync("crm", environment, ImportProgress.NONE);
            assertThat(none.sources().get(0).result()).isEqualTo(SyncReport.NOTHING_NEW);

            try (Connection connection = server.connect(crm); Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO product_usage VALUES ('ACC-00004', '2026-09-28', 14, '2026-10-02 08:00')");
                statement.execute("UPDATE product_usage SET logins = 99, updated_at = '2026-10-02 09:00'"
                        + " WHERE account = 'ACC-00001'");
            }
            SyncReport next = workspace.sync("crm", environment, ImportProgress.NONE);
            assertThat(next.sources().get(0).line()).startsWith("crm: 2 new rows; 2 accounts re-scored");
            assertThat(logins(database, "ACC-00001", "2026-09-27")).isEqualTo(99.0);

            // A login the server refuses fails the source with the server's reason, and never shows the password.
            SyncReport refused = workspace.sync("crm", Map.of("CRM_USER", "no_such_reader", "CRM_PASSWORD", "wrong-pw"),
                    ImportProgress.NONE);
            assertThat(refused.sources().get(0).result()).as(refused.sources().get(0).line()).isEqualTo(SyncReport.FAILED);
            assertThat(refused.sources().get(0).error()).contains("The source crm could not be read from " + url,
                    "no_such_reader").doesNotContain("wrong-pw");
            // A missing variable says which.
            SyncReport unset = workspace.sync("crm", Map.of(), ImportProgress.NONE);
            assertThat(unset.sources().get(0).error()).contains("$CRM_USER", "not set");
        } finally {
            server.dropDatabase(crm);
            server.dropUser(user);
        }
    }

    @Test
    void aMappedFolderIsReadWholeWhenAnyOfItsFilesChanged() throws Exception {
        Database database = DATABASES.open(Dialect.H2);
        Workspace workspace = Workspace.of(database);
        Path export = Files.createDirectories(dir.resolve("ravenstack"));
        Path shipped = Path.of("src/test/resources/datasets/ravenstack");
        try (var files = Files.list(shipped)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".csv")).toList()) {
                Files.copy(file, export.resolve(file.getFileName()));
            }
        }
        com.fasterxml.jackson.databind.JsonNode profile = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(Path.of("sample-data/mappings/ravenstack.json").toFile());
        workspace.saveSource("ravenstack", SourceDefinition.folder(export.toString(), null, null, profile), Duration.ofHours(1));

        SyncReport first = workspace.sync(null, ImportProgress.NONE);
        assertThat(first.sources().get(0).line()).startsWith("ravenstack: ").contains(" new rows from 5 files; 500 accounts re-scored");
        assertThat(count(database, "SELECT COUNT(*) FROM account")).isEqualTo(500);
        assertThat(workspace.sync(null, ImportProgress.NONE).sources().get(0).result()).isEqualTo(SyncReport.NOTHING_NEW);

        // One file of the export changed: the profile's files are read together again, nothing doubled.
        long tickets = count(database, "SELECT COUNT(*) FROM ticket");
        Files.writeString(export.resolve("ravenstack_support_tickets.csv"),
                "T-ffffff,A-2e4581,2024-12-30,2024-12-31 03:00:00,27.0,high,74,,True\n",
                java.nio.file.StandardOpenOption.APPEND);
        SyncReport changed = workspace.sync(null, ImportProgress.NONE);
        assertThat(changed.sources().get(0).files()).isEqualTo(5);
        assertThat(count(database, "SELECT COUNT(*) FROM ticket")).isEqualTo(tickets + 1);
        assertThat(count(database, "SELECT COUNT(*) FROM account")).isEqualTo(500);
    }

    @Test
    void aDefinitionIsCheckedWithEveryMistakeNamed() {
        assertThatThrownBy(() -> SourceDefinition.query("postgres://x", null, null, null, null, "1X", null, null).check("c r m"))
                .isInstanceOf(SourceDefinition.InvalidSourceException.class)
                .hasMessageContaining("the name \"c r m\"")
                .hasMessageContaining("needs a JDBC URL")
                .hasMessageContaining("needs its query")
                .hasMessageContaining("needs its cursor")
                .hasMessageContaining("needs the entity")
                .hasMessageContaining("\"1X\" is not an environment variable's name");
        assertThatThrownBy(() -> SourceDefinition.query("jdbc:postgresql://h/db?password=x", "SELECT 1", "c", "usage",
                null, null, null, null).check("crm")).hasMessageContaining("must not hold a password");
        assertThatThrownBy(() -> SourceDefinition.query("jdbc:postgresql://bob:pw@h/db", "SELECT 1", "c", "usage",
                null, null, null, null).check("crm")).hasMessageContaining("must not hold a password");
        assertThatThrownBy(() -> SourceDefinition.folder("/x", null, "usages", null).check("u"))
                .hasMessageContaining("entity \"usages\" is none of");
        assertThatThrownBy(() -> SourceDefinition.fromJson("{\"kind\":\"folder\",\"path\":\"/x\"}", "u"))
                .hasMessageContaining("unknown field \"path\"");
    }

    @Test
    void durationsReadAsPeopleWriteThem() {
        assertThat(Durations.parse("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(Durations.parse(" 2h ")).isEqualTo(Duration.ofHours(2));
        assertThat(Durations.parse("PT30S")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThatThrownBy(() -> Durations.parse("soon")).hasMessageContaining("such as 30s, 15m, 2h or 1d");
    }
}
