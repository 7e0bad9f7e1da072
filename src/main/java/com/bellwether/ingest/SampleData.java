package com.bellwether.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

import com.bellwether.store.Database;

/** The sample portfolio the jar carries (sample-data/ of the project), loaded on a first start. */
public final class SampleData {

    private static final String FOLDER = "/sample-data/";

    /** How the import log names the sample's imports. */
    public static final String SOURCE = "the sample portfolio (sample-data/)";

    private SampleData() {
    }

    /** Imports the bundled sample data into the database. */
    public static ImportReport load(Database database, ImportProgress progress) throws IOException {
        Path folder = Files.createTempDirectory("bellwether-sample");
        try {
            extractTo(folder);
            return new BundleImporter(database)
                    .run(BundleImporter.Request.canonical(folder).labelled(SOURCE), progress);
        } finally {
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Copies the sample bundle's CSV files out of the jar. */
    public static void extractTo(Path folder) throws IOException {
        int copied = 0;
        for (BundleEntity entity : BundleEntity.values()) {
            try (InputStream in = SampleData.class.getResourceAsStream(FOLDER + entity.fileName())) {
                if (in != null) {
                    Files.copy(in, folder.resolve(entity.fileName()), StandardCopyOption.REPLACE_EXISTING);
                    copied++;
                }
            }
        }
        if (copied == 0) {
            throw new IOException("The sample data is missing from the application (sample-data/ was not packaged)");
        }
    }
}
