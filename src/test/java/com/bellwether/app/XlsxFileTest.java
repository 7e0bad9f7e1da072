package com.bellwether.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CancellationException;

import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.bellwether.store.CsvCells;

/** A workbook written and read back cell by cell with a reader of its own. */
class XlsxFileTest {

    @TempDir
    Path dir;

    @Test
    void numbersDatesAndTextKeepTheirTypesAndFormulaLookingTextIsText() throws IOException {
        SheetTable accounts = new SheetTable("Accounts").text("account_id").money("arr").score("score")
                .percent("churn_rate").integer("points").date("as_of");
        List<String> formulas = List.of("=2+3", "+1", "-2", "@SUM(A1)", "\tcmd", "\rcmd", "=HYPERLINK(\"http://x\",\"y\")");
        for (int i = 0; i < formulas.size(); i++) {
            accounts.row(formulas.get(i), 1_234_567.5 + i, 61.25, 0.125, 42L + i, LocalDate.of(2025, 6, 30).plusDays(i));
        }
        accounts.row("ACC-1", null, Double.NaN, null, null, null);
        SheetTable second = new SheetTable("Notes").text("text");
        second.row("plain");
        Path file = dir.resolve("out.xlsx");

        XlsxFile.write(file, List.of(accounts, second));

        try (ReadableWorkbook workbook = new ReadableWorkbook(file.toFile(), new ReadingOptions(true, false))) {
            List<Sheet> sheets = workbook.getSheets().toList();
            assertThat(sheets).extracting(Sheet::getName).containsExactly("Accounts", "Notes");
            List<Row> rows = sheets.get(0).read();
            assertThat(rows).hasSize(1 + formulas.size() + 1);
            assertThat(rows.get(0).stream().map(Cell::getText).toList())
                    .containsExactly("account_id", "arr", "score", "churn_rate", "points", "as_of");
            for (int i = 0; i < formulas.size(); i++) {
                Row row = rows.get(i + 1);
                Cell id = row.getCell(0);
                assertThat(id.getType()).as(formulas.get(i)).isEqualTo(CellType.STRING);
                assertThat(id.getFormula()).isNull();
                assertThat(id.asString()).isEqualTo(formulas.get(i));
                assertThat(formatOf(file, "A" + (i + 2))).as("formatted as text").isEqualTo("@");
                assertThat(row.getCell(1).getType()).isEqualTo(CellType.NUMBER);
                assertThat(row.getCell(1).asNumber()).isEqualByComparingTo(new BigDecimal("1234567.5").add(BigDecimal.valueOf(i)));
                assertThat(row.getCell(1).getDataFormatString()).isEqualTo("#,##0");
                assertThat(row.getCell(2).asNumber()).isEqualByComparingTo("61.25");
                assertThat(row.getCell(2).getDataFormatString()).isEqualTo("0.0");
                assertThat(row.getCell(3).asNumber()).isEqualByComparingTo("0.125");
                assertThat(row.getCell(3).getDataFormatString()).isEqualTo("0.0%");
                assertThat(row.getCell(4).asNumber()).isEqualByComparingTo(BigDecimal.valueOf(42 + i));
                assertThat(row.getCell(5).getType()).isEqualTo(CellType.NUMBER);
                assertThat(row.getCell(5).asDate().toLocalDate()).isEqualTo(LocalDate.of(2025, 6, 30).plusDays(i));
                assertThat(row.getCell(5).getDataFormatString()).isEqualTo("yyyy-mm-dd");
            }
            Row last = rows.get(rows.size() - 1);
            assertThat(last.getCell(0).asString()).isEqualTo("ACC-1");
            assertThat(formatOf(file, "A" + rows.size())).as("ordinary text keeps the general format").isNull();
            for (int c = 1; c < 6; c++) {
                assertThat(last.getOptionalCell(c).map(Cell::getType).orElse(CellType.EMPTY)).isEqualTo(CellType.EMPTY);
            }
            assertThat(sheets.get(1).read().get(1).getCell(0).asString()).isEqualTo("plain");
        }
        String sheetXml = sheetXml(file, 1);
        assertThat(sheetXml).contains("<pane").contains("ySplit=\"1\"").contains("state=\"frozen\"").doesNotContain("<f>");
        assertThat(sheetXml).contains("<autoFilter");
        assertThat(stylesXml(file)).as("a bold font for the header").contains("<font><b/>");
    }

    @Test
    void everyCharacterThatStartsAFormulaIsKnown() {
        for (String text : List.of("=1", "+1", "-1", "@a", "\t1", "\r1")) {
            assertThat(CsvCells.formulaLike(text)).as(text).isTrue();
            assertThat(CsvCells.text(text)).isEqualTo("'" + text);
        }
        assertThat(CsvCells.formulaLike("ACC-1")).isFalse();
        assertThat(CsvCells.formulaLike("")).isFalse();
        assertThat(CsvCells.formulaLike(null)).isFalse();
    }

    @Test
    void aCancelledExportLeavesNoFileAndAValueOfTheWrongKindIsRefused() throws IOException {
        SheetTable table = new SheetTable("Rows").integer("n");
        for (int i = 0; i < 5_000; i++) {
            table.row(i);
        }
        Path file = dir.resolve("cancelled.xlsx");
        assertThatThrownBy(() -> XlsxFile.write(file, List.of(table), () -> true)).isInstanceOf(CancellationException.class);
        assertThat(file).doesNotExist();
        try (var left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
        assertThatThrownBy(() -> table.row("five")).hasMessageContaining("column n of sheet Rows holds INTEGER, not String");
        assertThatThrownBy(() -> new SheetTable("a/b")).hasMessageContaining("not a sheet name");
    }

    /** The number format code of a cell of the first sheet, from its style; null for the general format. */
    private static String formatOf(Path file, String cell) throws IOException {
        var styleOfCell = java.util.regex.Pattern.compile("<c r=\"" + cell + "\"(?: s=\"(\\d+)\")?").matcher(sheetXml(file, 1));
        assertThat(styleOfCell.find()).as(cell).isTrue();
        if (styleOfCell.group(1) == null) {
            return null;
        }
        String styles = stylesXml(file);
        String cellXfs = styles.substring(styles.indexOf("<cellXfs"));
        var xfs = java.util.regex.Pattern.compile("<xf numFmtId=\"(\\d+)\"").matcher(cellXfs);
        for (int i = 0; i <= Integer.parseInt(styleOfCell.group(1)); i++) {
            assertThat(xfs.find()).isTrue();
        }
        var code = java.util.regex.Pattern.compile("<numFmt numFmtId=\"" + xfs.group(1) + "\" formatCode=\"([^\"]*)\"")
                .matcher(styles);
        return code.find() ? code.group(1) : null;
    }

    private static String sheetXml(Path file, int sheet) throws IOException {
        return entry(file, "xl/worksheets/sheet" + sheet + ".xml");
    }

    private static String stylesXml(Path file) throws IOException {
        return entry(file, "xl/styles.xml");
    }

    private static String entry(Path file, String name) throws IOException {
        try (var zip = new java.util.zip.ZipFile(file.toFile())) {
            var entry = zip.getEntry(name);
            assertThat(entry).as(name).isNotNull();
            return new String(zip.getInputStream(entry).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
