package com.bellwether.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import com.bellwether.app.Workspace;
import com.bellwether.ingest.BundleImporter;
import com.bellwether.ingest.ImportProgress;
import com.bellwether.ingest.ImportReport;
import com.bellwether.sample.GeneratorSettings;
import com.bellwether.sample.SampleGenerator;
import com.bellwether.scoring.HealthModel;
import com.bellwether.store.Dialect;
import com.bellwether.store.FreshDatabases;

/**
 * The shipped sample and a small generated portfolio, each imported into H2 and into PostgreSQL through a workspace,
 * backtested there (the frame, then the report with its suggestions): every figure of the report is the same from
 * either database to 1e-9.
 */
class BacktestOnBothDatabasesTest {

    private static final FreshDatabases DATABASES = new FreshDatabases();
    private static final Map<String, Map<Dialect, BacktestReport>> REPORTS = new TreeMap<>();

    @TempDir
    static Path dir;

    @BeforeAll
    static void importAndBacktestOnBoth() throws IOException {
        Path generated = Files.createDirectory(dir.resolve("generated"));
        new SampleGenerator(GeneratorSettings.defaults().withAccounts(150).withMonths(24)).writeTo(generated);
        for (Map.Entry<String, Path> bundle : Map.of("sample", Path.of("sample-data"), "generated", generated).entrySet()) {
            Map<Dialect, BacktestReport> reports = new EnumMap<>(Dialect.class);
            for (Dialect dialect : Dialect.values()) {
                Workspace workspace = Workspace.of(DATABASES.open(dialect));
                ImportReport imported = workspace.importBundle(BundleImporter.Request.canonical(bundle.getValue()),
                        ImportProgress.NONE);
                assertThat(imported.succeeded()).as(dialect + " " + bundle.getKey() + ": " + imported.problems()).isTrue();
                HealthModel model = workspace.activeModel();
                BacktestFrame frame = workspace.backtest(model, BacktestSettings.defaults(), () -> false);
                reports.put(dialect, Backtester.report(frame,
                        new Backtester.Options(List.of(), "f1", true, Map.of()), () -> false));
            }
            REPORTS.put(bundle.getKey(), reports);
        }
    }

    @AfterAll
    static void dropTheDatabases() {
        DATABASES.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sample", "generated"})
    void theHeadlineFiguresAreTheSame(String portfolio) {
        BacktestReport h2 = REPORTS.get(portfolio).get(Dialect.H2);
        BacktestReport postgres = REPORTS.get(portfolio).get(Dialect.POSTGRESQL);

        assertThat(postgres.points()).isEqualTo(h2.points()).isGreaterThan(1000);
        assertThat(postgres.churners()).isEqualTo(h2.churners()).isPositive();
        assertThat(postgres.parameters().cutoffs()).isEqualTo(h2.parameters().cutoffs()).isGreaterThan(3);
        assertThat(postgres.rocAuc()).isCloseTo(h2.rocAuc(), within(1e-9));
        assertThat(postgres.averagePrecision()).isCloseTo(h2.averagePrecision(), within(1e-9));
        // Precision and recall at red are the red confusion's counts.
        assertThat(postgres.confusionRed()).isEqualTo(h2.confusionRed());
        assertThat(postgres.confusionRedOrYellow()).isEqualTo(h2.confusionRedOrYellow());
        assertThat(postgres.lift()).hasSameSizeAs(h2.lift()).isNotEmpty();
        for (int i = 0; i < h2.lift().size(); i++) {
            Metrics.Lift a = h2.lift().get(i);
            Metrics.Lift b = postgres.lift().get(i);
            assertThat(List.of(b.size(), b.churners())).isEqualTo(List.of(a.size(), a.churners()));
            assertThat(b.lift()).isCloseTo(a.lift(), within(1e-9));
            assertThat(b.capture()).isCloseTo(a.capture(), within(1e-9));
            assertThat(b.threshold()).isCloseTo(a.threshold(), within(1e-9));
        }
        assertThat(postgres.churnRateByBand().keySet()).containsExactlyElementsOf(h2.churnRateByBand().keySet());
        h2.churnRateByBand().forEach((band, rate) -> {
            BacktestReport.BandRate other = postgres.churnRateByBand().get(band);
            assertThat(List.of(other.points(), other.churners())).as(band).isEqualTo(List.of(rate.points(), rate.churners()));
            assertThat(other.rate()).as(band).isCloseTo(rate.rate(), within(1e-9));
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"sample", "generated"})
    void everyFigureOfTheReportIsTheSame(String portfolio) {
        SameFigures.assertSameJson(portfolio + " report",
                ReportJson.mapper().valueToTree(REPORTS.get(portfolio).get(Dialect.H2)),
                ReportJson.mapper().valueToTree(REPORTS.get(portfolio).get(Dialect.POSTGRESQL)));
    }
}
