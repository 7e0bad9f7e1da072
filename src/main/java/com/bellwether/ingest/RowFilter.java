package com.bellwether.ingest;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import com.bellwether.ingest.MappingProfile.Filter;
import com.bellwether.ingest.MappingProfile.InvalidMappingException;

/**
 * One condition of a mapping's {@code where}, checked: a row is kept only when every condition holds. Equality
 * compares text exactly; {@code <}, {@code <=}, {@code >} and {@code >=} compare numbers when the profile's value
 * is a JSON number and dates when it is an ISO date. An empty cell fails every comparison and equality, and
 * passes {@code notEquals}, {@code notIn} and {@code empty}.
 */
record RowFilter(String column, String op, String text, Set<String> texts, BigDecimal number, LocalDateTime date) {

    static final List<String> OPERATIONS = List.of("equals", "notEquals", "in", "notIn", "empty", "notEmpty",
            "<", "<=", ">", ">=");

    /** Checks one entry of {@code where}; {@code at} is its path, such as {@code p.json: entities.x.where[0]}. */
    static RowFilter parse(Filter filter, String at) {
        if (filter == null) {
            throw new InvalidMappingException(at + ": expected an object with column, op and value");
        }
        if (filter.column() == null || filter.column().isBlank()) {
            throw new InvalidMappingException(at + ".column: required");
        }
        String op = filter.op();
        if (op == null || !OPERATIONS.contains(op)) {
            throw new InvalidMappingException(at + ".op: " + (op == null ? "required" : "\"" + op + "\"")
                    + "; expected one of " + String.join(", ", OPERATIONS));
        }
        JsonNode value = filter.value() == null || filter.value().isNull() ? null : filter.value();
        switch (op) {
            case "empty", "notEmpty" -> {
                if (value != null || filter.values() != null) {
                    throw new InvalidMappingException(at + ": " + op + " takes no value");
                }
                return new RowFilter(filter.column(), op, null, null, null, null);
            }
            case "in", "notIn" -> {
                if (value != null) {
                    throw new InvalidMappingException(at + ".value: " + op + " takes a list in \"values\"");
                }
                if (filter.values() == null || filter.values().isEmpty() || filter.values().contains(null)) {
                    throw new InvalidMappingException(at + ".values: expected a list of one or more values, such as [\"Pro\", \"Enterprise\"]");
                }
                return new RowFilter(filter.column(), op, null, Set.copyOf(filter.values()), null, null);
            }
            case "equals", "notEquals" -> {
                if (filter.values() != null) {
                    throw new InvalidMappingException(at + ".values: " + op + " takes one \"value\"");
                }
                if (value == null || !value.isValueNode()) {
                    throw new InvalidMappingException(at + ".value: expected text or a number");
                }
                return new RowFilter(filter.column(), op, value.asText(), null, null, null);
            }
            default -> {
                if (filter.values() != null) {
                    throw new InvalidMappingException(at + ".values: " + op + " takes one \"value\"");
                }
                if (value != null && value.isNumber()) {
                    return new RowFilter(filter.column(), op, value.asText(), null, value.decimalValue(), null);
                }
                LocalDateTime date = value != null && value.isTextual() ? FieldReader.parse(value.asText(), null) : null;
                if (date == null) {
                    throw new InvalidMappingException(at + ".value: expected a number (such as 100) or an ISO date (such as"
                            + " \"2024-07-01\") to compare with");
                }
                return new RowFilter(filter.column(), op, value.asText(), null, null, date);
            }
        }
    }

    /** The condition as the profile gives it, for messages: {@code mrr_amount > 100}. */
    String describe() {
        return column + " " + op + (text != null ? " " + text : texts != null ? " " + texts : "");
    }

    /**
     * Whether the row passes; null when its value cannot be compared, after reporting a problem (naming the value,
     * the expected form and the condition).
     */
    Boolean test(MappingExpression.Row row) {
        String value = row.get(column);
        switch (op) {
            case "empty" -> {
                return value == null;
            }
            case "notEmpty" -> {
                return value != null;
            }
            case "equals" -> {
                return text.equals(value);
            }
            case "notEquals" -> {
                return !text.equals(value);
            }
            case "in" -> {
                return value != null && texts.contains(value);
            }
            case "notIn" -> {
                return value == null || !texts.contains(value);
            }
            default -> {
                if (value == null) {
                    return false;
                }
                int order;
                if (number != null) {
                    Double parsed = FieldReader.parseNumber(value);
                    if (parsed == null) {
                        row.problem(column, value, "a number such as 1234.5 (to compare: " + describe() + ")");
                        return null;
                    }
                    order = BigDecimal.valueOf(parsed).compareTo(number);
                } else {
                    String pattern = row.datePattern(column);
                    LocalDateTime parsed = FieldReader.parse(value, pattern);
                    if (parsed == null) {
                        row.problem(column, value, (pattern == null ? FieldReader.ISO_DATE : "a date in the form " + pattern)
                                + " (to compare: " + describe() + ")");
                        return null;
                    }
                    order = parsed.compareTo(date);
                }
                return switch (op) {
                    case "<" -> order < 0;
                    case "<=" -> order <= 0;
                    case ">" -> order > 0;
                    default -> order >= 0;
                };
            }
        }
    }
}
