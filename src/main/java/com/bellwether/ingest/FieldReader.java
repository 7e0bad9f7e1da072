package com.bellwether.ingest;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads typed values out of source rows, reporting each bad value as a problem and returning null for it.
 * Date columns take ISO-8601 dates or date-times unless a mapping gives a pattern for the column.
 */
final class FieldReader {

    static final String ISO_DATE = "an ISO-8601 date (yyyy-MM-dd) or date-time (yyyy-MM-ddTHH:mm[:ss])";

    /** ISO dates and date-times, with 'T' or a space between, with or without an offset. */
    private static final DateTimeFormatter ISO_LENIENT = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart().appendOffsetId().optionalEnd()
            .optionalEnd()
            .toFormatter(Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);

    private final ProblemLog problems;
    private final Map<String, DateTimeFormatter> datePatterns;
    private final Map<String, String> datePatternTexts;
    private final Map<String, LocalDateTime> parsedDates = new HashMap<>();
    private final LocalDate latestAllowed;

    FieldReader(ProblemLog problems, Map<String, String> datePatterns) {
        this(problems, datePatterns, null);
    }

    /**
     * @param latestAllowed the latest day {@link #pastDate} and {@link #pastDateTime} take (today and a day's slack
     *                      for time zones); null for no limit
     */
    FieldReader(ProblemLog problems, Map<String, String> datePatterns, LocalDate latestAllowed) {
        this.problems = problems;
        this.latestAllowed = latestAllowed;
        this.datePatternTexts = datePatterns;
        this.datePatterns = new HashMap<>();
        datePatterns.forEach((column, pattern) ->
                this.datePatterns.put(column, strictPattern(pattern)));
    }

    /** A user's pattern, strict so 2024-02-30 is refused; "y" becomes "u" as strict resolving needs. */
    static DateTimeFormatter strictPattern(String pattern) {
        return DateTimeFormatter.ofPattern(pattern.replace('y', 'u'), Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
    }

    void problem(SourceRow row, String column, String value, String expected) {
        problems.add(new ImportProblem(row.file(), row.lineOf(column), row.columnNumber(column), column, value, expected));
    }

    /** A value that must be there; a missing one is reported. */
    String text(SourceRow row, String column) {
        String value = row.get(column);
        if (value == null) {
            problem(row, column, null, "a value (" + column + " is required)");
            return null;
        }
        return checkedText(row, column, value);
    }

    /** A value that may be left out; one too long for its column, or holding control characters, is reported. */
    String optionalText(SourceRow row, String column) {
        String value = row.get(column);
        return value == null ? null : checkedText(row, column, value);
    }

    /** Whether an optional text column's value was given and refused (so the row is left out). */
    boolean refused(SourceRow row, String column, String read) {
        return read == null && row.get(column) != null;
    }

    private String checkedText(SourceRow row, String column, String value) {
        int limit = InputLimits.textLength(column);
        String problem = textProblem(value, limit);
        if (problem != null) {
            problem(row, column, value, problem);
            return null;
        }
        return value;
    }

    /**
     * What is wrong with a text value, or null when nothing is: longer than {@code limit} characters (0 for no
     * limit), or holding a control character other than a tab or a line break (which no column can store).
     */
    static String textProblem(String value, int limit) {
        if (limit > 0 && value.length() > limit) {
            return "text of at most " + limit + " characters (found " + value.length() + ")";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                return String.format(Locale.ROOT, "text without control characters (found U+%04X at character %d)",
                        (int) c, i + 1);
            }
        }
        return null;
    }

    LocalDate date(SourceRow row, String column, boolean required) {
        LocalDateTime dateTime = dateTime(row, column, required);
        return dateTime == null ? null : dateTime.toLocalDate();
    }

    /** The date of a dated record, which cannot be after today: a later one is reported like a bad value. */
    LocalDate pastDate(SourceRow row, String column, boolean required) {
        LocalDateTime dateTime = pastDateTime(row, column, required);
        return dateTime == null ? null : dateTime.toLocalDate();
    }

    /** The same as a date-time. */
    LocalDateTime pastDateTime(SourceRow row, String column, boolean required) {
        LocalDateTime dateTime = dateTime(row, column, required);
        if (dateTime != null && latestAllowed != null && dateTime.toLocalDate().isAfter(latestAllowed)) {
            String pattern = datePatternTexts.get(column);
            problem(row, column, row.get(column), (pattern == null ? "an ISO-8601 date (yyyy-MM-dd)"
                    : "a date in the form " + pattern) + " no later than " + latestAllowed
                    + " (a dated record cannot be from after today)");
            return null;
        }
        return dateTime;
    }

    LocalDateTime dateTime(SourceRow row, String column, boolean required) {
        String value = required ? text(row, column) : row.get(column);
        if (value == null) {
            return null;
        }
        String cacheKey = column + '\u0000' + value;
        LocalDateTime cached = parsedDates.get(cacheKey);
        if (cached != null) {
            return cached;
        }
        LocalDateTime parsed = parseDateTime(column, value);
        if (parsed == null) {
            String pattern = datePatternTexts.get(column);
            problem(row, column, value, pattern == null ? ISO_DATE : "a date in the form " + pattern);
            return null;
        }
        if (parsed.toLocalDate().isBefore(InputLimits.EARLIEST_DATE) || parsed.toLocalDate().isAfter(InputLimits.LATEST_DATE)) {
            String pattern = datePatternTexts.get(column);
            problem(row, column, value, (pattern == null ? "an ISO-8601 date" : "a date in the form " + pattern)
                    + " from " + InputLimits.EARLIEST_DATE + " to " + InputLimits.LATEST_DATE);
            return null;
        }
        parsedDates.put(cacheKey, parsed);
        return parsed;
    }

    private LocalDateTime parseDateTime(String column, String value) {
        return parse(value, datePatterns.getOrDefault(column, ISO_LENIENT));
    }

    /** A date or date-time in the given pattern (ISO when null), or null when it is none. */
    static LocalDateTime parse(String value, String pattern) {
        return parse(value, pattern == null ? ISO_LENIENT : strictPattern(pattern));
    }

    private static LocalDateTime parse(String value, DateTimeFormatter formatter) {
        try {
            TemporalAccessor parsed = formatter.parse(value);
            LocalDate date = LocalDate.from(parsed);
            if (!parsed.isSupported(ChronoField.HOUR_OF_DAY)) {
                return date.atStartOfDay();
            }
            if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
                return OffsetDateTime.from(parsed).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
            }
            return LocalDateTime.from(parsed);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    Double number(SourceRow row, String column, boolean required) {
        String value = required ? text(row, column) : row.get(column);
        if (value == null) {
            return null;
        }
        Double parsed = parseNumber(value);
        if (parsed == null) {
            problem(row, column, value, "a number such as 1234.5 (a '.' for decimals, no thousands separator)");
        } else if (Math.abs(parsed) > InputLimits.MAX_MAGNITUDE) {
            problem(row, column, value, "a number from -1e15 to 1e15 (a quadrillion)");
            return null;
        }
        return parsed;
    }

    static Double parseNumber(String value) {
        try {
            double parsed = Double.parseDouble(value);
            return Double.isFinite(parsed) && !value.endsWith("d") && !value.endsWith("f")
                    && !value.endsWith("D") && !value.endsWith("F") ? parsed : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    Double nonNegative(SourceRow row, String column) {
        Double value = number(row, column, false);
        if (value != null && value < 0) {
            problem(row, column, row.get(column), "a number of 0 or more");
            return null;
        }
        return value;
    }

    /** A whole number within [min, max]; "4.0" counts as 4. */
    Integer whole(SourceRow row, String column, boolean required, int min, int max) {
        String value = required ? text(row, column) : row.get(column);
        if (value == null) {
            return null;
        }
        Double parsed = parseNumber(value);
        String range = "a whole number from " + min + " to " + max;
        if (parsed == null || parsed != Math.rint(parsed)) {
            problem(row, column, value, range);
            return null;
        }
        if (parsed < min || parsed > max) {
            problem(row, column, value, range + " (out of range)");
            return null;
        }
        return parsed.intValue();
    }

    <E extends Enum<E>> E choice(SourceRow row, String column, Class<E> type, boolean required) {
        String value = required ? text(row, column) : row.get(column);
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> names = Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
            problem(row, column, value, "one of " + String.join(" | ", names));
            return null;
        }
    }

    /** true/false, yes/no, 1/0, y/n; empty is false. */
    boolean flag(SourceRow row, String column) {
        String value = row.get(column);
        if (value == null) {
            return false;
        }
        switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "y", "1" -> {
                return true;
            }
            case "false", "no", "n", "0" -> {
                return false;
            }
            default -> {
                problem(row, column, value, "true or false (also yes/no, 1/0)");
                return false;
            }
        }
    }
}
