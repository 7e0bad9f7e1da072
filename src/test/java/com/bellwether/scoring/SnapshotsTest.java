package com.bellwether.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import java.util.EnumMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

import com.bellwether.domain.Bundle;
import com.bellwether.domain.Outcome;
import com.bellwether.domain.OutcomeEvent;
import com.bellwether.scoring.HealthModel.Bands;
import com.bellwether.store.Database;
import com.bellwether.store.Dialect;
import com.bellwether.store.FreshDatabases;
import com.bellwether.store.FrozenScore;
import com.bellwether.store.ModelVersion;
import com.bellwether.store.ModelVersionStore;
import com.bellwether.store.OnBothDatabases;
import com.bellwether.store.PortfolioReader;
import com.bellwether.store.ScoreSnapshot;
import com.bellwether.store.SnapshotStore;

/**
 * Score history on the sample portfolio, in an H2 database and in a PostgreSQL database, each made once for the
 * class and shared by its tests. Version 1 is the shipped model; version 2 (saved, not active) moves weight to the
 * relationship, raises the renewal cut-offs and rescales NPS. Each test works on dates of its own, so their order
 * does not matter. {@link SampleOnBothDatabasesTest} compares the two databases' histories with each other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SnapshotsTest {

    /** The sample and its two versions in one database. */
    private record Fixture(Database db, Bundle bundle, Portfolio portfolio, HealthModel v1, HealthModel v2) {
    }

    private final FreshDatabases databases = new FreshDatabases();
    private final Map<Dialect, Fixture> fixtures = new EnumMap<>(Dialect.class);
    private Dialect dialect;
    private Database db;
    private Bundle bundle;
    private Portfolio portfolio;
    private SnapshotStore snapshots;
    private HealthModel v1;
    private HealthModel v2;

    @BeforeEach
    void sampleDataAndTwoVersions(Dialect dialect) throws Exception {
        Fixture fixture = fixtures.get(dialect);
        if (fixture == null) {
            fixture = fixture(databases.open(dialect));
            fixtures.put(dialect, fixture);
        }
        this.dialect = dialect;
        db = fixture.db();
        bundle = fixture.bundle();
        portfolio = fixture.portfolio();
        snapshots = new SnapshotStore(db);
        v1 = fixture.v1();
        v2 = fixture.v2();
    }

    @AfterAll
    void dropTheDatabases() {
        databases.close();
    }

    private static Fixture fixture(Database db) throws Exception {
        Bundle bundle = PortfolioReader.read(SamplePortfolio.database());
        ScoringFixtures.write(db, bundle);
        ModelVersionStore versions = new ModelVersionStore(db);
        HealthModel v1 = SavedModels.active(versions);
        HealthModel tuned = ModelDiffTest.variant(m -> {
            ((com.fasterxml.jackson.databind.node.ObjectNode) m.withArray("categories").get(3)).put("weight", 30);
            m.withArray("stages").forEach(s -> {
                if (s.get("id").asText().equals("renewal")) {
                    ((com.fasterxml.jackson.databind.node.ObjectNode) s.get("bands")).put("red", 50).put("yellow", 75);
                }
            });
            m.withArray("measures").forEach(measure -> {
                if (measure.get("id").asText().equals("nps")) {
                    ((com.fasterxml.jackson.databind.node.ArrayNode) measure.get("scale")).remove(1);
                }
            });
        });
        HealthModel v2 = SavedModels.model(SavedModels.save(versions, tuned, "Relationship first", "", "ana", false));
        assertThat(v2.version()).isEqualTo(2);
        assertThat(ModelDiff.between(v1, v2).changes()).hasSizeGreaterThan(3);
        return new Fixture(db, bundle, Portfolio.load(db), v1, v2);
    }

    @OnBothDatabases
    void aSnapshotHoldsWhatTheScorerSaysForEveryLiveAccount() {
        LocalDate t = LocalDate.parse("2025-06-30");

        Snapshots.Run run = Snapshots.snapshot(db, portfolio, t);

        List<AccountScore> expected = new HealthScorer(v1, portfolio).scoreLive(t, () -> false).stream()
                .filter(s -> !Double.isNaN(s.score())).toList();
        assertThat(run.versionNo()).isEqualTo(1);
        assertThat(run.rows()).isEqualTo(expected.size()).isGreaterThan(300);
        assertSame(snapshots.at(t, 1), expected);
        ScoreSnapshot known = snapshots.get("ACC-00379", t, 1).orElseThrow();
        assertThat(known.band()).isEqualTo("red");
        assertThat(known.adjustment()).isEqualTo(-4);
        assertThat(known.topReasons()).startsWith("0.08 active users per licensed seat over the last 28 days."
                + " 26 session minutes per active user per usage report over the last 28 days.");
    }

    @OnBothDatabases
    void takingTheSameSnapshotTwiceChangesNothing() {
        LocalDate t = LocalDate.parse("2025-03-31");
        Snapshots.snapshot(db, portfolio, t);
        List<ScoreSnapshot> first = snapshots.at(t, 1);
        long rows = snapshots.count();

        Snapshots.snapshot(db, portfolio, t);

        assertThat(snapshots.count()).isEqualTo(rows);
        assertThat(snapshots.at(t, 1)).isEqualTo(first).isNotEmpty();
    }

    @OnBothDatabases
    void theWeeklyBackfillStoresEverySundayInOnePassAndAgainTheSame() {
        LocalDate from = LocalDate.parse("2024-10-01");
        LocalDate to = LocalDate.parse("2024-11-30");

        Snapshots.Run run = Snapshots.backfillWeekly(db, portfolio, from, to);

        assertThat(run.dates()).hasSize(8).allSatisfy(d -> assertThat(d.getDayOfWeek()).isEqualTo(DayOfWeek.SUNDAY));
        assertThat(run.dates()).startsWith(LocalDate.parse("2024-10-06")).endsWith(LocalDate.parse("2024-11-24"));
        HealthScorer scorer = new HealthScorer(v1, portfolio);
        for (LocalDate date : run.dates()) {
            assertSame(snapshots.at(date, 1), scorer.scoreLive(date, () -> false).stream()
                    .filter(s -> !Double.isNaN(s.score())).toList());
        }
        List<ScoreSnapshot> stored = snapshots.all();

        Snapshots.Run again = Snapshots.backfillWeekly(db, portfolio, from, to);

        assertThat(again.rows()).isEqualTo(run.rows());
        assertThat(snapshots.all()).isEqualTo(stored);
    }

    @OnBothDatabases
    void reScoringHistoryGivesWhatScoringAfreshWithThatVersionGives() {
        LocalDate from = LocalDate.parse("2025-08-01");
        LocalDate to = LocalDate.parse("2025-09-30");
        Snapshots.backfillWeekly(db, portfolio, from, to);
        LocalDate lastDay = LocalDate.parse("2025-09-30"); // a Tuesday: an ordinary snapshot, not a weekly one
        Snapshots.snapshot(db, portfolio, lastDay);
        Map<LocalDate, List<ScoreSnapshot>> underV1 = snapshots.dates(from, to).stream()
                .collect(Collectors.toMap(Function.identity(), d -> snapshots.at(d, 1)));

        Snapshots.Run run = Snapshots.rescoreHistory(db, portfolio, 2, from, to);

        assertThat(run.versionNo()).isEqualTo(2);
        assertThat(run.dates()).hasSize(10).contains(lastDay).isEqualTo(snapshots.dates(from, to));
        HealthScorer fresh = new HealthScorer(v2, portfolio);
        int changedBands = 0;
        for (LocalDate date : run.dates()) {
            List<AccountScore> expected = fresh.scoreLive(date, () -> false).stream()
                    .filter(s -> !Double.isNaN(s.score())).toList();
            List<ScoreSnapshot> rescored = snapshots.at(date, 2);
            assertSame(rescored, expected);
            // The history under version 1 is still there, untouched.
            assertThat(snapshots.at(date, 1)).isEqualTo(underV1.get(date));
            for (int i = 0; i < rescored.size(); i++) {
                changedBands += rescored.get(i).band().equals(underV1.get(date).get(i).band()) ? 0 : 1;
            }
        }
        assertThat(changedBands).as("bands that moved under version 2").isPositive();
        // The grid straight from the engine agrees too.
        ScoreGrid grid = ScoreGrid.compute(v2, portfolio, List.of(lastDay));
        for (ScoreSnapshot row : snapshots.at(lastDay, 2)) {
            int p = grid.point(portfolio.indexOf(row.accountId()), 0);
            assertThat(row.score()).isEqualTo(grid.score(p));
            assertThat(row.band()).isEqualTo(grid.band(p).id());
        }
    }

    @OnBothDatabases
    void reScoringUnderAVersionThatDoesNotExistIsRefused() {
        assertThatThrownBy(() -> Snapshots.rescoreHistory(db, portfolio, 9, LocalDate.parse("2025-01-01"),
                LocalDate.parse("2025-02-01"))).hasMessage("There is no model version 9");
    }

    @OnBothDatabases
    void freezingStoresEachChurnAndRenewalOnceWithTheScoreOfTheDayBefore() {
        List<Outcome> events = bundle.outcomes().stream()
                .filter(o -> o.event() == OutcomeEvent.CHURN || o.event() == OutcomeEvent.RENEWAL).toList();

        int frozen = Snapshots.freezeOutcomes(db, portfolio);
        int again = Snapshots.freezeOutcomes(db, portfolio);

        assertThat(frozen).isEqualTo(events.size()).isGreaterThan(500);
        assertThat(again).isZero();
        List<FrozenScore> rows = snapshots.frozen();
        assertThat(rows).hasSize(events.size());
        Map<String, FrozenScore> byEvent = rows.stream()
                .collect(Collectors.toMap(f -> f.accountId() + " " + f.outcomeDate() + " " + f.event(), f -> f));
        HealthScorer scorer = new HealthScorer(v1, portfolio);
        for (Outcome event : events.subList(0, 60)) {
            FrozenScore row = byEvent.get(event.accountId() + " " + event.date() + " " + event.event().name());
            assertThat(row).as(event.toString()).isNotNull();
            assertThat(row.versionNo()).isEqualTo(1);
            assertThat(row.asOf()).isEqualTo(event.date().minusDays(1));
            AccountScore dayBefore = scorer.score(event.accountId(), event.date().minusDays(1));
            assertThat(row.score()).as(event.toString()).isEqualTo(dayBefore.score());
            assertThat(row.band()).isEqualTo(dayBefore.band() == null ? null : dayBefore.band().id());
        }
        assertThat(rows).filteredOn(r -> r.event().equals("CHURN")).hasSize(
                (int) events.stream().filter(e -> e.event() == OutcomeEvent.CHURN).count());
    }

    @OnBothDatabases
    void aChangeAcrossVersionsSplitsIntoDataModelAndAdjustment() {
        LocalDate from = LocalDate.parse("2025-04-01");
        LocalDate to = LocalDate.parse("2025-06-30");
        Snapshots.snapshot(db, portfolio, from);
        ScoreSnapshot then = snapshots.get("ACC-00379", from, 1).orElseThrow();

        ScoreChange change = Snapshots.whyChanged(db, portfolio, "ACC-00379", from, 1, to, 2);

        assertThat(change.scoreFrom()).isEqualTo(then.score());
        assertThat(change.scoreTo()).isEqualTo(new HealthScorer(v2, portfolio).score("ACC-00379", to).score());
        assertThat(change.dueToData() + change.dueToModel() + change.dueToAdjustment() + change.other())
                .isCloseTo(change.total(), within(1e-9));
        assertThat(change.dueToModel()).isNotZero();
        HealthScorer old = new HealthScorer(v1, portfolio);
        assertThat(change.dueToData()).isCloseTo(old.score("ACC-00379", to).baseScore() - then.baseScore(), within(1e-9));
        assertThat(change.modelByCategory().values().stream().mapToDouble(Double::doubleValue).sum())
                .isCloseTo(change.dueToModel(), within(1e-9));

        // The same date under both versions: all of it is the model's doing.
        ScoreChange sameDay = Snapshots.whyChanged(db, portfolio, "ACC-00379", to, 1, to, 2);
        assertThat(sameDay.dueToData()).isZero();
        assertThat(sameDay.dueToAdjustment()).isZero();
        assertThat(sameDay.dueToModel()).isCloseTo(new HealthScorer(v2, portfolio).score("ACC-00379", to).baseScore()
                - old.score("ACC-00379", to).baseScore(), within(1e-9));
        // The same version at both dates: none of it is.
        assertThat(Snapshots.whyChanged(db, portfolio, "ACC-00379", from, 1, to, 1).dueToModel()).isZero();
    }

    @OnBothDatabases
    void theSnapshotsFollowTheActiveVersion() throws Exception {
        Database other = databases.open(dialect);
        ScoringFixtures.write(other, bundle);
        ModelVersionStore versions = new ModelVersionStore(other);
        SavedModels.active(versions);
        ModelVersion strict = SavedModels.save(versions, v1.withBands(new Bands(60.0, 80.0)), "Strict", "", "ana", true);
        LocalDate t = LocalDate.parse("2025-01-31");

        Snapshots.Run run = Snapshots.snapshot(other, portfolio, t);

        assertThat(run.versionNo()).isEqualTo(strict.number());
        SnapshotStore store = new SnapshotStore(other);
        assertThat(store.at(t, 1)).isEmpty();
        assertSame(store.at(t, strict.number()), new HealthScorer(SavedModels.model(strict), portfolio)
                .scoreLive(t, () -> false).stream().filter(s -> !Double.isNaN(s.score())).toList());
    }

    /** Row by row: the same accounts, scores, parts, band, stage, category scores and top three reasons. */
    private static void assertSame(List<ScoreSnapshot> stored, List<AccountScore> expected) {
        assertThat(stored).extracting(ScoreSnapshot::accountId).containsExactlyElementsOf(
                expected.stream().map(AccountScore::accountId).toList());
        for (int i = 0; i < stored.size(); i++) {
            ScoreSnapshot row = stored.get(i);
            AccountScore score = expected.get(i);
            assertThat(row.score()).as(row.accountId()).isEqualTo(score.score());
            assertThat(row.baseScore()).isEqualTo(score.baseScore());
            assertThat(row.adjustment()).isEqualTo(score.adjustment());
            assertThat(row.band()).isEqualTo(score.band().id());
            assertThat(row.stage()).isEqualTo(score.stage());
            assertThat(row.categoryScores()).isEqualTo(score.categories().stream().collect(Collectors.toMap(
                    AccountScore.CategoryResult::id, AccountScore.CategoryResult::score, (a, b) -> a, java.util.LinkedHashMap::new)));
            assertThat(row.topReasons()).isEqualTo(score.reasons().stream().limit(3).map(AccountScore.Reason::text)
                    .collect(Collectors.joining(" ")));
        }
    }
}
