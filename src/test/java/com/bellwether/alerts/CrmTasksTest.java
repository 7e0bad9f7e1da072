package com.bellwether.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.io.StringWriter;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.bellwether.store.CsvCells;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;

class CrmTasksTest {

    private static Alert alert(String name, String owner, Severity severity, AlertStatus status) {
        OffsetDateTime at = OffsetDateTime.parse("2025-03-10T06:00:00Z");
        return new Alert(7, Alert.externalId("A-1", "drop", LocalDate.parse("2025-03-10")), "A-1", name, "drop",
                "score_drop", severity, LocalDate.parse("2025-03-10"), LocalDate.parse("2025-03-12"), 35.0, 98.0, "red",
                "green", "Score fell 63 points in 30 days", "-63 points: =cause unknown", "+Call the customer", owner,
                status, null, null, at, at, null, 0);
    }

    @Test
    void textThatASpreadsheetWouldRunIsNeutralised() {
        assertThat(CsvCells.text("=HYPERLINK(\"x\")")).isEqualTo("'=HYPERLINK(\"x\")");
        assertThat(CsvCells.text("+1")).isEqualTo("'+1");
        assertThat(CsvCells.text("-2")).isEqualTo("'-2");
        assertThat(CsvCells.text("@sum")).isEqualTo("'@sum");
        assertThat(CsvCells.text("Acme")).isEqualTo("Acme");
        assertThat(CsvCells.text("")).isEmpty();
        assertThat(CsvCells.text(null)).isEmpty();
    }

    @Test
    void csvTasksCarryEveryFieldWithFormulasNeutralised() throws Exception {
        StringWriter out = new StringWriter();

        CrmTasks.writeCsv(CrmTasks.of(List.of(alert("=cmd|' /C calc'!A0", "@owner", Severity.HIGH, AlertStatus.NEW))), out);

        List<CsvRecord> rows = CsvReader.builder().ofCsvRecord(new StringReader(out.toString())).stream().toList();
        assertThat(rows.get(0).getFields()).isEqualTo(CrmTasks.CSV_HEADER);
        CsvRecord row = rows.get(1);
        assertThat(row.getField(0)).isEqualTo(Alert.externalId("A-1", "drop", LocalDate.parse("2025-03-10")));
        assertThat(row.getField(1)).isEqualTo("'=cmd|' /C calc'!A0: Score fell 63 points in 30 days");
        assertThat(row.getField(2)).startsWith("'-63 points: =cause unknown\nRecommended action: +Call the customer\n")
                .endsWith("Raised by Bellwether rule drop as of 2025-03-10, last seen 2025-03-12.");
        assertThat(row.getField(3)).isEqualTo("A-1");
        assertThat(row.getField(4)).isEqualTo("'=cmd|' /C calc'!A0");
        assertThat(row.getField(5)).isEqualTo("'@owner");
        assertThat(row.getField(6)).isEqualTo("High");
        assertThat(row.getField(7)).isEqualTo("2025-03-13");
        assertThat(row.getField(8)).isEqualTo("Not Started");
    }

    @Test
    void jsonTasksUseSnakeCaseAndIsoDatesWithPriorityAndDueDateFromTheSeverity() throws Exception {
        StringWriter out = new StringWriter();

        CrmTasks.writeJson(CrmTasks.of(List.of(alert("Acme", "Dana Lee", Severity.CRITICAL, AlertStatus.ACKNOWLEDGED),
                alert("Bolt", null, Severity.LOW, AlertStatus.NEW))), out);

        JsonNode tasks = new ObjectMapper().readTree(out.toString());
        assertThat(tasks).hasSize(2);
        assertThat(tasks.get(0).get("external_id").asText()).startsWith("bw-");
        assertThat(tasks.get(0).get("subject").asText()).isEqualTo("Acme: Score fell 63 points in 30 days");
        assertThat(tasks.get(0).get("account_id").asText()).isEqualTo("A-1");
        assertThat(tasks.get(0).get("account_name").asText()).isEqualTo("Acme");
        assertThat(tasks.get(0).get("owner").asText()).isEqualTo("Dana Lee");
        assertThat(tasks.get(0).get("priority").asText()).isEqualTo("Urgent");
        assertThat(tasks.get(0).get("due_date").asText()).isEqualTo("2025-03-11");
        assertThat(tasks.get(0).get("status").asText()).isEqualTo("In Progress");
        assertThat(tasks.get(0).get("description").asText()).contains("Recommended action: +Call the customer");
        assertThat(tasks.get(1).get("priority").asText()).isEqualTo("Low");
        assertThat(tasks.get(1).get("due_date").asText()).isEqualTo("2025-03-24");
    }
}
