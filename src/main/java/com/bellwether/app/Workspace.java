package com.bellwether.app;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

import com.bellwether.alerts.Alert;
import com.bellwether.alerts.AlertFilter;
import com.bellwether.alerts.AlertRun;
import com.bellwether.alerts.AlertStore;
import com.bellwether.alerts.DeliveryAttempt;
import com.bellwether.alerts.DeliveryRun;
import com.bellwether.alerts.Outbox;
import com.bellwether.alerts.WebhookSender;
import com.bellwether.alerts.WebhookUrl;
import com.bellwether.backtest.BacktestFrame;
import com.bellwether.backtest.BacktestSettings;
import com.bellwether.domain.Note;
import com.bellwether.ingest.BundleImporter;
import com.bellwether.ingest.ImportProgress;
import com.bellwether.ingest.ImportReport;
import com.bellwether.ingest.SampleData;
import com.bellwether.ingest.SourceDefinition;
import com.bellwether.ingest.SourcePull;
import com.bellwether.scoring.AccountScore;
import com.bellwether.scoring.HealthModel;
import com.bellwether.scoring.HealthScorer;
import com.bellwether.scoring.Portfolio;
import com.bellwether.scoring.SavedModels;
import com.bellwether.scoring.Snapshots;
import com.bellwether.store.AdjustmentStore;
import com.bellwether.store.Database;
import com.bellwether.store.DatabaseSummary;
import com.bellwether.store.ImportRunStore;
import com.bellwether.store.ModelVersionStore;
import com.bellwether.store.SnapshotStore;
import com.bellwether.store.SourceStore;
import com.bellwether.store.StoreException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a user has open: one database, its saved model versions, the portfolio read from it, the current scores and
 * the backtest frame. Screens and commands do their work through its operations (import, adjust, save a version,
 * activate, evaluate alerts, score, backtest) and observe its state; none of them touches a store. The operations
 * run on the caller's thread: long ones are meant to be called from a {@link TaskExecutor}'s background.
 */
public final class Workspace {

    private static final Logger LOG = LoggerFactory.getLogger(Workspace.class);

    private final Database database;
    private final Clock clock;
    private final WorkspaceValue<ModelVersion> activeVersion;
    private final WorkspaceValue<Portfolio> portfolio;
    private final WorkspaceValue<CurrentScores> scores;
    private final WorkspaceValue<BacktestFrame> backtestFrame;
    /**
     * What the last alert evaluation left for the next one of the same date and model, the portfolio it holds for,
     * and the accounts changed since (by imports and adjustments that kept the rest of the portfolio).
     */
    private record AlertBasis(Portfolio on, com.bellwether.alerts.AlertEvaluator.Basis basis, Set<String> changed) {
    }

    private AlertBasis alertBasis;

    /** Who works here and what of the database they have seen: shared by the copies {@link #withClock} makes. */
    private final Team team;

    /**
     * The workspace's user (asked of the server once) and the database's state as last read or changed here, with
     * the changes others made found along the way and not yet told.
     */
    private static final class Team {
        private String user;
        private com.bellwether.store.ChangeStamp seen;
        private final List<TeamChange> untold = new java.util.ArrayList<>();
    }

    private Workspace(Database database, Clock clock) {
        this(database, clock, new WorkspaceValue<>(), new WorkspaceValue<>(), new WorkspaceValue<>(), new WorkspaceValue<>(),
                new Team());
    }

    private Workspace(Database database, Clock clock, WorkspaceValue<ModelVersion> activeVersion,
                      WorkspaceValue<Portfolio> portfolio, WorkspaceValue<CurrentScores> scores,
                      WorkspaceValue<BacktestFrame> backtestFrame, Team team) {
        this.database = database;
        this.clock = clock;
        this.activeVersion = activeVersion;
        this.portfolio = portfolio;
        this.scores = scores;
        this.backtestFrame = backtestFrame;
        this.team = team;
    }

    /** The same workspace and state, its alerts and deliveries stamped by another clock (tests move one by hand). */
    public Workspace withClock(Clock other) {
        return new Workspace(database, other, activeVersion, portfolio, scores, backtestFrame, team);
    }

    // Opening

    /** Opens (creating if needed) the database at a file path or {@code jdbc:} URL; null or blank: the default one. */
    public static Workspace open(String pathOrUrl) {
        return open(WorkspaceLocation.parse(pathOrUrl), false);
    }

    /** Opens the database at the location; null: the default one. */
    public static Workspace open(WorkspaceLocation location) {
        return open(location == null ? WorkspaceLocation.defaultLocation() : location, false);
    }

    /**
     * Opens the database and keeps it open until {@link #release()}, so an embedded database is not closed and
     * opened again between one piece of work and the next: the workbench holds its workspace so for the session.
     */
    public static Workspace openHeld(WorkspaceLocation location) {
        return open(location, true);
    }

    private static Workspace open(WorkspaceLocation location, boolean hold) {
        Database database = hold ? Database.openHeld(location.database()) : Database.open(location.database());
        LOG.info("Opened the database at {}", location.displayName());
        return new Workspace(database, Clock.systemUTC());
    }

    /** Lets go of a database held open; it closes with its last connection. */
    public void release() {
        database.release();
    }

    public WorkspaceLocation location() {
        return new WorkspaceLocation(database.location());
    }

    /** A workspace on a database the caller has opened (the workbench holds its own open for the session). */
    public static Workspace of(Database database) {
        return new Workspace(database, Clock.systemUTC());
    }

    /** The same, with the clock that alerts and their status changes are stamped with. */
    public static Workspace of(Database database, Clock clock) {
        return new Workspace(database, clock);
    }

    /** Whether a failure is the database's own (cannot open, read or write it), whose message is all a user needs. */
    public static boolean isStorageProblem(Throwable failure) {
        return failure instanceof StoreException;
    }

    /**
     * Whether a failure is a database server that cannot be used as given (not reached, the login refused, no such
     * database): the user's to fix, like bad input.
     */
    public static boolean isServerUnavailable(Throwable failure) {
        return failure instanceof com.bellwether.store.ServerUnavailableException;
    }

    /**
     * Whether a failure is the user's to fix rather than the program's: a server that cannot be used as given, a
     * copy into a database that already holds data, or what the user's role on the server does not allow.
     */
    public static boolean isUsersToFix(Throwable failure) {
        return isServerUnavailable(failure) || failure instanceof com.bellwether.store.DatabaseCopy.TargetNotEmptyException
                || failure instanceof com.bellwether.store.NotPermittedException;
    }

    /** The database's name fit for a status bar or a message: no credentials, no settings. */
    public String displayName() {
        return database.location().displayName();
    }

    /** What the database holds, with its latest {@code imports} import runs. */
    public DatabaseInfo info(int imports) {
        return DatabaseInfo.of(DatabaseSummary.read(database),
                ImportRunStore.recent(database, imports).stream().map(ImportRun::of).toList());
    }

    // State

    /** The active model version, once it has been asked for or changed. */
    public WorkspaceValue<ModelVersion> activeVersionState() {
        return activeVersion;
    }

    /** The portfolio last read; null until read, and again after an import until it is read anew. */
    public WorkspaceValue<Portfolio> portfolioState() {
        return portfolio;
    }

    public WorkspaceValue<CurrentScores> scoresState() {
        return scores;
    }

    public WorkspaceValue<BacktestFrame> backtestFrameState() {
        return backtestFrame;
    }

    // The portfolio

    /** The portfolio, read from the database the first time it is asked for. */
    public Portfolio portfolio() {
        Portfolio read = portfolio.get();
        return read != null ? read : readPortfolio();
    }

    /** Takes a portfolio read from this database elsewhere (while the workbench started), as if read here. */
    public Portfolio adopt(Portfolio read) {
        replacePortfolio(read);
        return read;
    }

    /** Reads the portfolio from the database again (after its data changed) and tells the observers. */
    public Portfolio readPortfolio() {
        Portfolio read = Portfolio.load(database);
        replacePortfolio(read);
        return read;
    }

    /**
     * Another portfolio kept: current scores of the one before are dropped with it. The current scores are always
     * those of the portfolio kept (the lock is the portfolio's value, shared by {@link #withClock}'s copies).
     */
    private void replacePortfolio(Portfolio read) {
        synchronized (portfolio) {
            if (portfolio.get() != read) {
                scores.set(null);
                alertBasis = null;
            }
            portfolio.set(read);
        }
    }

    // Importing

    /** Reads and checks a bundle as an import would, and writes nothing. */
    public ImportReport checkBundle(BundleImporter.Request request, ImportProgress progress) throws IOException {
        return new BundleImporter(database).check(request, progress);
    }

    /** Imports the sample portfolio shipped with Bellwether. */
    public ImportReport importSample(ImportProgress progress) throws IOException {
        ImportReport report = TeamRole.CSOPS.guard(database, "import data",
                () -> SampleData.load(database, progress));
        LOG.info("Sample import into {}: {}", displayName(), report.succeeded() ? "run " + report.runId() : "failed");
        own(report);
        if (report.succeeded()) {
            portfolio.set(null);
            scores.set(null);
            backtestFrame.set(null);
        }
        return report;
    }

    /**
     * Imports a bundle through the importer; a bundle with problems imports nothing. After an import the portfolio
     * (in memory, or kept beside the database) has only the accounts the import gave records of read again, and the
     * current scores only those accounts scored again (when they were scored at a date the import leaves as it is).
     */
    public ImportReport importBundle(BundleImporter.Request request, ImportProgress progress) throws IOException {
        Portfolio before = portfolio.get();
        CurrentScores scoredBefore = scores.get();
        String versionBefore = Portfolio.dataVersion(database);
        BundleImporter importer = new BundleImporter(database);
        ImportReport report = TeamRole.CSOPS.guard(database, "import data", () -> importer.run(request, progress));
        LOG.info("Import into {}: {}", displayName(), report.succeeded() ? "run " + report.runId()
                : report.problemCount() + " problems, nothing imported");
        own(report);
        if (report.succeeded()) {
            backtestFrame.set(null);
            progress.update("Reading the accounts the import changed", 0.995);
            Portfolio after = Portfolio.afterImport(database, before, versionBefore, report.accounts(),
                    importer.importedUsage().orElse(null));
            LOG.info("After the import: {} accounts changed, {}", report.accounts().size(), before == null ? "no portfolio held"
                    : importer.importedUsage().isPresent() ? "usage rows taken in" : "their rows read again");
            portfolio.set(after);
            carryAlertBasis(before, after, report.accounts());
            scores.set(after == null || scoredBefore == null ? null : new CurrentScores(scoredBefore.model(),
                    scoredBefore.asOf(), new HealthScorer(scoredBefore.model(), after).rescoreLive(scoredBefore.scores(),
                            // The import has committed: what follows it is not to be cancelled halfway.
                            report.accounts(), scoredBefore.asOf(), () -> false)));
        }
        return report;
    }

    // Model versions

    /** Every saved version, oldest first, as the database has them (none in a database never scored). */
    public List<ModelVersion> savedVersions() {
        return store().list().stream().map(ModelVersion::of).toList();
    }

    /** Every saved version, oldest first; a database without any gets the shipped model as version 1 first. */
    public List<ModelVersion> versions() {
        activeVersion();
        return store().list().stream().map(ModelVersion::of).toList();
    }

    /** The active version; the shipped model saved as version 1 first when there is none. */
    public ModelVersion activeVersion() {
        java.util.Optional<com.bellwether.store.ModelVersion> active = store().active();
        if (active.isPresent()) {
            return publishActive(ModelVersion.of(active.get()));
        }
        // The first version, saved here: a change of this workspace's own, not one to tell of.
        return publishActive(own(ModelVersion.of(TeamRole.CSOPS.guard(database,
                "save the shipped model as the first model version", () -> SavedModels.activeVersion(store())))));
    }

    /** Tells the observers when another version became active; a version once saved never changes otherwise. */
    private ModelVersion publishActive(ModelVersion active) {
        ModelVersion shown = activeVersion.get();
        if (shown == null || shown.number() != active.number()) {
            activeVersion.set(active);
            return active;
        }
        // The one read before, so the scores, frame and alerts kept for its model are recognised as this model's.
        return shown;
    }

    public HealthModel activeModel() {
        return activeVersion().model();
    }

    public Optional<ModelVersion> version(int number) {
        activeVersion();
        return store().get(number).map(ModelVersion::of);
    }

    /** Saves the model as the next version, by the current user; active too when {@code activate} says so. */
    public ModelVersion saveVersion(HealthModel model, String name, String note, boolean activate) {
        return saveVersion(model, name, note, activate, null);
    }

    /**
     * The same; made active only over the active version the user saw ({@code seenActive}, null: whichever): when
     * someone made another active since, nothing is saved and the failure says who and when.
     */
    public ModelVersion saveVersion(HealthModel model, String name, String note, boolean activate, Integer seenActive) {
        TeamRole role = activate ? TeamRole.LEADER : TeamRole.CSOPS;
        ModelVersion saved = ModelVersion.of(role.guard(database, activate ? "save and activate a model version"
                : "save a model version", () -> SavedModels.save(store(), model, name, note, user(), activate, seenActive)));
        LOG.info("Saved model version {} in {}{}", saved.label(), displayName(), saved.active() ? ", active" : "");
        own(saved);
        if (saved.active()) {
            publishActive(saved);
        }
        return saved;
    }

    /** Makes the version the active one, and no other. */
    public ModelVersion activate(int number) {
        return activate(number, null);
    }

    /**
     * The same, only over the active version the user saw ({@code seenActive}, null: whichever): when someone made
     * another active since, nothing changes and the failure says who and when. Earlier versions may be made active
     * again; a version is never changed by it.
     */
    public ModelVersion activate(int number, Integer seenActive) {
        TeamRole.LEADER.guard(database, "activate a model version", () -> {
            store().activate(number, seenActive, user());
            return number;
        });
        LOG.info("Activated model version {} in {}", number, displayName());
        own(number);
        return activeVersion();
    }

    /**
     * What making version {@code number} active would change as of the date (null: the portfolio's own date): every
     * live account scored under the active version and under that one, the band moves with their ARR, the alerts
     * that would fire. Nothing is written. Slow on a large portfolio: call it off the FX thread.
     */
    public ActivationImpact activationImpact(int number, LocalDate asOf, BooleanSupplier cancelled) {
        return activationImpact(number, portfolio(), asOf, cancelled);
    }

    /** The same on the portfolio a screen holds (the one it scored). */
    public ActivationImpact activationImpact(int number, Portfolio on, LocalDate asOf, BooleanSupplier cancelled) {
        ModelVersion active = activeVersion();
        ModelVersion target = store().get(number).map(ModelVersion::of)
                .orElseThrow(() -> new IllegalArgumentException("There is no model version " + number));
        LocalDate date = asOf != null ? asOf : on.asOfDate();
        if (date == null) {
            throw new IllegalStateException("There is no data to score yet: import a bundle or the sample first.");
        }
        CurrentScores current = scores.get();
        HealthModel activeModel = active.model();
        List<AccountScore> now = current != null && portfolio.get() == on && current.model().equals(activeModel)
                && current.asOf().equals(date) ? current.scores() : null;
        return ActivationImpact.compute(active, target, on, date, now, cancelled);
    }

    private ModelVersionStore store() {
        return new ModelVersionStore(database);
    }

    // Scores

    /**
     * The scores of every account live at the date under the model: the current scores when they are those (kept
     * up to date by adjustments and imports), else scored now and kept.
     */
    public List<AccountScore> scores(HealthModel model, LocalDate asOf, BooleanSupplier cancelled) {
        CurrentScores current = scores.get();
        if (current != null && current.model().equals(model) && current.asOf().equals(asOf)
                && portfolio.get() != null) {
            return current.scores();
        }
        return score(model, asOf, cancelled);
    }

    /** Scores every account live at the date, and keeps the result as the current scores. */
    public List<AccountScore> score(HealthModel model, LocalDate asOf, BooleanSupplier cancelled) {
        Portfolio on = portfolio();
        List<AccountScore> scored = new HealthScorer(model, on).scoreLive(asOf, cancelled);
        synchronized (portfolio) {
            // Kept only while the portfolio scored is still the one kept (an adjustment may have replaced it meanwhile).
            if (portfolio.get() == on) {
                scores.set(new CurrentScores(model, asOf, scored));
            }
        }
        return scored;
    }

    // Backtest

    /** Scores every live account at each cut-off, labelled by churn in the horizon, and keeps it as the current frame. */
    public BacktestFrame backtest(HealthModel model, BacktestSettings settings, BooleanSupplier cancelled) {
        return backtest(model, portfolio(), settings, cancelled);
    }

    /**
     * The same over a portfolio a screen holds. The current frame is handed back when it was built from that
     * portfolio by an equal model at the same cut-offs, so the tuning and backtest screens share one frame (at
     * 100,000 accounts a frame is hundreds of megabytes).
     */
    public BacktestFrame backtest(HealthModel model, Portfolio on, BacktestSettings settings, BooleanSupplier cancelled) {
        BacktestFrame kept = backtestFrame.get();
        if (kept != null && kept.answers(model, on, settings)) {
            return kept;
        }
        BacktestFrame frame = BacktestFrame.build(model, on, settings, cancelled);
        // The shared frame is the churn one the tuning screen moves its sliders over; an expansion frame is not kept.
        if (settings.target() == com.bellwether.backtest.Target.CHURN) {
            backtestFrame.set(frame);
        }
        return frame;
    }

    // Effects

    /**
     * Did the action help: each playbook and alert rule's triggers over history, acted on or not, against churn and
     * expansion in the horizon (see {@link com.bellwether.backtest.Effects}). The alert rules are evaluated as of
     * each cut-off; the tasks are those imported and the alerts' own.
     */
    public com.bellwether.backtest.EffectsReport effects(HealthModel model, com.bellwether.backtest.EffectsSettings settings,
                                                         com.bellwether.backtest.Effects.Progress progress,
                                                         BooleanSupplier cancelled) {
        Portfolio on = portfolio();
        com.bellwether.alerts.AlertEvaluator evaluator = new com.bellwether.alerts.AlertEvaluator(model, on);
        com.bellwether.backtest.Effects.AlertTriggers alerts = date -> {
            java.util.Map<String, Set<String>> fired = new java.util.HashMap<>();
            for (com.bellwether.alerts.AlertFinding finding : evaluator.evaluate(date)) {
                fired.computeIfAbsent(finding.accountId(), a -> new java.util.HashSet<>()).add(finding.rule().id());
            }
            return fired;
        };
        return com.bellwether.backtest.Effects.run(model, on, settings,
                com.bellwether.store.TaskStore.all(database), alerts, progress, cancelled);
    }

    // Snapshots and history

    /** Stores every live account's score as of the date, under the active version or (not null) the given one. */
    public Snapshots.Run snapshot(LocalDate asOf, Integer versionNo) {
        return TeamRole.CSOPS.guard(database, "store score history", () -> versionNo == null
                ? Snapshots.snapshot(database, portfolio(), asOf) : Snapshots.snapshot(database, portfolio(), asOf, versionNo));
    }

    /** Stores a snapshot at every week's end from {@code from} to {@code to}, under the active version or the given one. */
    public Snapshots.Run backfill(LocalDate from, LocalDate to, Integer versionNo) {
        return TeamRole.CSOPS.guard(database, "store score history", () -> versionNo == null
                ? Snapshots.backfillWeekly(database, portfolio(), from, to)
                : Snapshots.rescoreHistory(database, portfolio(), versionNo, from, to));
    }

    /** The weekly history over the whole span of the data when the active version has none yet (a first start). */
    public Optional<Snapshots.Run> backfillIfNone() {
        return TeamRole.CSOPS.guard(database, "store score history", () -> Snapshots.backfillIfNone(database, portfolio()));
    }

    /** How many scores the history holds, under every version. */
    public long storedScores() {
        return new SnapshotStore(database).count();
    }

    /** Freezes the score each churn and renewal had the day before; the number newly frozen. */
    public int freezeOutcomes() {
        return TeamRole.CSOPS.guard(database, "store score history", () -> Snapshots.freezeOutcomes(database, portfolio()));
    }

    // Alerts

    /** Evaluates the active model's alert rules as of the date, records them, and queues new ones for the webhook. */
    public AlertRun.Result evaluateAlerts(LocalDate asOf, WebhookUrl webhook) {
        return evaluateAlerts(activeModel(), portfolio(), asOf, webhook);
    }

    /**
     * The same with the model and the portfolio a screen has scored. After an evaluation of the same date by the same
     * model on this portfolio as it was before imports and adjustments changed some accounts, only those accounts
     * are evaluated again (what a whole evaluation would find for them; every other account's findings stand).
     */
    public AlertRun.Result evaluateAlerts(HealthModel model, Portfolio scored, LocalDate asOf, WebhookUrl webhook) {
        // The current scores, when they are this model's on this portfolio at the date, are not worked out again.
        CurrentScores current = scores.get();
        List<AccountScore> now = current != null && portfolio.get() == scored && current.model().equals(model)
                && current.asOf().equals(asOf) ? current.scores() : new HealthScorer(model, scored).scoreLive(asOf, () -> false);
        AlertBasis kept;
        synchronized (portfolio) {
            kept = alertBasis;
        }
        com.bellwether.alerts.AlertEvaluator evaluator = new com.bellwether.alerts.AlertEvaluator(model, scored);
        com.bellwether.alerts.AlertEvaluator.Evaluation evaluation = kept != null && kept.on() == scored
                && kept.basis().serves(model, asOf) ? evaluator.evaluateChanged(asOf, now, kept.basis(), kept.changed())
                : evaluator.evaluateKeeping(asOf, now);
        LOG.info("Alert rules evaluated for {}", evaluation.basis() != null && kept != null && kept.on() == scored
                && kept.basis().serves(model, asOf) ? kept.changed().size() + " changed accounts" : "every account");
        AlertRun.Result result = TeamRole.CSOPS.guard(database, "evaluate alerts",
                () -> AlertRun.record(database, evaluation.findings(), asOf, webhook, clock));
        synchronized (portfolio) {
            alertBasis = new AlertBasis(scored, evaluation.basis(), Set.of());
        }
        LOG.info("Alerts as of {} in {}: {} fired, {} new, {} open", asOf, displayName(), result.fired(),
                result.created().size(), result.open());
        own(result);
        return result;
    }

    public List<Alert> openAlerts(AlertFilter filter) {
        return alerts().open(filter);
    }

    public List<Alert> allAlerts() {
        return alerts().all();
    }

    /** Every change of an alert's task lifecycle, oldest first: who moved it, when, and from where. */
    public List<AlertStore.StatusChange> alertHistory(long alertId) {
        return alerts().history(alertId);
    }

    /**
     * Acknowledges an alert as the user saw it; when someone changed its status since, nothing is written and the
     * {@link AlertStore.ChangedSince} failure says who and when.
     */
    public Alert acknowledgeAlert(Alert seen) {
        return own(TeamRole.CSM.guard(database, "change an alert's status", () -> alerts().acknowledge(seen, user())));
    }

    public Alert markAlertDone(Alert seen) {
        return own(TeamRole.CSM.guard(database, "change an alert's status", () -> alerts().done(seen, user())));
    }

    public Alert dismissAlert(Alert seen, String reason) {
        return own(TeamRole.CSM.guard(database, "change an alert's status", () -> alerts().dismiss(seen, reason, user())));
    }

    /**
     * What others changed in the database since this workspace last looked, and takes the database as it is now as
     * seen; empty the first time, and when nothing changed. A workbench asks every few seconds and offers to read the
     * database again. Changes whose author is this workspace's user are left out; others' changes found while this
     * workspace made one of its own are told here too.
     */
    public List<TeamChange> changesByOthers() {
        synchronized (team) {
            List<TeamChange> found = new java.util.ArrayList<>(team.untold);
            team.untold.clear();
            com.bellwether.store.ChangeStamp before = team.seen;
            com.bellwether.store.ChangeStamp now = com.bellwether.store.ChangeStamp.read(database);
            team.seen = now;
            if (before != null) {
                found.addAll(byOthers(before, now));
            }
            return found;
        }
    }

    private List<TeamChange> byOthers(com.bellwether.store.ChangeStamp before, com.bellwether.store.ChangeStamp now) {
        if (now.equals(before)) {
            return List.of();
        }
        String me = user();
        return now.changesSince(before, database).stream()
                .filter(change -> change.by() == null || !change.by().equals(me))
                .map(change -> new TeamChange(change.what(), change.by()))
                .toList();
    }

    /**
     * After a change of this workspace's own, when changes are being watched for: the database as it is now is
     * taken as seen, and whatever others changed before it is kept to be told. A change without an author (an import,
     * alerts raised) made by someone else in the same moment is taken for this one's.
     */
    private <T> T own(T result) {
        synchronized (team) {
            if (team.seen != null) {
                com.bellwether.store.ChangeStamp now = com.bellwether.store.ChangeStamp.read(database);
                team.untold.addAll(byOthers(team.seen, now).stream().filter(change -> change.by() != null).toList());
                team.seen = now;
            }
        }
        return result;
    }

    /**
     * Lets go of the portfolio, the current scores and the backtest frame read before, so the next that asks reads
     * the database again (someone else changed it).
     */
    public void forget() {
        synchronized (portfolio) {
            alertBasis = null;
        }
        portfolio.set(null);
        scores.set(null);
        backtestFrame.set(null);
    }

    /** Takes the database as it is now as seen, nothing left to tell: after reading everything again. */
    public void markSeen() {
        synchronized (team) {
            team.untold.clear();
            team.seen = com.bellwether.store.ChangeStamp.read(database);
        }
    }

    /** Whether a failure is a change someone else made first, whose message is all a user needs (then reload). */
    public static boolean isChangedElsewhere(Throwable failure) {
        return failure instanceof AlertStore.ChangedSince || failure instanceof ModelVersionStore.ActivatedSince;
    }

    /** The same workspace acting as another user (two people on one database in tests). */
    Workspace actingAs(String name) {
        synchronized (team) {
            team.user = name;
        }
        return this;
    }

    /**
     * Who is working: on a team server the database user (what the server's rights and the audit trails go by),
     * else the computer's login.
     */
    public String user() {
        synchronized (team) {
            if (team.user == null) {
                team.user = database.serverUser().orElseGet(SavedModels::currentAuthor);
            }
            return team.user;
        }
    }

    /** The webhook URL saved in the workbench, if any. */
    public Optional<WebhookUrl> configuredWebhook() {
        return new Outbox(database).configuredUrl();
    }

    /** Saves the webhook URL new alerts are posted to. */
    public void configureWebhook(WebhookUrl url) {
        TeamRole.CSOPS.guard(database, "change the webhook settings", () -> new Outbox(database).configureUrl(url));
        // Only the redacted form: a webhook URL often carries a token.
        LOG.info("Webhook set to {} in {}", url.redacted(), displayName());
    }

    /** The latest delivery attempts, newest first. */
    public List<DeliveryAttempt> deliveryLog(int limit) {
        return new Outbox(database).deliveryLog(limit);
    }

    /** Posts the queued messages that are due (earlier runs' failures too); nothing is tried when none waits. */
    public DeliveryRun deliverDueAlerts(WebhookSender sender) {
        Outbox outbox = new Outbox(database);
        return outbox.pending() == 0 ? DeliveryRun.none(0, outbox.givenUp())
                : TeamRole.CSOPS.guard(database, "post alerts to the webhook", () -> outbox.deliverDue(sender, clock));
    }

    private AlertStore alerts() {
        return new AlertStore(database, clock);
    }

    // Sources and sync

    /** The saved sources, by name, each with its freshness. */
    public List<Source> sources() {
        SourceStore store = new SourceStore(database);
        Map<String, SourceStore.Freshness> fresh = store.freshness();
        return store.list().stream().map(stored -> {
            SourceStore.Freshness f = fresh.get(stored.name());
            return new Source(stored.name(), SourceDefinition.fromJson(stored.definition(), stored.name()), stored.every(),
                    stored.changedBy(), stored.changedAt(), f == null ? null : Source.SyncLine.of(f.latest()),
                    f == null ? null : f.lastGoodSync(), f == null ? null : f.latestDataDay());
        }).toList();
    }

    public Optional<Source> source(String name) {
        return sources().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /**
     * Saves a source, new or changed, after checking it. A changed definition starts the source over (its next sync
     * reads everything it names again; imports are upserts, so nothing is doubled); a changed schedule alone does not.
     */
    public void saveSource(String name, SourceDefinition definition, java.time.Duration every) {
        definition.check(name);
        TeamRole.CSOPS.guard(database, "save a source", () -> {
            new SourceStore(database).save(name, definition.kind(), definition.toJson(), every, user(),
                    java.time.OffsetDateTime.now(clock));
            return name;
        });
        LOG.info("Saved the source {} in {}", name, displayName());
    }

    /** Removes a source; its log stays. False when there was none of that name. */
    public boolean removeSource(String name) {
        return TeamRole.CSOPS.guard(database, "remove a source", () -> new SourceStore(database).remove(name));
    }

    /** The newest sync log lines first, of one source or (null) of all. */
    public List<Source.SyncLine> syncLog(String name, int limit) {
        return new SourceStore(database).recentLog(name, limit).stream().map(Source.SyncLine::of).toList();
    }

    /**
     * Tries a source without importing: a folder source's folder is listed (how many files match, how many are new),
     * a query source connects and runs its query for one row. The answer is one line; a failure throws with the
     * reason (never a password).
     */
    public String testSource(String name, SourceDefinition definition) throws IOException {
        return testSource(name, definition, System.getenv());
    }

    /** The same, with the environment the source's credential variables are read from. */
    public String testSource(String name, SourceDefinition definition, Map<String, String> environment) throws IOException {
        definition.check(name);
        if (SourceDefinition.FOLDER.equals(definition.kind())) {
            Map<String, String> seen = sameDefinition(name, definition) ? new SourceStore(database).seenFiles(name) : Map.of();
            SourcePull.Pulled pulled = SourcePull.folder(name, definition, seen);
            long matching;
            try (java.util.stream.Stream<java.nio.file.Path> listing = java.nio.file.Files.list(
                    java.nio.file.Path.of(definition.folder()))) {
                java.nio.file.PathMatcher matcher = java.nio.file.FileSystems.getDefault()
                        .getPathMatcher("glob:" + definition.patternOrDefault());
                matching = listing.filter(p -> matcher.matches(p.getFileName())).count();
            }
            return definition.mapping() != null
                    ? "The folder " + definition.folder() + " holds every file the mapping names; "
                    + (pulled.nothingNew() ? "none changed since the last sync" : pulled.fileCount() + " to read")
                    : String.format("The folder %s has %,d matching %s; %,d new or changed", definition.folder(), matching,
                    matching == 1 ? "file" : "files", pulled.fileCount());
        }
        List<List<String>> rows = SourcePull.preview(name, definition, environment, 1);
        return "Connected to " + SourcePull.redact(definition.url()) + " (" + definition.credentialsInWords()
                + "); the query gives " + String.join(", ", rows.get(0));
    }

    /**
     * The first rows a source would import, as the import reads them (through its mapping): what is new for a folder
     * source (everything, for one not saved as it is), the first rows of a query source's query.
     */
    public List<BundleImporter.Preview> previewSource(String name, SourceDefinition definition, int limit,
                                                      List<com.bellwether.ingest.ImportProblem> problems) throws IOException {
        definition.check(name);
        if (SourceDefinition.FOLDER.equals(definition.kind())) {
            Map<String, String> seen = sameDefinition(name, definition) ? new SourceStore(database).seenFiles(name) : Map.of();
            SourcePull.Pulled pulled = SourcePull.folder(name, definition, seen);
            if (pulled.nothingNew()) {
                pulled = SourcePull.folder(name, definition, Map.of());
            }
            return pulled.nothingNew() ? List.of() : BundleImporter.preview(pulled.request(), limit, problems);
        }
        List<List<String>> table = SourcePull.preview(name, definition, System.getenv(), limit);
        return List.of(new BundleImporter.Preview(definition.entityOrNull(), "query", table.get(0),
                table.subList(1, table.size())));
    }

    private boolean sameDefinition(String name, SourceDefinition definition) {
        return new SourceStore(database).get(name).map(s -> s.definition().equals(definition.toJson())).orElse(false);
    }

    /** Syncs every saved source (or only {@code only}, when not null), as {@link #sync(List, ImportProgress)}. */
    public SyncReport sync(String only, ImportProgress progress) {
        return sync(only, System.getenv(), progress);
    }

    /** The same, with the environment the sources' credential variables are read from. */
    public SyncReport sync(String only, Map<String, String> environment, ImportProgress progress) {
        List<SourceStore.StoredSource> sources = new SourceStore(database).list();
        if (only != null) {
            sources = sources.stream().filter(s -> s.name().equals(only)).toList();
            if (sources.isEmpty()) {
                throw new IllegalArgumentException("There is no source " + only + "; the sources are: "
                        + (sourceNames().isEmpty() ? "none yet" : String.join(", ", sourceNames())));
            }
        }
        return syncSources(sources, environment, progress);
    }

    /** Syncs the named sources. */
    public SyncReport syncNamed(List<String> names, ImportProgress progress) {
        List<SourceStore.StoredSource> all = new SourceStore(database).list();
        return syncSources(all.stream().filter(s -> names.contains(s.name())).toList(), System.getenv(), progress);
    }

    private List<String> sourceNames() {
        return new SourceStore(database).list().stream().map(SourceStore.StoredSource::name).toList();
    }

    /**
     * Pulls what is new from each source and imports it, all or nothing per source; re-scores the accounts the
     * imports touched, evaluates the alert rules and posts due webhook messages. A source that fails is logged and
     * the others go on; a cancel stops after the source it happened in (which imports nothing).
     */
    private SyncReport syncSources(List<SourceStore.StoredSource> sources, Map<String, String> environment,
                                   ImportProgress progress) {
        return TeamRole.CSOPS.guard(database, "sync sources", () -> new SourceSync(this, new SourceStore(database), clock,
                environment, WebhookSender.withDefaults()).run(sources, progress));
    }

    /**
     * One account's score with its sentiment measures naming the phrases that moved them, read from the database
     * for this account only (the portfolio holds tones, not texts).
     */
    public AccountScore withTonePhrases(AccountScore score, HealthModel model) {
        return com.bellwether.scoring.ToneExplanation.withPhrases(score, model, database);
    }

    // CSM adjustments

    /** The account's adjustments, as stored. */
    public List<Note> adjustments(String accountId) {
        return new AdjustmentStore(database).notes(accountId);
    }

    /** Adds an adjustment within ±{@code bound} points, recording who added it; refused without a reason or beyond the bound. */
    public void adjust(Note note, double bound, String changedBy) {
        TeamRole.CSM.guard(database, "add an adjustment", () -> new AdjustmentStore(database).add(note, bound, changedBy));
        LOG.info("Adjustment of {} points on {} by {}", note.adjustment(), note.accountId(), changedBy);
        own(note);
        afterAdjustment(note.accountId());
    }

    /** Removes an account's adjustment by that author on that date, recording who removed it. */
    public void removeAdjustment(String accountId, LocalDate date, String author, String changedBy) {
        TeamRole.CSM.guard(database, "remove an adjustment",
                () -> new AdjustmentStore(database).remove(accountId, date, author, changedBy));
        LOG.info("Adjustment on {} dated {} removed by {}", accountId, date, changedBy);
        own(accountId);
        afterAdjustment(accountId);
    }

    /**
     * The portfolio kept with the account's notes read again (every other account's columns shared) and the current
     * scores with that account scored again, as a full read and scoring would give; nothing is kept when the
     * account is not in the portfolio kept.
     */
    private void afterAdjustment(String accountId) {
        List<Note> notes = adjustments(accountId);
        synchronized (portfolio) {
            Portfolio kept = portfolio.get();
            CurrentScores current = scores.get();
            if (kept == null || kept.indexOf(accountId) < 0) {
                portfolio.set(null);
                scores.set(null);
                return;
            }
            Portfolio updated = kept.withNotes(accountId, notes);
            portfolio.set(updated);
            carryAlertBasis(kept, updated, Set.of(accountId));
            scores.set(current == null ? null : new CurrentScores(current.model(), current.asOf(),
                    new HealthScorer(current.model(), updated).rescoreLive(current.scores(), List.of(accountId),
                            current.asOf(), () -> false)));
        }
    }

    /** The alert basis of the portfolio before, carried to the one after with the accounts that changed. */
    private void carryAlertBasis(Portfolio before, Portfolio after, Set<String> changed) {
        synchronized (portfolio) {
            AlertBasis kept = alertBasis;
            if (kept == null || before == null || after == null || kept.on() != before) {
                alertBasis = null;
                return;
            }
            Set<String> all = new java.util.HashSet<>(kept.changed());
            all.addAll(changed);
            alertBasis = new AlertBasis(after, kept.basis(), all);
        }
    }

    /** The account's trail of adds and removes, newest first. */
    public List<AdjustmentEntry> adjustmentTrail(String accountId) {
        return new AdjustmentStore(database).audit(accountId).stream().map(AdjustmentEntry::of).toList();
    }
}
