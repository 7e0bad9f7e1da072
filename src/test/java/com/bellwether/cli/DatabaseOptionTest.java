package com.bellwether.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.bellwether.app.Workspace;
import com.bellwether.scoring.HealthModel;

/** {@code --db} before or after a subcommand, and read-only commands on a database that is not there. */
class DatabaseOptionTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return BellwetherCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    private Path model() throws Exception {
        return Files.writeString(dir.resolve("model.json"), HealthModel.defaultModel().toJson());
    }

    @Test
    void dbBeforeTheSubcommandReachesIt() throws Exception {
        String db = dir.resolve("before").toString();
        Path home = Files.createDirectories(dir.resolve("home"));
        String previous = System.getProperty("bellwether.home");
        System.setProperty("bellwether.home", home.toString());
        try {
            assertThat(run("models", "--db", db, "save", model().toString(), "--name", "Before")).as(err.toString()).isZero();
        } finally {
            if (previous == null) {
                System.clearProperty("bellwether.home");
            } else {
                System.setProperty("bellwether.home", previous);
            }
        }
        assertThat(Workspace.open(db).versions()).extracting(v -> v.name()).contains("Before");
        try (Stream<Path> files = Files.list(home)) {
            assertThat(files.filter(f -> f.toString().endsWith(".mv.db"))).as("nothing saved in the default database").isEmpty();
        }
    }

    @Test
    void dbAfterTheSubcommandStillWorks() throws Exception {
        String db = dir.resolve("after").toString();
        assertThat(run("models", "save", model().toString(), "--db", db, "--name", "After")).as(err.toString()).isZero();
        assertThat(Workspace.open(db).versions()).extracting(v -> v.name()).contains("After");
    }

    @Test
    void dbBeforeAnInfoSubcommandReachesIt() {
        String db = dir.resolve("info").toString();
        Workspace.open(db);
        assertThat(run("db", "--db", db, "info")).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("Database: " + dir.resolve("info.mv.db"));
        assertThat(run("sources", "--db", db, "list")).as(err.toString()).isZero();
        assertThat(run("models", "--db", db, "diff", "1", "1")).as(err.toString()).isZero();
    }

    @Test
    void twoDifferentDatabasesInTheTwoPlacesAreRefused() throws Exception {
        String a = dir.resolve("a").toString();
        String b = dir.resolve("b").toString();
        assertThat(run("models", "--db", a, "save", model().toString(), "--db", b)).isEqualTo(2);
        assertThat(err.toString()).contains("--db is given twice with different databases");
        assertThat(dir.resolve("a.mv.db")).doesNotExist();
        assertThat(dir.resolve("b.mv.db")).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"score --out OUT", "backtest --out OUT", "models", "models diff 1 2", "db info", "sources list", "sources show x"})
    void aReadOnlyCommandOnAMissingDatabaseSaysSoAndCreatesNothing(String command) {
        Path missing = dir.resolve("typo.mv.db");
        String[] words = command.split(" ");
        String[] args = Stream.concat(Stream.of(words).map(w -> w.equals("OUT") ? dir.resolve(words[0].equals("score") ? "out.csv" : "report.json").toString() : w), Stream.of("--db", missing.toString())).toArray(String[]::new);

        assertThat(run(args)).isEqualTo(2);

        assertThat(err.toString().strip()).startsWith("error: no database at " + missing);
        assertThat(dir.toFile().list()).isEmpty();
    }
}
