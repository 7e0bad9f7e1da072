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

/** Version 11 takes the passwords out of stored webhook URLs, in the settings and in every queued message. */
class SchemaV11MigrationTest {

    @TempDir
    Path dir;

    private static List<String> column(Connection connection, String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    @Test
    void storedPasswordsAreRemovedAndTheRestKept() throws Exception {
        DatabaseLocation location = DatabaseLocation.parse(dir.resolve("v10").toString());
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(location.jdbcUrl());
        dataSource.setUser("sa");
        dataSource.setPassword("");
        Flyway.configure().dataSource(dataSource).locations(Dialect.H2.migrationLocations()).target("10").load().migrate();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO app_setting VALUES ('webhook.url',"
                    + " 'https://ops:s3cret@hooks.example.com/in/a@b?x=1')");
            statement.executeUpdate("INSERT INTO alert (external_id, account_id, rule_id, rule_kind, severity, raised_on,"
                    + " last_seen, headline, explanation, created_at, updated_at) VALUES ('e1', 'A', 'r', 'score_drop',"
                    + " 'high', DATE '2025-01-01', DATE '2025-01-01', 'h', 'x', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            for (int i = 0; i < 3; i++) {
                statement.executeUpdate("INSERT INTO webhook_outbox (alert_id, event_id, url, payload, next_attempt_at,"
                        + " created_at) SELECT alert_id, 'ev" + i + "', 'http://ops:s3cret@127.0.0.1:9/hook', '{}',"
                        + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP FROM alert");
            }
            statement.executeUpdate("INSERT INTO webhook_outbox (alert_id, event_id, url, payload, next_attempt_at,"
                    + " created_at) SELECT alert_id, 'plain', 'https://hooks.example.com/in?token=t', '{}',"
                    + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP FROM alert");
        }

        Database database = Database.open(location);

        try (Connection connection = database.connect()) {
            assertThat(column(connection, "SELECT setting_value FROM app_setting"))
                    .containsExactly("https://ops@hooks.example.com/in/a@b?x=1");
            assertThat(column(connection, "SELECT url FROM webhook_outbox ORDER BY event_id")).containsExactly(
                    "http://ops@127.0.0.1:9/hook", "http://ops@127.0.0.1:9/hook", "http://ops@127.0.0.1:9/hook",
                    "https://hooks.example.com/in?token=t");
            assertThat(column(connection, "SELECT COUNT(*) FROM webhook_outbox WHERE gave_up_at IS NULL")).containsExactly("4");
        }
    }
}
