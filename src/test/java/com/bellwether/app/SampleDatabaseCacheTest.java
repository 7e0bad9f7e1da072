package com.bellwether.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A ready sample database is reused only when what made it is unchanged, and only whole. */
class SampleDatabaseCacheTest {

    @TempDir
    Path dir;

    private Path classes() throws Exception {
        Path classes = dir.resolve("classes");
        write(classes.resolve("com/bellwether/scoring/HealthScorer.class"), "scorer v1");
        write(classes.resolve("sample-data/accounts.csv"), "account_id,name\nA1,Acme\n");
        write(classes.resolve("db/migration/common/V1__schema.sql"), "CREATE TABLE account (id INT);");
        write(classes.resolve("com/bellwether/ui/MainWindow.class"), "window v1");
        write(classes.resolve("com/bellwether/cli/ScoreCommand.class"), "command v1");
        return classes;
    }

    private static void write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static String classPath(Path... entries) {
        StringBuilder path = new StringBuilder();
        for (Path entry : entries) {
            path.append(path.length() == 0 ? "" : File.pathSeparator).append(entry);
        }
        return path.toString();
    }

    @Test
    void theKeyFollowsTheEngineTheSampleAndTheLibrariesButNotTheScreens() throws Exception {
        Path classes = classes();
        Path library = dir.resolve("h2-2.3.232.jar");
        Files.write(library, new byte[1000]);
        String key = SampleDatabaseCache.key(classPath(classes, library));
        assertThat(key).hasSize(32).isEqualTo(SampleDatabaseCache.key(classPath(classes, library)));

        write(classes.resolve("com/bellwether/ui/MainWindow.class"), "window v2");
        write(classes.resolve("com/bellwether/cli/ScoreCommand.class"), "command v2");
        write(classes.resolve("sample-db/bellwether.mv.db"), "the last build's output");
        assertThat(SampleDatabaseCache.key(classPath(classes, library))).as("screens, commands, the output").isEqualTo(key);

        write(classes.resolve("com/bellwether/scoring/HealthScorer.class"), "scorer v2");
        String scorerChanged = SampleDatabaseCache.key(classPath(classes, library));
        assertThat(scorerChanged).isNotEqualTo(key);

        write(classes.resolve("sample-data/accounts.csv"), "account_id,name\nA1,Acme Inc\n");
        String sampleChanged = SampleDatabaseCache.key(classPath(classes, library));
        assertThat(sampleChanged).isNotEqualTo(scorerChanged);

        write(classes.resolve("db/migration/common/V2__more.sql"), "ALTER TABLE account ADD name VARCHAR;");
        String migrationAdded = SampleDatabaseCache.key(classPath(classes, library));
        assertThat(migrationAdded).isNotEqualTo(sampleChanged);

        Path newer = dir.resolve("h2-2.3.240.jar");
        Files.write(newer, new byte[1000]);
        assertThat(SampleDatabaseCache.key(classPath(classes, newer))).as("another library release")
                .isNotEqualTo(migrationAdded);
    }

    @Test
    void aStoredDatabaseIsRestoredByteForByte() throws Exception {
        SampleDatabaseCache cache = new SampleDatabaseCache(dir.resolve("cache"));
        byte[] content = new byte[300_000];
        new Random(7).nextBytes(content);
        Path made = dir.resolve("made.mv.db");
        Files.write(made, content);
        Path restored = dir.resolve("jar/sample-db/bellwether.mv.db");

        assertThat(cache.restore("k1", restored)).as("nothing kept yet").isFalse();
        assertThat(restored).doesNotExist();
        cache.store("k1", made);
        assertThat(cache.restore("k2", restored)).as("another key").isFalse();
        assertThat(cache.restore("k1", restored)).isTrue();
        assertThat(Files.readAllBytes(restored)).isEqualTo(content);
    }

    @Test
    void aDamagedOrUncheckedFileIsNotUsedAndGoes() throws Exception {
        SampleDatabaseCache cache = new SampleDatabaseCache(dir.resolve("cache"));
        Path made = dir.resolve("made.mv.db");
        Files.write(made, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        cache.store("k1", made);
        byte[] damaged = Files.readAllBytes(cache.database("k1"));
        damaged[3] ^= 1;
        Files.write(cache.database("k1"), damaged);

        Path restored = dir.resolve("out.mv.db");
        assertThat(cache.restore("k1", restored)).isFalse();
        assertThat(restored).doesNotExist();
        assertThat(cache.database("k1")).doesNotExist();

        cache.store("k2", made);
        Files.delete(cache.checksum("k2"));
        assertThat(cache.restore("k2", restored)).as("a file without its checksum, e.g. a copy cut short").isFalse();
    }

    @Test
    void onlyTheNewestFewAreKept() throws Exception {
        SampleDatabaseCache cache = new SampleDatabaseCache(dir.resolve("cache"));
        Path made = dir.resolve("made.mv.db");
        Files.write(made, new byte[] {9});
        for (int i = 1; i <= 6; i++) {
            cache.store("k" + i, made);
            Files.setLastModifiedTime(cache.database("k" + i), FileTime.fromMillis(1_000_000L * i));
        }
        cache.store("k7", made);
        assertThat(cache.database("k7")).exists();
        assertThat(cache.database("k6")).exists();
        assertThat(cache.database("k4")).exists();
        assertThat(cache.database("k3")).doesNotExist();
        assertThat(cache.checksum("k3")).doesNotExist();
        assertThat(cache.database("k1")).doesNotExist();
    }

    @Test
    void theSettingChoosesTheFolderOrNone() {
        assertThat(SampleDatabaseCache.fromSetting("none")).isEmpty();
        assertThat(SampleDatabaseCache.fromSetting(dir.toString())).hasValueSatisfying(
                cache -> assertThat(cache.folder()).isEqualTo(dir));
        assertThat(SampleDatabaseCache.fromSetting("")).hasValueSatisfying(
                cache -> assertThat(cache.folder().toString()).endsWith("bellwether" + File.separator + "sample-db"));
    }
}
