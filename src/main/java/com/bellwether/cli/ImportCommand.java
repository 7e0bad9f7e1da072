package com.bellwether.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import com.bellwether.app.Workspace;
import com.bellwether.domain.Plurals;
import com.bellwether.ingest.BundleEntity;
import com.bellwether.ingest.BundleImporter;
import com.bellwether.ingest.ImportProblem;
import com.bellwether.ingest.ImportReport;
import com.bellwether.ingest.MappingProfile;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bellwether import}: reads a bundle into the database, or lists every problem and changes nothing. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Imports a bundle: a folder of CSV files (accounts.csv, account_history.csv, usage.csv, tickets.csv,"
                + " interactions.csv, surveys.csv, outcomes.csv, notes.csv; any subset), single files, or a JSON document.",
                "Files of another shape import through a mapping profile (--mapping).",
                "If any file has a problem, nothing is imported; the problems are listed and the exit code is 2."})
public final class ImportCommand implements Callable<Integer> {

    @Mixin
    DatabaseOption database;

    @Option(names = "--mapping", paramLabel = "PROFILE.json",
            description = "A mapping profile for files of another shape (e.g. sample-data/mappings/ravenstack.json).")
    Path mapping;

    @Parameters(arity = "1..*", paramLabel = "FOLDER|FILE", description = "The folder or files to import.")
    List<Path> inputs;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        BundleImporter.Request request = mapping == null
                ? new BundleImporter.Request(inputs, null, null, null)
                : mappedRequest();
        Workspace workspace = database.open();
        ImportReport report = workspace.importBundle(request, new ConsoleProgress(err));
        if (!report.succeeded()) {
            err.printf("Nothing was imported: %s found.%n", Plurals.count(report.problemCount(), "problem"));
            for (ImportProblem problem : report.problems()) {
                err.println("  " + problem.message());
            }
            report.omittedPerFile().forEach((file, count) ->
                    err.printf("  ... and %s in %s%n", Plurals.count(count, "more problem", "more problems"), file));
            return BellwetherCommand.INPUT_PROBLEMS;
        }
        out.printf("Imported into %s in %.1f s (%.1f s reading and checking; import run %d):%n",
                workspace.displayName(), report.elapsed().toMillis() / 1000.0,
                report.checking().toMillis() / 1000.0, report.runId());
        for (BundleEntity entity : BundleEntity.values()) {
            if (report.written(entity) > 0) {
                out.printf("  %-15s %,d%n", entity.key(), report.written(entity));
            }
        }
        report.rowsLeftOut().forEach((file, count) ->
                out.printf("  %s of %s left out by the mapping's filters%n", Plurals.count(count, "row"), file));
        return 0;
    }

    private BundleImporter.Request mappedRequest() throws java.io.IOException {
        if (inputs.size() != 1) {
            throw new java.io.IOException("With --mapping, give the one folder that holds the files the profile names");
        }
        return new BundleImporter.Request(inputs, MappingProfile.read(mapping), MappingProfile.text(mapping), null);
    }
}
