package com.bellwether.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Opening a database on a PostgreSQL server: its schema, its version, and what a user is told when it fails. */
class PostgresDatabaseTest {

    private final FreshDatabases databases = new FreshDatabases();

    @AfterEach
    void dropDatabases() {
        databases.close();
    }

    @Test
    void anEmptyServerDatabaseIsMigratedToTheSchemaVersionOfH2() throws Exception {
        Database database = databases.postgres();

        assertThat(database.dialect()).isEqualTo(Dialect.POSTGRESQL);
        assertThat(Flyway.configure().dataSource(database.dataSource()).locations(Dialect.POSTGRESQL.migrationLocations())
                .load().info().current().getVersion().getVersion()).isEqualTo(Database.SCHEMA_VERSION);
        assertThat(tables(database)).containsAll(tables(databases.h2()));
        assertThat(DatabaseSummary.read(database).isEmpty()).isTrue();
    }

    @Test
    void bothVendorsHaveTheSameColumnsOfTheSameKinds() throws Exception {
        assertThat(columns(databases.postgres())).isEqualTo(columns(databases.h2()));
    }

    @Test
    void reopeningKeepsTheDataAndASchemaPastTheProgramsOpensAsItIs() throws Exception {
        DatabaseLocation location = databases.location(Dialect.POSTGRESQL);
        try (Database database = Database.open(location); Connection connection = database.connect();
             Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO account (account_id, name) VALUES ('A1', 'Acme')");
            // As a later release with a dotted version would have left it.
            statement.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
                    + " installed_by, execution_time, success) VALUES (99, '8.1', 'later', 'SQL', 'V8_1__later.sql',"
                    + " 'bw', 0, TRUE)");
        }

        Database again = databases.keep(Database.open(location));

        assertThat(DatabaseSummary.read(again).rowsPerTable()).containsEntry("account", 1L);
    }

    @Test
    void theNameShownHasNoSettingsAndNoPassword() {
        DatabaseLocation location = DatabaseLocation.parse("jdbc:postgresql://db.example:6543/team?user=ana&password=s3cret");

        assertThat(location.displayName()).isEqualTo("jdbc:postgresql://db.example:6543/team");
        assertThat(location.toString()).doesNotContain("s3cret");
        assertThat(location.file()).isEmpty();
        assertThat(DatabaseLocation.parse("jdbc:postgresql://db.example/team").displayName())
                .isEqualTo("jdbc:postgresql://db.example:5432/team");
    }

    @Test
    void aServerThatCannotBeReachedIsOneLineWithTheHostAndWhatToDo() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        DatabaseLocation nowhere = DatabaseLocation.parse("jdbc:postgresql://127.0.0.1:" + port + "/team");

        assertThatThrownBy(() -> Database.open(nowhere)).isInstanceOf(StoreException.class)
                .hasMessage("Cannot reach the PostgreSQL server at 127.0.0.1:" + port + " (database team): check that the"
                        + " server is running and accepts connections there, and the host and port in --db");
    }

    @Test
    void aMissingDatabaseIsOneLineThatSaysHowToCreateIt() {
        DatabaseLocation server = databases.location(Dialect.POSTGRESQL);
        DatabaseLocation missing = new DatabaseLocation(server.jdbcUrl().replaceFirst("/t_[0-9a-f]+", "/no_such_db"), false);

        assertThatThrownBy(() -> Database.open(missing)).isInstanceOf(StoreException.class)
                .hasMessageStartingWith("There is no database no_such_db on the PostgreSQL server at ")
                .hasMessageEndingWith(": create it (createdb no_such_db) or name another one in --db")
                .hasMessageNotContaining("\n");
    }

    @Test
    void wrongCredentialsAreOneLineWithoutThePassword() {
        // The test servers trust their own machine, so a password is never wrong there; a user who is not is.
        String url = databases.location(Dialect.POSTGRESQL).jdbcUrl().replaceFirst("\\?.*", "")
                + "?user=nobody_here&password=wrong-one";

        assertThatThrownBy(() -> Database.open(DatabaseLocation.parse(url))).isInstanceOf(StoreException.class)
                .satisfies(e -> assertThat(e.getMessage()).startsWith("The PostgreSQL server at ")
                        .contains("refused the user in --db on database t_", "wrong user name or password",
                                "BELLWETHER_DB_PASSWORD", ".pgpass")
                        .doesNotContain("wrong-one", "\n"));
    }

    @Test
    void theLoginComesFromTheEnvironmentAndItsPasswordIsNeverShown() {
        ServerLogin login = ServerLogin.from(Map.of("BELLWETHER_DB_USER", "ana", "BELLWETHER_DB_PASSWORD", "s3cret"));

        assertThat(login.properties()).containsEntry("user", "ana").containsEntry("password", "s3cret");
        assertThat(login.toString()).contains("ana").doesNotContain("s3cret");
        assertThat(ServerLogin.from(Map.of()).properties()).doesNotContainKey("password")
                .containsEntry("user", System.getProperty("user.name"));
    }

    private static List<String> tables(Database database) throws Exception {
        List<String> tables = new ArrayList<>();
        try (Connection connection = database.connect();
             ResultSet rs = connection.getMetaData().getTables(null, connection.getSchema(), "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                tables.add(rs.getString("TABLE_NAME").toLowerCase());
            }
        }
        return tables;
    }

    /** Each table's columns with their JDBC type and whether they take NULL, in order. */
    private static Map<String, List<String>> columns(Database database) throws Exception {
        Map<String, List<String>> columns = new java.util.TreeMap<>();
        try (Connection connection = database.connect();
             ResultSet rs = connection.getMetaData().getColumns(null, connection.getSchema(), "%", "%")) {
            while (rs.next()) {
                String table = rs.getString("TABLE_NAME").toLowerCase();
                if (!table.equals("flyway_schema_history")) {
                    columns.computeIfAbsent(table, t -> new ArrayList<>()).add(rs.getString("COLUMN_NAME").toLowerCase()
                            + " " + kind(rs.getInt("DATA_TYPE"), rs.getString("TYPE_NAME")) + (rs.getInt("NULLABLE") == 0 ? " not null" : ""));
                }
            }
        }
        return columns;
    }

    /**
     * The JDBC type, a large text and a bounded one counted as one kind (TEXT on PostgreSQL, CLOB on H2); the
     * PostgreSQL driver calls a timestamp with a time zone a TIMESTAMP, and says which by its name.
     */
    private static String kind(int type, String name) {
        String lower = name.toLowerCase();
        if (lower.equals("timestamptz") || lower.contains("with time zone")) {
            return "timestamp with time zone";
        }
        return switch (type) {
            case java.sql.Types.CLOB, java.sql.Types.VARCHAR, java.sql.Types.LONGVARCHAR -> "text";
            case java.sql.Types.TINYINT, java.sql.Types.SMALLINT -> "smallint";
            case java.sql.Types.BIT, java.sql.Types.BOOLEAN -> "boolean";
            default -> java.sql.JDBCType.valueOf(type).getName().toLowerCase();
        };
    }
}
