package com.bellwether.cli;

import java.io.IOException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;

import com.bellwether.app.Workspace;
import com.bellwether.scoring.Portfolio;
import com.bellwether.scoring.Snapshots;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bellwether snapshot}: stores the score history and freezes the scores before churns and renewals. */
@Command(name = "snapshot",
        description = {"Stores every live account's score as of a date under the active model version (replacing what"
                + " that version stored for the date), and freezes the score the day before each churn and renewal.",
                "With --backfill, stores a snapshot at the end of every week of the data instead. With --version,"
                        + " scores under that version; with both, the dates already stored, to compare versions."})
public final class SnapshotCommand implements Callable<Integer> {

    @Mixin
    DatabaseOption database;

    @Option(names = "--as-of", paramLabel = "DATE",
            description = "The as-of date, or the last one of the backfill (default: the latest day the data is complete for).")
    LocalDate asOf;

    @Option(names = "--backfill", description = "A snapshot at every week's end from the first date with data.")
    boolean backfill;

    @Option(names = "--version", paramLabel = "N", description = "Score under version N (default: the active one).")
    Integer version;

    // Not the standard help options: their --version (the program's) would take the place of the model version's.
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Workspace workspace = database.open();
        Portfolio portfolio = workspace.portfolio();
        LocalDate first = portfolio.firstDataDate();
        if (first == null) {
            throw new IOException("The database at " + workspace.displayName() + " holds no dated data to score");
        }
        LocalDate date = asOf != null ? asOf : portfolio.asOfDate();
        if (version != null && ModelsCommand.find(workspace, Integer.toString(version), spec).isEmpty()) {
            return BellwetherCommand.INPUT_PROBLEMS;
        }
        Snapshots.Run run = backfill ? workspace.backfill(first, date, version) : workspace.snapshot(date, version);
        int frozen = workspace.freezeOutcomes();
        String when = run.dates().size() == 1 ? "as of " + run.dates().get(0)
                : run.dates().isEmpty() ? "(no dates from " + first + " to " + date + ")"
                : String.format(Locale.ROOT, "for %d dates from %s to %s", run.dates().size(), run.dates().get(0),
                        run.dates().get(run.dates().size() - 1));
        spec.commandLine().getOut().printf(Locale.ROOT, "Stored %,d scores %s under v%d %s in %.1f s; froze %d new"
                        + " outcome scores.%n", run.rows(), when, run.versionNo(), run.versionName(),
                run.took().toMillis() / 1000.0, frozen);
        return 0;
    }
}
