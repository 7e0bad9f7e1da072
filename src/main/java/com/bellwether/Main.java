package com.bellwether;

import com.bellwether.cli.BellwetherCommand;
import com.bellwether.ui.BellwetherApp;
import com.bellwether.ui.DisplayToolkit;
import com.bellwether.ui.ScreenshotsCommand;

/** Opens the workbench when started without arguments; runs a command otherwise. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        com.bellwether.ui.StartupTrace.mark("main");
        // Before any logger is made, so that every one writes to the file in the home.
        java.nio.file.Path log = com.bellwether.app.LogFile.start();
        if (args.length == 0) {
            openWorkbench(null, log);
            return;
        }
        if (args[0].equals("--db") && args.length == 2) {
            openWorkbench(args[1], log);
            return;
        }
        picocli.CommandLine commandLine = BellwetherCommand.commandLine(new java.io.PrintWriter(System.out, true),
                new java.io.PrintWriter(System.err, true));
        commandLine.addSubcommand("screenshots", new ScreenshotsCommand());
        int code;
        try {
            code = commandLine.execute(args);
        } catch (OutOfMemoryError e) {
            System.err.println("error: " + com.bellwether.scoring.TooLargeForHeap.outOfMemory(Runtime.getRuntime().maxMemory()));
            code = 1;
        }
        com.bellwether.store.Database.awaitOthersBeforeExit();
        System.exit(code);
    }

    /**
     * The workbench, or one line saying what this machine lacks to show it (a display, GTK 3) and a non-zero exit:
     * the stack trace goes to the log only.
     */
    private static void openWorkbench(String database, java.nio.file.Path log) {
        java.util.Optional<String> missing = DisplayToolkit.missingBeforeStart();
        if (missing.isPresent()) {
            System.err.println(missing.get());
            System.exit(DisplayToolkit.EXIT_NO_DISPLAY);
        }
        DisplayToolkit.quietClassPathWarning();
        try {
            BellwetherApp.launchWorkbench(database);
        } catch (RuntimeException | LinkageError e) {
            org.slf4j.LoggerFactory.getLogger(Main.class).error("The workbench could not open its window", e);
            System.err.println(DisplayToolkit.explain(e, System.getenv(), log == null ? null : log.toString()));
            System.exit(DisplayToolkit.EXIT_NO_DISPLAY);
        }
    }
}
