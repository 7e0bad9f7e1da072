package com.bellwether.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Every row of a table as text, the same for equal rows on H2 and on PostgreSQL (instants for timestamps with a
 * time zone, whole numbers whatever their width), sorted: two tables compare equal when they hold the same rows.
 */
public final class TableText {

    private TableText() {
    }

    public static List<String> of(Database database, String table) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT * FROM " + table)) {
            ResultSetMetaData meta = rs.getMetaData();
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                names.add(meta.getColumnName(i).toLowerCase(Locale.ROOT));
            }
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                order.add(i);
            }
            // Columns by name, as the two vendors may hold them in another order after a migration.
            order.sort((a, b) -> names.get(a).compareTo(names.get(b)));
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i : order) {
                    row.append(names.get(i)).append('=').append(value(rs, meta, i + 1)).append(" | ");
                }
                rows.add(row.toString());
            }
        }
        rows.sort(null);
        return rows;
    }

    private static String value(ResultSet rs, ResultSetMetaData meta, int index) throws SQLException {
        String type = meta.getColumnTypeName(index).toLowerCase(Locale.ROOT);
        if (rs.getObject(index) == null) {
            return "null";
        }
        if (type.equals("timestamptz") || type.contains("with time zone")) {
            return rs.getObject(index, OffsetDateTime.class).toInstant().toString();
        }
        if (type.startsWith("timestamp")) {
            return rs.getObject(index, LocalDateTime.class).toString();
        }
        if (type.equals("date")) {
            return rs.getObject(index, LocalDate.class).toString();
        }
        Object value = rs.getObject(index);
        if (value instanceof java.sql.Clob) {
            return rs.getString(index);
        }
        if (value instanceof Array array) {
            return Arrays.toString((Object[]) array.getArray());
        }
        if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long) {
            return Long.toString(((Number) value).longValue());
        }
        return value.toString();
    }
}
