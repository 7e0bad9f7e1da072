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

    private final List<ImportProblem> headerProblems;

    private CsvSourceTable(Path path, char separator, List<String> columns, List<ImportProblem> headerProblems) {
        this.path = path;
        this.file = path.getFileName().toString();
        this.separator = separator;
        this.columns = Collections.unmodifiableList(columns);
        this.headerProblems = List.copyOf(headerProblems);
        this.index = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            index.putIfAbsent(columns.get(i), i);
        }
    }

    /**
     * Opens a CSV file and reads its header; an empty file or one without a header is a problem. A path that is
     * no readable file (a folder, a file without permission) stops the import with a message naming it.
     */
    public static CsvSourceTable open(Path path) throws IOException {
        String file = path.getFileName().toString();
        if (Files.isDirectory(path)) {
            throw new IOException(path + " is a folder; expected a CSV file");
        }
        List<String> header = new ArrayList<>();
        List<ImportProblem> problems = new ArrayList<>();
        char separator;
        try {
            separator = sniffSeparator(path);
            Utf8Text text = new Utf8Text(Files.newInputStream(path));
            try (CsvReader<CsvRecord> reader = reader(text, separator)) {
                for (CsvRecord record : reader) {
                    for (int i = 0; i < record.getFieldCount(); i++) {
                        header.add(record.getField(i).trim().toLowerCase(java.util.Locale.ROOT));
                        if (text.sawNonUtf8() && record.getField(i).indexOf('\uFFFD') >= 0) {
                            problems.add(new ImportProblem(file, lineOf(record, i), i + 1, null, null,
                                    notUtf8(text)));
                        }
                    }
                    break;
                }
            } catch (CsvParseException e) {
                problems.add(new ImportProblem(file, 1, 0, null, null, "a header of well-formed CSV (" + reason(e) + ")"));
            }
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException(path + " does not exist; expected a CSV file", e);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new IOException(path + " cannot be read (permission denied); expected a readable CSV file", e);
        } catch (IOException e) {
            throw new IOException(path + " cannot be read (" + e.getMessage() + "); expected a readable CSV file", e);
        }
        return new CsvSourceTable(path, separator, header, problems);
    }

    /** What to say of a field that holds bytes that are not UTF-8. */
    private static String notUtf8(Utf8Text text) {
        return "UTF-8 text (found " + text.nextOffence() + ", which is not UTF-8: save the file as UTF-8)";
    }

    /** What FastCSV found wrong, in its own words (its message says only that reading failed). */
    private static String reason(CsvParseException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String message = cause.getMessage() == null ? e.getMessage() : cause.getMessage();
        java.util.regex.Matcher fields = java.util.regex.Pattern.compile("Maximum number of fields exceeded: (\\d+)")
                .matcher(message);
        if (fields.find()) {
            return String.format(java.util.Locale.ROOT, "at most %,d fields in a record", Integer.parseInt(fields.group(1)));
        }
        java.util.regex.Matcher buffer = java.util.regex.Pattern.compile("maximum buffer size of (\\d+)").matcher(message);
        if (buffer.find()) {
            return String.format(java.util.Locale.ROOT, "a field of at most %,d characters; a quote left open makes the"
                    + " rest of the file one field", Integer.parseInt(buffer.group(1)));
        }
        return message;
    }

    @Override
    public List<ImportProblem> headerProblems() {
        return headerProblems;
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
        Utf8Text text = new Utf8Text(Files.newInputStream(path));
        try (CsvReader<CsvRecord> reader = reader(text, separator)) {
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
                    if (text.sawNonUtf8() && !utf8(record, text, problems)) {
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
                        "well-formed CSV (" + reason(e) + ")"));
            }
        }
    }

    /** Whether every field of a record is UTF-8 text; each one that is not is a problem. */
    private boolean utf8(CsvRecord record, Utf8Text text, ProblemLog problems) {
        boolean clean = true;
        for (int i = 0; i < record.getFieldCount(); i++) {
            if (record.getField(i).indexOf('\uFFFD') >= 0) {
                problems.add(new ImportProblem(file, lineOf(record, i), i + 1, i < columns.size() ? columns.get(i) : null,
                        null, notUtf8(text)));
                clean = false;
            }
        }
        return clean;
    }

    /** The line a record's field is on: a quoted line break in an earlier field moves it down. */
    private static long lineOf(CsvRecord record, int field) {
        long line = record.getStartingLineNumber();
        for (int f = 0; f < field; f++) {
            String value = record.getField(f);
            for (int k = 0; k < value.length(); k++) {
                if (value.charAt(k) == '\n') {
                    line++;
                }
            }
        }
        return line;
    }

    /** A reader of the file's records (header included) exactly as the import reads them, for a preview. */
    public CsvReader<CsvRecord> openReader() throws IOException {
        return reader(new Utf8Text(Files.newInputStream(path)), separator);
    }

    private static CsvReader<CsvRecord> reader(Utf8Text text, char separator) {
        return CsvReader.builder()
                .fieldSeparator(separator)
                .commentStrategy(CommentStrategy.NONE)
                .skipEmptyLines(true)
                .ignoreDifferentFieldCount(true)
                .ofCsvRecord(text);
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
            Integer i = index.get(column);
            return i == null ? line() : CsvSourceTable.lineOf(record, i);
        }
    }
}
