package com.bellwether.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;

/**
 * score, backtest and alerts writing Excel workbooks, on the sample data with every account id made to look like a
 * formula (=ACC-00001): each workbook read back cell by cell and set against the same command's CSV or JSON.
 */
class SpreadsheetExportCommandsTest {

    @TempDir
    static Path dir;
    private static String db;

    @BeforeAll
    static void importSampleWithFormulaLookingIds() throws IOException {
        Path bundle = Files.createDirectories(dir.resolve("bundle"));
        try (Stream<Path> files = Files.list(Path.of("sample-data"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".csv")).toList()) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                Files.writeString(bundle.resolve(file.getFileName()), text.replace("ACC-", "=ACC-"), StandardCharsets.UTF_8);
            }
        }
        db = dir.resolve("formulas").toString();
        StringWriter err = new StringWriter();
        int code = cli(err).execute("import", "--db", db, bundle.toString());
        assertThat(code).as(err.toString()).isZero();
    }

    private static picocli.CommandLine cli(StringWriter err) {
        return BellwetherCommand.commandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
    }

    private static void run(String... args) {
        StringWriter err = new StringWriter();
        assertThat(cli(err).execute(args)).as(err.toString()).isZero();
    }

    @Test
    void scoresInExcelMatchTheirCsvCellForCellWithIdsAsTextAndNumbersExact() throws IOException {
        Path csv = dir.resolve("scores.csv");
        Path xlsx = dir.resolve("scores.xlsx");
        run("score", "--db", db, "--out", csv.toString());
        run("score", "--db", db, "--out", xlsx.toString());
        Path json = dir.resolve("scores.json");
        run("score", "--db", db, "--out", json.toString());

        List<CsvRecord> records = csv(csv);
        List<Row> rows = sheet(xlsx, "Scores");
        assertThat(rows).hasSize(records.size()).hasSizeGreaterThan(300);
        assertThat(texts(rows.get(0))).isEqualTo(records.get(0).getFields());
        JsonNode scores = new ObjectMapper().readTree(json.toFile());
        List<String> header = records.get(0).getFields();
        for (int r = 1; r < rows.size(); r++) {
            Row row = rows.get(r);
            Cell id = row.getCell(0);
            assertThat(id.getType()).isEqualTo(CellType.STRING);
            assertThat(id.getFormula()).isNull();
            assertThat(id.asString()).startsWith("=ACC-");
            assertThat(records.get(r).getField(0)).isEqualTo("'" + id.asString());
            assertThat(row.getCell(2).asDate().toLocalDate().toString()).isEqualTo(records.get(r).getField(2));
            int score = header.indexOf("score");
            assertThat(row.getCell(score).getType()).isEqualTo(CellType.NUMBER);
            // The workbook keeps the score as computed; the CSV shows it to one decimal, the JSON to two.
            assertThat(row.getCell(score).asNumber().doubleValue())
                    .isCloseTo(Double.parseDouble(records.get(r).getField(score)), within(0.05))
                    .isCloseTo(scores.get(r - 1).get("score").asDouble(), within(0.005));
            assertThat(row.getCell(header.indexOf("band")).asString()).isEqualTo(records.get(r).getField(header.indexOf("band")));
        }
    }

    @Test
    void theBacktestWorkbookHasASheetEachAndTheReportsFigures() throws IOException {
        Path json = dir.resolve("report.json");
        Path xlsx = dir.resolve("report.xlsx");
        run("backtest", "--db", db, "--out", json.toString());
        run("backtest", "--db", db, "--out", xlsx.toString());
        JsonNode report = new ObjectMapper().readTree(json.toFile());

        try (ReadableWorkbook workbook = new ReadableWorkbook(xlsx.toFile())) {
            assertThat(workbook.getSheets().map(Sheet::getName))
                    .containsExactly("Headline", "Cut-offs", "Segments and stages", "Misses");
        }
        Map<String, Cell> headline = new HashMap<>();
        for (Row row : sheet(xlsx, "Headline").subList(1, sheet(xlsx, "Headline").size())) {
            row.getOptionalCell(1).ifPresent(cell -> headline.put(row.getCell(0).asString(), cell));
        }
        assertThat(headline.get("ROC AUC").asNumber().doubleValue()).isCloseTo(report.get("roc_auc").asDouble(), within(1e-9));
        assertThat(headline.get("average precision").asNumber().doubleValue())
                .isCloseTo(report.get("average_precision").asDouble(), within(1e-9));
        assertThat(headline.get("points").asNumber().longValueExact()).isEqualTo(report.get("points").asLong());
        assertThat(headline.get("churners").asNumber().longValueExact()).isEqualTo(report.get("churners").asLong());
        assertThat(headline.get("recall at red").asNumber().doubleValue())
                .isCloseTo(report.get("confusion_red").get("recall").asDouble(), within(1e-9));
        assertThat(headline.get("first cut-off").asDate().toLocalDate().toString())
                .isEqualTo(report.get("parameters").get("from").asText());

        List<Row> cutoffs = sheet(xlsx, "Cut-offs");
        assertThat(cutoffs).hasSize(report.get("per_cutoff").size() + 1);
        for (int i = 0; i < report.get("per_cutoff").size(); i++) {
            JsonNode block = report.get("per_cutoff").get(i);
            Row row = cutoffs.get(i + 1);
            assertThat(row.getCell(0).asDate().toLocalDate().toString()).isEqualTo(block.get("cutoff").asText());
            assertThat(row.getCell(2).asNumber().longValueExact()).isEqualTo(block.get("figures").get("points").asLong());
            assertThat(row.getCell(3).asNumber().longValueExact()).isEqualTo(block.get("figures").get("churners").asLong());
        }
        assertThat(sheet(xlsx, "Segments and stages")).hasSize(report.get("by_segment").size() + report.get("by_stage").size() + 1);

        List<Row> misses = sheet(xlsx, "Misses");
        assertThat(misses).hasSize(report.get("false_negatives").size() + report.get("false_positives").size() + 1);
        List<String> ids = new ArrayList<>();
        report.get("false_negatives").forEach(p -> ids.add(p.get("account_id").asText()));
        report.get("false_positives").forEach(p -> ids.add(p.get("account_id").asText()));
        for (int i = 0; i < ids.size(); i++) {
            Cell id = misses.get(i + 1).getCell(1);
            assertThat(id.getType()).isEqualTo(CellType.STRING);
            assertThat(id.asString()).isEqualTo(ids.get(i)).startsWith("=ACC-");
        }
    }

    @Test
    void crmTasksInExcelAreTheCsvsTasksWithIdsAsText() throws IOException {
        Path csv = dir.resolve("tasks.csv");
        Path xlsx = dir.resolve("tasks.xlsx");
        run("alerts", "--db", db, "--out", csv.toString());
        run("alerts", "--db", db, "--out", xlsx.toString());

        List<CsvRecord> records = csv(csv);
        List<Row> rows = sheet(xlsx, "CRM tasks");
        assertThat(records).hasSizeGreaterThan(1);
        assertThat(rows).hasSize(records.size());
        assertThat(texts(rows.get(0))).isEqualTo(records.get(0).getFields());
        for (int r = 1; r < rows.size(); r++) {
            Cell account = rows.get(r).getCell(3);
            assertThat(account.getType()).isEqualTo(CellType.STRING);
            assertThat(account.asString()).startsWith("=ACC-");
            assertThat(records.get(r).getField(3)).isEqualTo("'" + account.asString());
            assertThat(rows.get(r).getCell(1).asString()).isEqualTo(records.get(r).getField(1));
            assertThat(rows.get(r).getCell(7).asDate().toLocalDate().toString()).isEqualTo(records.get(r).getField(7));
        }
    }

    private static List<CsvRecord> csv(Path file) throws IOException {
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(file)) {
            return reader.stream().toList();
        }
    }

    private static List<Row> sheet(Path file, String name) throws IOException {
        try (ReadableWorkbook workbook = new ReadableWorkbook(file.toFile())) {
            return workbook.findSheet(name).orElseThrow().read();
        }
    }

    private static List<String> texts(Row row) {
        return row.stream().map(Cell::getText).toList();
    }
}
