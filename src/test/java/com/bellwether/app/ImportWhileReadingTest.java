package com.bellwether.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.io.TempDir;

import com.bellwether.ingest.BundleImporter;
import com.bellwether.ingest.ImportProgress;
import com.bellwether.ingest.ImportReport;
import com.bellwether.sample.GeneratorSettings;
import com.bellwether.sample.SampleGenerator;
import com.bellwether.scoring.AccountScore;
import com.bellwether.scoring.HealthModel;
import com.bellwether.scoring.Portfolio;
import com.bellwether.store.Database;
import com.bellwether.store.OnBothDatabases;

/**
 * One user imports a bundle that changes every account while another, through a workspace and a connection of their
 * own, reads the portfolio and scores it again and again: each read is the portfolio before the import or the one
 * after it, never part of each, and neither side fails.
 */
class ImportWhileReadingTest {

    private static final GeneratorSettings PORTFOLIO = GeneratorSettings.defaults().withAccounts(150).withMonths(18);

    @TempDir
    Path dir;

    @OnBothDatabases
    void aReaderSeesTheWholeImportOrNoneOfIt(Database database) throws Exception {
        Path first = Files.createDirectory(dir.resolve("first"));
        new SampleGenerator(PORTFOLIO).writeTo(first);
        // The same accounts with other usage, tickets, surveys and outcomes, and 40 accounts more.
        Path second = Files.createDirectory(dir.resolve("second"));
        new SampleGenerator(new GeneratorSettings(190, PORTFOLIO.months(), 99, PORTFOLIO.end(), PORTFOLIO.cadence()))
                .writeTo(second);
        Workspace importer = Workspace.of(database).actingAs("ana");
        assertThat(importer.importBundle(BundleImporter.Request.canonical(first), ImportProgress.NONE).succeeded()).isTrue();
        LocalDate asOf = importer.portfolio().lastDataDate();
        HealthModel model = HealthModel.defaultModel();
        try (Database own = Database.open(database.location())) {
            String before = read(own, model, asOf);

            Queue<String> seen = new ConcurrentLinkedQueue<>();
            AtomicBoolean importing = new AtomicBoolean(true);
            CountDownLatch readerStarted = new CountDownLatch(1);
            ExecutorService reader = Executors.newSingleThreadExecutor();
            Future<Integer> reads;
            ImportReport report;
            try {
                reads = reader.submit(() -> {
                    int count = 0;
                    readerStarted.countDown();
                    while (importing.get()) {
                        seen.add(read(own, model, asOf));
                        count++;
                    }
                    return count;
                });
                readerStarted.await(10, TimeUnit.SECONDS);
                try {
                    report = importer.importBundle(BundleImporter.Request.canonical(second), ImportProgress.NONE);
                } finally {
                    importing.set(false);
                }
                assertThat(reads.get(60, TimeUnit.SECONDS)).isPositive();
            } finally {
                reader.shutdownNow();
            }

            assertThat(report.succeeded()).as(String.valueOf(report.problems())).isTrue();
            String after = read(own, model, asOf);
            assertThat(after).isNotEqualTo(before);
            List<String> torn = new ArrayList<>();
            for (String state : seen) {
                if (!state.equals(before) && !state.equals(after)) {
                    torn.add(state.lines().limit(3).toList().toString());
                }
            }
            assertThat(torn).as("reads that were neither the portfolio before the import nor after it, of " + seen.size())
                    .isEmpty();
        }
    }

    /** The portfolio as a workspace of the reader's own reads it, and its scores, as text. */
    private static String read(Database database, HealthModel model, LocalDate asOf) {
        Workspace workspace = Workspace.of(database).actingAs("ben");
        Portfolio portfolio = workspace.portfolio();
        StringBuilder text = new StringBuilder(portfolio.size() + " accounts, last data " + portfolio.lastDataDate() + "\n");
        for (AccountScore score : workspace.scores(model, asOf, () -> false)) {
            text.append(String.format(Locale.ROOT, "%s %.9f %s%n", score.accountId(), score.score(),
                    score.band() == null ? "-" : score.band().id()));
        }
        return text.toString();
    }
}
