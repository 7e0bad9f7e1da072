package com.bellwether.scoring;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.bellwether.domain.Outcome;
import com.bellwether.domain.OutcomeEvent;
import com.bellwether.store.Database;
import com.bellwether.store.FrozenScore;
import com.bellwether.store.ModelVersion;
import com.bellwether.store.ModelVersionStore;
import com.bellwether.store.ScoreSnapshot;
import com.bellwether.store.SnapshotStore;

/**
 * Score history. A snapshot stores every live account's score as of a date under a model version; the weekly
 * backfill stores the whole history of the data at once; re-scoring stores the same dates under another version,
 * to see what the past would have looked like under it; and the score the day before each churn and renewal is
 * frozen with the outcome. Each method that takes no {@link Portfolio} reads it from the database first.
 */
public final class Snapshots {

    /** Reasons kept with a snapshot, as in the score export. */
    private static final int TOP_REASONS = 3;

    /** What a run stored: under which version, for which dates, how many rows, and how long it took. */
    public record Run(int versionNo, String versionName, List<LocalDate> dates, int rows, Duration took) {
    }

    private Snapshots() {
    }

    // Snapshots

    /** Stores every live account's score as of the date under the active version, replacing what it had stored. */
    public static Run snapshot(Database db, Portfolio portfolio, LocalDate asOf) {
        return store(db, portfolio, activeVersion(db), List.of(asOf));
    }

    /** The same under a given version. */
    public static Run snapshot(Database db, Portfolio portfolio, LocalDate asOf, int versionNo) {
        return store(db, portfolio, version(db, versionNo), List.of(asOf));
    }

    /**
     * Stores a snapshot under the active version at the end of every week (each Sunday) from {@code from} to
     * {@code to}, all computed in one pass and written in one transaction.
     */
    public static Run backfillWeekly(Database db, Portfolio portfolio, LocalDate from, LocalDate to) {
        return store(db, portfolio, activeVersion(db), weeklyDates(from, to));
    }

    /**
     * The weekly backfill over the whole span of the data, when the active version has no snapshot yet (a first
     * start); empty when there is nothing to do.
     */
    public static Optional<Run> backfillIfNone(Database db, Portfolio portfolio) {
        ModelVersion active = activeVersion(db);
        LocalDate first = portfolio.firstDataDate();
        if (first == null || new SnapshotStore(db).count(active.number()) > 0) {
            return Optional.empty();
        }
        return Optional.of(store(db, portfolio, active, weeklyDates(first, portfolio.asOfDate())));
    }

    /**
     * Scores again, under the version, every date from {@code from} to {@code to} that has a snapshot under any
     * version (the weekly dates when none has), and stores the scores under that version.
     */
    public static Run rescoreHistory(Database db, Portfolio portfolio, int versionNo, LocalDate from, LocalDate to) {
        ModelVersion version = version(db, versionNo);
        List<LocalDate> dates = new SnapshotStore(db).dates(from, to);
        return store(db, portfolio, version, dates.isEmpty() ? weeklyDates(from, to) : dates);
    }

    /** Each Sunday from {@code from} to {@code to}, both included. */
    public static List<LocalDate> weeklyDates(LocalDate from, LocalDate to) {
        List<LocalDate> dates = new ArrayList<>();
        for (LocalDate d = from.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY)); !d.isAfter(to); d = d.plusWeeks(1)) {
            dates.add(d);
        }
        return dates;
    }

    private static Run store(Database db, Portfolio portfolio, ModelVersion version, List<LocalDate> dates) {
        long started = System.nanoTime();
        HealthModel model = SavedModels.model(version);
        List<ScoreSnapshot> rows = score(model, version.number(), portfolio, dates);
        new SnapshotStore(db).replace(version.number(), dates, rows);
        return new Run(version.number(), version.name(), List.copyOf(dates), rows.size(),
                Duration.ofNanos(System.nanoTime() - started));
    }

    /** Every live account with a score at every date, as rows to store, by date then account. */
    static List<ScoreSnapshot> score(HealthModel model, int versionNo, Portfolio portfolio, List<LocalDate> dates) {
        if (dates.isEmpty() || portfolio.size() == 0) {
            return List.of();
        }
        ScoreGrid grid = ScoreGrid.compute(model, portfolio, dates);
        List<List<ScoreSnapshot>> perAccount = IntStream.range(0, grid.accountCount()).parallel().mapToObj(k -> {
            List<ScoreSnapshot> rows = new ArrayList<>();
            for (int j = 0; j < dates.size(); j++) {
                int p = grid.point(k, j);
                if (grid.isLive(p) && !Double.isNaN(grid.score(p))) {
                    rows.add(snapshot(grid, k, dates.get(j), p, versionNo));
                }
            }
            return rows;
        }).toList();
        List<ScoreSnapshot> rows = new ArrayList<>();
        perAccount.forEach(rows::addAll);
        rows.sort(Comparator.comparing(ScoreSnapshot::asOf)); // stable: accounts stay in id order within a date
        return rows;
    }

    private static ScoreSnapshot snapshot(ScoreGrid grid, int k, LocalDate asOf, int p, int versionNo) {
        HealthModel model = grid.model();
        Map<String, Double> categories = new LinkedHashMap<>();
        for (int c = 0; c < model.categories().size(); c++) {
            categories.put(model.categories().get(c).id(), grid.categoryScore(c, p));
        }
        return new ScoreSnapshot(asOf, grid.portfolio().account(grid.account(k)).accountId(), versionNo, grid.stage(p),
                grid.score(p), grid.base(p), grid.adjustment(p), grid.band(p).id(), categories, topReasons(grid, p));
    }

    /** The measures that cost the most points, most first (ties in model order), as their sentences. */
    static String topReasons(ScoreGrid grid, int p) {
        List<HealthModel.Measure> measures = grid.model().measures();
        double[] weights = grid.effectiveWeights(p);
        double[] lost = new double[measures.size()];
        for (int m = 0; m < lost.length; m++) {
            double score = grid.measureScore(m, p);
            lost[m] = Double.isNaN(score) ? 0 : weights[m] * (100 - score);
        }
        return IntStream.range(0, lost.length).filter(m -> lost[m] > 0).boxed()
                .sorted(Comparator.comparingDouble((Integer m) -> lost[m]).reversed())
                .limit(TOP_REASONS)
                .map(m -> grid.measureText(m, p))
                .collect(Collectors.joining(" "));
    }

    // Frozen outcome scores

    /**
     * Freezes, under the active version, each churn's and renewal's score as of the day before it, with its top
     * reasons; events frozen before are kept as they are. Returns how many were frozen now.
     */
    public static int freezeOutcomes(Database db) {
        return freezeOutcomes(db, portfolio(db));
    }

    public static int freezeOutcomes(Database db, Portfolio portfolio) {
        ModelVersion version = activeVersion(db);
        HealthModel model = SavedModels.model(version);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<FrozenScore> rows = new ArrayList<>();
        for (int a = 0; a < portfolio.size(); a++) {
            List<Outcome> events = portfolio.outcomes(a).stream()
                    .filter(o -> o.event() == OutcomeEvent.CHURN || o.event() == OutcomeEvent.RENEWAL).toList();
            if (events.isEmpty()) {
                continue;
            }
            List<LocalDate> dayBefore = events.stream().map(o -> o.date().minusDays(1)).distinct().toList();
            ScoreGrid grid = ScoreGrid.compute(model, portfolio, new int[] {a}, dayBefore, () -> false);
            for (Outcome outcome : events) {
                int p = grid.point(0, dayBefore.indexOf(outcome.date().minusDays(1)));
                boolean scored = !Double.isNaN(grid.score(p));
                rows.add(new FrozenScore(outcome.accountId(), outcome.date(), outcome.event().name(), version.number(),
                        outcome.date().minusDays(1), grid.score(p), scored ? grid.band(p).id() : null,
                        scored ? topReasons(grid, p) : "No data by then.", now));
            }
        }
        return new SnapshotStore(db).freeze(rows);
    }

    // Explaining a change across versions

    /**
     * Why an account's score moved from {@code from} under version {@code fromVersion} (say, a stored snapshot's)
     * to {@code to} under version {@code toVersion} (say, the active one): the part due to the account's data,
     * the part due to the model change, and the part due to CSM adjustments, each by category and measure.
     */
    public static ScoreChange whyChanged(Database db, Portfolio portfolio, String accountId, LocalDate from,
                                         int fromVersion, LocalDate to, int toVersion) {
        HealthModel before = SavedModels.model(version(db, fromVersion));
        HealthModel after = fromVersion == toVersion ? before : SavedModels.model(version(db, toVersion));
        return new HealthScorer(after, portfolio).whyChanged(accountId, from, to, before);
    }

    // Look-ups

    private static Portfolio portfolio(Database db) {
        return Portfolio.load(db);
    }

    /** The active version, the shipped model saved as version 1 first when the database has none. */
    private static ModelVersion activeVersion(Database db) {
        return SavedModels.activeVersion(new ModelVersionStore(db));
    }

    private static ModelVersion version(Database db, int number) {
        ModelVersionStore store = new ModelVersionStore(db);
        SavedModels.activeVersion(store);
        return store.get(number).orElseThrow(() -> new IllegalArgumentException("There is no model version " + number));
    }
}
