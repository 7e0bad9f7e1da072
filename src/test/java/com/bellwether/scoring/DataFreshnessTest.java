package com.bellwether.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.bellwether.alerts.AlertEvaluator;
import com.bellwether.alerts.AlertFinding;
import com.bellwether.ingest.BundleImporter;
import com.bellwether.ingest.ImportProblem;
import com.bellwether.ingest.ImportProgress;
import com.bellwether.ingest.ImportReport;
import com.bellwether.ingest.TestDatabases;
import com.bellwether.store.Database;

/**
 * The as-of date is the latest day the data is complete for, whatever a few later rows say; dated records after
 * today are refused at import; an account whose data stopped arriving is scored as of its last day and marked stale.
 */
class DataFreshnessTest {

    private static final Path RAVENSTACK = Path.of(System.getProperty("bellwether.datasets", "src/test/resources/datasets"),
            "ravenstack");
    private static final Path RAVENSTACK_PROFILE = Path.of("sample-data/mappings/ravenstack.json");
    private static final LocalDate SAMPLE_END = LocalDate.parse("2026-09-30");
    /** A today after every date the tests import. */
    private static final Clock DECEMBER = Clock.fixed(Instant.parse("2026-12-15T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    static Path dir;

    /** The sample and RavenStack (whose data ends 2024-12-31) in one database. */
    private static Portfolio both;

    @BeforeAll
    static void importTheSampleAndRavenStack() throws IOException {
        Database database = TestDatabases.fresh();
        succeeded(new BundleImporter(database).run(BundleImporter.Request.canonical(Path.of("sample-data")),
                ImportProgress.NONE));
        succeeded(new BundleImporter(database).run(BundleImporter.Request.mapped(RAVENSTACK, RAVENSTACK_PROFILE),
                ImportProgress.NONE));
        both = Portfolio.load(database);
    }

    private static ImportReport succeeded(ImportReport report) {
        assertThat(report.problems()).isEmpty();
        assertThat(report.succeeded()).isTrue();
        return report;
    }

    private static Path folder(String name, String file, String... lines) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(name));
        Files.write(folder.resolve(file), List.of(lines));
        return folder;
    }

    @Test
    void theSampleIsScoredAsOfItsLastDayAndNoneOfItsAccountsIsStale() throws Exception {
        Portfolio sample = SamplePortfolio.portfolio();
        assertThat(sample.asOfDate()).isEqualTo(sample.lastDataDate()).isEqualTo(SAMPLE_END);
        List<AccountScore> scores = new HealthScorer(HealthModel.defaultModel(), sample).scoreLive(SAMPLE_END, () -> false);
        assertThat(scores).hasSize(447).noneMatch(AccountScore::stale);
    }

    @Test
    void aDateAfterTodayIsRefusedWithWhereItIsAndWhatIsExpected() throws Exception {
        Database database = TestDatabases.fresh();
        Clock october = Clock.fixed(Instant.parse("2026-10-15T23:30:00Z"), ZoneOffset.UTC);
        Path folder = folder("future", "accounts.csv",
                "account_id,name,contract_start,renewal_date",
                "A-1,Acme,2026-11-01,2031-06-15");
        Files.write(folder.resolve("surveys.csv"), List.of("account_id,date,nps",
                "A-1,2026-10-16,9",
                "A-1,9999-12-31,8"));
        Files.write(folder.resolve("tickets.csv"), List.of("ticket_id,account_id,opened,closed,priority",
                "T-1,A-1,2026-10-01T09:00,2031-06-15T10:00,normal"));
        ImportReport report = new BundleImporter(database, october).run(BundleImporter.Request.canonical(folder),
                ImportProgress.NONE);

        assertThat(report.succeeded()).isFalse();
        // Tomorrow is allowed (time zones), a contract starting and renewing later too; the survey of 9999 and the
        // ticket closed in 2031 are not.
        assertThat(report.problems()).extracting(ImportProblem::file, ImportProblem::line, ImportProblem::column,
                        ImportProblem::field, ImportProblem::value)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("surveys.csv", 3L, 2, "date", "9999-12-31"),
                        org.assertj.core.groups.Tuple.tuple("tickets.csv", 2L, 4, "closed", "2031-06-15T10:00"));
        assertThat(report.problems().get(0).message()).contains("no later than 2026-10-16");
    }

    @Test
    void aSurveyTwoMonthsLaterAndAPartialDayDoNotMoveTheAsOfDate() throws Exception {
        Database database = TestDatabases.fresh();
        succeeded(new BundleImporter(database, DECEMBER).run(BundleImporter.Request.canonical(Path.of("sample-data")),
                ImportProgress.NONE));
        succeeded(new BundleImporter(database, DECEMBER).run(BundleImporter.Request.canonical(
                folder("later", "surveys.csv", "account_id,date,nps", "ACC-00001,2026-11-30,2")), ImportProgress.NONE));
        Portfolio later = Portfolio.load(database);
        assertThat(later.lastDataDate()).isEqualTo(LocalDate.parse("2026-11-30"));
        assertThat(later.asOfDate()).isEqualTo(SAMPLE_END);

        // The next day's usage for three accounts only: a day not yet fully loaded.
        String header = "account_id,date,active_users,logins,sessions,session_minutes,core_feature_events,features_used";
        succeeded(new BundleImporter(database, DECEMBER).run(BundleImporter.Request.canonical(folder("partial",
                "usage.csv", header,
                "ACC-00002,2026-10-01,3,10,12,300,40,5",
                "ACC-00003,2026-10-01,3,10,12,300,40,5",
                "ACC-00004,2026-10-01,3,10,12,300,40,5")), ImportProgress.NONE));
        Portfolio partial = Portfolio.load(database);
        assertThat(partial.asOfDate()).isEqualTo(SAMPLE_END);
        // The account whose survey came later is not stale: its data did arrive.
        assertThat(partial.staleSince(partial.indexOf("ACC-00001"), SAMPLE_END)).isNull();
    }

    @Test
    void withRavenStackBesideTheSampleTheAsOfDateIsTheSamplesEnd() {
        assertThat(both.lastDataDate()).isEqualTo(SAMPLE_END);
        assertThat(both.asOfDate()).isEqualTo(SAMPLE_END);
    }

    @Test
    void ravenStacksLiveAccountsAreStaleSinceTheirLastDayAndScoredAsOfIt() {
        List<AccountScore> scores = new HealthScorer(HealthModel.defaultModel(), both).scoreLive(SAMPLE_END, () -> false);
        List<AccountScore> stale = scores.stream().filter(AccountScore::stale).toList();
        List<AccountScore> fresh = scores.stream().filter(s -> !s.stale()).toList();

        assertThat(fresh).hasSize(447).allMatch(s -> s.accountId().startsWith("ACC-") && s.asOf().equals(SAMPLE_END));
        assertThat(stale).isNotEmpty().allMatch(s -> !s.accountId().startsWith("ACC-"));
        for (AccountScore score : stale) {
            assertThat(score.asOf()).isEqualTo(score.staleSince());
            assertThat(score.staleSince()).isBeforeOrEqualTo(LocalDate.parse("2024-12-31"));
            assertThat(score.explanation()).startsWith("Stale data since " + score.staleSince() + ": ");
            assertThat(both.staleSince(both.indexOf(score.accountId()), SAMPLE_END)).isEqualTo(score.staleSince());
        }
        // Every RavenStack account live at the date is among them.
        long liveRavenStack = java.util.stream.IntStream.range(0, both.size())
                .filter(a -> !both.account(a).accountId().startsWith("ACC-") && both.isLive(a, SAMPLE_END)).count();
        assertThat(stale).hasSize((int) liveRavenStack);
        // One account scored alone says the same.
        AccountScore one = new HealthScorer(HealthModel.defaultModel(), both).score(stale.get(0).accountId(), SAMPLE_END);
        assertThat(one.staleSince()).isEqualTo(stale.get(0).staleSince());
        assertThat(one.score()).isEqualTo(stale.get(0).score());
    }

    @Test
    void staleAccountsFireNoAlert() {
        List<AlertFinding> findings = new AlertEvaluator(HealthModel.defaultModel(), both).evaluate(SAMPLE_END);
        Set<String> accounts = findings.stream().map(AlertFinding::accountId).collect(Collectors.toSet());
        assertThat(accounts).isNotEmpty().allMatch(id -> id.startsWith("ACC-"));
    }

    @Test
    void weeklyUsageOnStaggeredDaysIsCompleteToItsLastDay() {
        Portfolio.Builder builder = Portfolio.builder();
        builder.usageMetrics(List.of("logins"));
        int accounts = 5_000;
        for (int a = 0; a < accounts; a++) {
            builder.account(new com.bellwether.domain.Account(String.format("A%06d", a), "Account " + a, null, null,
                    null, null, null, null, null, LocalDate.parse("2024-01-01"), null));
        }
        int first = (int) LocalDate.parse("2024-01-01").toEpochDay();
        for (int a = 0; a < accounts; a++) {
            String id = String.format("A%06d", a);
            for (int day = first + a % 7; day < first + 900; day += 7) {
                builder.usage(new com.bellwether.domain.UsageDay(id, LocalDate.ofEpochDay(day), new double[] {1}));
            }
        }
        assertThat(builder.build().asOfDate()).isEqualTo(LocalDate.ofEpochDay(first + 899));
    }
}
