package com.bellwether.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.bellwether.domain.Note;
import com.bellwether.ingest.BundleImporter;
import com.bellwether.ingest.ImportProgress;
import com.bellwether.store.AdjustmentStore;
import com.bellwether.store.Database;
import com.bellwether.store.DatabaseLocation;

/**
 * A file database's portfolio is read from the database once, kept as columns beside it, and read back from there
 * on the next load: with the same scores, with notes added since, never from a damaged file, and never after an
 * import changed the data.
 */
class PortfolioFileTest {

    private static final List<LocalDate> DATES = List.of(LocalDate.parse("2025-06-30"), LocalDate.parse("2026-09-30"));

    @TempDir
    static Path template;

    @TempDir
    Path folder;

    private Database database;

    @BeforeAll
    static void importSampleOnce() throws IOException {
        Database imported = Database.open(DatabaseLocation.parse(template.resolve("bw").toString()));
        assertThat(new BundleImporter(imported).run(BundleImporter.Request.canonical(Path.of("sample-data")),
                ImportProgress.NONE).succeeded()).isTrue();
        imported.release();
    }

    @BeforeEach
    void copyTheSample() throws IOException {
        Files.copy(template.resolve("bw.mv.db"), folder.resolve("bw.mv.db"));
        database = Database.open(DatabaseLocation.parse(folder.resolve("bw").toString()));
    }

    @AfterEach
    void close() {
        database.release();
    }

    private List<Path> portfolioFiles() throws IOException {
        Path cache = folder.resolve("bw.cache");
        if (!Files.isDirectory(cache)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(cache)) {
            return files.filter(f -> f.getFileName().toString().startsWith("portfolio-")).toList();
        }
    }

    private static void assertSameScores(Portfolio expected, Portfolio actual) {
        HealthModel model = HealthModel.defaultModel();
        ScoreGrid a = ScoreGrid.compute(model, expected, DATES);
        ScoreGrid b = ScoreGrid.compute(model, actual, DATES);
        assertThat(actual.accounts()).isEqualTo(expected.accounts());
        assertThat(actual.metrics()).isEqualTo(expected.metrics());
        for (int p = 0; p < a.points(); p++) {
            for (int m = 0; m < model.measures().size(); m++) {
                assertThat(Double.doubleToLongBits(b.raw(m, p))).isEqualTo(Double.doubleToLongBits(a.raw(m, p)));
            }
            assertThat(Double.doubleToLongBits(b.score(p))).isEqualTo(Double.doubleToLongBits(a.score(p)));
        }
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.outcomes(i)).isEqualTo(expected.outcomes(i));
            assertThat(actual.notes(i)).isEqualTo(expected.notes(i));
            for (LocalDate day : DATES) {
                assertThat(actual.account(i, day)).isEqualTo(expected.account(i, day));
            }
        }
    }

    @Test
    void theSecondLoadReadsTheColumnsBackWithTheSameScores() throws Exception {
        Portfolio first = Portfolio.load(database);
        List<Path> files = portfolioFiles();
        assertThat(files).hasSize(1);
        long written = Files.getLastModifiedTime(files.get(0)).toMillis();
        Portfolio second = Portfolio.load(database);
        assertThat(portfolioFiles()).isEqualTo(files);
        assertThat(Files.getLastModifiedTime(files.get(0)).toMillis()).isEqualTo(written);
        assertSameScores(first, second);
        assertSameScores(Portfolio.of(com.bellwether.store.PortfolioReader.read(database)), second);
    }

    @Test
    void anImportOfDatedAttributesMakesANewFileThatCarriesThem() throws Exception {
        Portfolio.load(database);
        List<Path> before = portfolioFiles();
        Path more = folder.resolve("more");
        Files.createDirectories(more);
        Files.writeString(more.resolve("account_history.csv"), """
                account_id,effective_date,lifecycle_stage,licensed_seats,arr,csm,renewal_date
                ACC-00010,2025-01-01,renewal,3,,Ana Ruiz,
                ACC-00010,2026-01-01,,,99000,,2026-10-15
                ACC-00011,2026-01-01,,,,,
                """);
        assertThat(new BundleImporter(database).run(BundleImporter.Request.canonical(more), ImportProgress.NONE)
                .succeeded()).isTrue();

        Portfolio read = Portfolio.load(database);
        Portfolio fromFile = Portfolio.load(database);

        assertThat(portfolioFiles()).hasSize(1).doesNotContainAnyElementsOf(before);
        int a = fromFile.indexOf("ACC-00010");
        assertThat(fromFile.account(a, DATES.get(1))).satisfies(account -> {
            assertThat(account.lifecycleStage()).isEqualTo("renewal");
            assertThat(account.licensedSeats()).isEqualTo(3);
            assertThat(account.arr()).isEqualTo(99000.0);
            assertThat(account.csm()).isEqualTo("Ana Ruiz");
            assertThat(account.renewalDate()).isEqualTo(LocalDate.parse("2026-10-15"));
        });
        int b = fromFile.indexOf("ACC-00011");
        assertThat(fromFile.account(b, DATES.get(1))).isSameAs(fromFile.account(b));
        assertSameScores(read, fromFile);
        assertSameScores(Portfolio.of(com.bellwether.store.PortfolioReader.read(database)), fromFile);
    }

    @Test
    void notesAddedSinceComeFromTheDatabase() throws Exception {
        Portfolio.load(database);
        String id = "ACC-00010";
        new AdjustmentStore(database).add(new Note(id, LocalDate.parse("2026-09-01"), "csm@example.com", -10,
                "Champion left", null), 25, "test");
        Portfolio reloaded = Portfolio.load(database);
        assertThat(reloaded.notes(reloaded.indexOf(id))).extracting(Note::reason).contains("Champion left");
        assertSameScores(Portfolio.of(com.bellwether.store.PortfolioReader.read(database)), reloaded);
    }

    @Test
    void aDamagedFileIsNotTrusted() throws Exception {
        Portfolio first = Portfolio.load(database);
        Path file = portfolioFiles().get(0);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x11;
        Files.write(file, bytes);
        Portfolio again = Portfolio.load(database);
        assertSameScores(first, again);
        assertThat(Files.readAllBytes(file)).as("written again, whole").isNotEqualTo(bytes);
    }

    @Test
    void aFileCutShortOrWithAHugeColumnLengthIsNotTrusted() throws Exception {
        Portfolio first = Portfolio.load(database);
        Path file = portfolioFiles().get(0);
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(whole, whole.length / 3));
        assertSameScores(first, Portfolio.load(database));
        assertThat(Files.readAllBytes(file)).as("written again, whole").isEqualTo(whole);
        // The count of accounts, after the magic number and the metric names, made as large as an int goes.
        int at = 8 + 4 + first.metrics().stream().mapToInt(m -> 2 + m.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).sum();
        byte[] huge = whole.clone();
        assertThat(java.nio.ByteBuffer.wrap(huge).getInt(at)).isEqualTo(first.size());
        java.nio.ByteBuffer.wrap(huge).putInt(at, Integer.MAX_VALUE);
        Files.write(file, huge);
        assertSameScores(first, Portfolio.load(database));
        assertThat(Files.readAllBytes(file)).isEqualTo(whole);
    }

    @Test
    void anImportMakesANewFileAndTheOldOneGoes() throws Exception {
        Portfolio.load(database);
        List<Path> before = portfolioFiles();
        Path more = folder.resolve("more");
        Files.createDirectories(more);
        Files.writeString(more.resolve("surveys.csv"), "account_id,date,nps\nACC-00010,2026-09-29,2\n");
        assertThat(new BundleImporter(database).run(BundleImporter.Request.canonical(more), ImportProgress.NONE)
                .succeeded()).isTrue();
        Portfolio after = Portfolio.load(database);
        assertThat(portfolioFiles()).hasSize(1).doesNotContainAnyElementsOf(before);
        assertSameScores(Portfolio.of(com.bellwether.store.PortfolioReader.read(database)), after);
    }
}
