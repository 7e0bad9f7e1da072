package com.bellwether.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

import com.bellwether.app.Durations;
import com.bellwether.app.SyncReport;
import com.bellwether.app.Workspace;
import com.bellwether.ingest.ImportProgress;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bellwether sync}: pulls what is new from the saved sources, imports it, re-scores and raises alerts. */
@Command(name = "sync", mixinStandardHelpOptions = true,
        description = {"Pulls what is new from each saved source (see `bellwether sources`) and imports it, all or nothing"
                + " per source; re-scores the accounts it touched, evaluates the alert rules and posts new alerts to the"
                + " webhook. Prints one line per source.",
                "A file already imported with the same content is skipped; a changed file is imported again under the"
                        + " natural keys. A failing source does not stop the others.",
                "Exit code 0 when every source synced, 3 when one or more failed, 2 when the command itself was"
                        + " given wrongly."})
public final class SyncCommand implements Callable<Integer> {

    /** Exit code of a sync in which a source failed. */
    public static final int SOURCE_FAILED = 3;

    @Mixin
    DatabaseOption database;

    @Option(names = "--source", paramLabel = "NAME", description = "Sync only this source.")
    String source;

    @Option(names = "--every", paramLabel = "DURATION",
            description = "Keep running until stopped (Ctrl+C): every DURATION (30s, 15m, 1h), sync the sources without a"
                    + " schedule of their own and those whose own schedule (sources add --every) is due.")
    String every;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Duration interval = null;
        if (every != null) {
            try {
                interval = Durations.parse(every);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--every: " + e.getMessage());
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        Workspace workspace = interval == null ? database.open() : Workspace.openHeld(
                com.bellwether.app.WorkspaceLocation.parse(database.pathOrUrl()));
        if (workspace.sources().isEmpty()) {
            throw new java.io.IOException("The database at " + workspace.displayName() + " has no sources yet; add one"
                    + " with `bellwether sources add NAME --folder DIR` (see `bellwether sources add --help`)");
        }
        AtomicBoolean stopping = new AtomicBoolean();
        ConsoleProgress console = new ConsoleProgress(spec.commandLine().getErr());
        ImportProgress progress = new ImportProgress() {
            @Override
            public void update(String step, double fraction) {
                console.update(step, fraction);
            }

            @Override
            public boolean isCancelled() {
                return stopping.get();
            }
        };
        if (source != null && workspace.source(source).isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--source: there is no source " + source
                    + "; the sources are: " + String.join(", ", workspace.sources().stream().map(s -> s.name()).toList()));
        }
        if (interval == null) {
            return report(out, workspace.sync(source, progress));
        }
        Thread main = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            main.interrupt();
        }));
        // A running sync starts from alerts up to date, so each round evaluates only the accounts it touched.
        java.time.LocalDate asOf = workspace.portfolio().asOfDate();
        if (asOf != null) {
            out.println(AlertsCommand.summary(workspace.evaluateAlerts(asOf, workspace.configuredWebhook().orElse(null)),
                    new com.bellwether.alerts.DeliveryRun(0, 0, 0, 0), null));
        }
        int exit = 0;
        while (!stopping.get()) {
            List<String> due = due(workspace, interval);
            if (!due.isEmpty()) {
                exit = report(out, workspace.syncNamed(due, progress));
            }
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                break;
            }
        }
        return exit;
    }

    /**
     * The sources a round syncs: the one asked for, or every source without a schedule of its own and every one
     * whose own schedule is due (its last sync at least that long ago, within a round's length).
     */
    private List<String> due(Workspace workspace, Duration round) {
        java.time.OffsetDateTime now = java.time.OffsetDateTime.now();
        return workspace.sources().stream()
                .filter(s -> source == null || s.name().equals(source))
                .filter(s -> source != null || s.every() == null || s.latest() == null
                        || !s.latest().finished().plus(s.every()).minus(round.dividedBy(2)).isAfter(now))
                .map(com.bellwether.app.Source::name)
                .toList();
    }

    /** "Alerts as of 2026-09-30: 2 new, 5 updated; 14 open; 2 sent to the webhook". */
    private static String alertLine(SyncReport report) {
        var alerts = report.alerts();
        var delivery = report.delivery();
        return "Alerts as of " + alerts.asOf() + ": " + alerts.created().size() + " new, " + alerts.updated()
                + " updated; " + alerts.open() + " open; " + (delivery.attempted() == 0 ? "nothing sent to a webhook"
                : delivery.delivered() + " sent to the webhook" + (delivery.pending() > 0
                ? " (" + delivery.pending() + " waiting for a retry)" : ""));
    }

    private int report(PrintWriter out, SyncReport report) {
        for (SyncReport.SourceResult result : report.sources()) {
            out.println(result.line());
        }
        if (report.alerts() != null || report.delivery().attempted() > 0) {
            out.println(report.alerts() == null ? "No alerts evaluated" : alertLine(report));
        }
        if (report.anyImported()) {
            out.printf("Synced in %.1f s%n", report.elapsed().toMillis() / 1000.0);
        }
        out.flush();
        return report.anyFailed() ? SOURCE_FAILED : report.cancelled() ? 1 : 0;
    }
}
