package com.bellwether.cli;

import java.io.PrintWriter;

import com.bellwether.app.Workspace;
import com.bellwether.ingest.MappingProfile;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top of the command line: {@code bellwether import|generate|db ...}. */
@Command(name = "bellwether", mixinStandardHelpOptions = true, version = "Bellwether 0.1.0",
        description = "Build, tune and prove a customer health score. Without a command, opens the workbench.",
        subcommands = {ImportCommand.class, SourcesCommand.class, SyncCommand.class, ScoreCommand.class, BacktestCommand.class, EffectsCommand.class, AlertsCommand.class, GenerateCommand.class, DbCommand.class,
                ModelsCommand.class, SnapshotCommand.class, CommandLine.HelpCommand.class})
public final class BellwetherCommand implements Runnable {

    /** Exit code of a command whose input had problems. */
    public static final int INPUT_PROBLEMS = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs a command line and returns its exit code; errors are one clear line, not a stack trace. */
    public static int execute(String... args) {
        return commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true)).execute(args);
    }

    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new BellwetherCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            String message;
            if (Workspace.isStorageProblem(e) || e instanceof java.io.IOException
                    || e instanceof DatabaseOption.MissingDatabaseException
                    || e instanceof com.bellwether.scoring.TooLargeForHeap) {
                message = e.getMessage();
            } else if (e instanceof MappingProfile.InvalidMappingException) {
                message = "Invalid mapping profile: " + e.getMessage();
            } else if (e instanceof com.bellwether.scoring.HealthModel.InvalidModelException) {
                message = "Invalid model: " + e.getMessage();
            } else {
                message = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            cmd.getErr().println("error: " + message);
            org.slf4j.LoggerFactory.getLogger(BellwetherCommand.class).warn("{} failed: {}", cmd.getCommandName(), message, e);
            return e instanceof java.io.IOException || e instanceof MappingProfile.InvalidMappingException
                    || e instanceof DatabaseOption.MissingDatabaseException
                    || Workspace.isUsersToFix(e)
                    || e instanceof com.bellwether.scoring.HealthModel.InvalidModelException ? INPUT_PROBLEMS : 1;
        });
        return commandLine;
    }
}
