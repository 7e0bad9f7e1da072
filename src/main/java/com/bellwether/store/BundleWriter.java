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
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

import com.bellwether.domain.Account;
import com.bellwether.domain.AccountChange;
import com.bellwether.domain.Bundle;
import com.bellwether.domain.Interaction;
import com.bellwether.domain.Note;
import com.bellwether.domain.Outcome;
import com.bellwether.domain.Survey;
import com.bellwether.domain.Task;
import com.bellwether.domain.Ticket;
import com.bellwether.domain.UsageDay;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Upserts a bundle on its natural keys within the caller's transaction, so importing the same data twice
 * leaves the database as importing it once. Rows refer to their account by its integer key, to their contact by
 * its key in the contact dictionary and to their fixed choices by code ({@link StoredCodes}). On H2 rows go to the
 * database in batches of {@value #BATCH} INSERT or MERGE statements. On PostgreSQL they go through COPY, in runs of
 * {@value #COPY_ROWS} rows: straight into a table that held nothing when its rows began, otherwise into a temporary
 * table from which one {@code INSERT ... SELECT ... ON CONFLICT} upserts them on the natural key, row for row what
 * H2's MERGE does.
 */
public final class BundleWriter {

    private static final int BATCH = 5_000;

    /** Rows per COPY statement on PostgreSQL (and between two looks at whether the import was cancelled). */
    private static final int COPY_ROWS = 50_000;

    /** A COPY is sent early once its rows take this many characters. */
    private static final int COPY_CHARS = 8 << 20;

    /**
     * {@code -Dbellwether.import.copy=false} writes to PostgreSQL with batched INSERT and upsert statements as H2 does,
     * to measure one against the other (docs/performance.md).
     */
    private static final boolean COPY_ON_POSTGRESQL = Boolean.parseBoolean(System.getProperty("bellwether.import.copy",
            "true"));

    private final Connection connection;
    private final Dialect dialect;
    /** PostgreSQL's COPY; null on H2. */
    private final CopyManager copy;
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
        this.copy = dialect == Dialect.POSTGRESQL && COPY_ON_POSTGRESQL
                ? connection.unwrap(PGConnection.class).getCopyAPI() : null;
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
     * always did) and learns every account's key: call it first, with no accounts when the import has none. The
     * accounts are few and may name one account twice (two files of accounts), so they are upserted one by one on
     * both databases.
     */
    public void accounts(List<Account> accounts) throws SQLException {
        upsert(dialect.upsert("account", "account_id, name, segment, industry, region, csm, lifecycle_stage, arr,"
                + " licensed_seats, contract_start, renewal_date", "account_id"),
                accounts.stream().sorted(Comparator.comparing(Account::accountId)).toList(), (c, a) -> c
                        .text(a.accountId()).text(a.name()).text(a.segment()).text(a.industry()).text(a.region())
                        .text(a.csm()).text(a.lifecycleStage()).real(a.arr()).integer(a.licensedSeats())
                        .date(a.contractStart()).date(a.renewalDate()));
        keys = dictionary("SELECT account_id, account_key FROM account");
    }

    /**
     * The cells of one row, in the order of its columns: the parameters of a statement (H2), or a line of COPY
     * (PostgreSQL). Each table's columns are described once, for both.
     */
    interface Cells {

        Cells text(String value) throws SQLException;

        Cells integer(Integer value) throws SQLException;

        Cells small(Short value) throws SQLException;

        Cells real(Double value) throws SQLException;

        Cells date(LocalDate value) throws SQLException;

        Cells timestamp(LocalDateTime value) throws SQLException;

        Cells flag(boolean value) throws SQLException;
    }

    /** Rows of one kind written as they come (in batches on H2, by COPY on PostgreSQL); {@link #close} sends the last. */
    public final class Rows<T> implements AutoCloseable {

        private final Binder<T> binder;
        private final Batch batch;
        private final CopyRows copied;
        private final List<String> afterwards;
        private final Statement also;

        /**
         * Either {@code batch} (H2) or {@code copied} (PostgreSQL), with the statements that finish the latter's rows;
         * {@code also}: a statement the binder uses, closed with these rows.
         */
        private Rows(Binder<T> binder, Batch batch, CopyRows copied, List<String> afterwards, Statement also) {
            this.binder = binder;
            this.batch = batch;
            this.copied = copied;
            this.afterwards = afterwards;
            this.also = also;
        }

        public void add(T row) throws SQLException {
            if (batch != null) {
                binder.bind(batch.parameters(), row);
                batch.add();
            } else {
                binder.bind(copied.text, row);
                copied.add();
            }
        }

        @Override
        public void close() throws SQLException {
            try (also) {
                if (batch != null) {
                    batch.close();
                } else {
                    copied.send();
                    execute(afterwards);
                }
            }
        }
    }

    /**
     * Rows of a table with a natural key: on H2 a batched INSERT into a table that holds nothing yet (a first
     * import: no key to look up), MERGE otherwise; on PostgreSQL COPY straight into a table that holds nothing yet,
     * otherwise COPY into a temporary table and one {@code INSERT ... SELECT ... ON CONFLICT} from it, in the order
     * the rows came. Decided when opened; a file's rows never repeat its key (the importer checks).
     */
    private <T> Rows<T> rows(String table, String columns, String naturalKey, Binder<T> binder, Statement also)
            throws SQLException {
        if (copy == null) {
            return new Rows<>(binder, new Batch(insertOrMerge(table, columns, naturalKey)), null, List.of(), also);
        }
        if (isEmpty(table)) {
            return new Rows<>(binder, null, new CopyRows(table, columns), List.of(), also);
        }
        String stage = stage(table, columns);
        return new Rows<>(binder, null, new CopyRows(stage, columns), List.of(
                dialect.upsertSelect(table, columns, naturalKey, "SELECT " + columns + " FROM " + stage + " ORDER BY seq"),
                "DROP TABLE " + stage), also);
    }

    private <T> Rows<T> rows(String table, String columns, String naturalKey, Binder<T> binder) throws SQLException {
        return rows(table, columns, naturalKey, binder, null);
    }

    /** Dated changes of account attributes, merged on the account and the effective date. */
    public Rows<AccountChange> accountChanges() throws SQLException {
        return rows("account_history", "account_key, effective_date, lifecycle_stage, licensed_seats, arr, csm,"
                + " renewal_date", "account_key, effective_date", (c, change) -> c
                        .integer(key(change.accountId())).date(change.effective()).text(change.lifecycleStage())
                        .integer(change.licensedSeats()).real(change.arr()).text(change.csm())
                        .date(change.renewalDate()));
    }

    /** Tickets, inserted into an empty table, merged on their id otherwise (decided when opened). */
    public Rows<Ticket> tickets() throws SQLException {
        return rows("ticket", "ticket_id, account_key, opened, closed, priority, escalated, csat, subject, description,"
                + " tone", "ticket_id",
                (c, t) -> c.text(t.ticketId()).integer(key(t.accountId())).timestamp(t.opened()).timestamp(t.closed())
                        .small(StoredCodes.of(t.priority())).flag(t.escalated())
                        .small(t.csat() == null ? null : t.csat().shortValue()).text(t.subject()).text(t.description())
                        .real(t.tone()));
    }

    /** Interactions; a contact not in the dictionary yet is added to it when first met. */
    public Rows<Interaction> interactions() throws SQLException {
        Map<String, Integer> contacts = dictionary("SELECT name, contact_key FROM contact");
        PreparedStatement addContact = connection.prepareStatement("INSERT INTO contact (name) VALUES (?)",
                Statement.RETURN_GENERATED_KEYS);
        // The contact is added when its row is bound: between two COPY statements on PostgreSQL, never during one.
        return rows("interaction", "account_key, occurred_at, contact_key, role, kind, summary, tone",
                "account_key, occurred_at, contact_key, kind", (c, i) -> {
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
                    c.integer(key(i.accountId())).timestamp(i.at()).integer(contact).small(StoredCodes.of(i.role()))
                            .small(StoredCodes.of(i.kind())).text(i.summary()).real(i.tone());
                }, addContact);
    }

    public Rows<Survey> surveys() throws SQLException {
        return rows("survey", "account_key, survey_date, nps, comment, tone", "account_key, survey_date",
                (c, v) -> c.integer(key(v.accountId())).date(v.date()).small((short) v.nps()).text(v.comment())
                        .real(v.tone()));
    }

    public Rows<Outcome> outcomes() throws SQLException {
        return rows("outcome", "account_key, outcome_date, event, arr_change", "account_key, outcome_date, event",
                (c, o) -> c.integer(key(o.accountId())).date(o.date()).small(StoredCodes.of(o.event()))
                        .real(o.arrChange()));
    }

    public Rows<Note> notes() throws SQLException {
        return rows("note", "account_key, note_date, author, adjustment, reason, expires",
                "account_key, note_date, author", (c, n) -> c.integer(key(n.accountId())).date(n.date())
                        .text(n.author()).integer(n.adjustment()).text(n.reason()).date(n.expires()));
    }

    /** Tasks, merged on their id: importing a task again updates it. */
    public Rows<Task> tasks() throws SQLException {
        return rows("task", "task_id, account_key, rule_id, created_date, status, completed_date, owner", "task_id",
                (c, t) -> c.text(t.taskId()).integer(key(t.accountId())).text(t.ruleId()).date(t.created())
                        .text(t.status().name()).date(t.completed()).text(t.owner()));
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

    /**
     * A temporary table for rows of {@code table} on their way to being upserted (PostgreSQL): the columns given,
     * and {@code seq}, the order the rows came in. Dropped by the caller, and in any case when the transaction ends.
     */
    private String stage(String table, String columns) throws SQLException {
        String stage = "import_stage_" + table;
        execute(List.of("CREATE TEMPORARY TABLE " + stage + " ON COMMIT DROP AS SELECT " + columns + " FROM " + table
                + " WITH NO DATA", "ALTER TABLE " + stage + " ADD COLUMN seq BIGINT GENERATED ALWAYS AS IDENTITY"));
        return stage;
    }

    private void execute(List<String> statements) throws SQLException {
        if (statements.isEmpty()) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
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
     * values' positions. On H2 only one account's stored days are held at a time: rows grouped by account (as files
     * usually are) read each account's stored days once, and none at all when the table was empty. On PostgreSQL
     * nothing stored is read: days go by COPY straight into a table that was empty until a day comes a second time,
     * and from then on (or from the start, when the table held days) into a temporary table that one statement
     * merges in, value by value, at the end.
     */
    public UsageRows usage(List<String> metrics) throws SQLException {
        return new UsageRows(metrics);
    }

    private static final String USAGE_COLUMNS = "account_key, usage_date, metric_values";

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
        // PostgreSQL: where the days go, and whether the temporary table may hold a day twice.
        private CopyRows copied;
        private String stage;
        private boolean repeats;
        private boolean revisited;
        private final Set<LocalDate> accountDates = new HashSet<>();

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
            if (copy != null) {
                copied = new CopyRows(anyStored ? staged() : "usage_day", USAGE_COLUMNS);
                return;
            }
            insert = new Batch("INSERT INTO usage_day (account_key, usage_date, metric_values) VALUES (?,?,?)");
            update = new Batch("UPDATE usage_day SET metric_values = ? WHERE account_key = ? AND usage_date = ?");
            query = connection.prepareStatement("SELECT usage_date, metric_values FROM usage_day WHERE account_key = ?");
        }

        private String staged() throws SQLException {
            stage = stage("usage_day", USAGE_COLUMNS);
            return stage;
        }

        /** One day of an account: {@code values[m]} for the m-th metric, NaN when not given. */
        public void day(String accountId, LocalDate date, double[] values) throws SQLException {
            if (positions == null) {
                open();
            }
            int key = key(accountId);
            if (copy != null) {
                copiedDay(key, date);
            } else if (key != account) {
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

        /**
         * PostgreSQL: a day of the same account and date as the one before adds to it; any other starts a new row,
         * which is new to this import unless its account came before this run of its rows or its date came before
         * in this run (the values given are then merged with the earlier ones in {@link #close}).
         */
        private void copiedDay(int key, LocalDate date) throws SQLException {
            if (key != account) {
                writeCopied();
                account = key;
                revisited = visited.get(key);
                visited.set(key);
                accountDates.clear();
            } else if (!date.equals(pendingDate)) {
                writeCopied();
            }
            if (pending == null) {
                pending = new Double[arrayWidth];
                pendingDate = date;
                boolean first = accountDates.add(date) && !revisited;
                if (!first && stage == null) {
                    // What came before is in the table; from here on days go to be merged with it.
                    copied.send();
                    copied = new CopyRows(staged(), USAGE_COLUMNS);
                }
                repeats |= !first;
            }
        }

        private void writeCopied() throws SQLException {
            if (pending != null) {
                copied.text.integer(account).date(pendingDate).reals(pending);
                copied.add();
                pending = null;
                pendingDate = null;
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
            if (positions == null) {
                return;
            }
            if (copy != null) {
                writeCopied();
                copied.send();
                if (stage != null) {
                    execute(List.of(usageMerge(stage, repeats, arrayWidth), "DROP TABLE " + stage));
                }
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

    /**
     * PostgreSQL: merges the staged usage days into {@code usage_day} as H2's writer does day by day. A day given
     * more than once in the import ({@code repeats}) is first made one row, each value the last one given; then a
     * value given replaces the stored one, and a stored value of a metric not given stays. Every staged array is
     * {@code width} long.
     */
    private static String usageMerge(String stage, boolean repeats, int width) {
        String days;
        if (!repeats) {
            days = stage;
        } else if (width == 0) {
            days = "(SELECT DISTINCT ON (account_key, usage_date) account_key, usage_date, metric_values FROM " + stage
                    + " ORDER BY account_key, usage_date, seq DESC) AS days";
        } else {
            days = "(SELECT account_key, usage_date, array_agg(v ORDER BY i) AS metric_values FROM"
                    + " (SELECT s.account_key, s.usage_date, i, (array_agg(s.metric_values[i] ORDER BY s.seq DESC)"
                    + " FILTER (WHERE s.metric_values[i] IS NOT NULL))[1] AS v"
                    + " FROM " + stage + " s CROSS JOIN generate_series(1, " + width + ") AS i"
                    + " GROUP BY s.account_key, s.usage_date, i) AS given GROUP BY account_key, usage_date) AS days";
        }
        return "INSERT INTO usage_day (" + USAGE_COLUMNS + ") SELECT " + USAGE_COLUMNS + " FROM " + days
                + " ORDER BY account_key, usage_date ON CONFLICT (account_key, usage_date) DO UPDATE SET metric_values ="
                + " ARRAY(SELECT COALESCE(EXCLUDED.metric_values[i], usage_day.metric_values[i]) FROM generate_series(1,"
                + " GREATEST(cardinality(EXCLUDED.metric_values), cardinality(usage_day.metric_values))) AS i ORDER BY i)";
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
        private final Parameters parameters;
        private int pending;

        Batch(String sql) throws SQLException {
            statement = connection.prepareStatement(sql);
            parameters = new Parameters(statement);
        }

        /** The statement's parameters, for the next row. */
        Parameters parameters() {
            return parameters.next();
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

    /** A statement's parameters, set one after the other from the first. */
    private static final class Parameters implements Cells {

        private final PreparedStatement statement;
        private int index;

        Parameters(PreparedStatement statement) {
            this.statement = statement;
        }

        Parameters next() {
            index = 0;
            return this;
        }

        @Override
        public Parameters text(String value) throws SQLException {
            statement.setString(++index, value);
            return this;
        }

        @Override
        public Parameters integer(Integer value) throws SQLException {
            if (value == null) {
                statement.setNull(++index, Types.INTEGER);
            } else {
                statement.setInt(++index, value);
            }
            return this;
        }

        @Override
        public Parameters small(Short value) throws SQLException {
            if (value == null) {
                statement.setNull(++index, Types.SMALLINT);
            } else {
                statement.setShort(++index, value);
            }
            return this;
        }

        @Override
        public Parameters real(Double value) throws SQLException {
            if (value == null) {
                statement.setNull(++index, Types.DOUBLE);
            } else {
                statement.setDouble(++index, value);
            }
            return this;
        }

        @Override
        public Parameters date(LocalDate value) throws SQLException {
            if (value == null) {
                statement.setNull(++index, Types.DATE);
            } else {
                statement.setDate(++index, Date.valueOf(value));
            }
            return this;
        }

        @Override
        public Parameters timestamp(LocalDateTime value) throws SQLException {
            statement.setTimestamp(++index, value == null ? null : Timestamp.valueOf(value));
            return this;
        }

        @Override
        public Parameters flag(boolean value) throws SQLException {
            statement.setBoolean(++index, value);
            return this;
        }
    }

    /**
     * Rows for one table sent by PostgreSQL's COPY (text format), {@value #COPY_ROWS} rows (or {@value #COPY_CHARS}
     * characters) a statement: held only until sent, and each statement a part of the caller's transaction, so
     * statements the rows need (a new contact) run between two of them.
     */
    private final class CopyRows {

        final CopyText text = new CopyText();
        private final String sql;
        private int pending;

        CopyRows(String table, String columns) {
            this.sql = "COPY " + table + " (" + columns + ") FROM STDIN";
        }

        /** The row whose cells were just given is complete. */
        void add() throws SQLException {
            text.endRow();
            if (++pending == COPY_ROWS || text.length() >= COPY_CHARS) {
                send();
            }
        }

        /** Sends the rows held now. */
        void send() throws SQLException {
            if (pending == 0) {
                return;
            }
            checkCancelled();
            byte[] rows = text.bytes();
            CopyIn in = copy.copyIn(sql);
            try {
                in.writeToCopy(rows, 0, rows.length);
                in.endCopy();
            } catch (SQLException e) {
                try {
                    if (in.isActive()) {
                        in.cancelCopy();
                    }
                } catch (SQLException again) {
                    e.addSuppressed(again);
                }
                throw e;
            }
            text.clear();
            int sent = pending;
            pending = 0;
            sent(sent);
        }
    }

    @FunctionalInterface
    private interface Binder<T> {
        void bind(Cells cells, T row) throws SQLException;
    }

    private <T> void upsert(String sql, List<T> rows, Binder<T> binder) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (Batch batch = new Batch(sql)) {
            for (T row : rows) {
                binder.bind(batch.parameters(), row);
                batch.add();
            }
        }
    }

    private void flush(PreparedStatement statement, int pending) throws SQLException {
        checkCancelled();
        statement.executeBatch();
        sent(pending);
    }

    private void checkCancelled() {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException();
        }
    }

    /** Counts rows the database has taken, committing a {@link BulkLoad}'s chunk when one is full. */
    private void sent(int rows) throws SQLException {
        written += rows;
        if (commitEvery > 0 && written - committed >= commitEvery) {
            connection.commit();
            committed = written;
        }
        rowsWritten.accept(written);
    }
}
