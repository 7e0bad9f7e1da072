package com.bellwether.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

class AlertsCommandTest {

    private static final Pattern SUMMARY = Pattern.compile(
            "(\\d+) alerts as of 2025-12-31: (\\d+) new, (\\d+) updated; (\\d+) open; (.*)");

    @TempDir
    static Path shared;
    private static Path imported;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private String db;

    @BeforeAll
    static void importSampleDataOnce() {
        StringWriter ignored = new StringWriter();
        int code = BellwetherCommand.commandLine(new PrintWriter(ignored), new PrintWriter(ignored))
                .execute("import", "--db", shared.resolve("sample").toString(), "sample-data");
        assertThat(code).as(ignored.toString()).isZero();
        imported = shared.resolve("sample.mv.db");
    }

    /** Each test works on its own copy of the imported sample data. */
    @BeforeEach
    void copyDatabase() throws IOException {
        Files.copy(imported, dir.resolve("alerts.mv.db"));
        db = dir.resolve("alerts").toString();
    }

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return BellwetherCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    private Matcher summary() {
        Matcher matcher = SUMMARY.matcher(out.toString().strip());
        assertThat(matcher.matches()).as(out.toString()).isTrue();
        return matcher;
    }

    @Test
    void aRunPrintsOneLineAndASecondRunForTheSameDateAddsNothing() throws Exception {
        Path tasks = dir.resolve("tasks.csv");

        assertThat(run("alerts", "--db", db, "--as-of", "2025-12-31", "--out", tasks.toString())).as(err.toString()).isZero();
        Matcher first = summary();
        int fired = Integer.parseInt(first.group(1));
        assertThat(fired).isBetween(5, 60);
        assertThat(first.group(2)).isEqualTo(first.group(1));
        assertThat(first.group(3)).isEqualTo("0");
        assertThat(first.group(4)).isEqualTo(first.group(1));
        assertThat(first.group(5)).isEqualTo("no webhook");
        assertThat(out.toString().lines()).hasSize(1);

        List<String> lines = Files.readAllLines(tasks);
        assertThat(lines.get(0)).isEqualTo("external_id,subject,description,account_id,account_name,owner,priority,due_date,status");
        assertThat(lines.stream().filter(line -> line.startsWith("bw-"))).hasSize(fired);

        assertThat(run("alerts", "--db", db, "--as-of", "2025-12-31")).isZero();
        Matcher second = summary();
        assertThat(second.group(1)).isEqualTo(first.group(1));
        assertThat(second.group(2)).isEqualTo("0");
        assertThat(second.group(3)).isEqualTo(first.group(1));
        assertThat(second.group(4)).isEqualTo(first.group(1));
    }

    @Test
    void tasksAreWrittenAsJsonToo() throws Exception {
        Path tasks = dir.resolve("tasks.json");

        assertThat(run("alerts", "--db", db, "--as-of", "2025-12-31", "--out", tasks.toString())).as(err.toString()).isZero();

        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(tasks.toFile());
        assertThat(json.size()).isEqualTo(Integer.parseInt(summary().group(4)));
        assertThat(json.get(0).fieldNames()).toIterable().containsExactly("external_id", "subject", "description",
                "account_id", "account_name", "owner", "priority", "due_date", "status");
        assertThat(json.get(0).get("priority").asText()).isIn("Urgent", "High", "Normal", "Low");
    }

    @Test
    void newAlertsGoToTheWebhookWhoseSecretIsNeverPrinted() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://bot:pa55word@127.0.0.1:" + server.getAddress().getPort() + "/hook?token=s3cret";

            assertThat(run("alerts", "--db", db, "--as-of", "2025-12-31", "--webhook", url)).as(err.toString()).isZero();

            Matcher summary = summary();
            assertThat(summary.group(5)).isEqualTo(summary.group(2) + " sent to the webhook http://***@127.0.0.1:"
                    + server.getAddress().getPort() + "/hook?token=***");
            assertThat(received).hasSize(Integer.parseInt(summary.group(2)));
            assertThat(out.toString() + err.toString()).doesNotContain("s3cret").doesNotContain("pa55word");

            assertThat(run("alerts", "--db", db, "--as-of", "2025-12-31", "--webhook", url)).isZero();
            assertThat(summary().group(5)).startsWith("0 sent to the webhook");
            assertThat(received).as("nothing twice").hasSize(Integer.parseInt(summary.group(2)));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void badInputExitsWithTwoAndOneClearLine() {
        assertThat(run("alerts", "--db", db, "--as-of", "2025-13-45")).isEqualTo(2);
        assertThat(err.toString()).contains("--as-of").contains("2025-13-45");

        assertThat(run("alerts", "--db", db, "--webhook", "ftp://user:hunter2@files.example.com/in")).isEqualTo(2);
        assertThat(err.toString()).contains("--webhook: expected an http or https URL, not a ftp: URL")
                .doesNotContain("hunter2");

        assertThat(run("alerts", "--db", db, "--webhook", "hooks.example.com/in")).isEqualTo(2);
        assertThat(run("alerts", "--db", db, "--out", dir.resolve("tasks.txt").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--out: expected a file ending in .csv, .json or .xlsx");
    }

    @Test
    void alertsHasHelp() {
        assertThat(run("alerts", "--help")).isZero();
        assertThat(out.toString()).startsWith("Usage: bellwether alerts").contains("--as-of").contains("--webhook")
                .contains("--out");
    }
}
