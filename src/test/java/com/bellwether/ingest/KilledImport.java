package com.bellwether.ingest;

import java.nio.file.Path;

import com.bellwether.store.Database;
import com.bellwether.store.DatabaseLocation;

/**
 * Imports a folder into a database (a file's path or a server's jdbc: URL), telling each step on standard output, so that a test can stop the process
 * while it writes: {@code KilledImport DATABASE FOLDER}.
 */
public final class KilledImport {

    private KilledImport() {
    }

    public static void main(String[] args) throws Exception {
        Database database = Database.open(DatabaseLocation.parse(args[0]));
        new BundleImporter(database).run(BundleImporter.Request.canonical(Path.of(args[1])), new ImportProgress() {
            @Override
            public void update(String step, double fraction) {
                System.out.println(step);
                System.out.flush();
            }

            @Override
            public boolean isCancelled() {
                return false;
            }
        });
        System.out.println("Imported");
    }
}
