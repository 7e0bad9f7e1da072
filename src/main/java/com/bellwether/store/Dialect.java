package com.bellwether.store;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The SQL that H2 and PostgreSQL do not share. Every statement is written once in standard SQL; where the two
 * cannot meet (an upsert, the type name of a SQL array, where the migrations live), the statement asks the
 * database's dialect.
 */
public enum Dialect {

    /** The embedded H2 database: the default, one person's file. */
    H2("h2"),

    /** A PostgreSQL server shared by a team. */
    POSTGRESQL("postgresql");

    private final String vendor;

    Dialect(String vendor) {
        this.vendor = vendor;
    }

    /** The dialect of a {@code jdbc:} URL: PostgreSQL for {@code jdbc:postgresql:}, H2 for any other. */
    public static Dialect of(String jdbcUrl) {
        return jdbcUrl.toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql:") ? POSTGRESQL : H2;
    }

    /** The dialect of the database a connection is to. */
    public static Dialect of(java.sql.Connection connection) throws java.sql.SQLException {
        return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres")
                ? POSTGRESQL : H2;
    }

    /**
     * Where Flyway finds this database's migrations: the scripts both run as they are, and this vendor's own form
     * of those whose types or syntax differ. A version is in one of the two folders, never in both.
     */
    public String[] migrationLocations() {
        return new String[] {"classpath:db/migration/common", "classpath:db/migration/" + vendor};
    }

    /**
     * An insert that updates the row already there with the same key: H2's {@code MERGE ... KEY}, PostgreSQL's
     * {@code INSERT ... ON CONFLICT}. One parameter per column, in the order of {@code columns}.
     *
     * @param columns the columns given, separated by commas
     * @param key     the columns of the primary key or unique constraint matched on, separated by commas
     */
    public String upsert(String table, String columns, String key) {
        String values = " VALUES (" + "?,".repeat(names(columns).size() - 1) + "?)";
        if (this == H2) {
            return "MERGE INTO " + table + " (" + columns + ") KEY (" + key + ")" + values;
        }
        return "INSERT INTO " + table + " (" + columns + ")" + values + onConflict(columns, key);
    }

    /**
     * The same for the rows of a query (its columns those of {@code columns}, in that order), one row after the
     * other in the query's order: H2's {@code MERGE ... KEY ... SELECT}, PostgreSQL's {@code INSERT ... SELECT ... ON
     * CONFLICT}. The query must not give one key twice (PostgreSQL refuses to update a row twice in one statement).
     */
    public String upsertSelect(String table, String columns, String key, String query) {
        if (this == H2) {
            return "MERGE INTO " + table + " (" + columns + ") KEY (" + key + ") " + query;
        }
        return "INSERT INTO " + table + " (" + columns + ") " + query + onConflict(columns, key);
    }

    private static String onConflict(String columns, String key) {
        List<String> keyColumns = names(key);
        String updates = names(columns).stream().filter(column -> !keyColumns.contains(column))
                .map(column -> column + " = EXCLUDED." + column).collect(Collectors.joining(", "));
        return " ON CONFLICT (" + key + ") DO " + (updates.isEmpty() ? "NOTHING" : "UPDATE SET " + updates);
    }

    /** The name {@link java.sql.Connection#createArrayOf} knows DOUBLE PRECISION by. */
    public String doubleArrayElement() {
        return this == H2 ? "DOUBLE PRECISION" : "float8";
    }

    /** Whether failing with this SQLSTATE means another row holds the same unique key. */
    public static boolean isDuplicateKey(java.sql.SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    private static List<String> names(String columns) {
        return Arrays.stream(columns.split(",")).map(String::strip).toList();
    }
}
