package com.bellwether;

import com.bellwether.cli.BellwetherCommand;
import com.bellwether.ui.BellwetherApp;
import com.bellwether.ui.ScreenshotsCommand;

/** Opens the workbench when started without arguments; runs a command otherwise. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        com.bellwether.ui.StartupTrace.mark("main");
        // Before any logger is made, so that every one writes to the file in the home.
        com.bellwether.app.LogFile.start();
        if (args.length == 0) {
            BellwetherApp.launchWorkbench(null);
            return;
        }
        if (args[0].equals("--db") && args.length == 2) {
            BellwetherApp.launchWorkbench(args[1]);
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
}
