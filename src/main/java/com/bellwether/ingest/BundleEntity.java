package com.bellwether.ingest;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The entities of the canonical bundle, with their file name and columns. */
public enum BundleEntity {
    ACCOUNTS("accounts", List.of("account_id", "name"),
            List.of("segment", "industry", "region", "csm", "lifecycle_stage", "arr", "licensed_seats",
                    "contract_start", "renewal_date")),
    /** Dated changes of the accounts' attributes; the header names at least one of the optional columns. */
    ACCOUNT_HISTORY("account_history", List.of("account_id", "effective_date"),
            List.of("lifecycle_stage", "licensed_seats", "arr", "csm", "renewal_date")),
    /** Wide (one numeric column per metric) or long (metric, value) form. */
    USAGE("usage", List.of("account_id", "date"), List.of()),
    TICKETS("tickets", List.of("ticket_id", "account_id", "opened", "priority"), List.of("closed", "escalated", "csat",
            "subject", "description")),
    INTERACTIONS("interactions", List.of("account_id", "date", "role", "kind"), List.of("contact", "summary")),
    SURVEYS("surveys", List.of("account_id", "date", "nps"), List.of("comment")),
    OUTCOMES("outcomes", List.of("account_id", "date", "event"), List.of("arr_change")),
    NOTES("notes", List.of("account_id", "date", "author", "adjustment", "reason"), List.of("expires")),
    /** Tasks from a CRM; a task_id equal to an alert's external id is that alert's task. */
    TASKS("tasks", List.of("task_id", "account_id", "created", "status"), List.of("rule_id", "completed", "owner"));

    private final String key;
    private final List<String> requiredColumns;
    private final List<String> optionalColumns;

    BundleEntity(String key, List<String> requiredColumns, List<String> optionalColumns) {
        this.key = key;
        this.requiredColumns = requiredColumns;
        this.optionalColumns = optionalColumns;
    }

    /** The name used for the CSV file ({@code key.csv}), the JSON array and in mapping profiles. */
    public String key() {
        return key;
    }

    public String fileName() {
        return key + ".csv";
    }

    public List<String> requiredColumns() {
        return requiredColumns;
    }

    public List<String> optionalColumns() {
        return optionalColumns;
    }

    public static Optional<BundleEntity> forKey(String key) {
        String wanted = key.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(e -> e.key.equals(wanted)).findFirst();
    }

    /** The entity a canonical file holds, judged by its name: {@code usage.csv}, {@code Usage.CSV}. */
    public static Optional<BundleEntity> forFileName(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (!lower.endsWith(".csv")) {
            return Optional.empty();
        }
        return forKey(lower.substring(0, lower.length() - ".csv".length()));
    }

    public static String allKeys() {
        return String.join(", ", Arrays.stream(values()).map(BundleEntity::key).toList());
    }
}
