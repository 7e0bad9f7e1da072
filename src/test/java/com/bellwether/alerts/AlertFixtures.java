package com.bellwether.alerts;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.Duration;

import com.bellwether.domain.Bundle;
import com.bellwether.domain.Note;
import com.bellwether.domain.UsageDay;
import com.bellwether.ingest.TestDatabases;
import com.bellwether.scoring.HealthModel;
import com.bellwether.scoring.Portfolio;
import com.bellwether.scoring.ScoringFixtures;
import com.bellwether.store.Database;

/**
 * Hand-made histories for alert rules. The model has one measure, the logins of the last 7 days scored 0–100 one
 * for one, so an account logging in v times a day scores 7v (capped at 100): 14 a day is 98 (green), 9 a day 63
 * (yellow), 5 a day 35 (red).
 */
final class AlertFixtures {

    static final LocalDate START = LocalDate.parse("2025-01-01");
    static final LocalDate END = LocalDate.parse("2025-04-30");

    private AlertFixtures() {
    }

    static HealthModel model(String alertsJson) {
        return HealthModel.parse("""
                {"name": "alerts test", "categories": [{"id": "use", "label": "Use", "weight": 1}],
                 "measures": [{"id": "logins", "label": "Logins", "category": "use",
                               "derive": {"type": "usage", "metric": "logins", "window": 7},
                               "scale": [[0, 0], [100, 100]], "explain": "{value} logins in the last {window} days."}],
                 "playbook": [{"id": "low-use", "when": {"measure": "logins", "score": {"below": 50}},
                               "action": {"title": "Call the customer about low use", "why": "Only {logins} logins.",
                                          "priority": "high", "owner": "CSM"}}],
                 "alerts": %s}
                """.formatted(alertsJson), "test.json");
    }

    static Bundle bundle() {
        Bundle bundle = Bundle.empty();
        bundle.usageMetrics().add("logins");
        return bundle;
    }

    /** An account from the start, with the CSM Dana Lee. */
    static void account(Bundle bundle, String id) {
        bundle.accounts().add(ScoringFixtures.account(id, 10, START.toString(), null, null));
    }

    /** Daily logins from {@code from} to {@code to}, both included. */
    static void logins(Bundle bundle, String account, LocalDate from, LocalDate to, double perDay) {
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            LocalDate date = day;
            bundle.usage().removeIf(u -> u.accountId().equals(account) && u.date().equals(date));
            bundle.usage().add(new UsageDay(account, day, new double[] {perDay}));
        }
    }

    /** 14 logins a day until the day before {@code change}, then {@code perDay} to the end. */
    static void dropOn(Bundle bundle, String account, LocalDate change, double perDay) {
        logins(bundle, account, START, change.minusDays(1), 14);
        logins(bundle, account, change, END, perDay);
    }

    static void note(Bundle bundle, String account, String date, int points, String reason, String expires) {
        bundle.notes().add(new Note(account, LocalDate.parse(date), "Dana Lee", points, reason, LocalDate.parse(expires)));
    }

    /** A fresh in-memory database holding the bundle. */
    static Database stored(Bundle bundle) throws Exception {
        return stored(bundle, TestDatabases.fresh());
    }

    /** The bundle written into a fresh database. */
    static Database stored(Bundle bundle, Database database) throws Exception {
        ScoringFixtures.write(database, bundle);
        return database;
    }

    static Portfolio portfolio(Database database) {
        return Portfolio.load(database);
    }

    static LocalDate day(String text) {
        return LocalDate.parse(text);
    }

    /** A clock the test moves by hand. */
    static final class TestClock extends Clock {

        private Instant now;

        TestClock(String instant) {
            this.now = Instant.parse(instant);
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
