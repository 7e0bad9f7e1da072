package com.bellwether.app;

import java.time.LocalDate;
import java.util.List;

/**
 * What {@code db copy} did and found: the rows of each table in both databases, and the scores read back from both
 * (every live account as of the data's last date, under the active model version), with each difference named.
 */
public record CopyReport(String from, String to, List<TableRows> tables, Integer activeVersion, LocalDate asOf,
                         int accountsScored, List<String> differences) {

    /** One table's rows in the database copied and in the copy. */
    public record TableRows(String table, long source, long target) {
    }

    /** True when both databases hold as many rows in every table and give every account the same score and band. */
    public boolean same() {
        return differences.isEmpty();
    }
}
