package com.bellwether.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.bellwether.scoring.HealthModel;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

class ModelsCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return BellwetherCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    private String db() {
        return dir.resolve("models").toString();
    }

    /** The shipped model with the renewal stage's relationship weight at 35 instead of 25. */
    private Path renewalFocus() throws Exception {
        ObjectNode model = (ObjectNode) JSON.readTree(HealthModel.defaultModel().toJson());
        for (JsonNode stage : model.withArray("stages")) {
            if (stage.get("id").asText().equals("renewal")) {
                ((ObjectNode) stage.get("weights")).put("relationship", 35);
            }
        }
        return Files.writeString(dir.resolve("renewal-focus.json"), JSON.writeValueAsString(model));
    }

    @Test
    void aNewDatabaseListsTheShippedModelAsActiveVersionOne() {
        com.bellwether.app.Workspace.open(db());
        assertThat(run("models", "--db", db())).as(err.toString()).isZero();

        assertThat(out.toString().lines()).hasSize(2);
        assertThat(out.toString().lines().skip(1).findFirst().orElseThrow())
                .matches("\\* v1   Default health model  bellwether  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC  The model shipped with Bellwether");
    }

    @Test
    void saveListDiffAndActivate() throws Exception {
        Path file = renewalFocus();

        assertThat(run("models", "save", file.toString(), "--db", db(), "--name", "Renewal focus", "--note",
                "More weight on the relationship before a renewal")).as(err.toString()).isZero();
        assertThat(out.toString().strip()).isEqualTo("Saved v2 Renewal focus, 1 change from v1 Default health model;"
                + " v1 Default health model stays active (bellwether models activate 2 --dry-run shows what using it would change).");

        assertThat(run("models", "--db", db())).isZero();
        assertThat(out.toString().lines()).hasSize(3);
        assertThat(out.toString().lines().skip(1)).satisfiesExactly(
                v1 -> assertThat(v1).startsWith("* v1   Default health model  bellwether"),
                v2 -> assertThat(v2).startsWith("  v2   Renewal focus         ")
                        .endsWith("  More weight on the relationship before a renewal"));

        assertThat(run("models", "diff", "1", "v2", "--db", db())).isZero();
        assertThat(out.toString()).isEqualTo("v1 Default health model → v2 Renewal focus: 1 change\n"
                + "  Renewal stage: Relationship weight 25 → 35.\n");

        assertThat(run("models", "diff", "1", "2", "--json", "--db", db())).isZero();
        JsonNode json = JSON.readTree(out.toString());
        assertThat(json.get("from").get("version").asInt()).isEqualTo(1);
        assertThat(json.get("to").get("name").asText()).isEqualTo("Renewal focus");
        assertThat(json.get("changes")).hasSize(1);
        assertThat(json.get("changes").get(0).get("path").asText()).isEqualTo("stages.renewal.weights.relationship");
        assertThat(json.get("changes").get(0).get("before").asText()).isEqualTo("25");
        assertThat(json.get("changes").get(0).get("after").asText()).isEqualTo("35");

        assertThat(run("models", "diff", "2", "2", "--db", db())).isZero();
        assertThat(out.toString()).isEqualTo("v2 Renewal focus → v2 Renewal focus: no changes\n");

        assertThat(run("models", "activate", "2", "--db", db())).isZero();
        assertThat(out.toString().strip()).isEqualTo("There is no data to score yet, so no account or alert would change.\n"
                + "v2 Renewal focus is now the active model (was v1 Default health model).");
        assertThat(run("models", "--db", db())).isZero();
        assertThat(out.toString()).contains("* v2   Renewal focus").contains("  v1   Default health model");
    }

    @Test
    void anUnknownVersionIsOneClearLineAndExitTwo() {
        com.bellwether.app.Workspace.open(db());
        assertThat(run("models", "diff", "1", "7", "--db", db())).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("error: there is no model version 7 (bellwether models lists them)");
        assertThat(out.toString()).isEmpty();

        assertThat(run("models", "activate", "v9", "--db", db())).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("error: there is no model version v9");
    }

    @Test
    void anInvalidModelFileIsRefusedWithTheParseMessageAndNothingIsSaved() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"name\": \"x\", \"categories\": []}");

        assertThat(run("models", "save", bad.toString(), "--db", db(), "--name", "Broken")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("error: Invalid model: bad.json line 1, column 29: categories: expected at least one category");

        Path misspelt = Files.writeString(dir.resolve("misspelt.json"),
                Files.readString(renewalFocus()).replaceFirst("\"weight\"", "\"wieght\""));
        assertThat(run("models", "save", misspelt.toString(), "--db", db())).isEqualTo(2);
        assertThat(err.toString()).containsPattern("^error: Invalid model: misspelt\\.json line \\d+, column \\d+: unknown field \"wieght\" at ");

        assertThat(run("models", "save", dir.resolve("none.json").toString(), "--db", db())).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("error: " + dir.resolve("none.json") + " does not exist");

        // Nothing was saved: not even an empty database was made.
        assertThat(run("models", "--db", db())).isEqualTo(2);
        assertThat(err.toString()).startsWith("error: no database at " + dir.resolve("models.mv.db"));
    }

    @Test
    void savingNeverActivatesAndSaysHowToActivate() throws Exception {
        assertThat(run("models", "save", renewalFocus().toString(), "--activate", "--db", db())).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("error: --activate: saving never makes a version active; save it,"
                + " then run bellwether models activate N (--dry-run first shows what it would change)");

        // Nothing was saved: not even an empty database was made.
        assertThat(run("models", "--db", db())).isEqualTo(2);
        assertThat(err.toString()).startsWith("error: no database at ");
    }

    @Test
    void activateDryRunShowsTheDifferenceAndChangesNothing() throws Exception {
        assertThat(run("import", "--db", db(), "sample-data")).as(err.toString()).isZero();
        ObjectNode model = (ObjectNode) JSON.readTree(HealthModel.defaultModel().toJson());
        ObjectNode bands = (ObjectNode) model.get("bands");
        bands.put("red", 60).put("yellow", 85);
        Path stricter = Files.writeString(dir.resolve("stricter.json"), JSON.writeValueAsString(model));
        assertThat(run("models", "save", stricter.toString(), "--name", "Stricter", "--db", db())).as(err.toString()).isZero();

        assertThat(run("models", "activate", "2", "--dry-run", "--db", db())).as(err.toString()).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines.get(0)).matches("Activating v2 Stricter in place of v1 Default health model, as of \\d{4}-\\d\\d-\\d\\d"
                + " \\([\\d,]+ live accounts scored\\):");
        assertThat(lines.get(1)).matches("  Red    [\\d,]+ accounts? → [\\d,]+ accounts? \\(ARR \\S+ → \\S+\\)");
        assertThat(lines).anySatisfy(line -> assertThat(line).matches("    green → (yellow|red): [\\d,]+ accounts?, ARR \\S+"));
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("  Alerts that would fire: "));
        assertThat(lines.get(lines.size() - 1)).isEqualTo("Nothing was changed (--dry-run); v1 Default health model stays active.");
        assertThat(run("models", "--db", db())).isZero();
        assertThat(out.toString()).contains("* v1   Default health model").contains("  v2   Stricter");

        // Without --dry-run the same difference is printed, then the version is made active.
        String shown = String.join("\n", lines.subList(0, lines.size() - 1));
        assertThat(run("models", "activate", "2", "--db", db())).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith(shown)
                .endsWith("v2 Stricter is now the active model (was v1 Default health model).\n");
        // And back to the earlier version.
        assertThat(run("models", "activate", "1", "--db", db())).isZero();
        assertThat(out.toString()).endsWith("v1 Default health model is now the active model (was v2 Stricter).\n");
    }

    @Test
    void theNewCommandsHaveHelp() {
        for (String[] args : new String[][] {{"models", "--help"}, {"models", "diff", "--help"}, {"models", "save", "--help"},
                {"models", "activate", "--help"}, {"snapshot", "--help"}}) {
            assertThat(run(args)).as(String.join(" ", args)).isZero();
            assertThat(out.toString()).startsWith("Usage: bellwether " + args[0]);
        }
    }
}
