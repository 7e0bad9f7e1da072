package com.bellwether.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

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
                + " v1 Default health model stays active (bellwether models activate 2 to use it).");

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
        assertThat(out.toString().strip()).isEqualTo("v2 Renewal focus is now the active model (was v1 Default health model).");
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
        assertThat(err.toString().strip()).isEqualTo("error: Invalid model: bad.json: categories: expected at least one category");

        Path misspelt = Files.writeString(dir.resolve("misspelt.json"),
                Files.readString(renewalFocus()).replaceFirst("\"weight\"", "\"wieght\""));
        assertThat(run("models", "save", misspelt.toString(), "--db", db())).isEqualTo(2);
        assertThat(err.toString()).startsWith("error: Invalid model: misspelt.json: Unrecognized field \"wieght\"");

        assertThat(run("models", "save", dir.resolve("none.json").toString(), "--db", db())).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("error: " + dir.resolve("none.json") + " does not exist");

        // Nothing was saved: not even an empty database was made.
        assertThat(run("models", "--db", db())).isEqualTo(2);
        assertThat(err.toString()).startsWith("error: no database at " + dir.resolve("models.mv.db"));
    }

    @Test
    void savingWithActivateMakesItTheActiveModel() throws Exception {
        assertThat(run("models", "save", renewalFocus().toString(), "--activate", "--db", db())).isZero();

        assertThat(out.toString().strip()).isEqualTo("Saved v2 Default health model, 1 change from v1 Default health model;"
                + " it is the active model now.");
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
