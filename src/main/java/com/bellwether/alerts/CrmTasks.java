package com.bellwether.alerts;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import com.bellwether.store.CsvCells;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import de.siegmar.fastcsv.writer.CsvWriter;

/** Writes alerts as CRM tasks, to CSV (text cells neutralised against spreadsheet formulas) or JSON. */
public final class CrmTasks {

    public static final List<String> CSV_HEADER = List.of("external_id", "subject", "description", "account_id",
            "account_name", "owner", "priority", "due_date", "status");

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT)
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private CrmTasks() {
    }

    public static List<CrmTask> of(List<Alert> alerts) {
        return alerts.stream().map(CrmTask::of).toList();
    }

    /** Writes the tasks as CSV when the file name ends in .csv, as JSON when it ends in .json. */
    public static void write(List<CrmTask> tasks, Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            if (name.endsWith(".csv")) {
                writeCsv(tasks, out);
            } else if (name.endsWith(".json")) {
                writeJson(tasks, out);
            } else {
                throw new IllegalArgumentException("expected a file name ending in .csv or .json, not " + file.getFileName());
            }
        }
    }

    public static void writeCsv(List<CrmTask> tasks, Writer out) throws IOException {
        CsvWriter csv = CsvWriter.builder().build(out);
        csv.writeRecord(CSV_HEADER);
        for (CrmTask task : tasks) {
            csv.writeRecord(CsvCells.text(task.externalId()), CsvCells.text(task.subject()),
                    CsvCells.text(task.description()), CsvCells.text(task.accountId()), CsvCells.text(task.accountName()),
                    CsvCells.text(task.owner()), task.priority(), task.dueDate().toString(), task.status());
        }
        csv.flush();
    }

    public static void writeJson(List<CrmTask> tasks, Writer out) throws IOException {
        JSON.writerFor(JSON.getTypeFactory().constructCollectionType(List.class, CrmTask.class)).writeValue(out, tasks);
    }
}
