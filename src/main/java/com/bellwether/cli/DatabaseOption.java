package com.bellwether.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import com.bellwether.app.Workspace;
import com.bellwether.app.WorkspaceLocation;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code --db} option every command shares. A command with subcommands ({@code models}, {@code db}) takes it too,
 * so that {@code models --db PATH save FILE} and {@code models save FILE --db PATH} mean the same; two different
 * paths in the two places are refused.
 */
public final class DatabaseOption {

    private static final String DEFAULT = "~/.bellwether/bellwether.mv.db";
    private static final String NAME = "--db";

    @Option(names = NAME, paramLabel = "PATH|URL",
            description = "The database: a file path or a jdbc: URL (default: ${DEFAULT-VALUE}).",
            defaultValue = DEFAULT)
    String db;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** What the user typed, with ~ expanded; null for the default database (which BELLWETHER_HOME may move). */
    public String pathOrUrl() {
        String typed = typed();
        if (typed == null || typed.equals(DEFAULT)) {
            return null;
        }
        if (typed.startsWith("~/")) {
            return System.getProperty("user.home") + typed.substring(1);
        }
        return typed;
    }

    /** The value given on this command or, failing that, on the nearest command above it that was given one. */
    private String typed() {
        if (command == null || given(command)) {
            return db;
        }
        String found = null;
        for (CommandSpec above = command.parent(); above != null; above = above.parent()) {
            if (given(above)) {
                found = above.findOption(NAME).getValue();
                break;
            }
        }
        return found == null ? db : found;
    }

    private static boolean given(CommandSpec spec) {
        CommandLine.ParseResult parsed = spec.commandLine() == null ? null : spec.commandLine().getParseResult();
        return parsed != null && parsed.hasMatchedOption(NAME);
    }

    /**
     * Refuses a {@code --db} given both before and after the subcommand with different values. Called when the
     * subcommand runs, where both places are known.
     */
    private void checkOnePlace() {
        if (command == null || !given(command)) {
            return;
        }
        for (CommandSpec above = command.parent(); above != null; above = above.parent()) {
            if (given(above) && !above.findOption(NAME).getValue().equals(db)) {
                throw new ParameterException(command.commandLine(), "--db is given twice with different databases ("
                        + above.findOption(NAME).getValue() + " before " + command.name() + ", " + db
                        + " after it): give it once");
            }
        }
    }

    /** Opens the database, creating it if there is none: for commands that write (import, save, ...). */
    public Workspace open() {
        checkOnePlace();
        return Workspace.open(pathOrUrl());
    }

    /**
     * Opens a database that must already exist: for commands that only read. A mistyped path would otherwise create
     * an empty database and report on nothing.
     */
    public Workspace openExisting() {
        checkOnePlace();
        Optional<Path> file = WorkspaceLocation.parse(pathOrUrl()).file();
        if (file.isPresent() && !Files.isRegularFile(file.get())) {
            throw new MissingDatabaseException(file.get());
        }
        return Workspace.open(pathOrUrl());
    }

    /** A read-only command was pointed at a file that holds no database; nothing was created. */
    public static final class MissingDatabaseException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        MissingDatabaseException(Path file) {
            super("no database at " + file + " (nothing was created; check --db, or import data to make one)");
        }
    }
}
