package com.bellwether.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.bellwether.alerts.AlertEvaluator;
import com.bellwether.alerts.AlertFinding;
import com.bellwether.ingest.BundleImporter;
import com.bellwether.ingest.ImportProgress;
import com.bellwether.ingest.ImportReport;
import com.bellwether.sample.GeneratorSettings;
import com.bellwether.sample.SampleGenerator;
import com.bellwether.scoring.AccountScore;
import com.bellwether.scoring.HealthModel;
import com.bellwether.scoring.HealthScorer;
import com.bellwether.scoring.Portfolio;
import com.bellwether.scoring.Snapshots;
import com.bellwether.store.Database;
import com.bellwether.store.DatabaseLocation;
import com.bellwether.store.Dialect;
import com.bellwether.store.FreshDatabases;
import com.bellwether.store.OnBothDatabases;

/**
 * An import re-reads and re-scores only the accounts it gave records of; the portfolio, the scores, the stored
 * score history and the alerts that follow are those of reading and scoring everything again, on an H2 file and on
 * a PostgreSQL server (where no columns are kept beside the database).
 */
class IncrementalImportTest {

    @TempDir
    static Path dir;
    private static Path bundle;
    private static final FreshDatabases SERVERS = new FreshDatabases();
    private static final Map<String, DatabaseLocation> SERVER_DATABASES = new HashMap<>();

    /**
     * Later records of a few accounts (inside the data's dates), one changed account and one new account, and dated
     * changes of two accounts' attributes.
     */
    private static final String DELTA_ACCOUNTS = """
            account_id,name,segment,industry,region,csm,lifecycle_stage,arr,licensed_seats,contract_start,renewal_date
            ACC-00003,Renamed Inc,Enterprise,Manufacturing,EMEA,Ana Silva,,999000,900,2023-01-15,2026-12-15
            ACC-99999,Newco,SMB,Retail,NA,Sam Roe,,12000,20,2024-03-01,2026-12-01
            """;

    @BeforeAll
    static void generate() throws IOException {
        bundle = Files.createDirectories(dir.resolve("bundle"));
        new SampleGenerator(GeneratorSettings.defaults().withAccounts(120).withMonths(18)).writeTo(bundle);
    }

    @AfterAll
    static void dropTheServerDatabases() {
        SERVERS.close();
    }

    private static Path delta(String name) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(name));
        Files.writeString(folder.resolve("accounts.csv"), DELTA_ACCOUNTS);
        Files.writeString(folder.resolve("tickets.csv"), """
                ticket_id,account_id,opened,closed,priority,escalated,csat
                T-DELTA-1,ACC-00005,2026-08-01,2026-08-09,urgent,true,1
                T-DELTA-2,ACC-00007,2026-09-01,,high,true,
                """);
        Files.writeString(folder.resolve("account_history.csv"), """
                account_id,effective_date,lifecycle_stage,licensed_seats,arr,csm,renewal_date
                ACC-00011,2026-06-01,renewal,5,,Ana Silva,
                ACC-00003,2025-01-01,,,500000,,
                """);
        Files.writeString(folder.resolve("notes.csv"), """
                account_id,date,author,adjustment,reason,expires
                ACC-00005,2026-09-10,Dana Lee,-15,Champion left,2026-12-31
                """);
        Files.writeString(folder.resolve("outcomes.csv"), """
                account_id,date,event,arr_change
                ACC-00009,2026-09-15,churn,
                """);
        return folder;
    }

    /**
     * Held open, as the workbench holds its database, so the file is not closed and opened again between steps; on
     * the server, a database of the name's own, opened as often as asked like the file.
     */
    private static Database database(Dialect dialect, String name) {
        if (dialect == Dialect.H2) {
            return Database.openHeld(DatabaseLocation.parse(dir.resolve(name).resolve("bellwether").toString()));
        }
        return SERVERS.keep(Database.openHeld(SERVER_DATABASES.computeIfAbsent(name, n -> SERVERS.location(dialect))));
    }

    private static Database database(String name) {
        return database(Dialect.H2, name);
    }

    private static Workspace imported(String name) throws IOException {
        return imported(Dialect.H2, name);
    }

    private static Workspace imported(Dialect dialect, String name) throws IOException {
        Workspace workspace = Workspace.of(database(dialect, name));
        ImportReport report = workspace.importBundle(BundleImporter.Request.canonical(bundle), ImportProgress.NONE);
        assertThat(report.succeeded()).isTrue();
        return workspace;
    }

    @OnBothDatabases
    void inMemoryPortfolioAndScoresEqualAFullRecompute(Dialect dialect) throws IOException, SQLException {
        Workspace workspace = imported(dialect, "memory");
        Database database = database(dialect, "memory");
        HealthModel model = workspace.activeModel();
        Portfolio before = workspace.portfolio();
        LocalDate asOf = before.lastDataDate();
        workspace.scores(model, asOf, () -> false);

        ImportReport report = workspace.importBundle(BundleImporter.Request.canonical(delta("delta1")), ImportProgress.NONE);

        assertThat(report.accounts()).containsExactlyInAnyOrder("ACC-00003", "ACC-99999", "ACC-00005", "ACC-00007",
                "ACC-00009", "ACC-00011");
        Portfolio incremental = workspace.portfolioState().get();
        assertThat(incremental).isNotNull();
        assertThat(incremental.lastDataDate()).isEqualTo(asOf);
        // Untouched accounts keep their columns; the rest was read again.
        assertThat(incremental.size()).isEqualTo(before.size() + 1);
        CurrentScores kept = workspace.scoresState().get();
        assertThat(kept).isNotNull();

        Portfolio full = fullRead(database);
        assertSamePortfolio(incremental, full);
        List<AccountScore> recomputed = new HealthScorer(model, full).scoreLive(asOf, () -> false);
        assertThat(kept.scores()).isEqualTo(recomputed);
        assertThat(workspace.scores(model, asOf, () -> false)).isSameAs(kept.scores());
        assertThat(findings(model, incremental, asOf)).isEqualTo(findings(model, full, asOf));
        assertThat(history(database, incremental, asOf)).isEqualTo(history(database, full, asOf));
    }

    @OnBothDatabases
    void usageAloneIsTakenInWithoutReadingTheAccountsAgain(Dialect dialect) throws IOException, SQLException {
        Workspace workspace = imported(dialect, "usage-only");
        Database database = database(dialect, "usage-only");
        HealthModel model = workspace.activeModel();
        Portfolio before = workspace.portfolio();
        LocalDate asOf = before.lastDataDate();
        workspace.scores(model, asOf, () -> false);
        Path folder = Files.createDirectories(dir.resolve("usage-only-" + dialect));
        // A new day, a day stored again with one metric changed, and a day of a metric given for the first time.
        Files.writeString(folder.resolve("usage.csv"), """
                account_id,date,logins,sessions
                ACC-00002,%s,7,
                ACC-00002,%s,1,2
                ACC-00004,2026-06-01,,9
                ACC-00006,%s,3,3
                """.formatted(asOf, asOf.minusDays(3), asOf));

        ImportReport report = workspace.importBundle(BundleImporter.Request.canonical(folder), ImportProgress.NONE);

        assertThat(report.succeeded()).isTrue();
        Portfolio incremental = workspace.portfolioState().get();
        Portfolio full = fullRead(database);
        assertSamePortfolio(incremental, full);
        assertThat(workspace.scoresState().get().scores())
                .isEqualTo(new HealthScorer(model, full).scoreLive(asOf, () -> false));
        assertThat(findings(model, incremental, asOf)).isEqualTo(findings(model, full, asOf));
    }

    /** Columns are kept beside an H2 file only. */
    @Test
    void aCommandReadsTheKeptColumnsAndOnlyTheChangedAccounts() throws IOException {
        Workspace first = imported("file");
        first.portfolio(); // keeps the columns beside the database
        Database database = database("file");
        Workspace command = Workspace.of(database);

        command.importBundle(BundleImporter.Request.canonical(delta("delta2")), ImportProgress.NONE);

        Portfolio incremental = command.portfolioState().get();
        assertThat(incremental).isNotNull();
        Portfolio full = fullRead(database);
        assertSamePortfolio(incremental, full);
        HealthModel model = command.activeModel();
        LocalDate asOf = full.lastDataDate();
        assertThat(new HealthScorer(model, incremental).scoreLive(asOf, () -> false))
                .isEqualTo(new HealthScorer(model, full).scoreLive(asOf, () -> false));
    }

    @OnBothDatabases
    void withNothingReadBeforeNothingIsReadAfter(Dialect dialect) throws IOException {
        Workspace workspace = Workspace.of(database(dialect, "none"));
        workspace.importBundle(BundleImporter.Request.canonical(bundle), ImportProgress.NONE);

        assertThat(workspace.portfolioState().get()).isNull();
    }

    /** Everything read from the database again, bypassing the columns kept beside it. */
    private static Portfolio fullRead(Database database) {
        Portfolio.Builder builder = Portfolio.builder();
        com.bellwether.store.PortfolioReader.stream(database, builder);
        return builder.build();
    }

    private static void assertSamePortfolio(Portfolio actual, Portfolio expected) {
        assertThat(actual.accounts()).isEqualTo(expected.accounts());
        assertThat(actual.metrics()).isEqualTo(expected.metrics());
        assertThat(actual.firstDataDate()).isEqualTo(expected.firstDataDate());
        assertThat(actual.lastDataDate()).isEqualTo(expected.lastDataDate());
        for (int a = 0; a < expected.size(); a++) {
            assertThat(actual.outcomes(a)).isEqualTo(expected.outcomes(a));
            assertThat(actual.notes(a)).isEqualTo(expected.notes(a));
            assertThat(actual.account(a, expected.lastDataDate())).isEqualTo(expected.account(a, expected.lastDataDate()));
        }
        // Every measure of every account at many dates: what the columns are for.
        HealthModel model = HealthModel.defaultModel();
        LocalDate last = expected.lastDataDate();
        for (int months = 0; months < 12; months += 3) {
            LocalDate asOf = last.minusMonths(months);
            assertThat(new HealthScorer(model, actual).scoreLive(asOf, () -> false))
                    .isEqualTo(new HealthScorer(model, expected).scoreLive(asOf, () -> false));
        }
    }

    private static List<AlertFinding> findings(HealthModel model, Portfolio portfolio, LocalDate asOf) {
        return new AlertEvaluator(model, portfolio).evaluate(asOf);
    }

    /** The score history a snapshot stores, as text. */
    private static String history(Database database, Portfolio portfolio, LocalDate asOf) throws SQLException {
        Snapshots.snapshot(database, portfolio, asOf);
        StringBuilder text = new StringBuilder();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT * FROM score_snapshot ORDER BY 1, 2, 3")) {
            while (rs.next()) {
                for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                    text.append(rs.getString(c)).append(c < rs.getMetaData().getColumnCount() ? "," : "\n");
                }
            }
        }
        return text.toString();
    }
}
