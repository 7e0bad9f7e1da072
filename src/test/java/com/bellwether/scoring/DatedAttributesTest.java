package com.bellwether.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import com.bellwether.backtest.BacktestSettings;
import com.bellwether.backtest.Backtester;
import com.bellwether.backtest.ReportJson;
import com.bellwether.domain.Account;
import com.bellwether.ingest.BundleImporter;
import com.bellwether.ingest.ImportProgress;
import com.bellwether.ingest.ImportReport;
import com.bellwether.store.Database;
import com.bellwether.store.DatabaseLocation;
import com.bellwether.store.Dialect;
import com.bellwether.store.FreshDatabases;
import com.bellwether.store.OnBothDatabases;

/**
 * Dated account attributes through the whole path: the sample imported into a database (an H2 file, or a PostgreSQL
 * database), account_history.csv imported on top, the portfolio read back (on H2 through the file of its columns
 * beside the database) and scored. A score as of T reads the stage, seats and renewal date in force at T, and nothing
 * dated after T.
 */
class DatedAttributesTest {

    private static final LocalDate T = LocalDate.parse("2025-06-30");
    private static final String HEADER = "account_id,effective_date,lifecycle_stage,licensed_seats,arr,csm,renewal_date\n";

    @TempDir
    Path dir;

    private final FreshDatabases servers = new FreshDatabases();
    private Database database;
    private int imports;

    @BeforeEach
    void importTheSample(Dialect dialect) throws Exception {
        database = dialect == Dialect.H2 ? Database.open(DatabaseLocation.parse(dir.resolve("db").toString()))
                : servers.open(dialect);
        ImportReport report = new BundleImporter(database).run(BundleImporter.Request.canonical(Path.of("sample-data")),
                ImportProgress.NONE);
        assertThat(report.succeeded()).isTrue();
    }

    @AfterEach
    void dropTheServerDatabase() {
        servers.close();
    }

    private void importHistory(String rows) throws Exception {
        Path folder = Files.createDirectory(dir.resolve("history-" + ++imports));
        Files.writeString(folder.resolve("account_history.csv"), HEADER + rows);
        ImportReport report = new BundleImporter(database).run(BundleImporter.Request.canonical(folder), ImportProgress.NONE);
        assertThat(report.problems()).isEmpty();
    }

    private static Map<String, AccountScore> scores(Portfolio portfolio, LocalDate asOf) {
        return new HealthScorer(HealthModel.defaultModel(), portfolio).scoreLive(asOf, () -> false).stream()
                .collect(Collectors.toMap(AccountScore::accountId, Function.identity(), (a, b) -> a, java.util.TreeMap::new));
    }

    private String backtestUpTo(LocalDate to, String name) throws Exception {
        Path file = dir.resolve(name + ".json");
        ReportJson.write(Backtester.run(HealthModel.defaultModel(), Portfolio.load(database),
                new BacktestSettings(null, to, java.time.Period.ofMonths(1), 90, false, true, 10),
                Backtester.Options.none(), () -> false), file);
        return Files.readString(file);
    }

    private static double raw(AccountScore score, String measure) {
        return score.measures().stream().filter(m -> m.id().equals(measure)).findFirst().orElseThrow().raw();
    }

    @OnBothDatabases
    void changesDatedAfterTheAsOfDateChangeNoScore() throws Exception {
        Portfolio before = Portfolio.load(database);
        Map<String, AccountScore> scoresBefore = scores(before, T);
        String backtestBefore = backtestUpTo(T, "before");

        // Every account changes everything, on a day after T.
        StringBuilder rows = new StringBuilder();
        int n = 0;
        for (Account account : before.accounts()) {
            LocalDate day = T.plusDays(1 + n++ % 20);
            rows.append(account.accountId()).append(',').append(day).append(",onboarding,1,")
                    .append(account.arr() == null ? 1 : account.arr() * 3).append(",New Owner,").append(day.plusDays(30))
                    .append('\n');
        }
        importHistory(rows.toString());
        Portfolio after = Portfolio.load(database);

        assertThat(scoresBefore).hasSizeGreaterThan(300);
        assertThat(scores(after, T)).isEqualTo(scoresBefore);
        assertThat(backtestUpTo(T, "after")).isEqualTo(backtestBefore);
        // The rows did arrive: from their days on, the accounts are as the rows left them, and their scores move.
        int a = after.indexOf(scoresBefore.keySet().iterator().next());
        assertThat(after.account(a, T)).isEqualTo(before.account(a));
        assertThat(after.account(a, T.plusDays(21))).satisfies(account -> {
            assertThat(account.lifecycleStage()).isEqualTo("onboarding");
            assertThat(account.licensedSeats()).isEqualTo(1);
            assertThat(account.csm()).isEqualTo("New Owner");
        });
        LocalDate later = T.plusDays(21);
        assertThat(scores(after, later).values()).extracting(AccountScore::stage).containsOnly("onboarding");
        assertThat(scores(before, later).values()).extracting(AccountScore::stage).contains("growth", "renewal");
    }

    @OnBothDatabases
    void aChangeDatedBeforeTheAsOfDateChangesTheScore() throws Exception {
        Portfolio before = Portfolio.load(database);
        Map<String, AccountScore> scoresBefore = scores(before, T);
        List<String> measured = new ArrayList<>();
        List<String> derived = new ArrayList<>();
        for (AccountScore score : scoresBefore.values()) {
            Account account = before.account(before.indexOf(score.accountId()));
            if (account.lifecycleStage() == null && score.stage().equals("growth")) {
                derived.add(score.accountId());
            } else if (!Double.isNaN(raw(score, "seat_utilisation")) && !score.stage().equals("onboarding")) {
                measured.add(score.accountId());
            }
        }
        String seats = measured.get(0);
        String stage = measured.get(1);
        String renewal = derived.get(0);
        int seatsBefore = before.account(before.indexOf(seats)).licensedSeats();

        importHistory(seats + "," + T.minusDays(60) + ",," + seatsBefore * 10 + ",,,\n"
                + stage + "," + T.minusDays(10) + ",onboarding,,,,\n"
                + renewal + "," + T.minusDays(5) + ",,,,," + T.plusDays(30) + "\n");
        Portfolio after = Portfolio.load(database);
        Map<String, AccountScore> scoresAfter = scores(after, T);

        // Ten times the seats: a tenth of the active users per seat.
        assertThat(raw(scoresAfter.get(seats), "seat_utilisation"))
                .isCloseTo(raw(scoresBefore.get(seats), "seat_utilisation") / 10, within(1e-12));
        assertThat(scoresAfter.get(seats).score()).isNotEqualTo(scoresBefore.get(seats).score());
        // An explicit stage picks its own weights and bands.
        assertThat(scoresAfter.get(stage).stage()).isEqualTo("onboarding");
        assertThat(scoresAfter.get(stage).baseScore()).isNotEqualTo(scoresBefore.get(stage).baseScore());
        // A renewal date 30 days ahead puts the account in its renewal window.
        assertThat(scoresAfter.get(renewal).stage()).isEqualTo("renewal");
        // Every other account, and the days before each change, score as before.
        for (String id : scoresBefore.keySet()) {
            if (!List.of(seats, stage, renewal).contains(id)) {
                assertThat(scoresAfter.get(id)).as(id).isEqualTo(scoresBefore.get(id));
            }
        }
        HealthScorer scorerBefore = new HealthScorer(HealthModel.defaultModel(), before);
        HealthScorer scorerAfter = new HealthScorer(HealthModel.defaultModel(), after);
        assertThat(scorerAfter.score(seats, T.minusDays(61))).isEqualTo(scorerBefore.score(seats, T.minusDays(61)));
        assertThat(scorerAfter.score(stage, T.minusDays(11))).isEqualTo(scorerBefore.score(stage, T.minusDays(11)));
    }
}
