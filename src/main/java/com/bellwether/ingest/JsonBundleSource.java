package com.bellwether.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

/**
 * The JSON form of the bundle: one document, an object whose members are arrays named after the entities
 * ({@code "accounts": [{"account_id": "A1", "name": "Acme"}, ...]}), each element an object of the same
 * columns as the CSV files. Every value keeps its line and column for problem reports.
 */
final class JsonBundleSource {

    private JsonBundleSource() {
    }

    /** Reads the document; a syntax or shape problem is logged and yields no tables. */
    static Map<BundleEntity, SourceTable> read(Path path, ProblemLog problems) throws IOException {
        String file = path.getFileName().toString();
        Map<BundleEntity, JsonTable> tables = new LinkedHashMap<>();
        try (JsonParser parser = new JsonFactory().createParser(path.toFile())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                problems.add(at(file, parser.currentTokenLocation(), null, null,
                        "a JSON object with arrays named " + BundleEntity.allKeys()));
                return Map.of();
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonLocation nameAt = parser.currentTokenLocation();
                JsonToken next = parser.nextToken();
                var entity = BundleEntity.forKey(name);
                if (entity.isEmpty()) {
                    problems.add(at(file, nameAt, name, null, "an array named one of " + BundleEntity.allKeys()));
                    parser.skipChildren();
                    continue;
                }
                if (next != JsonToken.START_ARRAY) {
                    problems.add(at(file, parser.currentTokenLocation(), name, null, "an array of objects"));
                    parser.skipChildren();
                    continue;
                }
                JsonTable table = tables.computeIfAbsent(entity.get(), e -> new JsonTable(file));
                readRows(parser, table, name, problems);
            }
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
            problems.add(new ImportProblem(file, where == null ? 0 : where.getLineNr(),
                    where == null ? 0 : where.getColumnNr(), null, null, message.startsWith("Invalid UTF-8")
                    ? "UTF-8 text (" + JsonMistakes.plain(message) + "; save the file as UTF-8)"
                    : "valid JSON (" + JsonMistakes.plain(message) + ")"));
            return Map.of();
        }
        return new LinkedHashMap<>(tables);
    }

    private static void readRows(JsonParser parser, JsonTable table, String arrayName, ProblemLog problems) throws IOException {
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token != JsonToken.START_OBJECT) {
                problems.add(at(table.file, parser.currentTokenLocation(), arrayName, parser.getText(), "an object"));
                parser.skipChildren();
                continue;
            }
            JsonLocation start = parser.currentTokenLocation();
            Map<String, String> values = new HashMap<>();
            Map<String, long[]> places = new HashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String column = parser.currentName().toLowerCase(Locale.ROOT);
                JsonToken value = parser.nextToken();
                JsonLocation where = parser.currentTokenLocation();
                places.put(column, new long[] {where.getLineNr(), where.getColumnNr()});
                table.columns.add(column);
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    problems.add(at(table.file, where, column, null, "a string, number, boolean or null"));
                    parser.skipChildren();
                } else if (value != JsonToken.VALUE_NULL) {
                    values.put(column, parser.getText());
                }
            }
            table.rows.add(new JsonRow(table.file, start.getLineNr(), values, places));
        }
    }

    private static ImportProblem at(String file, JsonLocation where, String field, String value, String expected) {
        return new ImportProblem(file, where.getLineNr(), where.getColumnNr(), field, value, expected);
    }

    private static final class JsonTable implements SourceTable {

        private final String file;
        private final Set<String> columns = new LinkedHashSet<>();
        private final List<SourceRow> rows = new ArrayList<>();

        JsonTable(String file) {
            this.file = file;
        }

        @Override
        public String file() {
            return file;
        }

        @Override
        public List<String> columns() {
            return List.copyOf(columns);
        }

        @Override
        public void forEachRow(RowConsumer consumer, ProblemLog problems) {
            rows.forEach(consumer::accept);
        }
    }

    private record JsonRow(String file, long line, Map<String, String> values, Map<String, long[]> places) implements SourceRow {

        @Override
        public String get(String column) {
            String value = values.get(column);
            return value == null || value.isBlank() ? null : value.trim();
        }

        @Override
        public int columnNumber(String column) {
            long[] place = places.get(column);
            return place == null ? 0 : (int) place[1];
        }

        @Override
        public long lineOf(String column) {
            long[] place = places.get(column);
            return place == null ? line : place[0];
        }
    }
}
