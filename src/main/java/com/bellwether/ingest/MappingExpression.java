package com.bellwether.ingest;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import com.fasterxml.jackson.databind.JsonNode;

import com.bellwether.ingest.MappingProfile.InvalidMappingException;

/**
 * A computed field of a mapping profile, parsed from its JSON. A JSON string names a column, a JSON number is
 * that number, and an object with one field is an operation: {@code value}, {@code add}, {@code subtract},
 * {@code multiply}, {@code divide}, {@code round}, {@code addDays}, {@code addHours}, {@code concat} or
 * {@code firstOf}. Evaluated per row, an expression gives text, or null when an input it needs is empty (for
 * {@code concat}: when every column it reads is empty).
 */
sealed interface MappingExpression {

    List<String> OPERATIONS = List.of("value", "add", "subtract", "multiply", "divide", "round", "addDays", "addHours",
            "concat", "firstOf");

    /** What a row offers an expression: values by column, and the places problems are reported. */
    interface Row {

        /** The column's value, null when empty. */
        String get(String column);

        /** A value of column that is not of the expected form; the computation gives no value. */
        void problem(String column, String value, String expected);

        /** The date pattern a column's values are read with, null for ISO. */
        String datePattern(String column);
    }

    /** Thrown while evaluating to stop the computation after a problem was reported. */
    final class Failed extends RuntimeException {
        Failed() {
            super(null, null, false, false);
        }
    }

    /** The value for one row; null when empty. Throws {@link Failed} once a problem was reported. */
    String evaluate(Row row);

    /** Every column the expression reads, with the profile path that names it. */
    void forEachColumn(String at, BiConsumer<String, String> pathAndColumn);

    /** Parses {@code node}; {@code at} is the path used in messages, such as {@code profile.json: entities.x.compute.arr}. */
    static MappingExpression parse(JsonNode node, String at) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            throw new InvalidMappingException(at + ": an expression is required");
        }
        if (node.isTextual()) {
            if (node.asText().isBlank()) {
                throw new InvalidMappingException(at + ": a column name is required (write text as {\"value\": \"...\"})");
            }
            return new Column(node.asText());
        }
        if (node.isNumber()) {
            return new Constant(plain(node.decimalValue()));
        }
        if (!node.isObject() || node.size() != 1) {
            throw new InvalidMappingException(at + ": expected a column name, a number or an object with one operation ("
                    + String.join(", ", OPERATIONS) + ")");
        }
        String operation = node.fieldNames().next();
        JsonNode argument = node.get(operation);
        String path = at + "." + operation;
        return switch (operation) {
            case "value" -> {
                if (!argument.isValueNode() || argument.isNull()) {
                    throw new InvalidMappingException(path + ": expected text or a number");
                }
                yield new Constant(argument.isNumber() ? plain(argument.decimalValue()) : argument.asText());
            }
            case "add", "multiply" -> new Arithmetic(operation, list(argument, path, 2, Integer.MAX_VALUE));
            case "subtract", "divide" -> new Arithmetic(operation, list(argument, path, 2, 2));
            case "round" -> {
                Map<String, JsonNode> fields = fields(argument, path, List.of("of", "places"), List.of("of"));
                int places = 0;
                JsonNode given = fields.get("places");
                if (given != null) {
                    if (!given.canConvertToInt() || !given.isIntegralNumber() || given.asInt() < 0 || given.asInt() > 10) {
                        throw new InvalidMappingException(path + ".places: expected a whole number from 0 to 10");
                    }
                    places = given.asInt();
                }
                yield new Round(parse(fields.get("of"), path + ".of"), places);
            }
            case "addDays", "addHours" -> {
                String amount = operation.equals("addDays") ? "days" : "hours";
                Map<String, JsonNode> fields = fields(argument, path, List.of("to", amount), List.of("to", amount));
                yield new AddTime(parse(fields.get("to"), path + ".to"), parse(fields.get(amount), path + "." + amount),
                        operation.equals("addHours"));
            }
            case "concat" -> new Concat(list(argument, path, 1, Integer.MAX_VALUE));
            case "firstOf" -> new FirstOf(list(argument, path, 1, Integer.MAX_VALUE));
            default -> throw new InvalidMappingException(at + ": unknown operation \"" + operation + "\"; expected one of "
                    + String.join(", ", OPERATIONS));
        };
    }

    private static List<MappingExpression> list(JsonNode argument, String path, int min, int max) {
        String size = max == Integer.MAX_VALUE ? "at least " + min : String.valueOf(min);
        if (!argument.isArray() || argument.size() < min || argument.size() > max) {
            throw new InvalidMappingException(path + ": expected a list of " + size + " operands (column names, numbers or operations), such as [\"mrr_amount\", 12]");
        }
        List<MappingExpression> operands = new ArrayList<>();
        for (int i = 0; i < argument.size(); i++) {
            operands.add(parse(argument.get(i), path + "[" + i + "]"));
        }
        return operands;
    }

    private static Map<String, JsonNode> fields(JsonNode argument, String path, List<String> allowed, List<String> required) {
        if (!argument.isObject()) {
            throw new InvalidMappingException(path + ": expected an object with " + String.join(", ", allowed));
        }
        Map<String, JsonNode> fields = new java.util.HashMap<>();
        for (Iterator<String> names = argument.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new InvalidMappingException(path + ": unknown field \"" + name + "\"; expected " + String.join(", ", allowed));
            }
            fields.put(name, argument.get(name));
        }
        for (String name : required) {
            if (!fields.containsKey(name)) {
                throw new InvalidMappingException(path + "." + name + ": required");
            }
        }
        return fields;
    }

    private static String plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }

    /** The number an operand gives, null when empty; a problem (and {@link Failed}) when it is no number. */
    private static BigDecimal number(MappingExpression operand, Row row, String purpose) {
        String text = operand.evaluate(row);
        if (text == null) {
            return null;
        }
        if (FieldReader.parseNumber(text) != null) {
            try {
                return new BigDecimal(text.trim());
            } catch (NumberFormatException e) {
                // a form Java reads as a double but is no plain decimal number (such as 0x1p3)
            }
        }
        String column = operand instanceof Column c ? c.name() : null;
        row.problem(column, text, "a number such as 1234.5 (" + purpose + ")");
        throw new Failed();
    }

    /** A column's value: a source column, a lookup's result or a field computed before. */
    record Column(String name) implements MappingExpression {
        @Override
        public String evaluate(Row row) {
            return row.get(name);
        }

        @Override
        public void forEachColumn(String at, BiConsumer<String, String> pathAndColumn) {
            pathAndColumn.accept(at, name);
        }
    }

    /** The same text for every row. */
    record Constant(String text) implements MappingExpression {
        @Override
        public String evaluate(Row row) {
            return text.isEmpty() ? null : text;
        }

        @Override
        public void forEachColumn(String at, BiConsumer<String, String> pathAndColumn) {
        }
    }

    /** add, subtract, multiply or divide; empty when any operand is empty. */
    record Arithmetic(String operation, List<MappingExpression> operands) implements MappingExpression {
        @Override
        public String evaluate(Row row) {
            BigDecimal result = null;
            for (MappingExpression operand : operands) {
                BigDecimal value = number(operand, row, "to " + operation);
                if (value == null) {
                    return null;
                }
                if (result == null) {
                    result = value;
                    continue;
                }
                result = switch (operation) {
                    case "add" -> result.add(value);
                    case "subtract" -> result.subtract(value);
                    case "multiply" -> result.multiply(value);
                    default -> {
                        if (value.signum() == 0) {
                            row.problem(operand instanceof Column c ? c.name() : null, "0", "a number other than 0 (to divide by)");
                            throw new Failed();
                        }
                        yield result.divide(value, MathContext.DECIMAL64);
                    }
                };
            }
            return plain(result);
        }

        @Override
        public void forEachColumn(String at, BiConsumer<String, String> pathAndColumn) {
            for (int i = 0; i < operands.size(); i++) {
                operands.get(i).forEachColumn(at + "." + operation + "[" + i + "]", pathAndColumn);
            }
        }
    }

    /** A number rounded half up to {@code places} decimals (0: a whole number). */
    record Round(MappingExpression of, int places) implements MappingExpression {
        @Override
        public String evaluate(Row row) {
            BigDecimal value = number(of, row, "to round");
            return value == null ? null : plain(value.setScale(places, RoundingMode.HALF_UP));
        }

        @Override
        public void forEachColumn(String at, BiConsumer<String, String> pathAndColumn) {
            of.forEachColumn(at + ".round.of", pathAndColumn);
        }
    }

    /**
     * A date or date-time plus a number of days or hours (negative goes back). The result is an ISO date when a
     * whole number of days is added to a date, otherwise an ISO date-time.
     */
    record AddTime(MappingExpression to, MappingExpression amount, boolean hours) implements MappingExpression {

        private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

        @Override
        public String evaluate(Row row) {
            String text = to.evaluate(row);
            if (text == null) {
                return null;
            }
            String column = to instanceof Column c ? c.name() : null;
            String pattern = column == null ? null : row.datePattern(column);
            LocalDateTime start = FieldReader.parse(text, pattern);
            if (start == null) {
                row.problem(column, text, (pattern == null ? FieldReader.ISO_DATE : "a date in the form " + pattern)
                        + " (to add " + (hours ? "hours" : "days") + " to)");
                throw new Failed();
            }
            BigDecimal added = number(amount, row, "the " + (hours ? "hours" : "days") + " to add");
            if (added == null) {
                return null;
            }
            long seconds = added.multiply(BigDecimal.valueOf(hours ? 3600 : 86400)).setScale(0, RoundingMode.HALF_UP).longValueExact();
            LocalDateTime result = start.plusSeconds(seconds);
            boolean dateOnly = !hours && seconds % 86400 == 0 && result.toLocalTime().equals(LocalTime.MIDNIGHT)
                    && !text.contains(":");
            return dateOnly ? result.toLocalDate().toString() : result.format(DATE_TIME);
        }

        @Override
        public void forEachColumn(String at, BiConsumer<String, String> pathAndColumn) {
            String operation = hours ? "addHours" : "addDays";
            to.forEachColumn(at + "." + operation + ".to", pathAndColumn);
            amount.forEachColumn(at + "." + operation + "." + (hours ? "hours" : "days"), pathAndColumn);
        }
    }

    /** The operands' texts joined; empty ones are skipped, and all empty gives empty. */
    record Concat(List<MappingExpression> parts) implements MappingExpression {
        @Override
        public String evaluate(Row row) {
            StringBuilder text = new StringBuilder();
            boolean read = false;
            boolean found = false;
            for (MappingExpression part : parts) {
                String value = part.evaluate(row);
                read |= !(part instanceof Constant);
                if (value != null) {
                    text.append(value);
                    found |= !(part instanceof Constant);
                }
            }
            return (found || !read) && !text.isEmpty() ? text.toString() : null;
        }

        @Override
        public void forEachColumn(String at, BiConsumer<String, String> pathAndColumn) {
            for (int i = 0; i < parts.size(); i++) {
                parts.get(i).forEachColumn(at + ".concat[" + i + "]", pathAndColumn);
            }
        }
    }

    /** The first operand that is not empty. */
    record FirstOf(List<MappingExpression> options) implements MappingExpression {
        @Override
        public String evaluate(Row row) {
            for (MappingExpression option : options) {
                String value = option.evaluate(row);
                if (value != null) {
                    return value;
                }
            }
            return null;
        }

        @Override
        public void forEachColumn(String at, BiConsumer<String, String> pathAndColumn) {
            for (int i = 0; i < options.size(); i++) {
                options.get(i).forEachColumn(at + ".firstOf[" + i + "]", pathAndColumn);
            }
        }
    }
}
