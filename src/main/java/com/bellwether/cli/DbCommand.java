package com.bellwether.cli;

import java.io.PrintWriter;

import com.bellwether.app.DatabaseInfo;
import com.bellwether.app.ImportRun;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bellwether db info}: what the database holds. */
@Command(name = "db", mixinStandardHelpOptions = true, description = "Looks into the database.",
        subcommands = DbCommand.Info.class)
public final class DbCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "info", mixinStandardHelpOptions = true,
            description = "Prints the rows per table, the span of the dated data and the latest imports.")
    static final class Info implements Runnable {

        @Mixin
        DatabaseOption database;

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            DatabaseInfo summary = database.open().info(5);
            out.println("Database: " + summary.location());
            summary.rowsPerTable().forEach((table, rows) -> out.printf("  %-15s %,d%n", table, rows));
            out.println("Dates: " + (summary.firstDate() == null ? "none"
                    : summary.firstDate() + " to " + summary.lastDate()));
            for (ImportRun run : summary.recentImports()) {
                out.printf("Import %d at %s from %s%s%n", run.runId(), run.finishedAt().withNano(0), run.source(),
                        run.mappingName() == null ? "" : " (mapping " + run.mappingName() + ")");
            }
        }
    }
}
