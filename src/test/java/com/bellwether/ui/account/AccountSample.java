package com.bellwether.ui.account;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;

import com.bellwether.ingest.BundleImporter;
import com.bellwether.ingest.ImportProgress;
import com.bellwether.ingest.ImportReport;
import com.bellwether.ingest.TestDatabases;
import com.bellwether.scoring.AccountScore;
import com.bellwether.scoring.HealthModel;
import com.bellwether.scoring.HealthScorer;
import com.bellwether.scoring.Portfolio;
import com.bellwether.store.Database;

/**
 * The shipped sample data in a database of the test's own (adjustments are written to it, so it is not the shared
 * one of SamplePortfolio), and an account live for the two years shown, with outcomes and adjustments in them, no adjustment active now, and a
 * score that can take 10 points either way without touching 0 or 100.
 */
final class AccountSample {

    static final LocalDate AS_OF = LocalDate.parse("2026-09-30");

    final Database database;
    final Portfolio portfolio;
    final String accountId;

    private AccountSample(Database database, Portfolio portfolio, String accountId) {
        this.database = database;
        this.portfolio = portfolio;
        this.accountId = accountId;
    }

    static AccountSample imported() throws java.io.IOException {
        Database database = TestDatabases.fresh();
        ImportReport report = new BundleImporter(database).run(BundleImporter.Request.canonical(Path.of("sample-data")),
                ImportProgress.NONE);
        if (!report.succeeded()) {
            throw new IllegalStateException("The sample data did not import: " + report.problems());
        }
        Portfolio portfolio = Portfolio.load(database);
        String account = new HealthScorer(HealthModel.defaultModel(), portfolio).scoreLive(AS_OF, () -> false).stream()
                .filter(s -> s.adjustment() == 0 && s.baseScore() > 30 && s.baseScore() < 70 && s.change30d() != null)
                .filter(s -> {
                    int a = portfolio.indexOf(s.accountId());
                    return portfolio.isLive(a, AS_OF.minusYears(2))
                            && portfolio.notes(a).stream().noneMatch(n -> n.date().equals(AS_OF))
                            && portfolio.outcomes(a).stream().anyMatch(o -> o.date().isAfter(AS_OF.minusYears(2)))
                            && portfolio.notes(a).stream().anyMatch(n -> n.date().isAfter(AS_OF.minusYears(2)));
                })
                .min(Comparator.comparing(AccountScore::accountId))
                .orElseThrow().accountId();
        return new AccountSample(database, portfolio, account);
    }
}
