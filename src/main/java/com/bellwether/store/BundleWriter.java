package com.bellwether.store;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.sql.Types;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

import com.bellwether.domain.Account;
import com.bellwether.domain.Bundle;
import com.bellwether.domain.Interaction;
import com.bellwether.domain.Note;
import com.bellwether.domain.Outcome;
import com.bellwether.domain.Survey;
import com.bellwether.domain.Ticket;
import com.bellwether.domain.UsageDay;

/**
 * Upserts a bundle on its natural keys within the caller's transaction, so importing the same data twice
 * leaves the database as importing it once.
 */
public final class BundleWriter {

    private static final int BATCH = 5_000;

    private final Connection connection;
    private final BooleanSupplier cancelled;
    private final LongConsumer rowsWritten;
    private long written;

    /**
     * @param cancelled   polled between batches; true aborts with {@link CancellationException}
     * @param rowsWritten told the running total after each batch
     */
    public BundleWriter(Connection connection, BooleanSupplier cancelled, LongConsumer rowsWritten) {
        this.connection = connection;
        this.cancelled = cancelled;
        this.rowsWritten = rowsWritten;
    }

    /** Thrown when the caller cancels mid-write; the caller rolls back. */
    public static final class CancellationException extends RuntimeException {
        public CancellationException() {
            super("cancelled");
        }
    }

    public void write(Bundle bundle) throws SQLException {
        upsert("MERGE INTO account (account_id, name, segment, industry, region, csm, lifecycle_stage, arr,"
                + " licensed_seats, contract_start, renewal_date) KEY (account_id) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                bundle.accounts(), (s, a) -> {
                    s.setString(1, a.accountId());
                    s.setString(2, a.name());
                    s.setString(3, a.segment());
                    s.setString(4, a.industry());
                    s.setString(5, a.region());
                    s.setString(6, a.csm());
                    s.setString(7, a.lifecycleStage());
                    setDouble(s, 8, a.arr());
                    if (a.licensedSeats() == null) {
                        s.setNull(9, Types.INTEGER);
                    } else {
                        s.setInt(9, a.licensedSeats());
                    }
                    s.setObject(10, a.contractStart());
                    s.setObject(11, a.renewalDate());
                });
        writeUsage(bundle.usageMetrics(), bundle.usage());
        upsert("MERGE INTO ticket (ticket_id, account_id, opened, closed, priority, escalated, csat) KEY (ticket_id)"
                + " VALUES (?,?,?,?,?,?,?)", bundle.tickets(), (s, t) -> {
                    s.setString(1, t.ticketId());
                    s.setString(2, t.accountId());
                    s.setTimestamp(3, Timestamp.valueOf(t.opened()));
                    s.setTimestamp(4, t.closed() == null ? null : Timestamp.valueOf(t.closed()));
                    s.setString(5, t.priority().name());
                    s.setBoolean(6, t.escalated());
                    if (t.csat() == null) {
                        s.setNull(7, Types.TINYINT);
                    } else {
                        s.setInt(7, t.csat());
                    }
                });
        upsert("MERGE INTO interaction (account_id, occurred_at, contact, role, kind)"
                + " KEY (account_id, occurred_at, contact, kind) VALUES (?,?,?,?,?)", bundle.interactions(),
                (s, i) -> {
                    s.setString(1, i.accountId());
                    s.setTimestamp(2, Timestamp.valueOf(i.at()));
                    s.setString(3, i.contact());
                    s.setString(4, i.role().name());
                    s.setString(5, i.kind().name());
                });
        upsert("MERGE INTO survey (account_id, survey_date, nps) KEY (account_id, survey_date) VALUES (?,?,?)",
                bundle.surveys(), (s, v) -> {
                    s.setString(1, v.accountId());
                    s.setDate(2, Date.valueOf(v.date()));
                    s.setInt(3, v.nps());
                });
        upsert("MERGE INTO outcome (account_id, outcome_date, event, arr_change) KEY (account_id, outcome_date, event)"
                + " VALUES (?,?,?,?)", bundle.outcomes(), (s, o) -> {
                    s.setString(1, o.accountId());
                    s.setDate(2, Date.valueOf(o.date()));
                    s.setString(3, o.event().name());
                    setDouble(s, 4, o.arrChange());
                });
        upsert("MERGE INTO note (account_id, note_date, author, adjustment, reason, expires)"
                + " KEY (account_id, note_date, author) VALUES (?,?,?,?,?,?)", bundle.notes(), (s, n) -> {
                    s.setString(1, n.accountId());
                    s.setDate(2, Date.valueOf(n.date()));
                    s.setString(3, n.author());
                    s.setInt(4, n.adjustment());
                    s.setString(5, n.reason());
                    s.setObject(6, n.expires());
                });
    }

    /**
     * Writes usage days. A value given replaces the one stored for that account, day and metric; a metric the
     * import does not give keeps its stored value.
     */
    private void writeUsage(List<String> metrics, List<UsageDay> days) throws SQLException {
        if (days.isEmpty()) {
            return;
        }
        int[] positions = metricPositions(metrics);
        int width = 0;
        for (int position : positions) {
            width = Math.max(width, position);
        }
        int arrayWidth = Math.max(width, storedMetricCount());
        Map<String, Map<LocalDate, Double[]>> stored = hasUsage() ? storedUsage(days) : Map.of();
        List<UsageDay> added = new ArrayList<>();
        List<UsageDay> changed = new ArrayList<>();
        for (UsageDay day : days) {
            (stored.getOrDefault(day.accountId(), Map.of()).containsKey(day.date()) ? changed : added).add(day);
        }
        Binder<UsageDay> binder = (s, day) -> {
            Double[] values = stored.getOrDefault(day.accountId(), Map.of()).get(day.date());
            values = values == null ? new Double[arrayWidth] : Arrays.copyOf(values, arrayWidth);
            for (int m = 0; m < metrics.size(); m++) {
                double value = day.value(m);
                if (!Double.isNaN(value)) {
                    values[positions[m] - 1] = value;
                }
            }
            s.setString(1, day.accountId());
            s.setDate(2, Date.valueOf(day.date()));
            s.setArray(3, connection.createArrayOf("DOUBLE PRECISION", values));
        };
        // Days known not to be stored go in by plain INSERT, cheaper than MERGE's look-up.
        upsert("INSERT INTO usage_day (account_id, usage_date, metric_values) VALUES (?,?,?)", added, binder);
        upsert("MERGE INTO usage_day (account_id, usage_date, metric_values) KEY (account_id, usage_date) VALUES (?,?,?)",
                changed, binder);
    }

    /** The 1-based array position of each metric, registering metrics not seen before. */
    private int[] metricPositions(List<String> metrics) throws SQLException {
        Map<String, Integer> known = new HashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT name, position FROM usage_metric")) {
            while (rs.next()) {
                known.put(rs.getString(1), rs.getInt(2));
            }
        }
        int[] positions = new int[metrics.size()];
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO usage_metric (position, name) VALUES (?, ?)")) {
            for (int m = 0; m < metrics.size(); m++) {
                Integer position = known.get(metrics.get(m));
                if (position == null) {
                    position = known.size() + 1;
                    known.put(metrics.get(m), position);
                    insert.setInt(1, position);
                    insert.setString(2, metrics.get(m));
                    insert.executeUpdate();
                }
                positions[m] = position;
            }
        }
        return positions;
    }

    private int storedMetricCount() throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM usage_metric")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private boolean hasUsage() throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT 1 FROM usage_day LIMIT 1")) {
            return rs.next();
        }
    }

    /** The stored values of the accounts the import gives usage for. */
    private Map<String, Map<LocalDate, Double[]>> storedUsage(List<UsageDay> days) throws SQLException {
        Map<String, Map<LocalDate, Double[]>> stored = new HashMap<>();
        Set<String> accounts = new LinkedHashSet<>();
        days.forEach(day -> accounts.add(day.accountId()));
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT usage_date, metric_values FROM usage_day WHERE account_id = ?")) {
            for (String account : accounts) {
                query.setString(1, account);
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        Object[] array = (Object[]) rs.getArray(2).getArray();
                        Double[] values = new Double[array.length];
                        for (int i = 0; i < array.length; i++) {
                            values[i] = array[i] == null ? null : ((Number) array[i]).doubleValue();
                        }
                        stored.computeIfAbsent(account, a -> new HashMap<>()).put(rs.getDate(1).toLocalDate(), values);
                    }
                }
            }
        }
        return stored;
    }

    @FunctionalInterface
    private interface Binder<T> {
        void bind(PreparedStatement statement, T row) throws SQLException;
    }

    private <T> void upsert(String sql, List<T> rows, Binder<T> binder) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int pending = 0;
            for (T row : rows) {
                binder.bind(statement, row);
                statement.addBatch();
                if (++pending == BATCH) {
                    flush(statement, pending);
                    pending = 0;
                }
            }
            if (pending > 0) {
                flush(statement, pending);
            }
        }
    }

    private void flush(PreparedStatement statement, int pending) throws SQLException {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException();
        }
        statement.executeBatch();
        written += pending;
        rowsWritten.accept(written);
    }

    private static void setDouble(PreparedStatement statement, int index, Double value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.DOUBLE);
        } else {
            statement.setDouble(index, value);
        }
    }
}
