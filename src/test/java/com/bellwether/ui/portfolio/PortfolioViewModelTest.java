package com.bellwether.ui.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.bellwether.app.SameThreadTaskExecutor;
import com.bellwether.app.TaskExecutor;
import com.bellwether.app.Workspace;
import com.bellwether.ingest.BundleImporter;
import com.bellwether.ingest.ImportProgress;
import com.bellwether.ingest.TestDatabases;
import com.bellwether.scoring.AccountScore;
import com.bellwether.scoring.Band;
import com.bellwether.scoring.HealthModel;
import com.bellwether.scoring.HealthScorer;
import com.bellwether.scoring.Portfolio;
import com.bellwether.store.Database;

/** The portfolio screen's load without a toolkit: the work and its outcome run on the calling thread. */
class PortfolioViewModelTest {

    private static Database database;
    private final TaskExecutor sameThread = new SameThreadTaskExecutor();
    private PortfolioViewModel viewModel;

    @BeforeAll
    static void sample() throws Exception {
        database = TestDatabases.fresh();
        new BundleImporter(database).run(BundleImporter.Request.canonical(Path.of("sample-data")), ImportProgress.NONE);
    }

    @BeforeEach
    void create() {
        viewModel = new PortfolioViewModel(sameThread.background(), sameThread.results(), HealthModel.defaultModel());
    }

    @Test
    void aLoadShowsEveryLiveAccountScoredAsOfTheLastDataWithItsTotalsAndBandMix() {
        viewModel.load(Workspace.of(database));

        assertThat(viewModel.busyProperty().get()).isFalse();
        Portfolio read = Portfolio.load(database);
        PortfolioViewModel.Totals totals = viewModel.totalsProperty().get();
        assertThat(totals.asOf()).isEqualTo(read.lastDataDate());
        List<AccountScore> expected = new HealthScorer(viewModel.model(), read).scoreLive(totals.asOf(), () -> false);
        assertThat(viewModel.allRows()).hasSize(expected.size()).hasSizeGreaterThan(300);
        for (int i = 0; i < expected.size(); i++) {
            AccountRow row = viewModel.allRows().get(i);
            assertThat(row.account().accountId()).isEqualTo(expected.get(i).accountId());
            assertThat(row.score().score()).isEqualTo(expected.get(i).score());
        }
        assertThat(totals).usingRecursiveComparison().isEqualTo(PortfolioViewModel.totalsOf(viewModel.allRows()));
        assertThat(totals.accounts(Band.RED) + totals.accounts(Band.YELLOW) + totals.accounts(Band.GREEN))
                .isEqualTo(viewModel.allRows().size());
        assertThat(viewModel.bandMix()).hasSize(24).last().extracting(PortfolioViewModel.BandMix::date)
                .isEqualTo(totals.asOf());
        assertThat(viewModel.statusProperty().get()).isEqualTo(viewModel.allRows().size() + " live accounts as of "
                + totals.asOf() + " under " + viewModel.model().name() + " v" + viewModel.model().version() + ".");
    }

    @Test
    void theStatusBarSaysWhichMeasuresAreLeftOutForWantOfTheirSource() throws Exception {
        viewModel.load(Workspace.of(database));
        assertThat(viewModel.leftOutProperty().get()).isEmpty();

        // Usage without a logins metric, no interactions, no surveys; tickets with CSAT.
        Database withoutLogins = TestDatabases.fresh();
        com.bellwether.domain.Bundle bundle = com.bellwether.domain.Bundle.empty();
        bundle.usageMetrics().addAll(List.of("active_users", "session_minutes", "core_feature_events", "features_used"));
        bundle.accounts().add(com.bellwether.scoring.ScoringFixtures.account("A", 10, "2023-01-01", null, null));
        java.time.LocalDate day = java.time.LocalDate.parse("2024-01-01");
        for (int d = 0; d < 120; d++) {
            bundle.usage().add(new com.bellwether.domain.UsageDay("A", day.plusDays(d), new double[] {5, 200, 50, 4}));
        }
        bundle.tickets().add(new com.bellwether.domain.Ticket("T1", "A", day.atStartOfDay(), day.plusDays(2).atStartOfDay(),
                com.bellwether.domain.TicketPriority.NORMAL, false, 4));
        com.bellwether.scoring.ScoringFixtures.write(withoutLogins, bundle);

        viewModel.load(Workspace.of(withoutLogins));

        assertThat(viewModel.allRows()).hasSize(1);
        assertThat(viewModel.leftOutProperty().get()).isEqualTo("no logins in the data: 2 measures left out;"
                + " no interactions in the data: 2 measures left out; no surveys in the data: 1 measure left out;"
                + " Relationship: no measure has data in this database");
    }

    @Test
    void theSearchedRowsExportToAnExcelWorkbookWithTheirScoresExact(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        viewModel.load(Workspace.of(database));
        viewModel.searchProperty().set("Enterprise");
        List<AccountRow> shown = List.copyOf(viewModel.visibleRows());
        assertThat(shown).isNotEmpty().hasSizeLessThan(viewModel.allRows().size());
        Path file = dir.resolve("portfolio.xlsx");

        viewModel.export(file);

        assertThat(viewModel.statusProperty().get()).isEqualTo("Exported " + shown.size() + " accounts to " + file + ".");
        try (var workbook = new org.dhatim.fastexcel.reader.ReadableWorkbook(file.toFile())) {
            var sheet = workbook.findSheet("Portfolio").orElseThrow().read();
            assertThat(sheet).hasSize(shown.size() + 1);
            for (int i = 0; i < shown.size(); i++) {
                var row = sheet.get(i + 1);
                assertThat(row.getCell(0).asString()).isEqualTo(shown.get(i).account().accountId());
                assertThat(row.getCell(6).asNumber().doubleValue()).isEqualTo(shown.get(i).score().score());
                assertThat(row.getCell(5).asNumber().doubleValue()).isEqualTo(shown.get(i).arr());
            }
        }
    }

    @Test
    void aLoadCancelledWhileItRunsStopsAndLeavesTheTableAsItWas() {
        Workspace workspace = Workspace.of(database);

        viewModel.load(() -> {
            viewModel.cancel();
            return workspace;
        }, () -> null);

        assertThat(viewModel.busyProperty().get()).isFalse();
        assertThat(viewModel.statusProperty().get()).isEqualTo("Scoring cancelled.");
        assertThat(viewModel.allRows()).isEmpty();
        assertThat(viewModel.totalsProperty().get()).isNull();
    }
}
