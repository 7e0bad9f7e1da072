package com.bellwether.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

    @TempDir
    Path dir;

    @Test
    void migratesAnEmptyFileDatabaseToTheCurrentSchema() throws Exception {
        Path file = dir.resolve("fresh");
        Database database = Database.open(DatabaseLocation.parse(file.toString()));

        assertThat(dir.resolve("fresh.mv.db")).exists();
        List<String> tables = new ArrayList<>();
        try (Connection connection = database.connect();
             ResultSet rs = connection.getMetaData().getTables(null, "PUBLIC", "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                tables.add(rs.getString("TABLE_NAME").toLowerCase());
            }
        }
        assertThat(tables).contains("account", "usage_metric", "ticket", "interaction", "survey", "outcome", "note",
                "import_run", "import_file", "flyway_schema_history");
        assertThat(Flyway.configure().dataSource(database.dataSource()).locations(Dialect.H2.migrationLocations()).load()
                .info().pending()).isEmpty();
        assertThat(DatabaseSummary.read(database).isEmpty()).isTrue();
    }

    @Test
    void reopeningAMigratedDatabaseKeepsItsData() throws Exception {
        DatabaseLocation location = DatabaseLocation.parse(dir.resolve("kept.mv.db").toString());
        try (Connection connection = Database.open(location).connect()) {
            connection.createStatement().execute("INSERT INTO account (account_id, name) VALUES ('A1', 'Acme')");
        }

        Database again = Database.open(location);

        assertThat(DatabaseSummary.read(again).rowsPerTable()).containsEntry("account", 1L);
    }

    @Test
    void theSchemaVersionIsTheHighestMigrationShippedForEachVendor() throws Exception {
        for (String vendor : new String[] {"h2", "postgresql"}) {
            org.flywaydb.core.api.MigrationVersion highest = java.util.stream.Stream.of("common", vendor)
                    .flatMap(DatabaseTest::migrationVersions).max(Comparable::compareTo).orElseThrow();

            assertThat(org.flywaydb.core.api.MigrationVersion.fromVersion(Database.SCHEMA_VERSION)).as(vendor)
                    .isEqualTo(highest);
        }
    }

    @Test
    void eachVersionIsShippedOnceForEachVendor() {
        for (String vendor : new String[] {"h2", "postgresql"}) {
            List<org.flywaydb.core.api.MigrationVersion> versions = java.util.stream.Stream.of("common", vendor)
                    .flatMap(DatabaseTest::migrationVersions).toList();

            assertThat(versions).as(vendor).doesNotHaveDuplicates()
                    .hasSize(Integer.parseInt(Database.SCHEMA_VERSION));
        }
    }

    /** Flyway's own reading of V<version>__<description>.sql in one folder, dotted and underscored versions included. */
    private static java.util.stream.Stream<org.flywaydb.core.api.MigrationVersion> migrationVersions(String folder) {
        try (var files = Files.list(Path.of(Database.class.getResource("/db/migration/" + folder).toURI()))) {
            return files.map(f -> f.getFileName().toString())
                    .filter(name -> name.startsWith("V") && name.contains("__"))
                    .map(name -> org.flywaydb.core.api.MigrationVersion.fromVersion(name.substring(1, name.indexOf("__"))))
                    .toList().stream();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theH2MigrationsKeepTheChecksumsThatExistingDatabasesCarry() {
        // As Flyway recorded them in databases made before the scripts moved into vendor folders: it refuses to
        // migrate a database whose applied scripts have changed.
        Map<String, Integer> shipped = Map.of("1", -1168225173, "2", 1863618058, "3", -658005550, "4", 1058991463,
                "5", 1098560645, "6", 305991154, "7", -1898886216, "8", 1900565098);
        Database database = Database.open(DatabaseLocation.inMemory("checksums-" + System.nanoTime()));

        Map<String, Integer> recorded = new java.util.HashMap<>();
        for (org.flywaydb.core.api.MigrationInfo info : Flyway.configure().dataSource(database.dataSource())
                .locations(Dialect.H2.migrationLocations()).load().info().applied()) {
            if (info.getVersion() != null) {
                recorded.put(info.getVersion().getVersion(), info.getChecksum());
            }
        }

        assertThat(recorded).containsAllEntriesOf(shipped);
    }

    @Test
    void aDatabaseBehindTheSchemaIsMigratedWhenOpened() throws Exception {
        DatabaseLocation location = DatabaseLocation.parse(dir.resolve("old").toString());
        migrateTo(location, "3");

        Database database = Database.open(location);

        assertThat(Flyway.configure().dataSource(database.dataSource()).locations(Dialect.H2.migrationLocations()).load()
                .info().current().getVersion().getVersion())
                .isEqualTo(Database.SCHEMA_VERSION);
        try (Connection connection = database.connect();
             ResultSet rs = connection.getMetaData().getTables(null, "PUBLIC", "ALERT", null)) {
            assertThat(rs.next()).isTrue();
        }
    }

    @Test
    void aDatabaseAlreadyPastTheSchemaOpensAsItIs() throws Exception {
        DatabaseLocation location = DatabaseLocation.parse(dir.resolve("newer").toString());
        try (Connection connection = Database.open(location).connect()) {
            // As a later release with a dotted version would have left it.
            connection.createStatement().execute("INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\","
                    + " \"description\", \"type\", \"script\", \"installed_by\", \"execution_time\", \"success\")"
                    + " VALUES (99, '5.1', 'later', 'SQL', 'V5_1__later.sql', 'sa', 0, TRUE)");
        }

        Database again = Database.open(location);

        assertThat(DatabaseSummary.read(again).isEmpty()).isTrue();
    }

    @Test
    void aHeldDatabaseKeepsAConnectionOpenUntilReleased() throws Exception {
        Database database = Database.openHeld(DatabaseLocation.parse(dir.resolve("held").toString()));

        assertThat(sessions(database)).isEqualTo(2);
        database.release();
        assertThat(sessions(database)).isEqualTo(1);
    }

    private static int sessions(Database database) throws Exception {
        try (Connection connection = database.connect();
             ResultSet rs = connection.createStatement().executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Flyway run only up to a version, as an older release of the application would have left the database. */
    private static void migrateTo(DatabaseLocation location, String version) {
        org.h2.jdbcx.JdbcDataSource dataSource = new org.h2.jdbcx.JdbcDataSource();
        dataSource.setURL(location.jdbcUrl());
        dataSource.setUser("sa");
        dataSource.setPassword("");
        Flyway.configure().dataSource(dataSource).locations(Dialect.H2.migrationLocations()).target(version).load().migrate();
    }

    @Test
    void theIndexesServePerAccountAndDateQueries() throws Exception {
        Database database = Database.open(DatabaseLocation.inMemory("plan-" + System.nanoTime()));
        try (Connection connection = database.connect();
             ResultSet rs = connection.createStatement().executeQuery(
                     "EXPLAIN SELECT metric_values FROM usage_day WHERE account_key = 1"
                             + " AND usage_date BETWEEN DATE '2024-01-01' AND DATE '2024-03-31'")) {
            rs.next();
            assertThat(rs.getString(1)).contains("PRIMARY_KEY");
        }
    }

    @Test
    void aJdbcUrlIsTakenAsItIsAndAPathBecomesAFileUrl() {
        assertThat(DatabaseLocation.parse("jdbc:h2:mem:x").jdbcUrl()).isEqualTo("jdbc:h2:mem:x");
        assertThat(DatabaseLocation.parse(dir.resolve("a.mv.db").toString()).jdbcUrl())
                .isEqualTo("jdbc:h2:file:" + dir.resolve("a") + ";AUTO_SERVER=TRUE;MAX_COMPACT_TIME=0");
        assertThat(DatabaseLocation.parse(dir.resolve("a").toString()).displayName()).isEqualTo(dir.resolve("a") + ".mv.db");
    }

    @Test
    void theDefaultLivesInTheBellwetherHome() {
        String before = System.getProperty("bellwether.home");
        try {
            System.setProperty("bellwether.home", dir.toString());
            assertThat(DatabaseLocation.defaultLocation().displayName()).isEqualTo(dir.resolve("bellwether") + ".mv.db");
            assertThat(DatabaseLocation.defaultLocation().isDefault()).isTrue();
        } finally {
            if (before == null) {
                System.clearProperty("bellwether.home");
            } else {
                System.setProperty("bellwether.home", before);
            }
        }
    }

    @Test
    void aDatabaseThatCannotBeOpenedSaysWhere() throws Exception {
        Path notADatabase = Files.writeString(dir.resolve("junk.mv.db"), "this is not an H2 file");

        assertThatThrownBy(() -> Database.open(DatabaseLocation.parse(notADatabase.toString())))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("Cannot open the database at " + notADatabase);
    }
}
