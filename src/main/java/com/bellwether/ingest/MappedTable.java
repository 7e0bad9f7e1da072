package com.bellwether.ingest;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.bellwether.ingest.MappingProfile.AggregateValue;
import com.bellwether.ingest.MappingProfile.EntityMapping;
import com.bellwether.ingest.MappingProfile.Lookup;

/**
 * A source file seen through one entity's mapping: its rows answer for canonical columns. Lookups are resolved
 * first (a row whose key has no match is reported and left out), then renames, value maps and constants; with
 * an aggregation, rows are grouped and each group becomes one row, located at its first source row.
 */
final class MappedTable implements SourceTable {

    private static final String DATE = "date";

    private final SourceTable source;
    private final EntityMapping mapping;
    private final Map<String, String> renames = new HashMap<>();
    private final List<ResolvedLookup> lookups = new ArrayList<>();
    private final List<String> columns;

    MappedTable(BundleEntity entity, SourceTable source, EntityMapping mapping, Path folder, ProblemLog problems)
            throws IOException {
        this.source = source;
        this.mapping = mapping;
        mapping.columns().forEach((canonical, original) -> renames.put(canonical, original.toLowerCase(Locale.ROOT)));
        for (Lookup lookup : mapping.lookups()) {
            lookups.add(ResolvedLookup.load(lookup, folder, problems));
        }
        Set<String> names = new LinkedHashSet<>();
        if (mapping.aggregate() != null) {
            names.addAll(mapping.aggregate().by());
            names.addAll(mapping.aggregate().values().keySet());
        } else {
            // A source column read under another name, or only as a lookup key, is not a column of its own
            // (in wide usage, every remaining column is a metric).
            Set<String> consumed = new HashSet<>(renames.values());
            lookups.forEach(l -> consumed.add(l.from));
            for (String column : source.columns()) {
                if (!consumed.contains(column) || renames.containsKey(column)
                        || entity.requiredColumns().contains(column) || entity.optionalColumns().contains(column)) {
                    names.add(column);
                }
            }
            names.addAll(renames.keySet());
            names.addAll(mapping.constants().keySet());
            lookups.forEach(l -> names.add(l.spec.column()));
        }
        this.columns = List.copyOf(names);
    }

    @Override
    public String file() {
        return source.file();
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public void forEachRow(RowConsumer consumer, ProblemLog problems) throws IOException {
        if (mapping.aggregate() == null) {
            source.forEachRow(raw -> {
                MappedRow row = map(raw, problems);
                if (row != null) {
                    consumer.accept(row);
                }
            }, problems);
            return;
        }
        Map<List<String>, Group> groups = new LinkedHashMap<>();
        List<String> by = mapping.aggregate().by();
        source.forEachRow(raw -> {
            MappedRow row = map(raw, problems);
            if (row == null) {
                return;
            }
            List<String> key = new ArrayList<>(by.size());
            for (String column : by) {
                key.add(column.equals(DATE) ? calendarDay(row.get(column)) : row.get(column));
            }
            groups.computeIfAbsent(key, k -> new Group(row, mapping.aggregate().values())).add(row, problems);
        }, problems);
        groups.forEach((key, group) -> consumer.accept(group.toRow(by, key)));
    }

    /**
     * The day of a date or date-time, in ISO form, so that events of one day form one group; the text as it is
     * when it is no date (the validator then reports it).
     */
    private String calendarDay(String value) {
        if (value == null) {
            return null;
        }
        java.time.LocalDateTime parsed = FieldReader.parse(value, mapping.datePatterns().get(DATE));
        return parsed == null ? value : parsed.toLocalDate().toString();
    }

    /** The date patterns the validator applies: an aggregated date column already holds ISO days. */
    Map<String, String> datePatterns() {
        if (mapping.aggregate() == null || !mapping.aggregate().by().contains(DATE)) {
            return mapping.datePatterns();
        }
        Map<String, String> patterns = new HashMap<>(mapping.datePatterns());
        patterns.remove(DATE);
        return patterns;
    }

    private MappedRow map(SourceRow raw, ProblemLog problems) {
        Map<String, String> looked = new HashMap<>();
        for (ResolvedLookup lookup : lookups) {
            String keyValue = raw.get(lookup.from);
            if (keyValue == null) {
                continue;
            }
            String value = lookup.values.get(keyValue);
            if (value == null && !lookup.values.containsKey(keyValue)) {
                problems.add(new ImportProblem(raw.file(), raw.lineOf(lookup.from), raw.columnNumber(lookup.from),
                        lookup.from, keyValue, "a " + lookup.spec.key() + " found in " + lookup.spec.file()
                        + " (to look up " + lookup.spec.column() + ")"));
                return null;
            }
            looked.put(lookup.spec.column(), value);
        }
        return new MappedRow(raw, looked);
    }

    /** A source row answering for canonical columns. */
    private final class MappedRow implements SourceRow {

        private final SourceRow raw;
        private final Map<String, String> looked;

        MappedRow(SourceRow raw, Map<String, String> looked) {
            this.raw = raw;
            this.looked = looked;
        }

        @Override
        public String file() {
            return raw.file();
        }

        @Override
        public long line() {
            return raw.line();
        }

        @Override
        public String get(String column) {
            String constant = mapping.constants().get(column);
            if (constant != null) {
                return constant;
            }
            String value = looked.containsKey(column) ? looked.get(column) : raw.get(renames.getOrDefault(column, column));
            Map<String, String> valueMap = mapping.valueMaps().get(column);
            if (value != null && valueMap != null && valueMap.containsKey(value)) {
                value = valueMap.get(value);
            }
            return value == null || value.isBlank() ? null : value;
        }

        @Override
        public int columnNumber(String column) {
            if (mapping.constants().containsKey(column) || looked.containsKey(column)) {
                return 0;
            }
            return raw.columnNumber(renames.getOrDefault(column, column));
        }

        @Override
        public long lineOf(String column) {
            return raw.lineOf(renames.getOrDefault(column, column));
        }
    }

    /** Accumulates the rows of one group. */
    private static final class Group {

        private final SourceRow first;
        private final Map<String, AggregateValue> specs;
        private final Map<String, double[]> sums = new HashMap<>();
        private final Map<String, Set<String>> distinct = new HashMap<>();
        private long rows;

        Group(SourceRow first, Map<String, AggregateValue> specs) {
            this.first = first;
            this.specs = specs;
        }

        void add(SourceRow row, ProblemLog problems) {
            rows++;
            specs.forEach((column, spec) -> {
                switch (spec.op()) {
                    case "count" -> {
                    }
                    case "count_distinct" -> {
                        String value = row.get(spec.of());
                        if (value != null) {
                            distinct.computeIfAbsent(column, c -> new HashSet<>()).add(value);
                        }
                    }
                    default -> {
                        String text = row.get(spec.of());
                        if (text == null) {
                            return;
                        }
                        Double value = FieldReader.parseNumber(text);
                        if (value == null) {
                            problems.add(new ImportProblem(row.file(), row.lineOf(spec.of()), row.columnNumber(spec.of()),
                                    spec.of(), text, "a number such as 1234.5 (to compute " + column + ")"));
                            return;
                        }
                        // {count, sum, max, min}
                        double[] acc = sums.computeIfAbsent(column,
                                c -> new double[] {0, 0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY});
                        acc[0]++;
                        acc[1] += value;
                        acc[2] = Math.max(acc[2], value);
                        acc[3] = Math.min(acc[3], value);
                    }
                }
            });
        }

        SourceRow toRow(List<String> by, List<String> key) {
            Map<String, String> values = new HashMap<>();
            for (int i = 0; i < by.size(); i++) {
                values.put(by.get(i), key.get(i));
            }
            specs.forEach((column, spec) -> {
                Double value = switch (spec.op()) {
                    case "count" -> (double) rows;
                    case "count_distinct" -> (double) distinct.getOrDefault(column, Set.of()).size();
                    default -> {
                        double[] acc = sums.get(column);
                        if (acc == null) {
                            yield null;
                        }
                        yield switch (spec.op()) {
                            case "sum" -> acc[1];
                            case "max" -> acc[2];
                            case "min" -> acc[3];
                            default -> acc[1] / acc[0];
                        };
                    }
                };
                if (value != null) {
                    double scaled = spec.scale() == null ? value : value * spec.scale();
                    values.put(column, BigDecimal.valueOf(scaled).stripTrailingZeros().toPlainString());
                }
            });
            return new SourceRow() {
                @Override
                public String file() {
                    return first.file();
                }

                @Override
                public long line() {
                    return first.line();
                }

                @Override
                public String get(String column) {
                    return values.get(column);
                }

                @Override
                public int columnNumber(String column) {
                    return by.contains(column) ? first.columnNumber(column) : 0;
                }

                @Override
                public long lineOf(String column) {
                    return by.contains(column) ? first.lineOf(column) : first.line();
                }
            };
        }
    }

    /** A lookup with its file read into key → value. */
    private static final class ResolvedLookup {

        final Lookup spec;
        final String from;
        final Map<String, String> values = new HashMap<>();

        private ResolvedLookup(Lookup spec) {
            this.spec = spec;
            this.from = spec.from().toLowerCase(Locale.ROOT);
        }

        static ResolvedLookup load(Lookup spec, Path folder, ProblemLog problems) throws IOException {
            ResolvedLookup resolved = new ResolvedLookup(spec);
            Path file = folder.resolve(spec.file());
            if (!java.nio.file.Files.isRegularFile(file)) {
                throw new IOException("The mapping looks up " + spec.column() + " in " + spec.file()
                        + ", but " + folder + " has no such file");
            }
            CsvSourceTable table = CsvSourceTable.open(file);
            String key = spec.key().toLowerCase(Locale.ROOT);
            String value = spec.value() == null ? null : spec.value().toLowerCase(Locale.ROOT);
            String orderBy = spec.orderBy() == null ? null : spec.orderBy().toLowerCase(Locale.ROOT);
            for (String needed : new String[] {key, value, orderBy}) {
                if (needed != null && !table.columns().contains(needed)) {
                    problems.add(new ImportProblem(table.file(), 1, 0, null, null, "a column " + needed
                            + " for the lookup of " + spec.column() + " (found: " + String.join(", ", table.columns()) + ")"));
                    return resolved;
                }
            }
            String pick = spec.pick() == null ? "first" : spec.pick();
            Map<String, String> order = new HashMap<>();
            Map<String, Double> numbers = new HashMap<>();
            table.forEachRow(row -> {
                String k = row.get(key);
                if (k == null) {
                    return;
                }
                String v = value == null ? null : row.get(value);
                switch (pick) {
                    case "first" -> resolved.values.putIfAbsent(k, v);
                    case "last" -> resolved.values.put(k, v);
                    case "latest" -> {
                        String o = row.get(orderBy);
                        String seen = order.get(k);
                        if (!order.containsKey(k) || (o != null && (seen == null || o.compareTo(seen) >= 0))) {
                            order.put(k, o);
                            resolved.values.put(k, v);
                        }
                    }
                    default -> {
                        Double number = "count".equals(pick) ? Double.valueOf(1) : (v == null ? null : FieldReader.parseNumber(v));
                        if (v != null && number == null) {
                            problems.add(new ImportProblem(row.file(), row.lineOf(value), row.columnNumber(value), value, v,
                                    "a number such as 1234.5 (to " + pick + " for " + spec.column() + ")"));
                            return;
                        }
                        if (number == null) {
                            numbers.putIfAbsent(k, null);
                            return;
                        }
                        numbers.merge(k, number, (a, b) -> switch (pick) {
                            case "max" -> Math.max(a, b);
                            case "min" -> Math.min(a, b);
                            default -> a + b;
                        });
                    }
                }
            }, problems);
            numbers.forEach((k, n) -> resolved.values.put(k,
                    n == null ? null : BigDecimal.valueOf(n).stripTrailingZeros().toPlainString()));
            return resolved;
        }
    }
}
