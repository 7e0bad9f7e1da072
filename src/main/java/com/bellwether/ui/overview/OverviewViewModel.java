package com.bellwether.ui.overview;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import com.bellwether.ingest.ImportProblem;
import com.bellwether.ingest.ImportReport;
import com.bellwether.ingest.SampleData;
import com.bellwether.app.BackgroundJob;
import com.bellwether.app.DatabaseInfo;
import com.bellwether.app.ImportRun;
import com.bellwether.app.Workspace;
import com.bellwether.app.WorkspaceLocation;
import com.bellwether.ui.Dialogs;

/** The database at a glance, and the imports into it. All database work runs on the background executor. */
public final class OverviewViewModel {

    private final WorkspaceLocation location;
    private final Executor background;
    private final Executor fx;
    private final Dialogs dialogs;
    private volatile Workspace database;
    private volatile boolean sampleHistoryMissing;
    private volatile boolean firstStart;
    private final ReadOnlyObjectWrapper<Workspace> openDatabase = new ReadOnlyObjectWrapper<>();
    private BackgroundJob<?> running;

    // Properties
    private final ReadOnlyObjectWrapper<DatabaseInfo> summary = new ReadOnlyObjectWrapper<>();
    private final ObservableList<ImportRun> recentImports = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");

    /** Runs on the background executor and reports back on the FX thread. */
    public OverviewViewModel(WorkspaceLocation location, Executor background, Dialogs dialogs) {
        this(location, background, Platform::runLater, dialogs);
    }

    /**
     * @param background where the database work runs
     * @param fx         where its progress and outcome are applied (the FX thread in the workbench)
     */
    OverviewViewModel(WorkspaceLocation location, Executor background, Executor fx, Dialogs dialogs) {
        this.location = location;
        this.background = background;
        this.fx = fx;
        this.dialogs = dialogs;
    }

    public WorkspaceLocation location() {
        return location;
    }

    /** The workspace once its database is open (set on the FX thread), for the other screens. */
    public ReadOnlyObjectProperty<Workspace> workspaceProperty() {
        return openDatabase.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<DatabaseInfo> summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ObservableList<ImportRun> recentImports() {
        return recentImports;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** A message that stays until the next one: what happened on first start, what an empty database offers. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** The workspace once its database opened (null before, or when opening failed); readable from any thread. */
    public Workspace openedWorkspace() {
        return database;
    }

    // Commands

    /** Opens the database; a default database that is empty is seeded with the sample data. */
    public void open() {
        open(() -> null);
    }

    /**
     * The same with a database that may already have been opened (asked for when the work starts, so it can be
     * opened on another thread meanwhile); null means opening it here, and meeting any problem here.
     */
    public void open(java.util.function.Supplier<Workspace> alreadyOpened) {
        run("Opening " + location.displayName(), job -> {
            Workspace opened = alreadyOpened.get();
            if (opened == null) {
                com.bellwether.app.SampleDatabase.install(location);
            }
            database = opened != null ? opened : Workspace.openHeld(location);
            DatabaseInfo before = database.info(0);
            ImportReport report = null;
            if (before.isEmpty() && location.isDefault()) {
                // Without the ready sample (a database file already there, empty): the sample imported here.
                report = database.importSample(job);
                com.bellwether.ui.StartupTrace.mark("sample data loaded");
            }
            firstStart = report != null || com.bellwether.app.SampleDatabase.installedThisRun(location);
            Result result = Result.read(database, report);
            // A first start stores the sample's history after the first scoring; one that ended before it had, now.
            sampleHistoryMissing = report != null || !result.imports().isEmpty()
                    && result.imports().stream().allMatch(run -> SampleData.SOURCE.equals(run.source()))
                    && database.storedScores() == 0;
            return result;
        }, result -> {
            if (sampleHistoryMissing) {
                storeSampleHistory();
            }
            if (firstStart) {
                notice.set("This was a first start, so the sample portfolio was loaded ("
                        + result.summary().rowsPerTable().get("account") + " accounts). To use your own data, open"
                        + " Import: a canonical CSV or JSON bundle, or files of another shape through a mapping profile.");
            } else if (result.summary().isEmpty()) {
                notice.set("This database is empty. Load the sample data to explore, or import your own.");
            } else {
                notice.set("");
            }
        });
    }

    /**
     * The sample's history as weekly snapshots, and the score each churn and renewal had the day before, so the
     * score history is there from the start. Queued behind the portfolio's first scoring, which does not need it.
     */
    private void storeSampleHistory() {
        Workspace db = database;
        start("Storing the sample's score history", "Cancelled: the sample's score history is stored at the next start.",
                job -> {
                    job.update("Storing the sample's weekly score history", -1);
                    db.readPortfolio();
                    if (job.isCancelled()) {
                        throw new CancellationException();
                    }
                    db.backfillIfNone();
                    job.update("Keeping the scores before each churn and renewal", -1);
                    db.freezeOutcomes();
                    com.bellwether.ui.StartupTrace.mark("the sample's history stored");
                    return null;
                }, stored -> { });
    }

    /** Reads the counts and the import log again, after another screen wrote to the database. */
    public void refresh() {
        if (database == null) {
            return;
        }
        run("Reading " + location.displayName(), job -> Result.read(database, null), result -> notice.set(""));
    }

    /** Loads the sample data; into a database that already holds accounts, only once the user confirms it. */
    public void loadSampleData() {
        DatabaseInfo now = summary.get();
        if (now != null && !now.isEmpty() && !dialogs.confirm("Load the sample data",
                "This database already holds " + now.rowsPerTable().get("account") + " accounts. The sample's"
                        + " accounts and their history would be added next to them. Load it anyway?")) {
            return;
        }
        run("Loading the sample data", job -> {
            ImportReport report = database.importSample(job);
            freezeAfter(report, job);
            return Result.read(database, report);
        }, this::announceImport);
    }

    /** After an import that wrote something, each new churn and renewal keeps the score it had the day before. */
    private void freezeAfter(ImportReport report, BackgroundJob<?> job) {
        if (report.succeeded()) {
            job.update("Keeping the scores before each new churn and renewal", -1);
            database.freezeOutcomes();
        }
    }

    /** Asks the work under way to stop where it next polls; the screen stays busy until it has. */
    public void cancel() {
        if (running != null) {
            running.cancel();
            status.set("Cancelling…");
        }
    }

    private void announceImport(Result result) {
        ImportReport report = result.report();
        if (report.succeeded()) {
            notice.set(String.format("Imported %,d records in %.1f s.", report.written().values().stream()
                    .mapToLong(Long::longValue).sum(), report.elapsed().toMillis() / 1000.0));
            return;
        }
        StringBuilder text = new StringBuilder("Nothing was imported. " + report.problemCount() + " problem"
                + (report.problemCount() == 1 ? "" : "s") + ":\n");
        for (ImportProblem problem : report.problems()) {
            text.append(problem.message()).append('\n');
        }
        report.omittedPerFile().forEach((file, count) -> text.append("... and ").append(count)
                .append(" more in ").append(file).append('\n'));
        notice.set("The import found problems; nothing was changed.");
        dialogs.showError("The import found problems", text.toString());
    }

    /** Work that reads the database's counts and imports at its end, which the screen then shows. */
    private void run(String what, BackgroundJob.Work<Result> work, Consumer<Result> onSuccess) {
        status.set(what + "…");
        start(what, "Cancelled; nothing was changed.", work, result -> {
            openDatabase.set(database);
            summary.set(result.summary());
            recentImports.setAll(result.imports());
            onSuccess.accept(result);
        });
    }

    /**
     * Runs the work with the screen busy until it ends. Work that returned is shown even after a late cancel, as
     * what it did is done (an import committed).
     */
    private <T> void start(String what, String cancelled, BackgroundJob.Work<T> work, Consumer<T> onSuccess) {
        BackgroundJob<T> job = new BackgroundJob<>(fx);
        running = job;
        busy.set(true);
        progress.set(-1);
        job.onProgress((step, fraction) -> {
                    if (running == job) {
                        status.set(step);
                        progress.set(fraction);
                    }
                })
                .onSucceeded(result -> {
                    try {
                        onSuccess.accept(result);
                    } finally {
                        // Unless what followed started more work (the sample's history after a first start), which stays busy.
                        finishIfLatest(job, "Ready");
                    }
                })
                .onCancelled(() -> finishIfLatest(job, cancelled))
                .onFailed(error -> {
                    finishIfLatest(job, "Failed");
                    dialogs.showError(what + " failed", error.getMessage() == null ? error.toString() : error.getMessage());
                })
                .start(background, work);
    }

    /** Ends the busy state for a job unless a later one has started, whose own end will. */
    private void finishIfLatest(BackgroundJob<?> job, String message) {
        if (running == job) {
            finish(message);
        }
    }

    private void finish(String message) {
        running = null;
        busy.set(false);
        progress.set(0);
        status.set(message);
    }

    /** What a background step hands back to the FX thread. */
    private record Result(DatabaseInfo summary, List<ImportRun> imports, ImportReport report) {

        static Result read(Workspace database, ImportReport report) {
            DatabaseInfo info = database.info(10);
            return new Result(info, info.recentImports(), report);
        }
    }
}
