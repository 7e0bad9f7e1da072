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

/** {@code score} scores with the active version the workbench shows, or the one {@code --model-version} names. */
class ScoreModelVersionTest {

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

    /** The shipped model with its first two categories' weights swapped, and the same in each stage that sets its own. */
    private Path swappedWeights() throws Exception {
        ObjectNode model = (ObjectNode) JSON.readTree(HealthModel.defaultModel().toJson());
        ObjectNode first = (ObjectNode) model.withArray("categories").get(0);
        ObjectNode second = (ObjectNode) model.withArray("categories").get(1);
        JsonNode weight = first.get("weight");
        first.set("weight", second.get("weight"));
        second.set("weight", weight);
        for (JsonNode stage : model.withArray("stages")) {
            if (stage.get("weights") instanceof ObjectNode weights && weights.has(first.get("id").asText())
                    && weights.has(second.get("id").asText())) {
                JsonNode own = weights.get(first.get("id").asText());
                weights.set(first.get("id").asText(), weights.get(second.get("id").asText()));
                weights.set(second.get("id").asText(), own);
            }
        }
        return Files.writeString(dir.resolve("swapped.json"), JSON.writeValueAsString(model));
    }

    @Test
    void scoresWithTheActiveVersionByDefaultAndWithTheOneNamed() throws Exception {
        String db = dir.resolve("scores").toString();
        Path bundle = dir.resolve("bundle");
        assertThat(run("generate", "--accounts", "40", "--months", "6", "--seed", "11", "--out", bundle.toString())).isZero();
        assertThat(run("import", "--db", db, bundle.toString())).as(err.toString()).isZero();
        assertThat(run("models", "save", swappedWeights().toString(), "--db", db, "--name", "Swapped")).as(err.toString()).isZero();

        Path v1 = dir.resolve("v1.csv");
        assertThat(run("score", "--db", db, "--out", v1.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains(" with v1 Default health model (active): ");

        assertThat(run("models", "activate", "2", "--db", db)).as(err.toString()).isZero();
        Path active = dir.resolve("active.csv");
        assertThat(run("score", "--db", db, "--out", active.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains(" with v2 Swapped (active): ");
        assertThat(Files.readString(active)).isNotEqualTo(Files.readString(v1));

        Path named = dir.resolve("named.csv");
        assertThat(run("score", "--db", db, "--model-version", "v1", "--out", named.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains(" with v1 Default health model (not the active version): ");
        assertThat(Files.readString(named)).isEqualTo(Files.readString(v1));

        assertThat(run("score", "--db", db, "--model-version", "9", "--out", dir.resolve("none.csv").toString())).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("error: there is no model version 9 (bellwether models lists them)");
        assertThat(dir.resolve("none.csv")).doesNotExist();
    }
}
