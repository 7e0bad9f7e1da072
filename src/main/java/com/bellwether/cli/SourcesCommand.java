package com.bellwether.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import com.bellwether.app.Durations;
import com.bellwether.app.Source;
import com.bellwether.app.Workspace;
import com.bellwether.ingest.BundleImporter;
import com.bellwether.ingest.ImportProblem;
import com.bellwether.ingest.SourceDefinition;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code bellwether sources}: saves, lists, tries and removes the sources {@code bellwether sync} reads.
 */
@Command(name = "sources", mixinStandardHelpOptions = true,
        description = {"Saved, named places data comes from: a folder other tools drop exports into, or a query over"
                + " JDBC with an incremental cursor. `bellwether sync` reads what is new in each.",
                "Credentials are never saved: a query source names the environment variables (or the password file)"
                        + " that hold them."},
        subcommands = {SourcesCommand.Add.class, SourcesCommand.ListSources.class, SourcesCommand.Show.class,
                SourcesCommand.Test.class, SourcesCommand.Preview.class, SourcesCommand.Remove.class})
public final class SourcesCommand implements Runnable {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** Taken here as well, so that {@code sources --db PATH list} reaches {@code list}. */
    @Mixin
    DatabaseOption database;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Where a folder source reads. */
    static final class FolderOptions {
        @Option(names = "--folder", required = true, paramLabel = "DIR", description = "The folder exports are dropped into.")
        Path folder;

        @Option(names = "--pattern", paramLabel = "GLOB",
                description = "Which of its files to read (default *.csv); e.g. usage-*.csv.")
        String pattern;

        @Option(names = "--mapping", paramLabel = "PROFILE.json",
                description = "A mapping profile for files of another shape; its text is saved with the source.")
        Path mapping;
    }

    /** Where a query source reads. */
    static final class QueryOptions {
        @Option(names = "--jdbc", required = true, paramLabel = "URL",
                description = "The JDBC URL, without a password (jdbc:postgresql://HOST:PORT/DB).")
        String url;

        @Option(names = "--query", required = true, paramLabel = "SQL",
                description = "The query; name its columns as the entity's canonical columns (AS date, AS account_id...).")
        String query;

        @Option(names = "--cursor", required = true, paramLabel = "COLUMN",
                description = "A column of the query that grows with every new or changed row (e.g. updated_at);"
                        + " a sync reads only rows past the greatest one imported.")
        String cursor;

        @Option(names = "--user", paramLabel = "NAME", description = "The user to connect as.")
        String user;

        @Option(names = "--user-variable", paramLabel = "VAR", description = "The environment variable holding the user.")
        String userVariable;

        @Option(names = "--password-variable", paramLabel = "VAR",
                description = "The environment variable holding the password.")
        String passwordVariable;

        @Option(names = "--password-file", paramLabel = "FILE",
                description = "A password file in the .pgpass form (host:port:database:user:password).")
        String passwordFile;
    }

    static final class Where {
        @ArgGroup(exclusive = false, heading = "A folder source:%n")
        FolderOptions folder;

        @ArgGroup(exclusive = false, heading = "A query source:%n")
        QueryOptions query;
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Saves a source (or replaces the one of that name).",
                    "A changed definition starts the source over: its next sync reads everything again (imports are"
                            + " upserts on natural keys, so nothing is doubled)."})
    static final class Add implements Callable<Integer> {

        @Mixin
        DatabaseOption database;

        @Parameters(index = "0", paramLabel = "NAME", description = "The source's name, e.g. usage or crm.")
        String name;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Where where;

        @Option(names = "--entity", paramLabel = "ENTITY",
                description = "What its files or rows hold (accounts, usage, tickets, ...), when file names do not say.")
        String entity;

        @Option(names = "--every", paramLabel = "DURATION",
                description = "Sync it on its own every DURATION (30s, 15m, 2h, 1d) while `sync --every` or the"
                        + " workbench runs.")
        String every;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            Duration schedule = null;
            if (every != null) {
                try {
                    schedule = Durations.parse(every);
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(spec.commandLine(), "--every: " + e.getMessage());
                }
            }
            SourceDefinition definition;
            if (where.folder != null) {
                JsonNode mapping = null;
                if (where.folder.mapping != null) {
                    try {
                        mapping = new ObjectMapper().readTree(Files.readString(where.folder.mapping));
                    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                        throw new IOException(where.folder.mapping + ": not valid JSON: " + e.getOriginalMessage());
                    }
                }
                definition = SourceDefinition.folder(where.folder.folder.toAbsolutePath().normalize().toString(),
                        where.folder.pattern, entity, mapping);
            } else {
                QueryOptions q = where.query;
                definition = SourceDefinition.query(q.url, q.query, q.cursor, entity, q.user, q.userVariable,
                        q.passwordVariable, q.passwordFile);
            }
            try {
                definition.check(name);
            } catch (SourceDefinition.InvalidSourceException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            Workspace workspace = database.open();
            workspace.saveSource(name, definition, schedule);
            spec.commandLine().getOut().println("Saved the source " + name + " (" + definition.kind() + ", "
                    + (schedule == null ? "on demand" : "every " + Durations.format(schedule)) + ") in "
                    + workspace.displayName());
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists the sources with their schedule, last sync, last good sync and latest day of data.")
    static final class ListSources implements Runnable {

        @Mixin
        DatabaseOption database;

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            List<Source> sources = database.openExisting().sources();
            if (sources.isEmpty()) {
                out.println("No sources yet. Add one with `bellwether sources add NAME --folder DIR` or"
                        + " `--jdbc URL --query SQL --cursor COLUMN --entity ENTITY`.");
                return;
            }
            for (Source source : sources) {
                out.println(freshnessLine(source));
            }
        }
    }

    /** "usage (folder /data/drop / usage-*.csv, every 15m): last sync 2026-12-02 10:00:00 imported; ..." */
    static String freshnessLine(Source source) {
        StringBuilder line = new StringBuilder();
        line.append(source.name()).append(" (").append(source.kind()).append(' ').append(source.where()).append(", ")
                .append(source.schedule()).append("): ");
        if (source.latest() == null) {
            line.append("never synced");
        } else {
            line.append("last sync ").append(WHEN.format(source.latest().finished())).append(' ')
                    .append(source.latest().result());
            line.append("; last good sync ").append(source.lastGoodSync() == null ? "none" : WHEN.format(source.lastGoodSync()));
            line.append("; latest data day ").append(source.latestDataDay() == null ? "none" : source.latestDataDay());
            if (source.latest().failed()) {
                line.append(System.lineSeparator()).append("    error: ").append(source.latest().error());
            }
        }
        return line.toString();
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Prints a source's definition and its sync log.")
    static final class Show implements Callable<Integer> {

        @Mixin
        DatabaseOption database;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--last", paramLabel = "N", defaultValue = "20", description = "How many log lines (default 20).")
        int last;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            Workspace workspace = database.openExisting();
            Source source = named(workspace, name);
            out.println(freshnessLine(source));
            out.println("Definition: " + source.definition().toJson());
            for (Source.SyncLine line : workspace.syncLog(name, last)) {
                out.println(logLine(line));
            }
            return 0;
        }
    }

    /** The saved source of that name; its absence is the user's to fix. */
    static Source named(Workspace workspace, String name) throws IOException {
        java.util.Optional<Source> source = workspace.source(name);
        if (source.isEmpty()) {
            throw new IOException("There is no source " + name + "; `bellwether sources list` lists them");
        }
        return source.get();
    }

    static String logLine(Source.SyncLine line) {
        return String.format("  %s  %-11s %,d %s, %,d rows%s%s", WHEN.format(line.started()), line.result(), line.files(),
                line.files() == 1 ? "file" : "files", line.rows(),
                line.lastDate() == null ? "" : ", data to " + line.lastDate(),
                line.error() == null ? "" : ": " + line.error());
    }

    @Command(name = "test", mixinStandardHelpOptions = true,
            description = "Tries a source without importing: lists its folder, or connects and runs its query.")
    static final class Test implements Callable<Integer> {

        @Mixin
        DatabaseOption database;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            Workspace workspace = database.open();
            Source source = named(workspace, name);
            spec.commandLine().getOut().println(workspace.testSource(name, source.definition()));
            return 0;
        }
    }

    @Command(name = "preview", mixinStandardHelpOptions = true,
            description = "Prints the first rows a sync would import, as the import reads them (through the mapping).")
    static final class Preview implements Callable<Integer> {

        @Mixin
        DatabaseOption database;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--rows", paramLabel = "N", defaultValue = "5", description = "Rows per file (default 5).")
        int rows;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            Workspace workspace = database.open();
            Source source = named(workspace, name);
            List<ImportProblem> problems = new ArrayList<>();
            List<BundleImporter.Preview> previews = workspace.previewSource(name, source.definition(), rows, problems);
            if (previews.isEmpty()) {
                out.println("The source " + name + " has nothing to import.");
            }
            for (BundleImporter.Preview preview : previews) {
                out.println(preview.file() + " (" + (preview.entity() == null ? "json" : preview.entity().key()) + "):");
                out.println("  " + String.join(" | ", preview.columns()));
                for (List<String> row : preview.rows()) {
                    out.println("  " + String.join(" | ", row.stream().map(v -> v == null ? "" : v).toList()));
                }
            }
            for (ImportProblem problem : problems) {
                spec.commandLine().getErr().println("  " + problem.message());
            }
            return problems.isEmpty() ? 0 : BellwetherCommand.INPUT_PROBLEMS;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Removes a source; its sync log stays.")
    static final class Remove implements Callable<Integer> {

        @Mixin
        DatabaseOption database;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            if (!database.open().removeSource(name)) {
                throw new IOException("There is no source " + name);
            }
            spec.commandLine().getOut().println("Removed the source " + name);
            return 0;
        }
    }
}
