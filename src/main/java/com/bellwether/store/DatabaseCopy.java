package com.bellwether.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Copies every row of one database into another, empty one of the same schema version (an H2 file moved up to a
 * team's PostgreSQL server), in one transaction on the target: a failure, or a process stopped half-way, leaves the
 * target as empty as it was. Ids are copied as they are, so everything that refers to them (alerts from the outbox,
 * versions from frozen scores, accounts from every fact table) still does; the target's identity columns then go on
 * after the highest id copied.
 *
 * <p>Every table of the schema is named here, copied or known to be filled by the migrations: a table added by a
 * later migration and not named here makes the copy fail before it writes anything, never be left behind.
 */
public final class DatabaseCopy {

    /** The tables copied, in an order where each row's references are copied before it. */
    public static final List<String> COPIED = List.of(
            "model_version", "account", "account_history", "usage_metric", "usage_day", "contact", "ticket",
            "interaction", "survey", "outcome", "note", "task", "import_run", "import_file", "adjustment_audit",
            "score_snapshot", "frozen_score", "alert", "alert_status_change", "webhook_outbox", "webhook_delivery", "app_setting", "source",
            "source_file", "sync_log");

    /** The lookup tables the migrations fill, the same in every database of a schema version: compared, not copied. */
    public static final List<String> FILLED_BY_MIGRATIONS = List.of(
            "ticket_priority", "stakeholder_role", "interaction_kind", "outcome_event");

    private static final String MIGRATION_HISTORY = "flyway_schema_history";
    private static final int BATCH = 2_000;
    private static final int FETCH = 5_000;

    /** Told which table is being copied and the share of all rows copied so far. */
    @FunctionalInterface
    public interface Progress {
        void update(String step, double fraction);
    }

    /** One table's rows in the source and, after the copy, in the target. */
    public record TableRows(String table, long source, long target) {

        public boolean equal() {
            return source == target;
        }
    }

    /** The target already holds rows: a copy goes only into an empty database. */
    public static final class TargetNotEmptyException extends StoreException {

        public TargetNotEmptyException(String message) {
            super(message, null);
        }
    }

    private final Database source;
    private final Database target;

    public DatabaseCopy(Database source, Database target) {
        this.source = source;
        this.target = target;
    }

    /** The tables of a database's schema, without the migration history, in lower case. */
    public static Set<String> tablesOf(Database database) {
        try (Connection connection = database.connect()) {
            return tables(connection);
        } catch (SQLException e) {
            throw new StoreException("Cannot list the tables of " + database.location().displayName() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Copies every row, checks that each table holds as many rows in the target as in the source, and commits; the
     * rows per table. Refuses a target that holds any row ({@link TargetNotEmptyException}) and a schema with a table
     * this copy does not know.
     */
    public List<TableRows> run(Progress progress) {
        try (Connection from = source.connect(); Connection to = target.connect()) {
            checkTables(tables(from), source);
            checkTables(tables(to), target);
            checkEmpty(to);
            checkLookups(from, to);
            // One view of the source throughout, so the rows counted are the rows copied.
            from.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            from.setAutoCommit(false);
            Map<String, Long> sourceRows = counts(from);
            long total = Math.max(1, sourceRows.values().stream().mapToLong(Long::longValue).sum());
            to.setAutoCommit(false);
            try {
                long done = 0;
                for (String table : COPIED) {
                    progress.update("Copying " + table + " (" + String.format(Locale.ROOT, "%,d", sourceRows.get(table))
                            + " rows)", (double) done / total);
                    copyTable(from, to, table);
                    done += sourceRows.get(table);
                }
                progress.update("Checking the rows copied", 1.0);
                continueIdentities(to);
                Map<String, Long> targetRows = counts(to);
                List<TableRows> rows = COPIED.stream()
                        .map(table -> new TableRows(table, sourceRows.get(table), targetRows.get(table))).toList();
                List<String> unequal = rows.stream().filter(r -> !r.equal())
                        .map(r -> r.table() + " (" + r.source() + " rows, copied " + r.target() + ")").toList();
                if (!unequal.isEmpty()) {
                    throw new StoreException("The copy into " + target.location().displayName()
                            + " was undone: not every row arrived in " + String.join(", ", unequal), null);
                }
                to.commit();
                from.commit();
                return rows;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(to);
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot copy " + source.location().displayName() + " into "
                    + target.location().displayName() + ", nothing was copied: " + Database.rootMessage(e), e);
        }
    }

    private static Set<String> tables(Connection connection) throws SQLException {
        Set<String> tables = new TreeSet<>();
        try (ResultSet rs = connection.getMetaData().getTables(null, connection.getSchema(), null, new String[] {"TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                if (!name.equals(MIGRATION_HISTORY)) {
                    tables.add(name);
                }
            }
        }
        return tables;
    }

    /** A table the copy does not know would be left behind: refused before anything is written. */
    private static void checkTables(Set<String> tables, Database database) {
        Set<String> unknown = new TreeSet<>(tables);
        COPIED.forEach(unknown::remove);
        FILLED_BY_MIGRATIONS.forEach(unknown::remove);
        Set<String> missing = new TreeSet<>(COPIED);
        missing.removeAll(tables);
        if (!unknown.isEmpty() || !missing.isEmpty()) {
            throw new StoreException("Cannot copy: the database at " + database.location().displayName()
                    + (unknown.isEmpty() ? "" : " has tables this release of Bellwether does not know how to copy ("
                    + String.join(", ", unknown) + ")")
                    + (missing.isEmpty() ? "" : (unknown.isEmpty() ? "" : " and") + " lacks tables ("
                    + String.join(", ", missing) + ")")
                    + "; copy with the release of Bellwether that last opened it", null);
        }
    }

    private void checkEmpty(Connection to) throws SQLException {
        Map<String, Long> held = new LinkedHashMap<>();
        counts(to).forEach((table, rows) -> {
            if (rows > 0) {
                held.put(table, rows);
            }
        });
        if (!held.isEmpty()) {
            String first = held.entrySet().iterator().next().getKey();
            throw new TargetNotEmptyException("The database at " + target.location().displayName()
                    + " already holds data (" + String.format(Locale.ROOT, "%,d", held.get(first))
                    + (held.get(first) == 1 ? " row in " : " rows in ") + first
                    + (held.size() > 1 ? " and " + (held.size() - 1) + " more tables" : "")
                    + "): a copy goes only into an empty database; create a new one and copy into it. Nothing was copied");
        }
    }

    /** The lookup tables the migrations filled must say the same on both sides, or the codes would mean other things. */
    private void checkLookups(Connection from, Connection to) throws SQLException {
        for (String table : FILLED_BY_MIGRATIONS) {
            String sql = "SELECT code, name FROM " + table + " ORDER BY code";
            if (!rowsOf(from, sql).equals(rowsOf(to, sql))) {
                throw new StoreException("Cannot copy: the table " + table + " differs between "
                        + source.location().displayName() + " and " + target.location().displayName(), null);
            }
        }
    }

    private static List<String> rowsOf(Connection connection, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getInt(1) + "=" + rs.getString(2));
            }
        }
        return rows;
    }

    private static Map<String, Long> counts(Connection connection) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement()) {
            for (String table : COPIED) {
                try (ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        }
        return counts;
    }

    /** A column of the target, and how its values are read from the source. */
    private record Column(String name, int type, String typeName) {
    }

    private static List<Column> columns(Connection connection, Dialect dialect, String table) throws SQLException {
        List<Column> columns = new ArrayList<>();
        // H2 keeps unquoted names in upper case.
        String name = dialect == Dialect.H2 ? table.toUpperCase(Locale.ROOT) : table;
        try (ResultSet rs = connection.getMetaData().getColumns(null, connection.getSchema(), name, null)) {
            while (rs.next()) {
                String typeName = rs.getString("TYPE_NAME");
                String lower = typeName.toLowerCase(Locale.ROOT);
                // The PostgreSQL driver reports TIMESTAMP for both kinds of timestamp; the type's name tells them apart.
                int type = lower.equals("timestamptz") || lower.contains("with time zone")
                        ? Types.TIMESTAMP_WITH_TIMEZONE : rs.getInt("DATA_TYPE");
                columns.add(new Column(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT), type, typeName));
            }
        }
        return columns;
    }

    private void copyTable(Connection from, Connection to, String table) throws SQLException {
        Dialect dialect = target.dialect();
        List<Column> columns = columns(to, dialect, table);
        Set<String> sourceColumns = new TreeSet<>();
        columns(from, source.dialect(), table).forEach(c -> sourceColumns.add(c.name()));
        Set<String> targetColumns = new TreeSet<>();
        columns.forEach(c -> targetColumns.add(c.name()));
        if (!sourceColumns.equals(targetColumns)) {
            throw new StoreException("Cannot copy the table " + table + ": its columns differ between "
                    + source.location().displayName() + " " + sourceColumns + " and " + target.location().displayName()
                    + " " + targetColumns, null);
        }
        String names = String.join(", ", columns.stream().map(Column::name).toList());
        try (Statement read = from.createStatement();
             PreparedStatement write = to.prepareStatement("INSERT INTO " + table + " (" + names + ") VALUES ("
                     + "?,".repeat(columns.size() - 1) + "?)")) {
            read.setFetchSize(FETCH);
            int pending = 0;
            try (ResultSet rs = read.executeQuery("SELECT " + names + " FROM " + table)) {
                while (rs.next()) {
                    for (int i = 0; i < columns.size(); i++) {
                        bind(to, dialect, write, i + 1, rs, columns.get(i));
                    }
                    write.addBatch();
                    if (++pending == BATCH) {
                        write.executeBatch();
                        pending = 0;
                    }
                }
            }
            if (pending > 0) {
                write.executeBatch();
            }
        }
    }

    /** Dates and times as the local or offset values they are, so no time zone of this machine comes between. */
    private static void bind(Connection to, Dialect dialect, PreparedStatement write, int index, ResultSet rs,
                             Column column) throws SQLException {
        Object value = switch (column.type()) {
            case Types.DATE -> rs.getObject(index, LocalDate.class);
            case Types.TIMESTAMP -> rs.getObject(index, LocalDateTime.class);
            case Types.TIMESTAMP_WITH_TIMEZONE -> rs.getObject(index, OffsetDateTime.class);
            case Types.CLOB, Types.LONGVARCHAR, Types.VARCHAR -> rs.getString(index);
            case Types.ARRAY -> array(to, dialect, rs.getArray(index), column);
            default -> rs.getObject(index);
        };
        if (value == null) {
            write.setNull(index, column.type());
        } else {
            write.setObject(index, value);
        }
    }

    private static Array array(Connection to, Dialect dialect, Array array, Column column) throws SQLException {
        if (array == null) {
            return null;
        }
        Object[] elements = (Object[]) array.getArray();
        // PostgreSQL names an array type by its element's, with a leading underscore (_float8).
        String element = dialect == Dialect.POSTGRESQL && column.typeName().startsWith("_")
                ? column.typeName().substring(1) : dialect.doubleArrayElement();
        return to.createArrayOf(element, elements);
    }

    /**
     * The ids were copied as they were; the target's identity columns must go on after the highest, so the next
     * alert, import run or audit row gets a number of its own. (H2 identity columns do so by themselves.)
     */
    private static void continueIdentities(Connection to) throws SQLException {
        if (Dialect.of(to) != Dialect.POSTGRESQL) {
            return;
        }
        List<String[]> identities = new ArrayList<>();
        try (Statement statement = to.createStatement();
             ResultSet rs = statement.executeQuery("SELECT table_name, column_name FROM information_schema.columns"
                     + " WHERE table_schema = current_schema() AND is_identity = 'YES' ORDER BY table_name")) {
            while (rs.next()) {
                identities.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        for (String[] identity : identities) {
            String table = identity[0];
            String column = identity[1];
            try (Statement statement = to.createStatement()) {
                statement.execute("SELECT setval(pg_get_serial_sequence('" + table + "', '" + column + "'),"
                        + " COALESCE((SELECT MAX(" + column + ") FROM " + table + "), 1),"
                        + " (SELECT MAX(" + column + ") FROM " + table + ") IS NOT NULL)");
            }
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // The server undoes an unfinished transaction when the connection goes.
        }
    }
}
