package com.bellwether.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return BellwetherCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    private String db() {
        return dir.resolve("cli").toString();
    }

    @Test
    void importPrintsCountsPerEntity() throws Exception {
        Path bundle = Files.createDirectory(dir.resolve("bundle"));
        Files.writeString(bundle.resolve("accounts.csv"), "account_id,name\nA1,Acme\nA2,Bolt\n");
        Files.writeString(bundle.resolve("surveys.csv"), "account_id,date,nps\nA1,2024-01-01,9\n");

        int code = run("import", "--db", db(), bundle.toString());

        assertThat(code).isZero();
        assertThat(out.toString()).contains("accounts        2").contains("surveys         1");
        out.getBuffer().setLength(0);
        assertThat(run("db", "info", "--db", db())).isZero();
        assertThat(out.toString()).contains("account         2").contains("Dates: 2024-01-01 to 2024-01-01")
                .contains("Import 1 at");
    }

    @Test
    void aPostgresqlServerThatCannotBeReachedIsOneLineAndExitsWithTwo() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        int code = run("db", "info", "--db", "jdbc:postgresql://127.0.0.1:" + port + "/team");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("error: Cannot reach the PostgreSQL server at 127.0.0.1:" + port
                + " (database team): check that the server is running and accepts connections there, and the host and"
                + " port in --db" + System.lineSeparator());
    }

    @Test
    void aPostgresqlDatabaseServesTheCommandsAsAFileDoes() throws Exception {
        try (com.bellwether.store.FreshDatabases databases = new com.bellwether.store.FreshDatabases()) {
            String url = databases.location(com.bellwether.store.Dialect.POSTGRESQL).jdbcUrl();
            Path bundle = Files.createDirectory(dir.resolve("bundle"));
            Files.writeString(bundle.resolve("accounts.csv"), "account_id,name\nA1,Acme\nA2,Bolt\n");
            Files.writeString(bundle.resolve("surveys.csv"), "account_id,date,nps\nA1,2024-01-01,9\n");

            assertThat(run("import", "--db", url, bundle.toString())).isZero();
            assertThat(run("db", "info", "--db", url)).isZero();

            assertThat(out.toString()).contains("account         2").contains("Dates: 2024-01-01 to 2024-01-01")
                    .doesNotContain("?user=");
        }
    }

    @Test
    void importWithProblemsListsThemAndExitsWithTwo() throws Exception {
        Path bundle = Files.createDirectory(dir.resolve("bundle"));
        Files.writeString(bundle.resolve("accounts.csv"), "account_id,name,arr\nA1,Acme,lots\n");

        int code = run("import", "--db", db(), bundle.toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).startsWith("Nothing was imported: 1 problem found.")
                .contains("accounts.csv line 2, column 3 (arr): \"lots\" is not valid; expected a number");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aMissingFolderIsOneClearLine() {
        int code = run("import", "--db", db(), dir.resolve("nowhere").toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("error: " + dir.resolve("nowhere") + " does not exist");
    }

    @Test
    void aDatabaseThatCannotBeOpenedIsOneClearLine() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.mv.db"), "not a database");

        int code = run("db", "info", "--db", junk.toString());

        assertThat(code).isEqualTo(1);
        assertThat(err.toString().lines()).hasSize(1).first().asString().startsWith("error: Cannot open the database at " + junk);
    }

    @Test
    void everyCommandHasHelp() {
        for (String[] args : new String[][] {{"--help"}, {"import", "--help"}, {"generate", "--help"}, {"db", "--help"},
                {"db", "info", "--help"}, {"score", "--help"}}) {
            out.getBuffer().setLength(0);
            assertThat(run(args)).as(String.join(" ", args)).isZero();
            assertThat(out.toString()).startsWith("Usage: bellwether");
        }
    }

    @Test
    void generateWritesABundleThatImports() throws Exception {
        Path generated = dir.resolve("generated");

        assertThat(run("generate", "--accounts", "30", "--months", "6", "--seed", "7", "--out", generated.toString())).isZero();
        assertThat(run("import", "--db", db(), generated.toString())).as(err.toString()).isZero();

        assertThat(out.toString()).contains("accounts.csv").contains("accounts        30");
    }

    @Test
    void scoreWritesOneRowPerLiveAccountAsCsvOrJson() throws Exception {
        assertThat(run("import", "--db", db(), "sample-data")).isZero();
        Path csv = dir.resolve("scores.csv");
        Path json = dir.resolve("scores.json");

        assertThat(run("score", "--db", db(), "--as-of", "2025-06-30", "--out", csv.toString())).as(err.toString()).isZero();
        assertThat(run("score", "--db", db(), "--as-of", "2025-06-30", "--format", "json", "--out", json.toString())).isZero();

        java.util.List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("account_id,name,as_of,stage,score,base_score,adjustment,band,adoption,"
                + "engagement,support,relationship,trend_30d,top_reasons,actions");
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("ACC-00379,").contains(",2025-06-30,renewal,")
                .contains(",-4.0,red,").contains("Reach out now and run a root-cause review"));
        assertThat(out.toString()).contains("live accounts as of 2025-06-30 with v1 Default health model (active)");
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile());
        assertThat(tree.size()).isEqualTo(lines.size() - 1);
        assertThat(tree.get(0).get("measures").size()).isEqualTo(12);
        assertThat(tree.get(0).get("explanation").asText()).isNotBlank();
    }

    @Test
    void anInvalidModelIsOneClearLineNamingTheField() throws Exception {
        Path model = Files.writeString(dir.resolve("m.json"), "{\"name\": \"x\", \"categories\": []}");

        assertThat(run("score", "--db", db(), "--model", model.toString(), "--out", dir.resolve("o.csv").toString())).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("error: Invalid model: m.json line 1, column 29: categories: expected at least one category");
    }

    @Test
    void aMappedImportNeedsOneFolder() throws Exception {
        int code = run("import", "--db", db(), "--mapping", "sample-data/mappings/ravenstack.json", "a", "b");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("With --mapping, give the one folder");
    }

    @Test
    void aFileIsCopiedToAnEmptyServerDatabaseOnceWithAReport() throws Exception {
        try (com.bellwether.store.FreshDatabases databases = new com.bellwether.store.FreshDatabases()) {
            String url = databases.location(com.bellwether.store.Dialect.POSTGRESQL).jdbcUrl();
            Path bundle = Files.createDirectory(dir.resolve("bundle"));
            Files.writeString(bundle.resolve("accounts.csv"), "account_id,name,contract_start\nA1,Acme,2024-01-01\n"
                    + "A2,Bolt,2024-01-01\n");
            Files.writeString(bundle.resolve("surveys.csv"), "account_id,date,nps\nA1,2024-03-01,9\nA2,2024-03-01,3\n");
            assertThat(run("import", "--db", db(), bundle.toString())).isZero();
            assertThat(run("models", "--db", db())).isZero();
            out.getBuffer().setLength(0);

            assertThat(run("db", "copy", "--db", db(), "--to", url)).as(err.toString()).isZero();

            assertThat(out.toString()).contains("  account                       2            2")
                    .contains("  model_version                 1            1")
                    .contains("Scores as of 2024-03-01 under model version 1: 2 live accounts compared")
                    .contains("The copy holds the same rows and gives the same scores.").doesNotContain("?user=");
            err.getBuffer().setLength(0);

            assertThat(run("db", "copy", "--db", db(), "--to", url)).isEqualTo(2);
            assertThat(err.toString()).startsWith("error: The database at jdbc:postgresql://")
                    .contains(" already holds data (").endsWith("Nothing was copied" + System.lineSeparator())
                    .hasLineCount(1);
            err.getBuffer().setLength(0);
            assertThat(run("db", "copy", "--db", db(), "--to", dir.resolve("other").toString())).isEqualTo(2);
            assertThat(err.toString()).contains("--to: expected a PostgreSQL database, jdbc:postgresql://HOST:PORT/DB");
        }
    }
}
