package com.bellwether.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.bellwether.store.Database;
import com.bellwether.store.DatabaseLocation;
import com.bellwether.store.ScoreSnapshot;
import com.bellwether.store.SnapshotStore;

/** The snapshot command on a small generated portfolio (30 accounts, 6 months) in a file database. */
class SnapshotCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return BellwetherCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    private String db() {
        return dir.resolve("snapshots").toString();
    }

    private SnapshotStore store() {
        return new SnapshotStore(Database.open(DatabaseLocation.parse(db())));
    }

    @BeforeEach
    void generatedPortfolio() {
        Path generated = dir.resolve("generated");
        assertThat(run("generate", "--accounts", "30", "--months", "6", "--seed", "7", "--out", generated.toString())).isZero();
        assertThat(run("import", "--db", db(), generated.toString())).as(err.toString()).isZero();
    }

    @Test
    void aSnapshotAsOfADateTwiceStoresTheSameRows() {
        assertThat(run("snapshot", "--db", db())).as(err.toString()).isZero();
        String first = out.toString().strip();
        assertThat(store().dates(1)).hasSize(1);
        LocalDate last = store().dates(1).get(0);
        List<ScoreSnapshot> rows = store().at(last, 1);

        assertThat(first).matches("Stored " + rows.size() + " scores as of " + last + " under v1 Default health model"
                + " in \\d+\\.\\d s; froze \\d+ new outcome scores\\.");
        assertThat(rows).hasSizeGreaterThan(10);

        LocalDate earlier = last.minusDays(40);
        assertThat(run("snapshot", "--db", db(), "--as-of", earlier.toString())).isZero();
        assertThat(out.toString()).contains("scores as of " + earlier).endsWith("froze 0 new outcome scores.\n");
        long rowsNow = store().count();
        assertThat(run("snapshot", "--db", db(), "--as-of", earlier.toString())).isZero();
        assertThat(run("snapshot", "--db", db())).isZero();
        assertThat(store().count()).isEqualTo(rowsNow);
        assertThat(store().at(last, 1)).isEqualTo(rows);
    }

    @Test
    void theBackfillStoresEveryWeekAndAnotherVersionScoresTheSameDates() throws Exception {
        assertThat(run("snapshot", "--backfill", "--db", db())).as(err.toString()).isZero();
        List<LocalDate> weeks = store().dates(1);
        assertThat(weeks).hasSizeGreaterThan(20);
        assertThat(out.toString()).contains("scores for " + weeks.size() + " dates from " + weeks.get(0) + " to "
                + weeks.get(weeks.size() - 1) + " under v1 Default health model");

        Path strict = Files.writeString(dir.resolve("strict.json"), com.bellwether.scoring.HealthModel.defaultModel()
                .withBands(new com.bellwether.scoring.HealthModel.Bands(55.0, 80.0)).toJson());
        assertThat(run("models", "save", strict.toString(), "--name", "Strict", "--db", db())).isZero();
        assertThat(run("snapshot", "--backfill", "--version", "2", "--db", db())).as(err.toString()).isZero();

        assertThat(out.toString()).contains("dates from " + weeks.get(0)).contains("under v2 Strict");
        assertThat(store().dates(2)).isEqualTo(weeks);
        assertThat(store().count(2)).isEqualTo(store().count(1));
    }

    @Test
    void anUnknownVersionIsRefused() {
        assertThat(run("snapshot", "--version", "4", "--db", db())).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("error: there is no model version 4");
        assertThat(store().count()).isZero();
    }
}
