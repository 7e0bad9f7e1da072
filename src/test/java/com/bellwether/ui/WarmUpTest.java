package com.bellwether.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.bellwether.ingest.ImportProgress;
import com.bellwether.ingest.SampleData;
import com.bellwether.store.Database;
import com.bellwether.store.DatabaseLocation;
import com.bellwether.app.Workspace;
import com.bellwether.app.WorkspaceLocation;

/** What the workbench reads while the toolkit starts is handed over once, to a window on the same database. */
class WarmUpTest {

    @TempDir
    Path dir;

    private DatabaseLocation sample() throws Exception {
        DatabaseLocation location = DatabaseLocation.parse(dir.resolve("sample").toString());
        SampleData.load(Database.open(location), ImportProgress.NONE);
        return location;
    }

    private static int sessions(DatabaseLocation location) throws Exception {
        try (Connection connection = Database.open(location).connect();
             ResultSet rs = connection.createStatement().executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void theDatabaseAndThePortfolioAreHandedOverOnce() throws Exception {
        DatabaseLocation stored = sample();
        WorkspaceLocation location = new WorkspaceLocation(stored);
        BellwetherApp.warmUp(location);

        Workspace database = BellwetherApp.takeDatabase(location);
        assertThat(database).isNotNull();
        assertThat(sessions(stored)).as("the warm-up's connection, held, and this one").isEqualTo(2);
        assertThat(BellwetherApp.takePortfolio(location).size()).isEqualTo(600);

        assertThat(BellwetherApp.takeDatabase(location)).isNull();
        assertThat(BellwetherApp.takePortfolio(location)).isNull();
        database.release();
        assertThat(sessions(stored)).isEqualTo(1);
    }

    @Test
    void aWindowOnAnotherDatabaseGetsNothingAndTheWarmUpsDatabaseIsLetGo() throws Exception {
        DatabaseLocation stored = sample();
        BellwetherApp.warmUp(new WorkspaceLocation(stored));

        WorkspaceLocation other = WorkspaceLocation.parse(dir.resolve("other").toString());
        assertThat(BellwetherApp.takeDatabase(other)).isNull();
        assertThat(BellwetherApp.takePortfolio(other)).isNull();

        assertThat(sessions(stored)).as("only this one: the warm-up's was released").isEqualTo(1);
    }
}
