package com.bellwether.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.bellwether.alerts.Alert;
import com.bellwether.alerts.AlertRun;
import com.bellwether.alerts.AlertStore;
import com.bellwether.alerts.Outbox;
import com.bellwether.alerts.WebhookUrl;
import com.bellwether.ingest.BundleImporter;
import com.bellwether.ingest.ImportProgress;
import com.bellwether.ingest.ImportReport;
import com.bellwether.store.Database;
import com.bellwether.store.DatabaseSummary;
import com.bellwether.store.FreshDatabases;
import com.bellwether.store.FrozenScore;
import com.bellwether.store.ModelVersion;
import com.bellwether.store.ModelVersionStore;
import com.bellwether.store.PortfolioReader;
import com.bellwether.store.PortfolioText;
import com.bellwether.store.ScoreSnapshot;
import com.bellwether.store.SnapshotStore;

/**
 * The shipped sample imported into H2 and into PostgreSQL reads back, scores, keeps its score history and raises its
 * alerts the same on both.
 */
class SampleOnBothDatabasesTest {

    private static final LocalDate T = LocalDate.parse("2025-06-30");
    private static final FreshDatabases DATABASES = new FreshDatabases();
    private static Database h2;
    private static Database postgres;

    @BeforeAll
    static void importTheSampleIntoBoth() throws Exception {
        h2 = imported(DATABASES.h2());
        postgres = imported(DATABASES.postgres());
    }

    @AfterAll
    static void dropTheDatabases() {
        DATABASES.close();
    }

    private static Database imported(Database database) throws java.io.IOException {
        ImportReport report = new BundleImporter(database).run(BundleImporter.Request.canonical(Path.of("sample-data")),
                ImportProgress.NONE);
        assertThat(report.succeeded()).as(database.dialect() + ": " + report.problems()).isTrue();
        return database;
    }

    @Test
    void bothHoldTheSameRowsAndTheSameSpanOfDates() {
        DatabaseSummary onH2 = DatabaseSummary.read(h2);
        DatabaseSummary onPostgres = DatabaseSummary.read(postgres);

        assertThat(onPostgres.rowsPerTable()).isEqualTo(onH2.rowsPerTable());
        assertThat(onH2.rowsPerTable().get("account")).isEqualTo(600L);
        assertThat(onPostgres.firstDate()).isEqualTo(onH2.firstDate());
        assertThat(onPostgres.lastDate()).isEqualTo(onH2.lastDate());
    }

    @Test
    void bothReadBackTheSamePortfolioInTheSameOrder() {
        assertThat(PortfolioText.of(postgres)).isEqualTo(PortfolioText.of(h2));
        assertThat(PortfolioReader.read(postgres).accounts()).extracting(com.bellwether.domain.Account::accountId)
                .containsExactlyElementsOf(PortfolioReader.read(h2).accounts().stream()
                        .map(com.bellwether.domain.Account::accountId).toList());
    }

    @Test
    void importingTheSampleAgainChangesNothingOnEither() throws Exception {
        // Rows are now matched on their natural keys: MERGE on H2, INSERT ... ON CONFLICT on PostgreSQL.
        Map<String, Long> before = DatabaseSummary.rowCounts(postgres);
        String portfolio = PortfolioText.of(postgres);

        imported(h2);
        imported(postgres);

        assertThat(PortfolioText.of(postgres)).isEqualTo(portfolio).isEqualTo(PortfolioText.of(h2));
        assertThat(DatabaseSummary.rowCounts(postgres)).isEqualTo(DatabaseSummary.rowCounts(h2))
                .containsEntry("account", before.get("account")).containsEntry("usage_day", before.get("usage_day"))
                .containsEntry("ticket", before.get("ticket")).containsEntry("interaction", before.get("interaction"));
    }

    @Test
    void everyLiveAccountScoresTheSameOnBothTo1e9() {
        List<AccountScore> onH2 = new HealthScorer(HealthModel.defaultModel(), Portfolio.load(h2)).scoreLive(T, () -> false);
        List<AccountScore> onPostgres = new HealthScorer(HealthModel.defaultModel(), Portfolio.load(postgres))
                .scoreLive(T, () -> false);

        assertThat(onPostgres.size()).isEqualTo(onH2.size()).isGreaterThan(100);
        for (int i = 0; i < onH2.size(); i++) {
            AccountScore a = onH2.get(i);
            AccountScore b = onPostgres.get(i);
            assertThat(b.accountId()).isEqualTo(a.accountId());
            assertThat(b.score()).as(a.accountId()).isCloseTo(a.score(), within(1e-9));
            assertThat(b.baseScore()).as(a.accountId()).isCloseTo(a.baseScore(), within(1e-9));
            assertThat(b.band()).as(a.accountId()).isEqualTo(a.band());
            assertThat(b.explanation()).as(a.accountId()).isEqualTo(a.explanation());
        }
    }

    @Test
    void snapshotsStoredOnBothReadBackTheSame() {
        Snapshots.snapshot(h2, Portfolio.load(h2), T);
        Snapshots.snapshot(postgres, Portfolio.load(postgres), T);

        List<ScoreSnapshot> onH2 = new SnapshotStore(h2).at(T, 1);
        List<ScoreSnapshot> onPostgres = new SnapshotStore(postgres).at(T, 1);
        assertThat(onPostgres.size()).isEqualTo(onH2.size()).isPositive();
        for (int i = 0; i < onH2.size(); i++) {
            assertThat(onPostgres.get(i).accountId()).isEqualTo(onH2.get(i).accountId());
            assertThat(onPostgres.get(i).score()).isCloseTo(onH2.get(i).score(), within(1e-9));
            assertThat(onPostgres.get(i).band()).isEqualTo(onH2.get(i).band());
            assertThat(onPostgres.get(i).topReasons()).isEqualTo(onH2.get(i).topReasons());
        }
        assertThat(Snapshots.freezeOutcomes(postgres, Portfolio.load(postgres)))
                .isEqualTo(Snapshots.freezeOutcomes(h2, Portfolio.load(h2))).isPositive();
        List<FrozenScore> frozenOnH2 = new SnapshotStore(h2).frozen();
        List<FrozenScore> frozenOnPostgres = new SnapshotStore(postgres).frozen();
        assertThat(frozenOnPostgres.size()).isEqualTo(frozenOnH2.size());
        for (int i = 0; i < frozenOnH2.size(); i++) {
            FrozenScore a = frozenOnH2.get(i);
            FrozenScore b = frozenOnPostgres.get(i);
            assertThat(List.of(b.accountId(), b.outcomeDate(), b.event(), b.versionNo(), b.asOf()))
                    .isEqualTo(List.of(a.accountId(), a.outcomeDate(), a.event(), a.versionNo(), a.asOf()));
            assertSameNumber(b.score(), a.score(), a.accountId());
            assertThat(b.band()).isEqualTo(a.band());
            assertThat(b.reasons()).isEqualTo(a.reasons());
        }
    }

    @Test
    void aWeeklyBackfillAndItsRescoringUnderASecondVersionStoreTheSameHistoryOnBoth() {
        LocalDate from = LocalDate.parse("2024-11-01");
        LocalDate to = LocalDate.parse("2025-01-31");
        for (Database database : List.of(h2, postgres)) {
            Portfolio portfolio = Portfolio.load(database);
            Snapshots.backfillWeekly(database, portfolio, from, to);
            ModelVersionStore versions = new ModelVersionStore(database);
            HealthModel strict = SavedModels.active(versions).withBands(new HealthModel.Bands(60.0, 80.0));
            ModelVersion saved = SavedModels.save(versions, strict, "Strict", "", "ana", false);
            Snapshots.rescoreHistory(database, portfolio, saved.number(), from, to);
        }

        List<ScoreSnapshot> onH2 = new SnapshotStore(h2).all();
        List<ScoreSnapshot> onPostgres = new SnapshotStore(postgres).all();
        assertThat(new SnapshotStore(postgres).dates(from, to)).isEqualTo(new SnapshotStore(h2).dates(from, to))
                .hasSize(13);
        assertThat(onPostgres.size()).isEqualTo(onH2.size()).isGreaterThan(13 * 2 * 300);
        for (int i = 0; i < onH2.size(); i++) {
            ScoreSnapshot a = onH2.get(i);
            ScoreSnapshot b = onPostgres.get(i);
            String row = a.accountId() + " " + a.asOf() + " v" + a.versionNo();
            assertThat(List.of(b.asOf(), b.accountId(), b.versionNo(), b.stage(), b.band(), b.topReasons())).as(row)
                    .isEqualTo(List.of(a.asOf(), a.accountId(), a.versionNo(), a.stage(), a.band(), a.topReasons()));
            assertSameNumber(b.score(), a.score(), row);
            assertSameNumber(b.baseScore(), a.baseScore(), row);
            assertSameNumber(b.adjustment(), a.adjustment(), row);
            assertThat(b.categoryScores().keySet()).as(row).containsExactlyElementsOf(a.categoryScores().keySet());
            a.categoryScores().forEach((category, score) -> assertSameNumber(b.categoryScores().get(category), score,
                    row + " " + category));
        }
    }

    @Test
    void alertRunsOverAQuarterRaiseTheSameAlertsAndQueueTheSameMessagesOnBoth() {
        Clock clock = Clock.fixed(Instant.parse("2025-07-01T06:00:00Z"),
                ZoneOffset.UTC);
        WebhookUrl webhook = WebhookUrl.parse("https://hooks.example.com/cs");
        for (Database database : List.of(h2, postgres)) {
            Portfolio portfolio = Portfolio.load(database);
            for (LocalDate asOf = LocalDate.parse("2025-04-06"); !asOf.isAfter(T); asOf = asOf.plusWeeks(1)) {
                AlertRun.run(database, HealthModel.defaultModel(), portfolio, asOf, webhook, clock);
            }
        }

        List<Alert> onH2 = new AlertStore(h2, clock).all();
        List<Alert> onPostgres = new AlertStore(postgres, clock).all();
        assertThat(onH2).hasSizeGreaterThan(10);
        assertThat(onPostgres).hasSameSizeAs(onH2);
        for (int i = 0; i < onH2.size(); i++) {
            Alert a = onH2.get(i);
            Alert b = onPostgres.get(i);
            assertThat(List.of(b.externalId(), b.accountId(), b.ruleId(), b.kind(), b.severity(), b.raisedOn(),
                    b.lastSeen(), String.valueOf(b.band()), String.valueOf(b.bandBefore()), b.headline(),
                    b.explanation(), String.valueOf(b.action()), String.valueOf(b.owner()), b.status()))
                    .isEqualTo(List.of(a.externalId(), a.accountId(), a.ruleId(), a.kind(), a.severity(), a.raisedOn(),
                            a.lastSeen(), String.valueOf(a.band()), String.valueOf(a.bandBefore()), a.headline(),
                            a.explanation(), String.valueOf(a.action()), String.valueOf(a.owner()), a.status()));
            assertSameNumber(b.score() == null ? Double.NaN : b.score(), a.score() == null ? Double.NaN : a.score(),
                    a.externalId());
            assertSameNumber(b.scoreBefore() == null ? Double.NaN : b.scoreBefore(),
                    a.scoreBefore() == null ? Double.NaN : a.scoreBefore(), a.externalId());
            assertThat(b.createdAt().toInstant()).isEqualTo(a.createdAt().toInstant());
        }
        assertThat(new Outbox(postgres).pending())
                .isEqualTo(new Outbox(h2).pending()).isEqualTo(onH2.size());
    }

    /** Equal to 1e-9, NaN (no data) equal to NaN. */
    private static void assertSameNumber(double actual, double expected, String what) {
        if (Double.isNaN(expected)) {
            assertThat(actual).as(what).isNaN();
        } else {
            assertThat(actual).as(what).isCloseTo(expected, within(1e-9));
        }
    }
}
