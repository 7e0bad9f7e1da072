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

    private static String abbreviate(String value) {
        String oneLine = value.replace("\r", "\\r").replace("\n", "\\n");
        return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 57) + "...";
    }

    @Override
    public String toString() {
        return message();
    }
}
