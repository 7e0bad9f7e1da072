package com.bellwether.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The copy of an embedded database's file taken before its schema is migrated ({@code NAME.mv.db.before-migration}).
 * While it exists, the migration has not finished: the next open puts it back, so a process stopped during a
 * migration leaves the database as it was before it.
 */
final class MigrationBackup {

    private static final String SUFFIX = ".before-migration";

    private final Path file;
    private final Path copy;

    private MigrationBackup(Path file) {
        this.file = file;
        this.copy = copyOf(file);
    }

    private static Path copyOf(Path file) {
        return file.resolveSibling(file.getFileName() + SUFFIX);
    }

    /** Copies the (closed) file; the copy only takes its final name once it is complete. */
    static MigrationBackup of(Path file) throws IOException {
        MigrationBackup backup = new MigrationBackup(file);
        Path partial = file.resolveSibling(file.getFileName() + SUFFIX + ".part");
        Files.copy(file, partial, StandardCopyOption.REPLACE_EXISTING);
        Files.move(partial, backup.copy, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return backup;
    }

    /** Puts back the copy a stopped migration left, and removes a copy that was never completed. */
    static void restoreIfInterrupted(Path file) throws IOException {
        Files.deleteIfExists(file.resolveSibling(file.getFileName() + SUFFIX + ".part"));
        if (Files.exists(copyOf(file))) {
            new MigrationBackup(file).restore();
        }
    }

    /** The database must be closed. */
    void restore() throws IOException {
        Files.move(copy, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    void discard() throws IOException {
        Files.deleteIfExists(copy);
    }
}
