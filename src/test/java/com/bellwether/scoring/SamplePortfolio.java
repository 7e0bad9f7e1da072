package com.bellwether.scoring;

import java.nio.file.Path;

import com.bellwether.ingest.BundleImporter;
import com.bellwether.ingest.ImportProgress;
import com.bellwether.ingest.ImportReport;
import com.bellwether.ingest.TestDatabases;
import com.bellwether.store.Database;

/** The shipped sample data, imported once per test JVM into an in-memory H2 database. */
public final class SamplePortfolio {

    private static Database database;
    private static Portfolio portfolio;

    private SamplePortfolio() {
    }

    public static synchronized Database database() throws Exception {
        if (database == null) {
            Database fresh = TestDatabases.fresh();
            ImportReport report = new BundleImporter(fresh).run(BundleImporter.Request.canonical(Path.of("sample-data")),
                    ImportProgress.NONE);
            if (!report.succeeded()) {
                throw new IllegalStateException("The sample data did not import: " + report.problems());
            }
            database = fresh;
        }
        return database;
    }

    public static synchronized Portfolio portfolio() throws Exception {
        if (portfolio == null) {
            portfolio = Portfolio.load(database());
        }
        return portfolio;
    }
}
