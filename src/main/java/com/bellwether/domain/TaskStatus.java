package com.bellwether.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a task stands in its lifecycle: open, in progress, done or dismissed. A CRM's words are read too: Not Started,
 * In Progress, Completed, Deferred.
 */
public enum TaskStatus {
    OPEN("open", "Open", "Not Started"),
    IN_PROGRESS("in_progress", "In progress", "In Progress"),
    DONE("done", "Done", "Completed"),
    DISMISSED("dismissed", "Dismissed", "Deferred");

    private final String id;
    private final String label;
    private final String crmWord;

    TaskStatus(String id, String label, String crmWord) {
        this.id = id;
        this.label = label;
        this.crmWord = crmWord;
    }

    /** The word in tasks.csv: open, in_progress, done, dismissed. */
    public String id() {
        return id;
    }

    /** How people read it: Open, In progress, Done, Dismissed. */
    public String label() {
        return label;
    }

    /** The CRM's word for it. */
    public String crmWord() {
        return crmWord;
    }

    /** The status a cell names, by its id or its CRM word, in any case and with spaces, hyphens or underscores. */
    public static Optional<TaskStatus> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String wanted = normal(text);
        for (TaskStatus status : values()) {
            if (normal(status.id).equals(wanted) || normal(status.crmWord).equals(wanted)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }

    private static String normal(String text) {
        return text.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s_-]+", " ");
    }

    /** The accepted words, for messages. */
    public static String accepted() {
        return "open, in_progress, done, dismissed (or Not Started, In Progress, Completed, Deferred)";
    }
}
