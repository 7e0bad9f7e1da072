package com.bellwether.store;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.sql.Types;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

import com.bellwether.domain.Account;
import com.bellwether.domain.AccountChange;
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
 * its key in the contact dictionary and to their fixed choices by code ({@link StoredCodes}); rows go to the database
 * in batches of {@value #BATCH}.
 */
public final class BundleWriter {

    private static final int BATCH = 5_000;

    private final Connection connection;
    private final Dialect dialect;
    private final BooleanSupplier cancelled;
    private final LongConsumer rowsWritten;
    private long written;
    private long committed;
    private long commitEvery;
    private Map<String, Integer> keys;

    /**
     * @param cancelled   polled between batches; true aborts with {@link CancellationException}
     * @param rowsWritten told the running total after each batch
     */
    public BundleWriter(Connection connection, BooleanSupplier cancelled, LongConsumer rowsWritten) throws SQLException {
        this.connection = connection;
        this.dialect = Dialect.of(connection);
        this.cancelled = cancelled;
        this.rowsWritten = rowsWritten;
    }

    /**
     * Commits after every {@code rows} rows written (a {@link BulkLoad}, which undoes a load that does not end);
     * by default nothing is committed here and the caller's transaction holds every row.
     */
    public BundleWriter commitEvery(long rows) {
        this.commitEvery = rows;
        return this;
    }

    /** Thrown when the caller cancels mid-write; the caller rolls back. */
    public static final class CancellationException extends RuntimeException {
        public CancellationException() {
            super("cancelled");
        }
    }

    /** Writes a whole bundle held in memory (tests, the sample): the same as streaming its records. */
    public void write(Bundle bundle) throws SQLException {
        accounts(bundle.accounts());
        try (Rows<AccountChange> rows = accountChanges()) {
            for (AccountChange change : bundle.accountChanges()) {
                rows.add(change);
            }
        }
        try (UsageRows usage = usage(bundle.usageMetrics())) {
            for (UsageDay day : bundle.usage()) {
                usage.day(day.accountId(), day.date(), day.values());
            }
        }
        try (Rows<Ticket> rows = tickets()) {
            for (Ticket ticket : bundle.tickets()) {
                rows.add(ticket);
            }
        }
        try (Rows<Interaction> rows = interactions()) {
            for (Interaction interaction : bundle.interactions()) {
                rows.add(interaction);
            }
        }
        try (Rows<Survey> rows = surveys()) {
            for (Survey survey : bundle.surveys()) {
                rows.add(survey);
            }
        }
        try (Rows<Outcome> rows = outcomes()) {
            for (Outcome outcome : bundle.outcomes()) {
                rows.add(outcome);
            }
        }
        try (Rows<Note> rows = notes()) {
            for (Note note : bundle.notes()) {
                rows.add(note);
            }
        }
    }

    /**
     * Upserts the accounts (new ones get their keys in id order, so the portfolio reads back in the order it
     * always did) and learns every account's key: call it first, with no accounts when the import has none.
     */
    public void accounts(List<Account> accounts) throws SQLException {
        upsert(dialect.upsert("account", "account_id, name, segment, industry, region, csm, lifecycle_stage, arr,"
                + " licensed_seats, contract_start, renewal_date", "account_id"),
                accounts.stream().sorted(Comparator.comparing(Account::accountId)).toList(), (s, a) -> {
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
        keys = dictionary("SELECT account_id, account_key FROM account");
    }

    /** Rows of one kind written in batches as they come; {@link #close} sends the last. */
    public final class Rows<T> implements AutoCloseable {

        private final Batch batch;
        private final Binder<T> binder;
        private final Statement also;

        private Rows(String sql, Binder<T> binder) throws SQLException {
            this(sql, binder, null);
        }

        /** {@code also}: a statement the binder uses, closed with these rows. */
        private Rows(String sql, Binder<T> binder, Statement also) throws SQLException {
            this.batch = new Batch(sql);
            this.binder = binder;
            this.also = also;
        }

        public void add(T row) throws SQLException {
            binder.bind(batch.statement, row);
            batch.add();
        }

        @Override
        public void close() throws SQLException {
            try (also) {
                batch.close();
            }
        }
    }

    /** Dated changes of account attributes, merged on the account and the effective date. */
    public Rows<AccountChange> accountChanges() throws SQLException {
        return new Rows<>(insertOrMerge("account_history", "account_key, effective_date, lifecycle_stage, licensed_seats,"
                + " arr, csm, renewal_date", "account_key, effective_date"), (s, c) -> {
                    s.setInt(1, key(c.accountId()));
                    s.setDate(2, Date.valueOf(c.effective()));
                    s.setString(3, c.lifecycleStage());
                    if (c.licensedSeats() == null) {
                        s.setNull(4, Types.INTEGER);
                    } else {
                        s.setInt(4, c.licensedSeats());
                    }
                    setDouble(s, 5, c.arr());
                    s.setString(6, c.csm());
                    s.setObject(7, c.renewalDate());
                });
    }

    /** Tickets, inserted into an empty table, merged on their id otherwise (decided when opened). */
    public Rows<Ticket> tickets() throws SQLException {
        return new Rows<>(insertOrMerge("ticket", "ticket_id, account_key, opened, closed, priority, escalated, csat",
                "ticket_id"), (s, t) -> {
                    s.setString(1, t.ticketId());
                    s.setInt(2, key(t.accountId()));
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
    }

    /** Interactions; a contact not in the dictionary yet is added to it when first met. */
    public Rows<Interaction> interactions() throws SQLException {
        Map<String, Integer> contacts = dictionary("SELECT name, contact_key FROM contact");
        PreparedStatement addContact = connection.prepareStatement("INSERT INTO contact (name) VALUES (?)",
                Statement.RETURN_GENERATED_KEYS);
        return new Rows<>(insertOrMerge("interaction", "account_key, occurred_at, contact_key, role, kind",
                "account_key, occurred_at, contact_key, kind"), (s, i) -> {
                    Integer contact = contacts.get(i.contact());
                    if (contact == null) {
                        addContact.setString(1, i.contact());
                        addContact.executeUpdate();
                        try (ResultSet generated = addContact.getGeneratedKeys()) {
                            generated.next();
                            contact = generated.getInt(1);
                        }
                        contacts.put(i.contact(), contact);
                    }
                    s.setInt(1, key(i.accountId()));
                    s.setTimestamp(2, Timestamp.valueOf(i.at()));
                    s.setInt(3, contact);
                    s.setShort(4, StoredCodes.of(i.role()));
                    s.setShort(5, StoredCodes.of(i.kind()));
                }, addContact);
    }

    public Rows<Survey> surveys() throws SQLException {
        return new Rows<>(insertOrMerge("survey", "account_key, survey_date, nps", "account_key, survey_date"),
                (s, v) -> {
                    s.setInt(1, key(v.accountId()));
                    s.setDate(2, Date.valueOf(v.date()));
                    s.setShort(3, (short) v.nps());
                });
    }

    public Rows<Outcome> outcomes() throws SQLException {
        return new Rows<>(insertOrMerge("outcome", "account_key, outcome_date, event, arr_change",
                "account_key, outcome_date, event"), (s, o) -> {
                    s.setInt(1, key(o.accountId()));
                    s.setDate(2, Date.valueOf(o.date()));
                    s.setShort(3, StoredCodes.of(o.event()));
                    setDouble(s, 4, o.arrChange());
                });
    }

    public Rows<Note> notes() throws SQLException {
        return new Rows<>(insertOrMerge("note", "account_key, note_date, author, adjustment, reason, expires",
                "account_key, note_date, author"), (s, n) -> {
                    s.setInt(1, key(n.accountId()));
                    s.setDate(2, Date.valueOf(n.date()));
                    s.setString(3, n.author());
                    s.setInt(4, n.adjustment());
                    s.setString(5, n.reason());
                    s.setObject(6, n.expires());
                });
    }

    /**
     * An INSERT into a table that holds nothing yet (a first import: no key to look up), an upsert on the natural key
     * otherwise.
     */
    private String insertOrMerge(String table, String columns, String naturalKey) throws SQLException {
        String values = " VALUES (" + "?,".repeat(columns.split(",").length - 1) + "?)";
        if (isEmpty(table)) {
            return "INSERT INTO " + table + " (" + columns + ")" + values;
        }
        return dialect.upsert(table, columns, naturalKey);
    }

    private boolean isEmpty(String table) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT 1 FROM " + table + " FETCH FIRST 1 ROWS ONLY")) {
            return !rs.next();
        }
    }

    private int key(String accountId) {
        if (keys == null) {
            throw new IllegalStateException("accounts() comes first");
        }
        Integer key = keys.get(accountId);
        if (key == null) {
            // The importer checks every account id before it writes; this is a caller's mistake.
            throw new IllegalArgumentException("No account " + accountId + " in the database");
        }
        return key;
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
     * Usage days as they come, each merged with what is stored: a value given replaces the one stored for that
     * account, day and metric; a metric the import does not give keeps its stored value. {@code metrics} names the
     * values' positions. Only one account's stored days are held at a time: rows grouped by account (as files
     * usually are) read each account's stored days once, and none at all when the table was empty.
     */
    public UsageRows usage(List<String> metrics) throws SQLException {
        return new UsageRows(metrics);
    }

    /** See {@link #usage}. */
    public final class UsageRows implements AutoCloseable {

        private final List<String> metrics;
        private int[] positions;
        private int arrayWidth;
        private boolean anyStored;
        private final java.util.BitSet visited = new java.util.BitSet();
        private Batch insert;
        private Batch update;
        private PreparedStatement query;
        private int account = -1;
        private Map<LocalDate, Double[]> stored = new HashMap<>();
        private LocalDate pendingDate;
        private Double[] pending;
        private boolean pendingIsNew;

        private UsageRows(List<String> metrics) {
            this.metrics = List.copyOf(metrics);
        }

        /** Registers the metrics and prepares the statements, when the first day comes. */
        private void open() throws SQLException {
            positions = metricPositions(metrics);
            int width = 0;
            for (int position : positions) {
                width = Math.max(width, position);
            }
            arrayWidth = Math.max(width, storedMetricCount());
            anyStored = !isEmpty("usage_day");
            insert = new Batch("INSERT INTO usage_day (account_key, usage_date, metric_values) VALUES (?,?,?)");
            update = new Batch("UPDATE usage_day SET metric_values = ? WHERE account_key = ? AND usage_date = ?");
            query = connection.prepareStatement("SELECT usage_date, metric_values FROM usage_day WHERE account_key = ?");
        }

        /** One day of an account: {@code values[m]} for the m-th metric, NaN when not given. */
        public void day(String accountId, LocalDate date, double[] values) throws SQLException {
            if (insert == null) {
                open();
            }
            int key = key(accountId);
            if (key != account) {
                writePending();
                insert.send();
                update.send();
                account = key;
                stored = anyStored || visited.get(key) ? storedUsage(query, key) : new HashMap<>();
                visited.set(key);
            } else if (!date.equals(pendingDate)) {
                writePending();
            }
            if (pending == null) {
                Double[] before = stored.get(date);
                pendingIsNew = before == null;
                pending = pendingIsNew ? new Double[arrayWidth] : Arrays.copyOf(before, Math.max(arrayWidth, before.length));
                pendingDate = date;
            }
            for (int m = 0; m < values.length; m++) {
                double value = values[m];
                if (!Double.isNaN(value)) {
                    pending[positions[m] - 1] = value;
                }
            }
        }

        private void writePending() throws SQLException {
            if (pending == null) {
                return;
            }
            java.sql.Array array = connection.createArrayOf(dialect.doubleArrayElement(), pending);
            if (pendingIsNew) {
                insert.statement.setInt(1, account);
                insert.statement.setDate(2, Date.valueOf(pendingDate));
                insert.statement.setArray(3, array);
                insert.add();
            } else {
                // The row may be one of this account's inserts still waiting in the batch.
                insert.send();
                update.statement.setArray(1, array);
                update.statement.setInt(2, account);
                update.statement.setDate(3, Date.valueOf(pendingDate));
                update.add();
            }
            stored.put(pendingDate, pending);
            pending = null;
            pendingDate = null;
        }

        @Override
        public void close() throws SQLException {
            if (insert == null) {
                return;
            }
            PreparedStatement reading = query;
            try {
                writePending();
            } finally {
                try (reading) {
                    insert.close();
                } finally {
                    update.close();
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
                send();
            }
        }

        /** Sends the rows waiting now. */
        void send() throws SQLException {
            if (pending > 0) {
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
        if (commitEvery > 0 && written - committed >= commitEvery) {
            connection.commit();
            committed = written;
        }
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
