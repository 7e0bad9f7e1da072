package com.bellwether.ui.importer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;

import com.bellwether.ingest.CsvSourceTable;

/**
 * The header and first rows of one CSV file, read as the importer reads it: the separator it judges from the
 * header, a byte-order mark dropped, column names trimmed and lower-cased, empty lines skipped.
 *
 * @param columns the column names as the importer and mapping profiles see them
 * @param more    true when the file has rows beyond those shown
 * @param error   why the file could not be read in full, or null
 */
public record FilePreview(Path path, char separator, List<String> columns, List<List<String>> rows, boolean more,
                          String error) {

    /** The rows a preview shows. */
    public static final int ROWS = 20;

    public FilePreview {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    public String file() {
        return path.getFileName().toString();
    }

    /** Reads the header and up to {@code limit} rows; a file that is not CSV gives a preview with an error. */
    public static FilePreview read(Path file, int limit) {
        CsvSourceTable table;
        try {
            table = CsvSourceTable.open(file);
        } catch (IOException e) {
            return new FilePreview(file, ',', List.of(), List.of(), false, e.getMessage());
        }
        List<List<String>> rows = new ArrayList<>();
        boolean more = false;
        String error = null;
        try (CsvReader<CsvRecord> reader = table.openReader()) {
            boolean header = true;
            for (CsvRecord record : reader) {
                if (header) {
                    header = false;
                    continue;
                }
                if (record.getFieldCount() == 1 && record.getField(0).isBlank()) {
                    continue;
                }
                if (rows.size() == limit) {
                    more = true;
                    break;
                }
                rows.add(record.getFields().stream().map(String::trim).toList());
            }
        } catch (CsvParseException e) {
            error = "not well-formed CSV after row " + rows.size() + ": " + e.getMessage();
        } catch (IOException | java.io.UncheckedIOException e) {
            error = e.getMessage();
        }
        return new FilePreview(file, table.separator(), table.columns(), rows, more, error);
    }

    /**
     * The CSV files a source offers: every {@code .csv} file directly in a chosen folder, and every chosen
     * {@code .csv} file, sorted by name.
     */
    public static List<Path> csvFiles(List<Path> sources) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path source : sources) {
            if (Files.isDirectory(source)) {
                try (Stream<Path> listing = Files.list(source)) {
                    listing.filter(p -> Files.isRegularFile(p) && isCsv(p)).forEach(files::add);
                }
            } else if (isCsv(source)) {
                files.add(source);
            }
        }
        files.sort(Comparator.comparing((Path p) -> p.getFileName().toString()));
        return files;
    }

    private static boolean isCsv(Path path) {
        return path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
    }
}
