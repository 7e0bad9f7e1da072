package com.bellwether.ui.alerts;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;

import com.bellwether.ingest.BundleImporter;
import com.bellwether.ingest.ImportProgress;
import com.bellwether.ingest.ImportReport;
import com.bellwether.ingest.TestDatabases;
import com.bellwether.scoring.HealthModel;
import com.bellwether.scoring.Portfolio;
import com.bellwether.scoring.SavedModels;
import com.bellwether.store.Database;
import com.bellwether.store.ModelVersionStore;

/**
 * The shipped sample data in a database of the alerts tests' own (they record alerts and settings, so it is not the
 * shared one of SamplePortfolio), imported once per test JVM; {@link #reset()} forgets every alert and webhook
 * setting, so each test starts from none.
 */
final class AlertsSample {

    private static AlertsSample sample;

    final Database database;
    final Portfolio portfolio;
    final HealthModel model;
    final LocalDate asOf;

    private AlertsSample(Database database, Portfolio portfolio, HealthModel model) {
        this.database = database;
        this.portfolio = portfolio;
        this.model = model;
        this.asOf = portfolio.lastDataDate();
    }

    static synchronized AlertsSample imported() throws Exception {
        if (sample == null) {
            Database database = TestDatabases.fresh();
            ImportReport report = new BundleImporter(database).run(BundleImporter.Request.canonical(Path.of("sample-data")),
                    ImportProgress.NONE);
            if (!report.succeeded()) {
                throw new IllegalStateException("The sample data did not import: " + report.problems());
            }
            sample = new AlertsSample(database, Portfolio.load(database),
                    SavedModels.active(new ModelVersionStore(database)));
        }
        return sample;
    }

    void reset() throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM webhook_delivery");
            statement.executeUpdate("DELETE FROM webhook_outbox");
            statement.executeUpdate("DELETE FROM alert_status_change");
            statement.executeUpdate("DELETE FROM alert");
            statement.executeUpdate("DELETE FROM app_setting");
        }
    }

    void execute(String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }
}
