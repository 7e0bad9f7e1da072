package com.bellwether.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code score} over the sample and RavenStack in one database: RavenStack's accounts come out marked stale. */
class ScoreStaleDataTest {

    @TempDir
    Path dir;

    private String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BellwetherCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        assertThat(code).as(String.join(" ", args) + "\n" + err).isZero();
        return out.toString();
    }

    @Test
    void staleAccountsAreScoredAsOfTheirLastDayAndSaySo() throws Exception {
        String db = dir.resolve("db").toString();
        run("import", "--db", db, "sample-data");
        run("import", "--db", db, "--mapping", "sample-data/mappings/ravenstack.json",
                Path.of(System.getProperty("bellwether.datasets", "src/test/resources/datasets"), "ravenstack").toString());
        Path csv = dir.resolve("scores.csv");
        String said = run("score", "--db", db, "--out", csv.toString());
        assertThat(said).contains("as of 2026-09-30").contains("with stale data");

        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).endsWith(",actions,stale_since");
        List<String> stale = lines.stream().skip(1).filter(l -> !l.endsWith(",")).toList();
        List<String> fresh = lines.stream().skip(1).filter(l -> l.endsWith(",")).toList();
        assertThat(fresh).hasSize(447).allMatch(l -> l.startsWith("ACC-") && l.contains(",2026-09-30,"));
        assertThat(stale).isNotEmpty().noneMatch(l -> l.startsWith("ACC-"));
        for (String line : stale) {
            String since = line.substring(line.lastIndexOf(',') + 1);
            assertThat(line).contains("," + since + ",").contains("Stale data since " + since);
        }

        Path json = dir.resolve("scores.json");
        run("score", "--db", db, "--format", "json", "--out", json.toString());
        JsonNode scores = new ObjectMapper().readTree(json.toFile());
        int marked = 0;
        for (JsonNode score : scores) {
            if (score.has("staleSince")) {
                marked++;
                assertThat(score.get("asOf").asText()).isEqualTo(score.get("staleSince").asText());
            } else {
                assertThat(score.get("asOf").asText()).isEqualTo("2026-09-30");
            }
        }
        assertThat(marked).isEqualTo(stale.size());
        System.out.println("Sample and RavenStack: " + fresh.size() + " fresh accounts, " + stale.size()
                + " stale, as of 2026-09-30");
    }
}
