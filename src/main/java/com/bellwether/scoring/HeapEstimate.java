package com.bellwether.scoring;

import java.util.Locale;
import java.util.Map;

import com.bellwether.store.Database;
import com.bellwether.store.DatabaseSummary;

/**
 * What a database's portfolio will hold in memory, worked out from its row counts before reading it, so that a
 * portfolio too large for the heap is refused with one clear line instead of an OutOfMemoryError minutes later.
 * The bytes per row are those the columns take (docs/performance.md measures them); the scores of a backtest over
 * three years of monthly cut-offs take about as much again, hence the factor of two.
 */
final class HeapEstimate {

    static final long PER_ACCOUNT = 2_200;
    /** A dated change holds the account's record as the change left it, and its day. */
    static final long PER_ACCOUNT_CHANGE = 120;
    static final long PER_USAGE_DAY = 40;
    /** Tickets, interactions and surveys take 4 bytes more each for the tone of their text (when an account has text). */
    static final long PER_TICKET = 18;
    static final long PER_INTERACTION = 18;
    static final long PER_SURVEY = 12;
    static final long PER_OUTCOME = 16;
    static final long PER_NOTE = 250;
    static final double HEADROOM = 2.0;

    private HeapEstimate() {
    }

    /** The bytes the columns of a portfolio of these row counts take. */
    static long portfolioBytes(Map<String, Long> rowsPerTable) {
        return count(rowsPerTable, "account") * PER_ACCOUNT
                + count(rowsPerTable, "account_history") * PER_ACCOUNT_CHANGE
                + count(rowsPerTable, "usage_day") * PER_USAGE_DAY
                + count(rowsPerTable, "ticket") * PER_TICKET
                + count(rowsPerTable, "interaction") * PER_INTERACTION
                + count(rowsPerTable, "survey") * PER_SURVEY
                + count(rowsPerTable, "outcome") * PER_OUTCOME
                + count(rowsPerTable, "note") * PER_NOTE;
    }

    static void check(Database database, long maxHeap) {
        Map<String, Long> rows = DatabaseSummary.rowCounts(database);
        long needed = (long) (portfolioBytes(rows) * HEADROOM);
        if (needed > maxHeap) {
            long gigabytes = Math.max(2, (needed + (1L << 30) - 1) >> 30);
            throw new TooLargeForHeap(String.format(Locale.ROOT,
                    "The portfolio of %s (%,d accounts, %,d usage days) needs about %,d MB of heap and this JVM has"
                            + " %,d MB: start Bellwether with more, e.g. BELLWETHER_JAVA_OPTS=-Xmx%dg ./bellwether ..."
                            + " (or java -Xmx%dg -jar bellwether.jar ...)",
                    database.location().displayName(), count(rows, "account"),
                    count(rows, "usage_day"), needed >> 20, maxHeap >> 20, gigabytes, gigabytes));
        }
    }

    private static long count(Map<String, Long> rowsPerTable, String table) {
        Long n = rowsPerTable.get(table);
        return n == null ? 0 : n;
    }
}
