package com.bellwether.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.stream.Stream;

import com.bellwether.ingest.BundleImporter;
import com.bellwether.ingest.ImportProgress;
import com.bellwether.sample.GeneratorSettings;
import com.bellwether.sample.SampleGenerator;
import com.bellwether.sample.UsageCadence;
import com.bellwether.store.Database;
import com.bellwether.store.DatabaseLocation;

/** A generated portfolio imported into a file database in a folder of its own, for the benchmarks. */
final class GeneratedPortfolio {

    static final LocalDate END = LocalDate.of(2026, 9, 30);

    final Path folder;
    final Database database;

    private GeneratedPortfolio(Path folder, Database database) {
        this.folder = folder;
        this.database = database;
    }

    /** {@code accounts} accounts over 40 months of weekly usage, ending {@link #END}. */
    static GeneratedPortfolio create(int accounts) throws IOException {
        Path folder = Files.createTempDirectory("bellwether-bench-portfolio");
        new SampleGenerator(new GeneratorSettings(accounts, 40, 42, END, UsageCadence.WEEKLY)).writeTo(folder);
        Database database = Database.open(DatabaseLocation.parse(folder.resolve("bench").toString()));
        new BundleImporter(database).run(BundleImporter.Request.canonical(folder), ImportProgress.NONE);
        return new GeneratedPortfolio(folder, database);
    }

    /** The files and the database take gigabytes: they go when the trial ends. */
    void delete() throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
