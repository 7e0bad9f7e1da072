package com.bellwether.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

import com.bellwether.app.CopyReport;
import com.bellwether.app.CopyToServer;
import com.bellwether.app.DatabaseInfo;
import com.bellwether.app.ImportRun;
import com.bellwether.app.TeamRole;
import com.bellwether.app.WorkspaceLocation;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code bellwether db info}: what the database holds; {@code db copy}: moves it up to a team's server;
 * {@code db roles}: the server's roles for a team.
 */
@Command(name = "db", mixinStandardHelpOptions = true, description = "Looks into the database, or copies it to a server.",
        subcommands = {DbCommand.Info.class, DbCommand.Copy.class, DbCommand.Roles.class})
public final class DbCommand implements Runnable {

    /** Taken here as well, so that {@code db --db PATH info} reaches {@code info}. */
    @Mixin
    DatabaseOption database;

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
            com.bellwether.app.Workspace workspace = database.openExisting();
            DatabaseInfo summary = workspace.info(5);
            out.println("Database: " + summary.location());
            summary.rowsPerTable().forEach((table, rows) -> out.printf("  %-15s %,d%n", table, rows));
            out.println("Dates: " + (summary.firstDate() == null ? "none"
                    : summary.firstDate() + " to " + summary.lastDate()));
            for (ImportRun run : summary.recentImports()) {
                out.printf("Import %d at %s from %s%s%n", run.runId(), run.finishedAt().withNano(0), run.source(),
                        run.mappingName() == null ? "" : " (mapping " + run.mappingName() + ")");
            }
            java.util.List<com.bellwether.app.Source> sources = workspace.sources();
            if (!sources.isEmpty()) {
                out.println("Sources:");
                sources.forEach(source -> out.println("  " + SourcesCommand.freshnessLine(source)));
            }
        }
    }

    @Command(name = "copy", mixinStandardHelpOptions = true,
            description = {"Copies everything in the database (--db, by default your own file) into an empty PostgreSQL"
                    + " database, then checks the copy: the rows of every table, and the score and band of every live"
                    + " account as of the last date under the active model version, read back from both.",
                    "The copy is one transaction on the server: stopped or failed, it leaves the server's database empty."
                    + " A database that already holds data is refused. The user and password come from"
                    + " BELLWETHER_DB_USER and BELLWETHER_DB_PASSWORD or ~/.pgpass.",
                    "Exit code 0 when the copy gives the same, 1 when it differs (each difference is named), 2 when"
                    + " it could not be made."})
    static final class Copy implements Callable<Integer> {

        @Mixin
        DatabaseOption database;

        @Option(names = "--to", required = true, paramLabel = "URL",
                description = "The PostgreSQL database to copy into: jdbc:postgresql://HOST:PORT/DB, existing and empty.")
        String to;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            if (!to.startsWith("jdbc:postgresql:")) {
                throw new ParameterException(spec.commandLine(),
                        "--to: expected a PostgreSQL database, jdbc:postgresql://HOST:PORT/DB");
            }
            PrintWriter out = spec.commandLine().getOut();
            CopyReport report;
            try {
                report = CopyToServer.copy(WorkspaceLocation.parse(database.pathOrUrl()), WorkspaceLocation.parse(to),
                        new ConsoleProgress(spec.commandLine().getErr()));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            out.println("Copied " + report.from() + " to " + report.to());
            out.printf(Locale.ROOT, "  %-18s %12s %12s%n", "table", "rows", "copied");
            for (CopyReport.TableRows table : report.tables()) {
                out.printf(Locale.ROOT, "  %-18s %,12d %,12d%s%n", table.table(), table.source(), table.target(),
                        table.source() == table.target() ? "" : "  differs");
            }
            if (report.asOf() == null) {
                out.println("Scores: no dated data to score");
            } else {
                out.printf(Locale.ROOT, "Scores as of %s under %s: %,d live accounts compared%n", report.asOf(),
                        report.activeVersion() == null ? "the shipped model" : "model version " + report.activeVersion(),
                        report.accountsScored());
            }
            if (report.same()) {
                out.println("The copy holds the same rows and gives the same scores.");
                return 0;
            }
            PrintWriter err = spec.commandLine().getErr();
            err.println("error: the copy differs from " + report.from() + " in " + report.differences().size()
                    + (report.differences().size() == 1 ? " place:" : " places:"));
            report.differences().stream().limit(20).forEach(d -> err.println("  " + d));
            if (report.differences().size() > 20) {
                err.println("  and " + (report.differences().size() - 20) + " more");
            }
            return 1;
        }
    }

    @Command(name = "roles", mixinStandardHelpOptions = true,
            description = {"Prints the SQL script that creates Bellwether's roles on a PostgreSQL server and grants each"
                    + " what it may do: bellwether_analyst (read, backtest), bellwether_csm (+ adjustments, alert"
                    + " statuses), bellwether_csops (+ import, save model versions, score history, alerts, webhook),"
                    + " bellwether_leader (+ activate a model version). Run it with psql -f, or with --apply.",
                    "See docs/team-server.md."})
    static final class Roles implements Callable<Integer> {

        @Mixin
        DatabaseOption database;

        @Option(names = "--apply", description = "Run the script on the PostgreSQL database --db names (as a superuser,"
                + " or the tables' owner with CREATEROLE), in one transaction.")
        boolean apply;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            if (!apply) {
                out.print(TeamRole.script());
                out.flush();
                return 0;
            }
            String url = database.pathOrUrl();
            if (url == null || !url.startsWith("jdbc:postgresql:")) {
                throw new ParameterException(spec.commandLine(),
                        "--apply: expected --db jdbc:postgresql://HOST:PORT/DB; roles are a PostgreSQL server's");
            }
            WorkspaceLocation location = WorkspaceLocation.parse(url);
            TeamRole.applyScript(location);
            out.println("Applied the roles to " + location.displayName() + ": bellwether_analyst, bellwether_csm,"
                    + " bellwether_csops, bellwether_leader. Give each person one: GRANT bellwether_csm TO name;");
            return 0;
        }
    }
}
