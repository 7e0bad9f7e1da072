package com.bellwether.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;

/**
 * A CSV file: UTF-8 with or without a byte-order mark, comma or semicolon separated (judged from the header),
 * quoted fields with embedded separators and line breaks, empty lines skipped.
 */
public final class CsvSourceTable implements SourceTable {

    private final Path path;
    private final String file;
    private final char separator;
    private final List<String> columns;
    private final Map<String, Integer> index;

    private CsvSourceTable(Path path, char separator, List<String> columns) {
        this.path = path;
        this.file = path.getFileName().toString();
        this.separator = separator;
        this.columns = Collections.unmodifiableList(columns);
        this.index = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            index.putIfAbsent(columns.get(i), i);
        }
    }

    /** Opens a CSV file and reads its header; an empty file or one without a header is a problem. */
    public static CsvSourceTable open(Path path) throws IOException {
        char separator = sniffSeparator(path);
        List<String> header = new ArrayList<>();
        try (CsvReader<CsvRecord> reader = reader(path, separator)) {
            for (CsvRecord record : reader) {
                for (String field : record.getFields()) {
                    header.add(field.trim().toLowerCase(java.util.Locale.ROOT));
                }
                break;
            }
        } catch (CsvParseException e) {
            throw new IOException(path.getFileName() + ": the header cannot be read: " + e.getMessage(), e);
        }
        return new CsvSourceTable(path, separator, header);
    }

    @Override
    public String file() {
        return file;
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    public char separator() {
        return separator;
    }

    @Override
    public void forEachRow(RowConsumer consumer, ProblemLog problems) throws IOException {
        try (CsvReader<CsvRecord> reader = reader(path, separator)) {
            boolean header = true;
            long lastLine = 0;
            try {
                for (CsvRecord record : reader) {
                    lastLine = record.getStartingLineNumber();
                    if (header) {
                        header = false;
                        continue;
                    }
                    if (record.getFieldCount() == 1 && record.getField(0).isBlank()) {
                        continue;
                    }
                    if (record.getFieldCount() != columns.size()) {
                        problems.add(new ImportProblem(file, record.getStartingLineNumber(), 0, null, null,
                                columns.size() + " fields as in the header (found " + record.getFieldCount() + ")"));
                        continue;
                    }
                    consumer.accept(new CsvRow(record));
                }
            } catch (CsvParseException e) {
                problems.add(new ImportProblem(file, lastLine + 1, 0, null, null,
                        "well-formed CSV (" + e.getMessage() + ")"));
            }
        }
    }

    /** A reader of the file's records (header included) exactly as the import reads them, for a preview. */
    public CsvReader<CsvRecord> openReader() throws IOException {
        return reader(path, separator);
    }

    private static CsvReader<CsvRecord> reader(Path path, char separator) throws IOException {
        return CsvReader.builder()
                .fieldSeparator(separator)
                .commentStrategy(CommentStrategy.NONE)
                .skipEmptyLines(true)
                .ignoreDifferentFieldCount(true)
                .detectBomHeader(true)
                .ofCsvRecord(path, StandardCharsets.UTF_8);
    }

    /** Comma unless the header line has more semicolons than commas outside quotes. */
    static char sniffSeparator(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path);
             Reader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            int commas = 0;
            int semicolons = 0;
            boolean quoted = false;
            int c;
            while ((c = reader.read()) != -1) {
                if (c == '"') {
                    quoted = !quoted;
                } else if (!quoted && (c == '\n' || c == '\r')) {
                    break;
                } else if (!quoted && c == ',') {
                    commas++;
                } else if (!quoted && c == ';') {
                    semicolons++;
                }
            }
            return semicolons > commas ? ';' : ',';
        }
    }

    private final class CsvRow implements SourceRow {

        private final CsvRecord record;

        CsvRow(CsvRecord record) {
            this.record = record;
        }

        @Override
        public String file() {
            return file;
        }

        @Override
        public long line() {
            return record.getStartingLineNumber();
        }

        @Override
        public String get(String column) {
            Integer i = index.get(column);
            if (i == null) {
                return null;
            }
            String value = record.getField(i).trim();
            return value.isEmpty() ? null : value;
        }

        @Override
        public int columnNumber(String column) {
            Integer i = index.get(column);
            return i == null ? 0 : i + 1;
        }

        @Override
        public long lineOf(String column) {
            // A quoted line break in an earlier field moves later fields down.
            Integer i = index.get(column);
            if (i == null) {
                return line();
            }
            long line = line();
            for (int f = 0; f < i; f++) {
                String field = record.getField(f);
                for (int k = 0; k < field.length(); k++) {
                    if (field.charAt(k) == '\n') {
                        line++;
                    }
                }
            }
            return line;
        }
    }
}
