package com.bellwether.store;

import static org.assertj.core.api.Assertions.assertThat;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Version 12 keeps every change of an alert's lifecycle: alerts raised before it get their history from their row. */
class SchemaV12MigrationTest {

    @TempDir
    Path dir;

    private static List<String> rows(Connection connection, String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4));
            }
        }
        return values;
    }

    @Test
    void alertsRaisedBeforeGetTheirOpeningAndTheirLatestChange() throws Exception {
        DatabaseLocation location = DatabaseLocation.parse(dir.resolve("v11").toString());
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(location.jdbcUrl());
        dataSource.setUser("sa");
        dataSource.setPassword("");
        Flyway.configure().dataSource(dataSource).locations(Dialect.H2.migrationLocations()).target("11").load().migrate();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO alert (external_id, account_id, rule_id, rule_kind, severity, raised_on,"
                    + " last_seen, headline, explanation, created_at, updated_at) VALUES ('e1', 'A', 'r', 'score_drop',"
                    + " 'high', DATE '2025-01-01', DATE '2025-01-01', 'h', 'x', TIMESTAMP WITH TIME ZONE"
                    + " '2025-01-01 06:00:00+00', CURRENT_TIMESTAMP)");
            statement.executeUpdate("INSERT INTO alert (external_id, account_id, rule_id, rule_kind, severity, raised_on,"
                    + " last_seen, headline, explanation, created_at, updated_at, status, status_changed_by,"
                    + " status_changed_at, status_reason) VALUES ('e2', 'B', 'r', 'score_drop', 'high', DATE '2025-01-01',"
                    + " DATE '2025-01-01', 'h', 'x', TIMESTAMP WITH TIME ZONE '2025-01-01 06:00:00+00', CURRENT_TIMESTAMP,"
                    + " 'DISMISSED', 'ana', TIMESTAMP WITH TIME ZONE '2025-01-02 09:00:00+00', 'seasonal')");
        }

        Database database = Database.open(location);

        try (Connection connection = database.connect()) {
            assertThat(rows(connection, "SELECT a.external_id, c.status, c.changed_by, c.reason FROM alert_status_change c"
                    + " JOIN alert a ON a.alert_id = c.alert_id ORDER BY a.external_id, c.changed_at")).containsExactly(
                    "e1|NEW|null|null", "e2|NEW|null|null", "e2|DISMISSED|ana|seasonal");
            assertThat(rows(connection, "SELECT COUNT(*), 1, 2, 3 FROM task")).containsExactly("0|1|2|3");
        }
    }
}
