package com.bellwether.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.bellwether.sample.GeneratorSettings;
import com.bellwether.sample.SampleGenerator;

/** {@code bellwether sources} and {@code bellwether sync} as a user types them. */
class SyncCommandTest {

    @TempDir
    Path dir;

    private StringWriter out;
    private StringWriter err;

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return BellwetherCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    private String db() {
        return dir.resolve("db").toString();
    }

    @BeforeEach
    void importAPortfolio() throws Exception {
        Path bundle = Files.createDirectories(dir.resolve("bundle"));
        new SampleGenerator(GeneratorSettings.defaults().withAccounts(40).withMonths(12)).writeTo(bundle);
        assertThat(run("import", "--db", db(), bundle.toString())).isZero();
    }

    @Test
    void sourcesAreAddedSyncedListedAndRemoved() throws Exception {
        Path drop = Files.createDirectories(dir.resolve("drop"));
        Path broken = Files.createDirectories(dir.resolve("broken"));
        assertThat(run("sync", "--db", db())).isEqualTo(2);
        assertThat(err.toString()).contains("has no sources yet", "bellwether sources add");

        assertThat(run("sources", "add", "usage", "--db", db(), "--folder", drop.toString(), "--pattern", "usage-*.csv",
                "--every", "15m")).isZero();
        assertThat(out.toString()).contains("Saved the source usage (folder, every 15m)");
        assertThat(run("sources", "add", "tickets", "--db", db(), "--folder", broken.toString(), "--entity", "tickets"))
                .isZero();
        assertThat(run("sources", "add", "x y", "--db", db(), "--folder", drop.toString(), "--every", "soon")).isEqualTo(2);
        assertThat(err.toString()).contains("--every: \"soon\" is not a duration");

        Files.writeString(drop.resolve("usage-1.csv"), "account_id,date,logins\nACC-00001,2026-09-29,4\nACC-00002,2026-09-29,5\n");
        Files.writeString(broken.resolve("export.csv"), "ticket_id,account_id,opened,priority\nT-1,ACC-00001,2026-09-01,sky-high\n");
        assertThat(run("sources", "preview", "usage", "--db", db())).isZero();
        assertThat(out.toString()).contains("usage-1.csv (usage):", "account_id | date | logins", "ACC-00001 | 2026-09-29 | 4");
        assertThat(run("sources", "test", "usage", "--db", db())).isZero();
        assertThat(out.toString()).contains("has 1 matching file; 1 new or changed");

        assertThat(run("sync", "--db", db())).isEqualTo(SyncCommand.SOURCE_FAILED);
        assertThat(out.toString()).contains("tickets: failed, nothing of it was imported: 1 problem; export.csv line 2",
                "usage: 2 new rows from 1 file; 2 accounts re-scored; ");
        assertThat(run("sync", "--db", db(), "--source", "usage")).isZero();
        assertThat(out.toString()).isEqualTo("usage: nothing new" + System.lineSeparator());

        assertThat(run("sources", "list", "--db", db())).isZero();
        assertThat(out.toString()).contains("usage (folder " + drop + " / usage-*.csv, every 15m): last sync",
                "nothing new; last good sync", "latest data day 2026-09-29", "tickets (folder", "error: 1 problem");
        assertThat(run("db", "info", "--db", db())).isZero();
        assertThat(out.toString()).contains("Sources:", "usage (folder", "latest data day 2026-09-29");
        assertThat(run("sources", "show", "usage", "--db", db())).isZero();
        assertThat(out.toString()).contains("imported    1 file, 2 rows, data to 2026-09-29", "nothing new");

        assertThat(run("sources", "remove", "tickets", "--db", db())).isZero();
        assertThat(run("sources", "remove", "tickets", "--db", db())).isEqualTo(2);
        assertThat(err.toString()).contains("There is no source tickets");
        assertThat(run("sync", "--db", db(), "--source", "tickets")).isEqualTo(2);
        assertThat(err.toString()).contains("--source: there is no source tickets; the sources are: usage");
    }
}
