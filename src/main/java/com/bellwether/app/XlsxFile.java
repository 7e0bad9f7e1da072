package com.bellwether.app;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import com.bellwether.store.CsvCells;

/**
 * Writes tables as an Excel workbook (.xlsx), one sheet per table: the header row bold, frozen and filtered,
 * numbers and dates as such with their formats, and every text as a text cell. Text a spreadsheet could read as a
 * formula (beginning with =, +, -, @, tab or carriage return) is never a formula: it is a string cell, formatted as
 * text so that editing it keeps it text. The file appears whole or not at all.
 */
public final class XlsxFile {

    /** The extension that selects this format. */
    public static final String EXTENSION = ".xlsx";

    private static final int MIN_WIDTH = 8;
    private static final int MAX_WIDTH = 60;
    /** Widths are measured on the first rows only: a column's first thousand values show its usual length. */
    private static final int MEASURED_ROWS = 1_000;

    private XlsxFile() {
    }

    /** True when the file's name ends in .xlsx (in any case). */
    public static boolean named(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(EXTENSION);
    }

    public static void write(Path file, List<SheetTable> sheets) throws IOException {
        write(file, sheets, () -> false);
    }

    /** Writes the sheets; when cancelled between rows, stops and leaves no file. */
    public static void write(Path file, List<SheetTable> sheets, BooleanSupplier cancelled) throws IOException {
        Path target = file.toAbsolutePath();
        Path folder = target.getParent();
        Files.createDirectories(folder);
        // Created as any new file is (not as a private temporary file), so the workbook gets the usual permissions.
        Path partial = folder.resolve("." + target.getFileName() + "." + java.util.UUID.randomUUID() + ".partial");
        try {
            try (OutputStream out = Files.newOutputStream(partial, java.nio.file.StandardOpenOption.CREATE_NEW,
                    java.nio.file.StandardOpenOption.WRITE)) {
                Workbook workbook = new Workbook(out, "Bellwether", null);
                for (SheetTable sheet : sheets) {
                    writeSheet(workbook.newWorksheet(sheet.name()), sheet, cancelled);
                }
                workbook.finish();
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static void writeSheet(Worksheet ws, SheetTable sheet, BooleanSupplier cancelled) throws IOException {
        List<SheetTable.Column> columns = sheet.columns();
        for (int c = 0; c < columns.size(); c++) {
            ws.value(0, c, columns.get(c).header());
        }
        if (!columns.isEmpty()) {
            ws.range(0, 0, 0, columns.size() - 1).style().bold().fillColor("E7ECF2").set();
            ws.freezePane(0, 1);
            ws.setAutoFilter(0, 0, columns.size() - 1);
        }
        int[] widths = new int[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            widths[c] = columns.get(c).header().length() + 3; // room for the filter button
        }
        for (int r = 0; r < sheet.rowCount(); r++) {
            if ((r & 1023) == 0 && cancelled.getAsBoolean()) {
                throw new java.util.concurrent.CancellationException("the export was cancelled");
            }
            for (int c = 0; c < columns.size(); c++) {
                Object value = sheet.value(r, c);
                int length = writeCell(ws, r + 1, c, columns.get(c).kind(), value);
                if (r < MEASURED_ROWS) {
                    widths[c] = Math.max(widths[c], length);
                }
            }
            if ((r & 8191) == 8191) {
                ws.flush();
            }
        }
        for (int c = 0; c < columns.size(); c++) {
            ws.width(c, Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, widths[c] + 1)));
        }
        ws.finish();
    }

    /** Writes one cell; returns roughly how many characters it shows, for the column's width. */
    private static int writeCell(Worksheet ws, int row, int column, SheetTable.Kind kind, Object value) {
        if (value == null || value instanceof Double d && (d.isNaN() || d.isInfinite())
                || value instanceof Float f && (f.isNaN() || f.isInfinite())) {
            return 0;
        }
        if (value instanceof SheetTable.Formatted formatted) {
            return formatted.value() == null ? 0 : writeCell(ws, row, column, formatted.kind(), formatted.value());
        }
        switch (kind) {
            case TEXT -> {
                String text = value.toString();
                ws.value(row, column, text);
                if (CsvCells.formulaLike(text)) {
                    ws.style(row, column).format(kind.format()).set();
                }
                return text.length();
            }
            case DATE -> {
                ws.value(row, column, (LocalDate) value);
                ws.style(row, column).format(kind.format()).set();
                return 10;
            }
            default -> {
                Number number = (Number) value;
                ws.value(row, column, number);
                ws.style(row, column).format(kind.format()).set();
                return shownLength(kind, number.doubleValue());
            }
        }
    }

    private static int shownLength(SheetTable.Kind kind, double value) {
        return switch (kind) {
            case PERCENT -> String.format(Locale.ROOT, "%.1f%%", 100 * value).length();
            case RATIO -> String.format(Locale.ROOT, "%.3f", value).length();
            case SCORE -> String.format(Locale.ROOT, "%.1f", value).length();
            default -> String.format(Locale.ROOT, "%,.0f", value).length();
        };
    }
}
