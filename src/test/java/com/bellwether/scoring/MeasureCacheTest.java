package com.bellwether.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measure values computed once are read back on the next run with the same data and definitions, give the same
 * scores, and are never trusted when damaged or when the data or a definition changed.
 */
class MeasureCacheTest {

    private static final List<LocalDate> DATES = List.of(LocalDate.parse("2025-09-30"), LocalDate.parse("2026-03-31"),
            LocalDate.parse("2026-09-30"));

    @TempDir
    Path folder;

    private Portfolio cached(String dataVersion) throws Exception {
        return SamplePortfolio.portfolio().withMeasureCache(new MeasureCache(folder, dataVersion, 1));
    }

    private static void assertSameScores(ScoreGrid a, ScoreGrid b) {
        assertThat(a.points()).isEqualTo(b.points());
        for (int p = 0; p < a.points(); p++) {
            for (int m = 0; m < a.model().measures().size(); m++) {
                assertThat(Double.doubleToLongBits(a.raw(m, p))).isEqualTo(Double.doubleToLongBits(b.raw(m, p)));
            }
            assertThat(Double.doubleToLongBits(a.score(p))).isEqualTo(Double.doubleToLongBits(b.score(p)));
        }
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".bin")).sorted().toList();
        }
    }

    @Test
    void aSecondRunReadsWhatTheFirstComputed() throws Exception {
        HealthModel model = HealthModel.defaultModel();
        ScoreGrid uncached = ScoreGrid.compute(model, SamplePortfolio.portfolio(), DATES);
        ScoreGrid first = ScoreGrid.compute(model, cached("v1"), DATES);
        List<Path> written = files();
        assertThat(written).hasSize(model.measures().size());
        long[] modified = new long[written.size()];
        for (int i = 0; i < modified.length; i++) {
            modified[i] = Files.getLastModifiedTime(written.get(i)).toMillis();
        }
        ScoreGrid second = ScoreGrid.compute(model, cached("v1"), DATES);
        assertSameScores(uncached, first);
        assertSameScores(uncached, second);
        assertThat(files()).isEqualTo(written);
        for (int i = 0; i < modified.length; i++) {
            assertThat(Files.getLastModifiedTime(written.get(i)).toMillis()).as("not written again").isEqualTo(modified[i]);
        }
    }

    @Test
    void otherDataOrOtherDatesNeverMeetTheOldFiles() throws Exception {
        HealthModel model = HealthModel.defaultModel();
        ScoreGrid.compute(model, cached("v1"), DATES);
        ScoreGrid.compute(model, cached("v2"), DATES);
        assertThat(files()).hasSize(2 * model.measures().size());
        ScoreGrid.compute(model, cached("v2"), DATES.subList(0, 2));
        assertThat(files()).hasSize(3 * model.measures().size());
    }

    @Test
    void aDamagedFileIsComputedAgainNotTrusted() throws Exception {
        HealthModel model = HealthModel.defaultModel();
        ScoreGrid truth = ScoreGrid.compute(model, SamplePortfolio.portfolio(), DATES);
        ScoreGrid.compute(model, cached("v1"), DATES);
        List<Path> written = files();
        // One file with a flipped byte (its checksum no longer holds), one cut short.
        byte[] bytes = Files.readAllBytes(written.get(0));
        bytes[bytes.length - 3] ^= 0x5A;
        Files.write(written.get(0), bytes);
        try (var channel = Files.newByteChannel(written.get(1), StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() - 8);
        }
        ScoreGrid again = ScoreGrid.compute(model, cached("v1"), DATES);
        assertSameScores(truth, again);
        assertThat(files()).isEqualTo(written);
        assertThat(Files.size(written.get(1))).isEqualTo(Files.size(written.get(2)));
    }

    @Test
    void afterAnImportOnlyTheChangedAccountsAreComputedAgain() throws Exception {
        HealthModel model = HealthModel.defaultModel();
        Portfolio portfolio = SamplePortfolio.portfolio();
        ScoreGrid uncached = ScoreGrid.compute(model, portfolio, DATES);
        MeasureCache before = new MeasureCache(folder, "v1", 1);
        String[] ids = portfolio.accounts().stream().map(a -> a.accountId()).toArray(String[]::new);
        int[] days = DATES.stream().mapToInt(d -> (int) d.toEpochDay()).toArray();
        int points = ids.length * days.length;
        // Columns of the earlier version whose values are marked, to see which ones are taken over.
        for (HealthModel.Measure measure : model.measures()) {
            double[] marked = new double[points];
            java.util.Arrays.fill(marked, -7.0);
            before.write(before.key(measure.derive(), portfolio.metrics(), ids, days), marked);
        }
        java.util.Set<String> changed = java.util.Set.of(ids[0], ids[5]);
        MeasureCache after = new MeasureCache(folder, "v2", 1).changedSince("v1", changed);

        ScoreGrid grid = ScoreGrid.compute(model, portfolio.withMeasureCache(after), DATES);

        for (int k = 0; k < ids.length; k++) {
            for (int j = 0; j < days.length; j++) {
                int p = grid.point(k, j);
                for (int m = 0; m < model.measures().size(); m++) {
                    double expected = changed.contains(ids[k]) ? uncached.raw(m, p) : -7.0;
                    assertThat(Double.doubleToLongBits(grid.raw(m, p))).isEqualTo(Double.doubleToLongBits(expected));
                }
            }
        }
        // What the import left is known to a later run too, and the merged columns are kept under the new version.
        MeasureCache later = MeasureCache.of(folder, "v2", 1);
        assertThat(later.changed(ids[5])).isTrue();
        assertThat(later.changed(ids[1])).isFalse();
        ScoreGrid again = ScoreGrid.compute(model, portfolio.withMeasureCache(later), DATES);
        assertSameScores(grid, again);
    }

    @Test
    void anImportThatAddedAnAccountComputesOnlyItAndTheChangedOnes() throws Exception {
        HealthModel model = HealthModel.defaultModel();
        Portfolio portfolio = SamplePortfolio.portfolio();
        ScoreGrid uncached = ScoreGrid.compute(model, portfolio, DATES);
        String[] ids = portfolio.accounts().stream().map(a -> a.accountId()).toArray(String[]::new);
        int[] days = DATES.stream().mapToInt(d -> (int) d.toEpochDay()).toArray();
        // The version before had every account but the fourth (the import added it), in the same order.
        String newcomer = ids[3];
        String[] before = java.util.Arrays.stream(ids).filter(id -> !id.equals(newcomer)).toArray(String[]::new);
        MeasureCache earlier = new MeasureCache(folder, "v1", 1);
        for (HealthModel.Measure measure : model.measures()) {
            double[] marked = new double[before.length * days.length];
            java.util.Arrays.fill(marked, -7.0);
            earlier.write(earlier.key(measure.derive(), portfolio.metrics(), before, days), marked, measure.derive(),
                    portfolio.metrics(), before, days);
        }
        java.util.Set<String> changed = java.util.Set.of(newcomer, ids[5]);
        MeasureCache after = new MeasureCache(folder, "v2", 1).changedSince("v1", changed);

        ScoreGrid grid = ScoreGrid.compute(model, portfolio.withMeasureCache(after), DATES);

        for (int k = 0; k < ids.length; k++) {
            for (int j = 0; j < days.length; j++) {
                int p = grid.point(k, j);
                for (int m = 0; m < model.measures().size(); m++) {
                    double expected = changed.contains(ids[k]) ? uncached.raw(m, p) : -7.0;
                    assertThat(Double.doubleToLongBits(grid.raw(m, p))).as(ids[k])
                            .isEqualTo(Double.doubleToLongBits(expected));
                }
            }
        }
        // Kept under the new version for the whole grid: the next run reads it as it is.
        ScoreGrid again = ScoreGrid.compute(model, portfolio.withMeasureCache(MeasureCache.of(folder, "v2", 1)), DATES);
        assertSameScores(grid, again);
    }
}
