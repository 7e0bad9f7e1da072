package com.bellwether.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import com.bellwether.app.Workspace;
import com.bellwether.app.WorkspaceLocation;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bellwether screenshots} (registered by the launcher, as the command line itself knows no screens): every screen of the workbench as PNG, on the sample data unless told otherwise. */
@Command(name = "screenshots", mixinStandardHelpOptions = true,
        description = {"Opens the workbench, visits every screen once its data is there, and writes each as a PNG,"
                + " in the light and the dark theme. Without --db, a fresh database with the sample data is used.",
                "Needs a display; on a machine without one: xvfb-run -a java -jar bellwether.jar screenshots"})
public final class ScreenshotsCommand implements Callable<Integer> {

    @Option(names = "--db", paramLabel = "PATH|URL", description = "The database to show (default: a fresh one with the sample data).")
    String db;

    @Option(names = "--out", paramLabel = "FOLDER", defaultValue = "assets", description = "Where the PNG files go (default: assets).")
    Path out;

    @Option(names = "--theme", paramLabel = "light|dark|both", defaultValue = "both", description = "Which themes (default: both).")
    String theme;

    @Option(names = "--timings", paramLabel = "MOVES", defaultValue = "0",
            description = "Also move a weight on the tuning screen this many times and report the time from each move to its"
                    + " repaint; then add, and remove again, a CSM adjustment on the account shown and report the time to the"
                    + " portfolio's repaint (both stay in the account's audit trail: use a copy of a database you keep).")
    int timings;

    @Override
    public Integer call() throws Exception {
        List<String> themes = switch (theme.toLowerCase(Locale.ROOT)) {
            case "light" -> List.of("light");
            case "dark" -> List.of("dark");
            case "both" -> List.of("light", "dark");
            default -> throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--theme: expected light, dark or both, not " + theme);
        };
        java.util.Optional<String> noDisplay = DisplayToolkit.missingBeforeStart();
        if (noDisplay.isPresent()) {
            System.err.println(noDisplay.get());
            return DisplayToolkit.EXIT_NO_DISPLAY;
        }
        WorkspaceLocation location;
        Path scratch = null;
        if (db != null) {
            location = WorkspaceLocation.parse(db);
        } else {
            scratch = Files.createTempDirectory("bellwether-screenshots");
            location = WorkspaceLocation.parse(scratch.resolve("sample").toString());
            Workspace.open(location).importSample(com.bellwether.ingest.ImportProgress.NONE);
        }
        long start = System.nanoTime();
        if (scratch != null) {
            System.out.printf(Locale.ROOT, "sample database prepared in %s%n", scratch);
        }
        ScreenshotTour.Result result = ScreenshotTour.run(new ScreenshotTour.Plan(location, out, themes, timings));
        for (Path file : result.files()) {
            System.out.println(file);
        }
        if (!result.repaintMillis().isEmpty()) {
            List<Double> sorted = result.repaintMillis().stream().sorted().toList();
            System.out.printf(Locale.ROOT, "weight move to repaint over %d moves: median %.1f ms, p90 %.1f ms, max %.1f ms%n",
                    sorted.size(), sorted.get(sorted.size() / 2), sorted.get((int) (sorted.size() * 0.9)), sorted.get(sorted.size() - 1));
        }
        for (int i = 0; i < result.adjustmentMillis().size(); i++) {
            System.out.printf(Locale.ROOT, "CSM adjustment %s to the portfolio's repaint: %.1f ms%n",
                    i == 0 ? "added" : "removed", result.adjustmentMillis().get(i));
        }
        System.out.printf(Locale.ROOT, "program start to the portfolio scored on screen: %.1f s%n", result.firstScreenSeconds());
        System.out.printf(Locale.ROOT, "%d screenshots in %s (%.1f s)%n", result.files().size(), out, (System.nanoTime() - start) / 1e9);
        return 0;
    }
}
