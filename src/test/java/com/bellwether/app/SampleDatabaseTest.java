package com.bellwether.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.bellwether.ingest.SampleData;
import com.bellwether.store.Database;
import com.bellwether.store.DatabaseLocation;
import com.bellwether.store.DatabaseSummary;
import com.bellwether.store.ImportRunStore;
import com.bellwether.store.SnapshotStore;

/** The ready sample that the build makes and a first start copies. */
class SampleDatabaseTest {

    @TempDir
    Path home;

    private DatabaseLocation defaultIn(Path folder) {
        return new DatabaseLocation("jdbc:h2:file:" + folder.resolve("bellwether") + ";AUTO_SERVER=TRUE;MAX_COMPACT_TIME=0", true);
    }

    @Test
    void aFirstStartFindsTheSampleImportedWithItsHistory() {
        DatabaseLocation location = defaultIn(home);

        assertThat(SampleDatabase.install(location)).isTrue();

        assertThat(SampleDatabase.installedThisRun(location)).isTrue();
        Database database = Database.open(location);
        DatabaseSummary summary = DatabaseSummary.read(database);
        assertThat(summary.rowsPerTable()).containsEntry("account", 600L).containsEntry("usage_day", 51_229L)
                .containsEntry("ticket", 21_796L).containsEntry("interaction", 38_216L);
        assertThat(ImportRunStore.recent(database, 10)).singleElement()
                .satisfies(run -> assertThat(run.source()).isEqualTo(SampleData.SOURCE));
        // The weekly history of the active version, as a first start used to store it.
        assertThat(new SnapshotStore(database).count(1)).isEqualTo(51_175L);
    }

    @Test
    void aDatabaseAlreadyThereOrNotTheDefaultIsLeftAlone() throws Exception {
        DatabaseLocation location = defaultIn(home);
        Files.writeString(home.resolve("bellwether.mv.db"), "");
        assertThat(SampleDatabase.install(location)).isFalse();
        assertThat(Files.size(home.resolve("bellwether.mv.db"))).isZero();

        Path other = Files.createDirectories(home.resolve("other"));
        assertThat(SampleDatabase.install(DatabaseLocation.parse(other.resolve("chosen").toString()))).isFalse();
        assertThat(other.resolve("chosen.mv.db")).doesNotExist();
    }
}
