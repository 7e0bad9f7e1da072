package com.bellwether.app;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import com.bellwether.alerts.AlertRun;
import com.bellwether.alerts.DeliveryRun;

/**
 * What one sync did: a result per source, the alert evaluation that followed (null when nothing was imported) and
 * the webhook delivery.
 */
public record SyncReport(List<SourceResult> sources, AlertRun.Result alerts, DeliveryRun delivery, Duration elapsed) {

    /** The results a source's sync can have. */
    public static final String IMPORTED = "imported";
    public static final String NOTHING_NEW = "nothing new";
    public static final String FAILED = "failed";
    public static final String CANCELLED = "cancelled";

    /**
     * One source's sync: its result, the files and rows it brought, the accounts it gave a record of (scored again),
     * the alerts raised for those accounts, and why it failed.
     */
    public record SourceResult(String source, String result, int files, long rows, Set<String> accounts,
                               int newAlerts, String error, Duration elapsed) {

        public boolean failed() {
            return FAILED.equals(result);
        }

        /** "usage: 1,204 new rows from 3 files; 57 accounts re-scored; 2 new alerts". */
        public String line() {
            return source + ": " + switch (result) {
                case IMPORTED -> String.format("%,d new %s%s; %,d %s re-scored; %d new %s", rows, rows == 1 ? "row" : "rows",
                        files == 0 ? "" : String.format(" from %,d %s", files, files == 1 ? "file" : "files"),
                        accounts.size(), accounts.size() == 1 ? "account" : "accounts", newAlerts,
                        newAlerts == 1 ? "alert" : "alerts");
                case NOTHING_NEW -> "nothing new";
                case CANCELLED -> "cancelled; nothing of it was imported";
                default -> "failed, nothing of it was imported: " + error;
            };
        }
    }

    public boolean anyFailed() {
        return sources.stream().anyMatch(SourceResult::failed);
    }

    public boolean cancelled() {
        return sources.stream().anyMatch(s -> CANCELLED.equals(s.result()));
    }

    public boolean anyImported() {
        return sources.stream().anyMatch(s -> IMPORTED.equals(s.result()));
    }
}
