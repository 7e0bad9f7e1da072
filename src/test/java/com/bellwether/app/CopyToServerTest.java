package com.bellwether.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.bellwether.alerts.Alert;
import com.bellwether.alerts.AlertFilter;
import com.bellwether.alerts.WebhookSender;
import com.bellwether.alerts.WebhookUrl;
import com.bellwether.domain.Note;
import com.bellwether.ingest.ImportProgress;
import com.bellwether.scoring.HealthModel;
import com.bellwether.store.Database;
import com.bellwether.store.DatabaseCopy;
import com.bellwether.store.FreshDatabases;
import com.bellwether.store.StoreException;
import com.bellwether.store.TableText;

/**
 * A person's H2 database, with a history of work in it, copied into a fresh PostgreSQL database: everything arrives,
 * scores the same, and the server's numbering goes on after it; a database that holds data, or a copy that fails
 * half-way, leaves the server as it was.
 */
class CopyToServerTest {

    private static final FreshDatabases DATABASES = new FreshDatabases();
    private static Database source;

    @BeforeAll
    static void workDoneOnADesktopFile() throws Exception {
        source = DATABASES.h2();
        Workspace workspace = Workspace.of(source);
        assertThat(workspace.importSample(ImportProgress.NONE).succeeded()).isTrue();
        HealthModel model = workspace.activeModel();
        workspace.saveVersion(model.withCategoryWeights(Map.of(model.categories().get(0).id(), 0.5)), "Tuned",
                "More weight on adoption", true);
        String account = workspace.portfolio().accounts().get(0).accountId();
        LocalDate asOf = workspace.portfolio().lastDataDate();
        Note kept = new Note(account, asOf.minusDays(3), "Dana Lee", 4, "Champion back from leave", asOf.plusDays(60));
        Note removed = new Note(account, asOf.minusDays(2), "Dana Lee", -3, "Budget review", asOf.plusDays(30));
        workspace.adjust(kept, 10, "dana");
        workspace.adjust(removed, 10, "dana");
        workspace.removeAdjustment(account, removed.date(), removed.author(), "dana");
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        WebhookUrl webhook = WebhookUrl.parse("http://127.0.0.1:" + closedPort + "/hook?token=s3cret");
        workspace.configureWebhook(webhook);
        workspace.evaluateAlerts(asOf, webhook);
        List<Alert> open = workspace.openAlerts(AlertFilter.ANY);
        assertThat(open).hasSizeGreaterThan(1);
        workspace.acknowledgeAlert(open.get(0));
        workspace.dismissAlert(open.get(1), "Renewal already signed");
        workspace.deliverDueAlerts(WebhookSender.withDefaults());
        workspace.snapshot(asOf, null);
        workspace.freezeOutcomes();
    }

    @AfterAll
    static void dropTheDatabases() {
        DATABASES.close();
    }

    @Test
    void everyTableOfTheSchemaIsCopiedOrFilledByTheMigrations() {
        List<String> known = new ArrayList<>(DatabaseCopy.COPIED);
        known.addAll(DatabaseCopy.FILLED_BY_MIGRATIONS);

        assertThat(DatabaseCopy.tablesOf(source)).containsExactlyInAnyOrderElementsOf(known);
        assertThat(DatabaseCopy.tablesOf(DATABASES.postgres())).containsExactlyInAnyOrderElementsOf(known);
    }

    @Test
    void everythingArrivesScoresTheSameAndTheServerNumbersOnAfterIt() throws Exception {
        Database target = DATABASES.postgres();

        CopyReport report = CopyToServer.copy(source, target, ImportProgress.NONE);

        assertThat(report.differences()).isEmpty();
        assertThat(report.activeVersion()).isEqualTo(2);
        assertThat(report.accountsScored()).isGreaterThan(100);
        for (String table : DatabaseCopy.COPIED) {
            assertThat(TableText.of(target, table)).as(table).isEqualTo(TableText.of(source, table));
        }
        for (String table : List.of("model_version", "adjustment_audit", "alert", "webhook_outbox", "webhook_delivery",
                "score_snapshot", "frozen_score", "import_run", "app_setting", "note", "usage_day")) {
            assertThat(TableText.of(target, table)).as(table).isNotEmpty();
        }
        assertThat(TableText.of(target, "alert")).anyMatch(row -> row.contains("status=ACKNOWLEDGED"))
                .anyMatch(row -> row.contains("status=DISMISSED"));

        Workspace onServer = Workspace.of(target);
        assertThat(onServer.activeVersion().number()).isEqualTo(2);
        assertThat(onServer.saveVersion(onServer.activeModel(), "After the move", "", false).number()).isEqualTo(3);
        long lastAudit = maxOf(target, "adjustment_audit", "audit_id");
        String account = onServer.portfolio().accounts().get(1).accountId();
        onServer.adjust(new Note(account, report.asOf(), "Ana", 2, "Good QBR", null), 10, "ana");
        assertThat(maxOf(target, "adjustment_audit", "audit_id")).isEqualTo(lastAudit + 1);
        assertThat(nextIdentityValuesAfterTheCopiedOnes(target)).isTrue();
    }

    @Test
    void aDatabaseThatHoldsDataIsRefusedAndLeftAsItWas() throws Exception {
        Database target = DATABASES.postgres();
        execute(target, "INSERT INTO app_setting (setting_key, setting_value) VALUES ('theirs', 'kept')");

        assertThatThrownBy(() -> CopyToServer.copy(source, target, ImportProgress.NONE))
                .isInstanceOf(DatabaseCopy.TargetNotEmptyException.class)
                .hasMessageStartingWith("The database at " + target.location().displayName() + " already holds data"
                        + " (1 row in app_setting)")
                .hasMessageNotContaining("\n");
        assertThat(TableText.of(target, "app_setting")).containsExactly("setting_key=theirs | setting_value=kept | ");
        assertThat(rowsIn(target)).isEqualTo(1);
    }

    @Test
    void aCopyThatFailsHalfwayLeavesTheServerEmpty() throws Exception {
        Database target = DATABASES.postgres();
        execute(target, "CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$"
                + " LANGUAGE plpgsql");
        execute(target, "CREATE TRIGGER refuse BEFORE INSERT ON webhook_delivery FOR EACH ROW EXECUTE FUNCTION refuse()");

        assertThatThrownBy(() -> CopyToServer.copy(source, target, ImportProgress.NONE))
                .isInstanceOf(StoreException.class).hasMessageContaining("nothing was copied")
                .hasMessageContaining("disk full");
        assertThat(rowsIn(target)).isZero();
    }

    @Test
    void aTableTheCopyDoesNotKnowStopsItBeforeItWrites() throws Exception {
        Database withMore = DATABASES.h2();
        execute(withMore, "CREATE TABLE playbook_run (id INTEGER PRIMARY KEY)");
        Database target = DATABASES.postgres();

        assertThatThrownBy(() -> CopyToServer.copy(withMore, target, ImportProgress.NONE))
                .isInstanceOf(StoreException.class).hasMessageContaining("does not know how to copy (playbook_run)");
        assertThat(rowsIn(target)).isZero();
    }

    private static long rowsIn(Database database) throws Exception {
        long rows = 0;
        for (String table : DatabaseCopy.COPIED) {
            rows += TableText.of(database, table).size();
        }
        return rows;
    }

    private static long maxOf(Database database, String table, String column) throws Exception {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT MAX(" + column + ") FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Each identity column's next value is past the highest id the copy wrote. */
    private static boolean nextIdentityValuesAfterTheCopiedOnes(Database database) throws Exception {
        List<String[]> identities = new ArrayList<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("SELECT table_name, column_name FROM information_schema.columns"
                    + " WHERE table_schema = current_schema() AND is_identity = 'YES'")) {
                while (rs.next()) {
                    identities.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            assertThat(new TreeSet<>(identities.stream().map(i -> i[0]).toList())).contains("alert", "account",
                    "adjustment_audit", "import_run", "webhook_outbox", "webhook_delivery", "contact");
            for (String[] identity : identities) {
                long max = maxOf(database, identity[0], identity[1]);
                try (ResultSet rs = statement.executeQuery("SELECT nextval(pg_get_serial_sequence('" + identity[0]
                        + "', '" + identity[1] + "'))")) {
                    rs.next();
                    assertThat(rs.getLong(1)).as(identity[0]).isGreaterThan(max);
                }
            }
        }
        return true;
    }

    private static void execute(Database database, String sql) throws Exception {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
