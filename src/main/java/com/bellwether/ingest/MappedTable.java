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
 * A source file seen through one entity's mapping: its rows answer for canonical columns. For each source row,
 * lookups are resolved first, then the computed fields in the order given, then the filters (a row that fails one
 * is left out and counted, and its other problems are not reported); a kept row then answers with constants,
 * computed fields, lookup results or renamed source columns, through the value maps. With an aggregation, rows
 * are grouped and each group becomes one row, located at its first source row.
 *
 * <p>Every column the mapping names is looked for in the file's header before any row is read: a missing one is
 * one problem naming the profile field, and no row of the file is read.
 */
final class MappedTable implements SourceTable {

    private static final String DATE = "date";

    private final SourceTable source;
    private final EntityMapping mapping;
    private final String profile;
    private final Map<String, String> renames = new HashMap<>();
    private final List<ResolvedLookup> lookups = new ArrayList<>();
    private final Map<String, MappingExpression> compute = new LinkedHashMap<>();
    private final List<RowFilter> filters = new ArrayList<>();
    private final List<String> columns;
    private boolean usable = true;
    private long leftOut;

    /**
     * @param key     the key of the mapping in the profile's {@code entities}, such as {@code outcomes:cancelled}
     * @param profile the profile's name, for messages
     */
    MappedTable(String key, BundleEntity entity, SourceTable source, EntityMapping mapping, String profile, Path folder,
                ProblemLog problems) throws IOException {
        this.source = source;
        this.mapping = mapping;
        this.profile = profile == null || profile.isBlank() ? "the mapping profile" : "the mapping \"" + profile + "\"";
        String at = "entities." + key;
        mapping.columns().forEach((canonical, original) -> renames.put(canonical, original.toLowerCase(Locale.ROOT)));
        for (int i = 0; i < mapping.lookups().size(); i++) {
            ResolvedLookup lookup = ResolvedLookup.load(mapping.lookups().get(i), folder, problems,
                    at + ".lookups[" + i + "]", this.profile);
            usable &= lookup != null;
            lookups.add(lookup);
        }
        mapping.compute().forEach((column, expression) -> compute.put(column, MappingExpression.parse(expression, at + ".compute." + column)));
        for (int i = 0; i < mapping.where().size(); i++) {
            filters.add(RowFilter.parse(mapping.where().get(i), at + ".where[" + i + "]"));
        }
        if (!usable) {
            lookups.clear();
        }
        Set<String> names = new LinkedHashSet<>();
        Set<String> rowColumns = new LinkedHashSet<>();
        // A source column read under another name, or only as a lookup key, is not a column of its own
        // (in wide usage, every remaining column is a metric).
        Set<String> consumed = new HashSet<>(renames.values());
        lookups.forEach(l -> consumed.add(l.from));
        for (String column : source.columns()) {
            if (!consumed.contains(column) || renames.containsKey(column)
                    || entity.requiredColumns().contains(column) || entity.optionalColumns().contains(column)) {
                rowColumns.add(column);
            }
        }
        rowColumns.addAll(renames.keySet());
        rowColumns.addAll(mapping.constants().keySet());
        mapping.lookups().forEach(l -> rowColumns.add(l.column()));
        rowColumns.addAll(compute.keySet());
        if (mapping.aggregate() != null) {
            names.addAll(mapping.aggregate().by());
            names.addAll(mapping.aggregate().values().keySet());
        } else {
            names.addAll(rowColumns);
        }
        this.columns = List.copyOf(names);
        checkHeader(at, rowColumns, problems);
    }

    /** Reports, once each, the columns the mapping names that the file's header lacks; then no row is read. */
    private void checkHeader(String at, Set<String> rowColumns, ProblemLog problems) {
        List<String[]> missing = new ArrayList<>();
        mapping.columns().forEach((canonical, original) -> {
            if (!source.columns().contains(original.toLowerCase(Locale.ROOT))) {
                missing.add(new String[] {at + ".columns." + canonical, original});
            }
        });
        for (int i = 0; i < mapping.lookups().size(); i++) {
            String from = mapping.lookups().get(i).from();
            if (!source.columns().contains(from.toLowerCase(Locale.ROOT))) {
                missing.add(new String[] {at + ".lookups[" + i + "].from", from});
            }
        }
        Set<String> known = new HashSet<>();
        mapping.lookups().forEach(l -> known.add(l.column()));
        compute.forEach((column, expression) -> {
            expression.forEachColumn(at + ".compute." + column, (path, name) -> {
                if (!known.contains(name) && !source.columns().contains(name.toLowerCase(Locale.ROOT))) {
                    missing.add(new String[] {path, name});
                }
            });
            known.add(column);
        });
        for (int i = 0; i < filters.size(); i++) {
            String name = filters.get(i).column();
            if (!known.contains(name) && !source.columns().contains(name.toLowerCase(Locale.ROOT))) {
                missing.add(new String[] {at + ".where[" + i + "].column", name});
            }
        }
        if (mapping.aggregate() != null) {
            Set<String> available = new HashSet<>(rowColumns);
            available.addAll(source.columns());
            List<String> by = mapping.aggregate().by();
            for (int i = 0; i < by.size(); i++) {
                if (!available.contains(by.get(i))) {
                    missing.add(new String[] {at + ".aggregate.by[" + i + "]", by.get(i)});
                }
            }
            mapping.aggregate().values().forEach((column, value) -> {
                if (value.of() != null && !available.contains(value.of()) && !available.contains(value.of().toLowerCase(Locale.ROOT))) {
                    missing.add(new String[] {at + ".aggregate.values." + column + ".of", value.of()});
                }
            });
        }
        for (String[] m : missing) {
            problems.add(new ImportProblem(source.file(), 1, 0, null, null, "a column \"" + m[1] + "\" (named at " + m[0]
                    + " in " + profile + "); the file's columns are " + String.join(", ", source.columns())));
        }
        usable &= missing.isEmpty();
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
    public List<ImportProblem> headerProblems() {
        return source.headerProblems();
    }

    /** The source rows the filters left out so far (every reading counts). */
    long rowsLeftOut() {
        return leftOut;
    }

    @Override
    public void forEachRow(RowConsumer consumer, ProblemLog problems) throws IOException {
        if (!usable) {
            return;
        }
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
        java.time.LocalDateTime parsed = FieldReader.parse(value, datePatterns().get(DATE));
        return parsed == null ? value : parsed.toLocalDate().toString();
    }

    /**
     * The date patterns the validator applies: an aggregated date column already holds ISO days, and a field
     * computed by adding days or hours holds an ISO date or date-time.
     */
    Map<String, String> datePatterns() {
        Map<String, String> patterns = new HashMap<>(mapping.datePatterns());
        compute.forEach((column, expression) -> {
            if (expression instanceof MappingExpression.AddTime) {
                patterns.remove(column);
            }
        });
        if (mapping.aggregate() != null && mapping.aggregate().by().contains(DATE)) {
            patterns.remove(DATE);
        }
        return patterns;
    }

    /** The pattern a column's dates are read with: its own, or that of the canonical column read from it. */
    private String datePattern(String column) {
        String pattern = mapping.datePatterns().get(column);
        if (pattern != null || compute.containsKey(column)) {
            return pattern;
        }
        String lower = column.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String> rename : renames.entrySet()) {
            if (rename.getValue().equals(lower) && mapping.datePatterns().containsKey(rename.getKey())) {
                return mapping.datePatterns().get(rename.getKey());
            }
        }
        return null;
    }

    private MappedRow map(SourceRow raw, ProblemLog problems) {
        RowValues values = new RowValues(raw);
        for (ResolvedLookup lookup : lookups) {
            String keyValue = raw.get(lookup.from);
            if (keyValue == null) {
                continue;
            }
            String value = lookup.values.get(keyValue);
            if (value == null && !lookup.values.containsKey(keyValue)) {
                values.pending.add(new ImportProblem(raw.file(), raw.lineOf(lookup.from), raw.columnNumber(lookup.from),
                        lookup.from, keyValue, "a " + lookup.spec.key() + " found in " + lookup.spec.file()
                        + " (to look up " + lookup.spec.column() + ")"));
                values.failed.add(lookup.spec.column());
                continue;
            }
            values.looked.put(lookup.spec.column(), value);
        }
        for (Map.Entry<String, MappingExpression> field : compute.entrySet()) {
            values.computing = field.getKey();
            try {
                values.computed.put(field.getKey(), field.getValue().evaluate(values));
            } catch (MappingExpression.Failed e) {
                values.computed.put(field.getKey(), null);
                values.failed.add(field.getKey());
            }
        }
        values.computing = null;
        for (RowFilter filter : filters) {
            Boolean kept = values.failed.contains(filter.column()) ? null : filter.test(values);
            if (kept == null) {
                values.pending.forEach(problems::add);
                return null;
            }
            if (!kept) {
                leftOut++;
                return null;
            }
        }
        if (!values.pending.isEmpty()) {
            values.pending.forEach(problems::add);
            return null;
        }
        return new MappedRow(raw, values.looked, values.computed);
    }

    /**
     * A source row's values as the computed fields and filters see them: a field computed before, a lookup's
     * result, or the source column. Problems wait in {@code pending} until the filters have kept the row.
     */
    private final class RowValues implements MappingExpression.Row {

        final SourceRow raw;
        final Map<String, String> looked = new HashMap<>();
        final Map<String, String> computed = new HashMap<>();
        final Set<String> failed = new HashSet<>();
        final List<ImportProblem> pending = new ArrayList<>(0);
        String computing;

        RowValues(SourceRow raw) {
            this.raw = raw;
        }

        @Override
        public String get(String column) {
            if (failed.contains(column)) {
                // A field that reads a failed one fails too; the first problem is the one reported.
                throw new MappingExpression.Failed();
            }
            if (computed.containsKey(column)) {
                return computed.get(column);
            }
            if (looked.containsKey(column)) {
                return looked.get(column);
            }
            return raw.get(column.toLowerCase(Locale.ROOT));
        }

        @Override
        public void problem(String column, String value, String expected) {
            boolean fromSource = column != null && !computed.containsKey(column) && !looked.containsKey(column);
            String field = column != null ? column : computing;
            String source = fromSource ? column.toLowerCase(Locale.ROOT) : null;
            pending.add(new ImportProblem(raw.file(), source == null ? raw.line() : raw.lineOf(source),
                    source == null ? 0 : raw.columnNumber(source), field, value,
                    computing == null ? expected : expected.endsWith(")")
                            ? expected.substring(0, expected.length() - 1) + ", computing " + computing + ")"
                            : expected + " (computing " + computing + ")"));
        }

        @Override
        public String datePattern(String column) {
            return MappedTable.this.datePattern(column);
        }
    }

    /** A source row answering for canonical columns. */
    private final class MappedRow implements SourceRow {

        private final SourceRow raw;
        private final Map<String, String> looked;
        private final Map<String, String> computed;

        MappedRow(SourceRow raw, Map<String, String> looked, Map<String, String> computed) {
            this.raw = raw;
            this.looked = looked;
            this.computed = computed;
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
            String value = computed.containsKey(column) ? computed.get(column)
                    : looked.containsKey(column) ? looked.get(column) : raw.get(renames.getOrDefault(column, column));
            Map<String, String> valueMap = mapping.valueMaps().get(column);
            if (value != null && valueMap != null && valueMap.containsKey(value)) {
                value = valueMap.get(value);
            }
            return value == null || value.isBlank() ? null : value;
        }

        @Override
        public int columnNumber(String column) {
            if (mapping.constants().containsKey(column) || computed.containsKey(column) || looked.containsKey(column)) {
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

        /** The lookup read, or null when its file lacks a column it names (reported once, naming {@code at}). */
        static ResolvedLookup load(Lookup spec, Path folder, ProblemLog problems, String at, String profile) throws IOException {
            ResolvedLookup resolved = new ResolvedLookup(spec);
            Path file = MappingProfile.fileIn(folder, spec.file(), profile, at + ".file");
            if (!java.nio.file.Files.isRegularFile(file)) {
                throw new IOException("The mapping looks up " + spec.column() + " in " + spec.file()
                        + ", but " + folder + " has no such file");
            }
            CsvSourceTable table = CsvSourceTable.open(file);
            if (!table.headerProblems().isEmpty()) {
                table.headerProblems().forEach(problems::add);
                return null;
            }
            String key = spec.key().toLowerCase(Locale.ROOT);
            String value = spec.value() == null ? null : spec.value().toLowerCase(Locale.ROOT);
            String orderBy = spec.orderBy() == null ? null : spec.orderBy().toLowerCase(Locale.ROOT);
            String[][] needed = {{"key", key}, {"value", value}, {"orderBy", orderBy}};
            boolean complete = true;
            for (String[] field : needed) {
                if (field[1] != null && !table.columns().contains(field[1])) {
                    problems.add(new ImportProblem(table.file(), 1, 0, null, null, "a column \"" + field[1] + "\" (named at "
                            + at + "." + field[0] + " in " + profile + ", to look up " + spec.column()
                            + "); the file's columns are " + String.join(", ", table.columns())));
                    complete = false;
                }
            }
            if (!complete) {
                return null;
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
                    case "earliest" -> {
                        String o = row.get(orderBy);
                        String seen = order.get(k);
                        if (!order.containsKey(k) || (o != null && (seen == null || o.compareTo(seen) < 0))) {
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
