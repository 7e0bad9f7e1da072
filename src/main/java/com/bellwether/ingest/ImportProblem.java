package com.bellwether.ingest;

/**
 * One thing wrong with the input: where it is (file, line, column), what was found and what was expected.
 * Line and column are 1-based; 0 means the problem concerns the whole file or the whole line.
 */
public record ImportProblem(String file, long line, int column, String field, String value, String expected) {

    /** A problem that concerns a whole file, such as a missing required column. */
    public static ImportProblem ofFile(String file, String expected) {
        return new ImportProblem(file, 0, 0, null, null, expected);
    }

    /** {@code usage.csv line 12, column 2 (date): "2024-13-01" is not valid; expected an ISO-8601 date}. */
    public String message() {
        StringBuilder text = new StringBuilder(file);
        if (line > 0) {
            text.append(" line ").append(line);
        }
        if (column > 0) {
            text.append(", column ").append(column);
        }
        if (field != null) {
            text.append(" (").append(field).append(')');
        }
        text.append(": ");
        if (value != null) {
            text.append('"').append(abbreviate(value)).append("\" is not valid; ");
        }
        text.append("expected ").append(expected);
        return text.toString();
    }

    /** The value on one line, at most 60 characters, control characters written as escapes. */
    private static String abbreviate(String value) {
        StringBuilder oneLine = new StringBuilder();
        for (int i = 0; i < value.length() && oneLine.length() <= 60; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\r' -> oneLine.append("\\r");
                case '\n' -> oneLine.append("\\n");
                case '\t' -> oneLine.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7F) {
                        oneLine.append(String.format(java.util.Locale.ROOT, "\\u%04X", (int) c));
                    } else {
                        oneLine.append(c);
                    }
                }
            }
        }
        return oneLine.length() <= 60 ? oneLine.toString() : oneLine.substring(0, 57) + "...";
    }

    @Override
    public String toString() {
        return message();
    }
}
