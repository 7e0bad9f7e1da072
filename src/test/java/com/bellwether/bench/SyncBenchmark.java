package com.bellwether.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;

import com.bellwether.app.SyncReport;
import com.bellwether.app.Workspace;
import com.bellwether.app.WorkspaceLocation;
import com.bellwether.ingest.ImportProgress;
import com.bellwether.ingest.SourceDefinition;
import com.bellwether.scoring.HealthModel;
import com.bellwether.scoring.Portfolio;

/**
 * A sync of a folder source that brings {@code ROWS} usage rows (for as many accounts, on the as-of date) into a
 * database, as a running `sync --every` or workbench does it: the portfolio read, scored and its alerts evaluated
 * once, then each round a new file dropped and synced (import, re-scoring of the accounts it touched, alert
 * evaluation), timed end to end: {@code SyncBenchmark DATABASE [ROWS] [ROUNDS]}. Run by scripts/sync-benchmark.sh.
 */
public final class SyncBenchmark {

    private SyncBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        String database = args[0];
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path drop = Files.createTempDirectory("bellwether-sync-bench-");
        Workspace workspace = Workspace.openHeld(WorkspaceLocation.parse(database));
        workspace.saveSource("bench-usage", SourceDefinition.folder(drop.toString(), "usage-*.csv", null, null), null);

        long started = System.nanoTime();
        Portfolio portfolio = workspace.portfolio();
        HealthModel model = workspace.activeModel();
        LocalDate asOf = portfolio.asOfDate();
        workspace.scores(model, asOf, () -> false);
        workspace.evaluateAlerts(asOf, null);
        System.out.printf("Read, scored and evaluated %,d accounts as of %s in %.1f s%n", portfolio.size(), asOf,
                seconds(started));

        List<String> metrics = portfolio.metrics();
        Random random = new Random(7);
        for (int round = 1; round <= rounds; round++) {
            Path file = drop.resolve("usage-round-" + round + ".csv");
            int written = 0;
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                out.write("account_id,date," + String.join(",", metrics) + "\n");
                Portfolio now = workspace.portfolio();
                for (int a = round; a < now.size() && written < rows; a += Math.max(1, now.size() / rows)) {
                    if (!now.isLive(a, asOf)) {
                        continue;
                    }
                    StringBuilder line = new StringBuilder(now.account(a).accountId()).append(',').append(asOf);
                    for (int m = 0; m < metrics.size(); m++) {
                        line.append(',').append(random.nextInt(200));
                    }
                    out.write(line.append('\n').toString());
                    written++;
                }
            }
            long syncStarted = System.nanoTime();
            SyncReport report = workspace.sync("bench-usage", ImportProgress.NONE);
            double total = seconds(syncStarted);
            SyncReport.SourceResult result = report.sources().get(0);
            System.out.printf("Round %d: %s; %.2f s in all (import and re-scoring %.2f s, alerts and webhook %.2f s)%n",
                    round, result.line(), total, result.elapsed().toNanos() / 1e9,
                    total - result.elapsed().toNanos() / 1e9);
        }
        workspace.removeSource("bench-usage");
        workspace.release();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
