package com.bellwether.scoring;

import java.sql.Connection;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;

import com.bellwether.domain.Account;
import com.bellwether.domain.Bundle;
import com.bellwether.domain.UsageDay;
import com.bellwether.ingest.TestDatabases;
import com.bellwether.store.BundleWriter;
import com.bellwether.store.Database;

/** Hand-made portfolios, stored in a real in-memory H2 database and read back as the engine reads them. */
public final class ScoringFixtures {

    private ScoringFixtures() {
    }

    public static Portfolio stored(Bundle bundle) throws Exception {
        Database database = TestDatabases.fresh();
        write(database, bundle);
        return Portfolio.load(database);
    }

    public static void write(Database database, Bundle bundle) throws Exception {
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            new BundleWriter(connection, () -> false, n -> { }).write(bundle);
            connection.commit();
        }
    }

    public static Account account(String id, Integer seats, String start, String renewal, String stage) {
        return new Account(id, "Account " + id, "SMB", "Software", "EMEA", "Dana Lee", stage, 10_000.0, seats,
                start == null ? null : LocalDate.parse(start), renewal == null ? null : LocalDate.parse(renewal));
    }

    static UsageDay usage(String account, String date, double... values) {
        return new UsageDay(account, LocalDate.parse(date), values);
    }

    static LocalDateTime at(String date) {
        return LocalDate.parse(date).atStartOfDay();
    }

    static double[] values(double... values) {
        return Arrays.copyOf(values, values.length);
    }

    /** A one-category model around one measure, to read that measure's raw value and score. */
    static HealthModel oneMeasure(String derivationJson, String scale, String missing) {
        return HealthModel.parse("""
                {"name": "test", "categories": [{"id": "c", "label": "C", "weight": 1}],
                 "measures": [{"id": "m", "label": "Measure", "category": "c", "derive": %s,
                               "direction": "higher_better", "scale": %s, "missing": %s}]}
                """.formatted(derivationJson, scale, missing), "test.json");
    }

    static List<LocalDate> dates(String... dates) {
        return Arrays.stream(dates).map(LocalDate::parse).toList();
    }
}
