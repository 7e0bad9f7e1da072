package com.bellwether.ui.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.bellwether.app.XlsxFile;
import com.bellwether.domain.Account;
import com.bellwether.scoring.AccountScore;
import com.bellwether.scoring.Band;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;

class PortfolioExportTest {

    @TempDir
    Path dir;

    @Test
    void textThatASpreadsheetWouldRunIsNeutralised() {
        assertThat(PortfolioViewModel.text("=HYPERLINK(\"x\")")).isEqualTo("'=HYPERLINK(\"x\")");
        assertThat(PortfolioViewModel.text("+1")).isEqualTo("'+1");
        assertThat(PortfolioViewModel.text("-2")).isEqualTo("'-2");
        assertThat(PortfolioViewModel.text("@sum")).isEqualTo("'@sum");
        assertThat(PortfolioViewModel.text("\t=1")).isEqualTo("'\t=1");
        assertThat(PortfolioViewModel.text("Acme")).isEqualTo("Acme");
        assertThat(PortfolioViewModel.text(null)).isEmpty();
    }

    @Test
    void anAccountWhoseIdLooksLikeAFormulaIsNeutralisedInCsvAndTextInExcel() throws IOException {
        List<AccountRow> rows = List.of(row("=2+3", "@Acme", "-Enterprise", "+Ana", 1_234_567.89, 41.25),
                row("ACC-2", "Plain", "SMB", "Bo", 5_500, 80));
        Path csv = dir.resolve("portfolio.csv");
        Path xlsx = dir.resolve("portfolio.xlsx");

        PortfolioViewModel.writeCsv(rows, csv);
        XlsxFile.write(xlsx, List.of(PortfolioViewModel.sheet(rows)));

        List<CsvRecord> records;
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(csv)) {
            records = reader.stream().toList();
        }
        assertThat(records.get(1).getFields().subList(0, 6))
                .containsExactly("'=2+3", "'@Acme", "'-Enterprise", "adoption", "'+Ana", "1234567.9");
        assertThat(records.get(2).getField(0)).isEqualTo("ACC-2");
        try (ReadableWorkbook workbook = new ReadableWorkbook(xlsx.toFile())) {
            List<Row> sheet = workbook.findSheet("Portfolio").orElseThrow().read();
            assertThat(sheet).hasSize(3);
            assertThat(sheet.get(0).stream().map(Cell::getText).toList()).isEqualTo(records.get(0).getFields());
            Row first = sheet.get(1);
            for (int c = 0; c < 5; c++) {
                assertThat(first.getCell(c).getType()).isEqualTo(CellType.STRING);
                assertThat(first.getCell(c).getFormula()).isNull();
            }
            assertThat(first.getCell(0).asString()).isEqualTo("=2+3");
            assertThat(first.getCell(4).asString()).isEqualTo("+Ana");
            assertThat(first.getCell(5).getType()).isEqualTo(CellType.NUMBER);
            assertThat(first.getCell(5).asNumber()).isEqualByComparingTo(new BigDecimal("1234567.89"));
            assertThat(first.getCell(6).asNumber()).isEqualByComparingTo("41.25");
            assertThat(first.getCell(9).asString()).isEqualTo("red");
            assertThat(sheet.get(2).getCell(6).asNumber()).isEqualByComparingTo("80");
        }
    }

    private static AccountRow row(String id, String name, String segment, String csm, double arr, double score) {
        Account account = new Account(id, name, segment, "Software", "EMEA", csm, null, arr, 10,
                LocalDate.of(2024, 1, 1), LocalDate.of(2026, 1, 1));
        AccountScore scored = new AccountScore(id, name, LocalDate.of(2025, 12, 31), "adoption", "Adoption", true,
                List.of(), List.of(), score, 0, List.of(), score, score < 50 ? Band.RED : Band.GREEN, null, -3.5, null,
                List.of(), List.of(), "", null);
        return new AccountRow(account, scored);
    }
}
