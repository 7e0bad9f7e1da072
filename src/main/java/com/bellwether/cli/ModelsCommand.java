package com.bellwether.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import com.bellwether.app.ModelVersion;
import com.bellwether.app.Workspace;
import com.bellwether.scoring.HealthModel;
import com.bellwether.scoring.ModelDiff;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bellwether models}: the saved model versions; {@code diff}, {@code activate} and {@code save}. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "Lists the saved model versions: number, name, author, when saved, the active one (*) and the note."
                + " A database without any gets the shipped model as version 1.",
        subcommands = {ModelsCommand.Diff.class, ModelsCommand.Activate.class, ModelsCommand.Save.class})
public final class ModelsCommand implements Callable<Integer> {

    private static final DateTimeFormatter SAVED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    @Mixin
    DatabaseOption database;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<ModelVersion> versions = database.openExisting().versions();
        PrintWriter out = spec.commandLine().getOut();
        int nameWidth = Math.max(4, versions.stream().mapToInt(v -> v.name().length()).max().orElse(0));
        int authorWidth = Math.max(6, versions.stream().mapToInt(v -> v.author().length()).max().orElse(0));
        String row = "%s %-4s %-" + nameWidth + "s  %-" + authorWidth + "s  %-20s  %s%n";
        out.printf(row, " ", "#", "Name", "Author", "Saved", "Note");
        for (ModelVersion v : versions) {
            out.printf(row, v.active() ? "*" : " ", "v" + v.number(), v.name(), v.author(),
                    v.createdAt().withOffsetSameInstant(ZoneOffset.UTC).format(SAVED_AT), v.note());
        }
        return 0;
    }

    /** "3" or "v3"; empty, with the error printed, when it names no saved version. */
    static Optional<ModelVersion> find(Workspace workspace, String reference, CommandSpec spec) {
        String digits = reference.startsWith("v") || reference.startsWith("V") ? reference.substring(1) : reference;
        Optional<ModelVersion> version = digits.matches("\\d{1,9}") ? workspace.version(Integer.parseInt(digits)) : Optional.empty();
        if (version.isEmpty()) {
            spec.commandLine().getErr().println("error: there is no model version " + reference
                    + " (bellwether models lists them)");
        }
        return version;
    }

    @Command(name = "diff", mixinStandardHelpOptions = true,
            description = "What changed from version A to version B: category weights and band cut-offs per stage,"
                    + " measures, playbook rules, the stage rule and the adjustment bound.")
    static final class Diff implements Callable<Integer> {

        @Mixin
        DatabaseOption database;

        @Parameters(index = "0", paramLabel = "A", description = "The earlier version (3 or v3).")
        String from;

        @Parameters(index = "1", paramLabel = "B", description = "The later version.")
        String to;

        @Option(names = "--json", description = "Print the changes as JSON: path, before, after and text of each.")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            Workspace workspace = database.openExisting();
            Optional<ModelVersion> a = find(workspace, from, spec);
            Optional<ModelVersion> b = a.isEmpty() ? Optional.empty() : find(workspace, to, spec);
            if (b.isEmpty()) {
                return BellwetherCommand.INPUT_PROBLEMS;
            }
            ModelDiff diff = ModelDiff.between(a.get().model(), b.get().model());
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Map<String, Object> document = new LinkedHashMap<>();
                document.put("from", version(a.get().number(), a.get().name()));
                document.put("to", version(b.get().number(), b.get().name()));
                document.put("changes", diff.changes());
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(document));
                return 0;
            }
            int n = diff.changes().size();
            out.printf("%s → %s: %s%n", a.get().label(), b.get().label(),
                    n == 0 ? "no changes" : n == 1 ? "1 change" : n + " changes");
            diff.changes().forEach(change -> out.println("  " + change.text()));
            return 0;
        }
    }

    private static Map<String, Object> version(int number, String name) {
        Map<String, Object> version = new LinkedHashMap<>();
        version.put("version", number);
        version.put("name", name);
        return version;
    }

    @Command(name = "activate", mixinStandardHelpOptions = true,
            description = "Makes version N (an earlier one too) the active model, the one the workbench and the snapshots"
                    + " score with. It first prints what would change as of the data's latest date: accounts changing"
                    + " band with their ARR, and the alerts that would fire. --dry-run prints that and changes nothing.")
    static final class Activate implements Callable<Integer> {

        @Mixin
        DatabaseOption database;

        @Parameters(index = "0", paramLabel = "N", description = "The version (3 or v3).")
        String number;

        @Option(names = "--dry-run", description = "Print what activating would change, and change nothing.")
        boolean dryRun;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Workspace workspace = database.open();
            Optional<ModelVersion> version = find(workspace, number, spec);
            if (version.isEmpty()) {
                return BellwetherCommand.INPUT_PROBLEMS;
            }
            PrintWriter out = spec.commandLine().getOut();
            ModelVersion was = workspace.activeVersion();
            if (version.get().number() == was.number()) {
                if (!dryRun) {
                    // Still asked of the database: a role that may not activate is told so, as for any other version.
                    workspace.activate(version.get().number(), was.number());
                }
                out.println(version.get().label() + " is already the active model.");
                return 0;
            }
            if (workspace.portfolio().asOfDate() != null) {
                workspace.activationImpact(version.get().number(), null, () -> false).lines().forEach(out::println);
            } else {
                out.println("There is no data to score yet, so no account or alert would change.");
            }
            if (dryRun) {
                out.println("Nothing was changed (--dry-run); " + was.label() + " stays active.");
                return 0;
            }
            // Only over the version the difference was worked out against.
            workspace.activate(version.get().number(), was.number());
            out.println(version.get().label() + " is now the active model (was " + was.label() + ").");
            return 0;
        }
    }

    @Command(name = "save", mixinStandardHelpOptions = true,
            description = "Checks a model file and saves it as the next version. Saving never makes it active: models activate N"
                    + " does, after showing what it would change.")
    static final class Save implements Callable<Integer> {

        @Mixin
        DatabaseOption database;

        @Parameters(index = "0", paramLabel = "FILE", description = "The model's JSON file (docs/model.md).")
        Path file;

        @Option(names = "--name", paramLabel = "NAME", description = "The version's name (default: the model's own name).")
        String name;

        @Option(names = "--note", paramLabel = "TEXT", defaultValue = "", description = "Why it was saved.")
        String note;

        /** Refused: saving never activates (see {@link Activate}); kept so the refusal can say what to do instead. */
        @Option(names = "--activate", hidden = true)
        boolean activate;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            if (activate) {
                spec.commandLine().getErr().println("error: --activate: saving never makes a version active; save it,"
                        + " then run bellwether models activate N (--dry-run first shows what it would change)");
                return BellwetherCommand.INPUT_PROBLEMS;
            }
            if (!Files.isRegularFile(file)) {
                throw new IOException(file + " does not exist");
            }
            HealthModel model = HealthModel.read(file);
            String versionName = name != null && !name.isBlank() ? name
                    : model.name() != null && !model.name().isBlank() ? model.name() : file.getFileName().toString();
            Workspace workspace = database.open();
            ModelVersion was = workspace.activeVersion();
            ModelVersion saved = workspace.saveVersion(model, versionName, note, false);
            int changes = ModelDiff.between(was.model(), saved.model()).changes().size();
            spec.commandLine().getOut().printf("Saved %s, %s from %s; %s.%n", saved.label(),
                    com.bellwether.domain.Plurals.count(changes, "change"), was.label(),
                    saved.active() ? "it is the active model now"
                            : was.label() + " stays active (bellwether models activate " + saved.number()
                            + " --dry-run shows what using it would change)");
            return 0;
        }
    }
}
