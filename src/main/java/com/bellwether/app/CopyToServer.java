package com.bellwether.app;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.bellwether.ingest.ImportProgress;
import com.bellwether.scoring.AccountScore;
import com.bellwether.scoring.HealthModel;
import com.bellwether.scoring.HealthScorer;
import com.bellwether.scoring.Portfolio;
import com.bellwether.scoring.SavedModels;
import com.bellwether.store.Database;
import com.bellwether.store.DatabaseCopy;
import com.bellwether.store.Dialect;
import com.bellwether.store.ModelVersion;
import com.bellwether.store.ModelVersionStore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a person's database up to a team's server: every row of it copied into an empty PostgreSQL database (made
 * and migrated first), in one transaction there, then checked by reading both back: the rows of every table, and
 * the score and band of every live account as of the data's last date under the active model version. Like
 * Metabase's {@code load-from-h2}: the source is only read, and a target that holds anything is refused.
 */
public final class CopyToServer {

    private static final Logger LOG = LoggerFactory.getLogger(CopyToServer.class);

    /** Scores read back from both databases must agree this closely. */
    private static final double SCORE_TOLERANCE = 1e-9;

    private CopyToServer() {
    }

    /**
     * Copies the database at {@code from} into the empty PostgreSQL database at {@code to} and checks the copy.
     *
     * @throws IllegalArgumentException when {@code to} is not a PostgreSQL URL, or is the database copied
     */
    public static CopyReport copy(WorkspaceLocation from, WorkspaceLocation to, ImportProgress progress) {
        if (to.database().dialect() != Dialect.POSTGRESQL) {
            throw new IllegalArgumentException("--to takes a PostgreSQL database, jdbc:postgresql://HOST:PORT/DB; got "
                    + to.displayName());
        }
        if (from.database().jdbcUrl().equals(to.database().jdbcUrl())) {
            throw new IllegalArgumentException("--db and --to name the same database, " + to.displayName()
                    + ": copy into another, empty one");
        }
        progress.update("Opening " + from.displayName(), -1);
        try (Database source = Database.open(from.database())) {
            progress.update("Opening and migrating " + to.displayName(), -1);
            try (Database target = Database.open(to.database())) {
                return copy(source, target, progress);
            }
        }
    }

    /** The same between two open databases. */
    public static CopyReport copy(Database source, Database target, ImportProgress progress) {
        List<DatabaseCopy.TableRows> copied = new DatabaseCopy(source, target).run(progress::update);
        LOG.info("Copied {} into {}", source.location().displayName(), target.location().displayName());
        List<String> differences = new ArrayList<>();
        copied.stream().filter(t -> !t.equal()).forEach(t -> differences.add("table " + t.table() + ": "
                + t.source() + " rows in " + source.location().displayName() + ", " + t.target() + " in the copy"));

        progress.update("Scoring both databases to compare them", -1);
        Optional<ModelVersion> active = new ModelVersionStore(source).active();
        Optional<ModelVersion> activeCopied = new ModelVersionStore(target).active();
        if (active.map(ModelVersion::number).orElse(-1) != activeCopied.map(ModelVersion::number).orElse(-1)) {
            differences.add("the active model version: " + active.map(v -> "version " + v.number()).orElse("none")
                    + " in " + source.location().displayName() + ", "
                    + activeCopied.map(v -> "version " + v.number()).orElse("none") + " in the copy");
        }
        // Without a saved version both score with the shipped model, which neither database is given here.
        HealthModel model = active.map(SavedModels::model).orElseGet(HealthModel::defaultModel);
        HealthModel modelCopied = activeCopied.map(SavedModels::model).orElseGet(HealthModel::defaultModel);
        Portfolio sourcePortfolio = Portfolio.load(source);
        LocalDate asOf = sourcePortfolio.asOfDate();
        int scored = 0;
        if (asOf != null) {
            List<AccountScore> before = new HealthScorer(model, sourcePortfolio).scoreLive(asOf, () -> false);
            List<AccountScore> after = new HealthScorer(modelCopied, Portfolio.load(target)).scoreLive(asOf, () -> false);
            scored = before.size();
            compare(before, after, differences);
        }
        return new CopyReport(source.location().displayName(), target.location().displayName(),
                copied.stream().map(t -> new CopyReport.TableRows(t.table(), t.source(), t.target())).toList(),
                active.map(ModelVersion::number).orElse(null), asOf, scored, differences);
    }

    private static boolean sameScore(double a, double b) {
        return Double.isNaN(a) ? Double.isNaN(b) : Math.abs(a - b) <= SCORE_TOLERANCE;
    }

    private static void compare(List<AccountScore> before, List<AccountScore> after, List<String> differences) {
        if (before.size() != after.size()) {
            differences.add("live accounts scored: " + before.size() + " in the database copied, " + after.size()
                    + " in the copy");
            return;
        }
        for (int i = 0; i < before.size(); i++) {
            AccountScore a = before.get(i);
            AccountScore b = after.get(i);
            if (!a.accountId().equals(b.accountId())) {
                differences.add("account " + a.accountId() + ": in the copy account " + b.accountId() + " comes in its place");
            } else if (!sameScore(a.score(), b.score()) || a.band() != b.band()) {
                differences.add(String.format(Locale.ROOT, "account %s: %.4f (%s) in the database copied, %.4f (%s) in the copy",
                        a.accountId(), a.score(), a.band(), b.score(), b.band()));
            }
        }
    }
}
