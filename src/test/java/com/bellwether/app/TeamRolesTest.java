package com.bellwether.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.bellwether.alerts.Alert;
import com.bellwether.alerts.AlertFilter;
import com.bellwether.alerts.WebhookUrl;
import com.bellwether.backtest.BacktestSettings;
import com.bellwether.cli.BellwetherCommand;
import com.bellwether.domain.Note;
import com.bellwether.ingest.BundleImporter;
import com.bellwether.ingest.ImportProgress;
import com.bellwether.scoring.HealthModel;
import com.bellwether.store.DatabaseLocation;
import com.bellwether.store.Dialect;
import com.bellwether.store.FreshDatabases;
import com.bellwether.store.NotPermittedException;
import com.bellwether.store.PostgresServer;

/**
 * The roles script applied to a real PostgreSQL server, and a user of each role connected to it: what the role
 * allows works, and what it does not is refused by the server with one line naming the role that allows it.
 */
class TeamRolesTest {

    private static final String PASSWORD = "not-a-secret-of-anyone";
    private static final FreshDatabases DATABASES = new FreshDatabases();
    private static final Map<TeamRole, String> USERS = new java.util.EnumMap<>(TeamRole.class);
    private static String database;
    private static DatabaseLocation owner;
    private static LocalDate asOf;

    @BeforeAll
    static void aTeamDatabaseWithItsRolesAndAUserOfEach() throws Exception {
        owner = DATABASES.location(Dialect.POSTGRESQL);
        String url = owner.jdbcUrl();
        database = url.substring(url.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
        Workspace asOwner = Workspace.open(url);
        assertThat(asOwner.importSample(ImportProgress.NONE).succeeded()).isTrue();
        asOwner.activeVersion();
        asOf = asOwner.portfolio().lastDataDate();
        asOwner.evaluateAlerts(asOf, null);

        TeamRole.applyScript(new WorkspaceLocation(owner));
        TeamRole.applyScript(new WorkspaceLocation(owner));

        for (TeamRole role : TeamRole.values()) {
            USERS.put(role, PostgresServer.get().createUser(role.name().toLowerCase(java.util.Locale.ROOT), PASSWORD,
                    role.roleName()));
        }
    }

    @AfterAll
    static void dropTheUsersAndTheDatabase() {
        DATABASES.close();
        USERS.values().forEach(PostgresServer.get()::dropUser);
    }

    private static DatabaseLocation locationOf(TeamRole role) {
        return PostgresServer.get().location(database, USERS.get(role), PASSWORD);
    }

    private static Workspace as(TeamRole role) {
        return Workspace.open(new WorkspaceLocation(locationOf(role)));
    }

    private static String refusal(TeamRole role, String action, TeamRole needed) {
        return "Your database user '" + USERS.get(role) + "' may not " + action + ": that takes the " + needed.roleName()
                + " role; ask your Bellwether admin.";
    }

    @Test
    void anAnalystReadsScoresAndBacktestsButChangesNothing() throws Exception {
        Workspace analyst = as(TeamRole.ANALYST);
        HealthModel model = analyst.activeModel();

        assertThat(analyst.score(model, asOf, () -> false)).hasSizeGreaterThan(100);
        assertThat(analyst.backtest(model, BacktestSettings.defaults(), () -> false)).isNotNull();
        assertThat(analyst.openAlerts(AlertFilter.ANY)).isNotEmpty();
        assertThat(analyst.info(5).isEmpty()).isFalse();

        String account = analyst.portfolio().accounts().get(0).accountId();
        assertThatThrownBy(() -> analyst.adjust(new Note(account, asOf, "Ana", 3, "Good call", null), 10, "ana"))
                .isInstanceOf(NotPermittedException.class)
                .hasMessage(refusal(TeamRole.ANALYST, "add an adjustment", TeamRole.CSM));
        Alert alert = analyst.openAlerts(AlertFilter.ANY).get(0);
        assertThatThrownBy(() -> analyst.acknowledgeAlert(alert))
                .hasMessage(refusal(TeamRole.ANALYST, "change an alert's status", TeamRole.CSM));
        assertThatThrownBy(() -> analyst.snapshot(asOf, null))
                .hasMessage(refusal(TeamRole.ANALYST, "store score history", TeamRole.CSOPS));
    }

    @Test
    void aCsmAdjustsAndChangesAlertsButDoesNotImportOrSaveVersions() throws Exception {
        Workspace csm = as(TeamRole.CSM);
        String account = csm.portfolio().accounts().get(2).accountId();
        Note note = new Note(account, asOf, "Omar", -4, "Champion left", null);

        csm.adjust(note, 10, "omar");
        csm.removeAdjustment(account, asOf, "Omar", "omar");
        assertThat(csm.adjustmentTrail(account)).hasSize(2);
        List<Alert> open = csm.openAlerts(AlertFilter.ANY);
        assertThat(csm.dismissAlert(open.get(open.size() - 1), "Already on it").status().name()).isEqualTo("DISMISSED");

        long runs = csm.info(100).recentImports().size();
        assertThatThrownBy(() -> csm.importBundle(BundleImporter.Request.canonical(Path.of("sample-data")),
                ImportProgress.NONE)).hasMessage(refusal(TeamRole.CSM, "import data", TeamRole.CSOPS));
        assertThat(csm.info(100).recentImports()).as("nothing imported").hasSize((int) runs);
        assertThatThrownBy(() -> csm.saveVersion(csm.activeModel(), "Mine", "", false))
                .hasMessage(refusal(TeamRole.CSM, "save a model version", TeamRole.CSOPS));
        assertThatThrownBy(() -> csm.configureWebhook(WebhookUrl.parse("https://hooks.example.com/in")))
                .hasMessage(refusal(TeamRole.CSM, "change the webhook settings", TeamRole.CSOPS));
    }

    @Test
    void csOpsSaveVersionsRunAlertsAndSetTheWebhookButDoNotActivate() {
        Workspace csops = as(TeamRole.CSOPS);
        HealthModel model = csops.activeModel();

        ModelVersion saved = csops.saveVersion(model.withCategoryWeights(Map.of(model.categories().get(0).id(), 0.3)),
                "Ops draft", "", false);
        assertThat(saved.active()).isFalse();
        csops.evaluateAlerts(asOf, null);
        csops.configureWebhook(WebhookUrl.parse("https://hooks.example.com/in"));
        csops.snapshot(asOf, null);

        assertThatThrownBy(() -> csops.activate(saved.number()))
                .isInstanceOf(NotPermittedException.class)
                .hasMessage(refusal(TeamRole.CSOPS, "activate a model version", TeamRole.LEADER));
        assertThatThrownBy(() -> csops.saveVersion(model, "Straight in", "", true))
                .hasMessage(refusal(TeamRole.CSOPS, "save and activate a model version", TeamRole.LEADER));
        assertThat(csops.activeVersion().number()).isNotEqualTo(saved.number());
    }

    @Test
    void aLeaderActivatesAVersion() {
        Workspace leader = as(TeamRole.LEADER);
        ModelVersion saved = leader.saveVersion(leader.activeModel(), "Leader's pick", "", false);

        assertThat(leader.activate(saved.number()).number()).isEqualTo(saved.number());
        assertThat(Workspace.open(owner.jdbcUrl()).activeVersion().number()).isEqualTo(saved.number());
    }

    @Test
    void theCommandLineSaysWhatWasRefusedInOneLineAndExitsWithTwo() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BellwetherCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute("models", "activate", "1", "--db", locationOf(TeamRole.ANALYST).jdbcUrl());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("error: " + refusal(TeamRole.ANALYST, "activate a model version",
                TeamRole.LEADER) + System.lineSeparator()).doesNotContain(PASSWORD);
    }

    @Test
    void onlyASuperuserOrTheOwnerMayApplyTheRoles() {
        assertThatThrownBy(() -> TeamRole.applyScript(new WorkspaceLocation(locationOf(TeamRole.LEADER))))
                .isInstanceOf(NotPermittedException.class)
                .hasMessage("Your database user '" + USERS.get(TeamRole.LEADER) + "' may not create Bellwether's roles in "
                        + owner.displayName() + ": that takes a superuser, or the owner of the tables with the"
                        + " CREATEROLE right; nothing was changed");
    }

    @Test
    void theScriptShippedIsTheOnePrinted() throws Exception {
        StringWriter out = new StringWriter();
        int code = BellwetherCommand.commandLine(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true))
                .execute("db", "roles");

        assertThat(code).isZero();
        assertThat(out.toString()).isEqualTo(java.nio.file.Files.readString(
                Path.of("src/main/resources/team-server/roles.sql")));
    }
}
