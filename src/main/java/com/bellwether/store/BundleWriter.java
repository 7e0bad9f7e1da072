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
import java.util.Comparator;
import java.util.TreeMap;
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
 * leaves the database as importing it once. Rows refer to their account by its integer key, to their contact by
 * its key in the contact dictionary and to their fixed choices by code ({@link StoredCodes}); rows go to H2 in
 * batches of {@value #BATCH}.
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
                // New accounts get their keys in id order: the portfolio then reads back in the order it always did.
                bundle.accounts().stream().sorted(Comparator.comparing(Account::accountId)).toList(), (s, a) -> {
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
        Map<String, Integer> keys = bundle.size() == bundle.accounts().size() ? Map.of()
                : dictionary("SELECT account_id, account_key FROM account");
        writeUsage(bundle.usageMetrics(), bundle.usage(), keys);
        upsert(insertOrMerge("ticket", "ticket_id, account_key, opened, closed, priority, escalated, csat", "ticket_id"),
                bundle.tickets(), (s, t) -> {
                    s.setString(1, t.ticketId());
                    s.setInt(2, key(keys, t.accountId()));
                    s.setTimestamp(3, Timestamp.valueOf(t.opened()));
                    s.setTimestamp(4, t.closed() == null ? null : Timestamp.valueOf(t.closed()));
                    s.setShort(5, StoredCodes.of(t.priority()));
                    s.setBoolean(6, t.escalated());
                    if (t.csat() == null) {
                        s.setNull(7, Types.SMALLINT);
                    } else {
                        s.setShort(7, t.csat().shortValue());
                    }
                });
        Map<String, Integer> contacts = contacts(bundle.interactions());
        upsert(insertOrMerge("interaction", "account_key, occurred_at, contact_key, role, kind",
                "account_key, occurred_at, contact_key, kind"), bundle.interactions(), (s, i) -> {
                    s.setInt(1, key(keys, i.accountId()));
                    s.setTimestamp(2, Timestamp.valueOf(i.at()));
                    s.setInt(3, contacts.get(i.contact()));
                    s.setShort(4, StoredCodes.of(i.role()));
                    s.setShort(5, StoredCodes.of(i.kind()));
                });
        upsert(insertOrMerge("survey", "account_key, survey_date, nps", "account_key, survey_date"),
                bundle.surveys(), (s, v) -> {
                    s.setInt(1, key(keys, v.accountId()));
                    s.setDate(2, Date.valueOf(v.date()));
                    s.setShort(3, (short) v.nps());
                });
        upsert(insertOrMerge("outcome", "account_key, outcome_date, event, arr_change", "account_key, outcome_date, event"),
                bundle.outcomes(), (s, o) -> {
                    s.setInt(1, key(keys, o.accountId()));
                    s.setDate(2, Date.valueOf(o.date()));
                    s.setShort(3, StoredCodes.of(o.event()));
                    setDouble(s, 4, o.arrChange());
                });
        upsert(insertOrMerge("note", "account_key, note_date, author, adjustment, reason, expires",
                "account_key, note_date, author"), bundle.notes(), (s, n) -> {
                    s.setInt(1, key(keys, n.accountId()));
                    s.setDate(2, Date.valueOf(n.date()));
                    s.setString(3, n.author());
                    s.setInt(4, n.adjustment());
                    s.setString(5, n.reason());
                    s.setObject(6, n.expires());
                });
    }

    /**
     * An INSERT into a table that holds nothing yet (a first import: no key to look up), a MERGE on the natural key
     * otherwise.
     */
    private String insertOrMerge(String table, String columns, String naturalKey) throws SQLException {
        String values = " VALUES (" + "?,".repeat(columns.split(",").length - 1) + "?)";
        if (isEmpty(table)) {
            return "INSERT INTO " + table + " (" + columns + ")" + values;
        }
        return "MERGE INTO " + table + " (" + columns + ") KEY (" + naturalKey + ")" + values;
    }

    private boolean isEmpty(String table) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT 1 FROM " + table + " FETCH FIRST 1 ROWS ONLY")) {
            return !rs.next();
        }
    }

    private static int key(Map<String, Integer> keys, String accountId) {
        Integer key = keys.get(accountId);
        if (key == null) {
            // The importer checks every account id before it writes; this is a caller's mistake.
            throw new IllegalArgumentException("No account " + accountId + " in the database");
        }
        return key;
    }

    /** Name to key of every contact the interactions name, adding the names not stored yet. */
    private Map<String, Integer> contacts(List<Interaction> interactions) throws SQLException {
        if (interactions.isEmpty()) {
            return Map.of();
        }
        Map<String, Integer> known = dictionary("SELECT name, contact_key FROM contact");
        Set<String> added = new LinkedHashSet<>();
        for (Interaction interaction : interactions) {
            if (!known.containsKey(interaction.contact())) {
                added.add(interaction.contact());
            }
        }
        if (added.isEmpty()) {
            return known;
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO contact (name) VALUES (?)")) {
            for (String name : added) {
                insert.setString(1, name);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        return dictionary("SELECT name, contact_key FROM contact");
    }

    private Map<String, Integer> dictionary(String sql) throws SQLException {
        Map<String, Integer> keys = new HashMap<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                keys.put(rs.getString(1), rs.getInt(2));
            }
        }
        return keys;
    }

    /**
     * Writes usage days, account by account in key order and each account's days in date order, so rows go in
     * where the primary key ends. A value given replaces the one stored for that account, day and metric; a metric
     * the import does not give keeps its stored value. Only one account's stored days are held at a time.
     */
    private void writeUsage(List<String> metrics, List<UsageDay> days, Map<String, Integer> keys) throws SQLException {
        if (days.isEmpty()) {
            return;
        }
        int[] positions = metricPositions(metrics);
        int width = 0;
        for (int position : positions) {
            width = Math.max(width, position);
        }
        int arrayWidth = Math.max(width, storedMetricCount());
        boolean anyStored = !isEmpty("usage_day");
        Map<Integer, List<UsageDay>> byAccount = new TreeMap<>();
        for (UsageDay day : days) {
            byAccount.computeIfAbsent(key(keys, day.accountId()), k -> new ArrayList<>()).add(day);
        }
        try (Batch insert = new Batch("INSERT INTO usage_day (account_key, usage_date, metric_values) VALUES (?,?,?)");
             Batch update = new Batch("UPDATE usage_day SET metric_values = ? WHERE account_key = ? AND usage_date = ?");
             PreparedStatement query = connection.prepareStatement(
                     "SELECT usage_date, metric_values FROM usage_day WHERE account_key = ?")) {
            for (Map.Entry<Integer, List<UsageDay>> account : byAccount.entrySet()) {
                int key = account.getKey();
                Map<LocalDate, Double[]> stored = anyStored ? storedUsage(query, key) : Map.of();
                List<UsageDay> accountDays = account.getValue();
                accountDays.sort(Comparator.comparing(UsageDay::date));
                for (UsageDay day : accountDays) {
                    Double[] values = stored.get(day.date());
                    boolean isNew = values == null;
                    values = isNew ? new Double[arrayWidth] : Arrays.copyOf(values, Math.max(arrayWidth, values.length));
                    for (int m = 0; m < metrics.size(); m++) {
                        double value = day.value(m);
                        if (!Double.isNaN(value)) {
                            values[positions[m] - 1] = value;
                        }
                    }
                    java.sql.Array array = connection.createArrayOf("DOUBLE PRECISION", values);
                    if (isNew) {
                        insert.statement.setInt(1, key);
                        insert.statement.setDate(2, Date.valueOf(day.date()));
                        insert.statement.setArray(3, array);
                        insert.add();
                    } else {
                        update.statement.setArray(1, array);
                        update.statement.setInt(2, key);
                        update.statement.setDate(3, Date.valueOf(day.date()));
                        update.add();
                    }
                }
            }
        }
    }

    /** The 1-based array position of each metric, registering metrics not seen before. */
    private int[] metricPositions(List<String> metrics) throws SQLException {
        Map<String, Integer> known = dictionary("SELECT name, position FROM usage_metric");
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

    /** The stored values of one account's days. */
    private static Map<LocalDate, Double[]> storedUsage(PreparedStatement query, int accountKey) throws SQLException {
        Map<LocalDate, Double[]> stored = new HashMap<>();
        query.setInt(1, accountKey);
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                Object[] array = (Object[]) rs.getArray(2).getArray();
                Double[] values = new Double[array.length];
                for (int i = 0; i < array.length; i++) {
                    values[i] = array[i] == null ? null : ((Number) array[i]).doubleValue();
                }
                stored.put(rs.getDate(1).toLocalDate(), values);
            }
        }
        return stored;
    }

    /** A statement whose rows are sent in batches of {@link #BATCH}, the last with {@link #close}. */
    private final class Batch implements AutoCloseable {

        final PreparedStatement statement;
        private int pending;

        Batch(String sql) throws SQLException {
            statement = connection.prepareStatement(sql);
        }

        void add() throws SQLException {
            statement.addBatch();
            if (++pending == BATCH) {
                flush(statement, pending);
                pending = 0;
            }
        }

        @Override
        public void close() throws SQLException {
            try {
                if (pending > 0) {
                    flush(statement, pending);
                }
            } finally {
                statement.close();
            }
        }
    }

    @FunctionalInterface
    private interface Binder<T> {
        void bind(PreparedStatement statement, T row) throws SQLException;
    }

    private <T> void upsert(String sql, List<T> rows, Binder<T> binder) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (Batch batch = new Batch(sql)) {
            for (T row : rows) {
                binder.bind(batch.statement, row);
                batch.add();
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
