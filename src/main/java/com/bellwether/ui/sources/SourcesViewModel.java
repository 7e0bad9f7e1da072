package com.bellwether.ui.sources;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import com.bellwether.app.BackgroundJob;
import com.bellwether.app.Source;
import com.bellwether.app.SyncReport;
import com.bellwether.app.Workspace;
import com.bellwether.ingest.BundleImporter;
import com.bellwether.ingest.ImportProblem;
import com.bellwether.ingest.SourceDefinition;
import com.bellwether.ui.Dialogs;

/**
 * The sources of the open database: their freshness, the selected one's sync log, Add / Edit / Remove, Test, Preview,
 * Sync now and Sync all, and the syncs that fall due while the workbench is open. Database and file work runs on the
 * background executor, one sync at a time; results come back on the FX thread.
 */
public final class SourcesViewModel {

    /** How many sync log lines the screen shows. */
    public static final int LOG_LINES = 50;
    /** How many rows per file a preview shows. */
    public static final int PREVIEW_ROWS = 10;

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObservableValue<Workspace> workspace;
    private final Executor background;
    private final Executor fx;
    private final Dialogs dialogs;
    private final Clock clock;
    private BackgroundJob<?> running;
    private ObservableBooleanValue otherWork = new ReadOnlyBooleanWrapper(false);

    // Properties
    private final ObservableList<Source> sources = FXCollections.observableArrayList();
    private final ObjectProperty<Source> selected = new SimpleObjectProperty<>();
    private final ObservableList<Source.SyncLine> log = FXCollections.observableArrayList();
    private final ObservableList<BundleImporter.Preview> previews = FXCollections.observableArrayList();
    private final ObservableList<ImportProblem> previewProblems = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper previewAbout = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper answer = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper answerFailed = new ReadOnlyBooleanWrapper();
    private final ObservableList<String> results = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper resultsFailed = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<SourceForm> form = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper syncing = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper schedule = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper imports = new ReadOnlyIntegerWrapper();
    private final BooleanBinding empty = Bindings.isEmpty(sources);

    /** Runs on the background executor and reports on the FX thread. */
    public SourcesViewModel(ObservableValue<Workspace> workspace, Executor background, Dialogs dialogs) {
        this(workspace, background, Platform::runLater, dialogs, Clock.systemDefaultZone());
    }

    /**
     * @param fx    where progress and outcomes are applied (the FX thread; the calling thread in tests)
     * @param clock what "due" and "next sync" are reckoned by
     */
    public SourcesViewModel(ObservableValue<Workspace> workspace, Executor background, Executor fx, Dialogs dialogs,
                            Clock clock) {
        this.workspace = workspace;
        this.background = background;
        this.fx = fx;
        this.dialogs = dialogs;
        this.clock = clock;
        workspace.addListener((o, old, opened) -> {
            if (opened != null) {
                reload();
            }
        });
        selected.addListener((o, old, source) -> {
            answer.set("");
            previews.clear();
            previewProblems.clear();
            previewAbout.set("");
            readLog(source);
        });
        if (workspace.getValue() != null) {
            reload();
        }
    }

    // Properties

    public ObservableList<Source> sources() {
        return sources;
    }

    /** True when the database has no source (yet). */
    public BooleanBinding emptyBinding() {
        return empty;
    }

    public ObjectProperty<Source> selectedProperty() {
        return selected;
    }

    /** The selected source's latest sync log lines, newest first. */
    public ObservableList<Source.SyncLine> log() {
        return log;
    }

    public ObservableList<BundleImporter.Preview> previews() {
        return previews;
    }

    public ObservableList<ImportProblem> previewProblems() {
        return previewProblems;
    }

    /** What the preview shows, in a line: which source, how many files, or that there is nothing new. */
    public ReadOnlyStringProperty previewAboutProperty() {
        return previewAbout.getReadOnlyProperty();
    }

    /** Test connection's one-line answer, or why it failed. */
    public ReadOnlyStringProperty answerProperty() {
        return answer.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty answerFailedProperty() {
        return answerFailed.getReadOnlyProperty();
    }

    /** The last sync's line per source. */
    public ObservableList<String> results() {
        return results;
    }

    public ReadOnlyBooleanProperty resultsFailedProperty() {
        return resultsFailed.getReadOnlyProperty();
    }

    /** The Add / Edit form while open, else null. */
    public ReadOnlyObjectProperty<SourceForm> formProperty() {
        return form.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** True while a sync runs. */
    public ReadOnlyBooleanProperty syncingProperty() {
        return syncing.getReadOnlyProperty();
    }

    /** 0 to 1, or negative while unknown. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The schedule in a line: which scheduled source syncs next, and when; "" when none has a schedule. */
    public ReadOnlyStringProperty scheduleProperty() {
        return schedule.getReadOnlyProperty();
    }

    /** Counts the syncs that imported something: the other screens read the database again on each. */
    public ReadOnlyIntegerProperty importsProperty() {
        return imports.getReadOnlyProperty();
    }

    /** While this is true (a manual import, another screen's database work), no scheduled sync starts. */
    public void pauseWhile(ObservableBooleanValue work) {
        this.otherWork = work;
    }

    /**
     * When a source syncs next by its schedule: its last sync plus its schedule (when it was saved, never synced);
     * empty without a schedule.
     */
    public Optional<OffsetDateTime> nextSync(Source source) {
        if (source.every() == null) {
            return Optional.empty();
        }
        if (source.latest() == null) {
            return Optional.of(source.changedAt() != null ? source.changedAt() : OffsetDateTime.now(clock).minusSeconds(1));
        }
        OffsetDateTime last = source.latest().finished() != null ? source.latest().finished() : source.latest().started();
        return Optional.of(last.plus(source.every()));
    }

    /** "at 14:30" or "due now". */
    public String nextSyncText(Source source) {
        return nextSync(source).map(at -> at.isAfter(OffsetDateTime.now(clock))
                ? "next at " + at.atZoneSameInstant(clock.getZone()).format(HOUR) : "due now").orElse("");
    }

    // Commands

    /** Reads the sources (and the selected one's log) again. */
    public void reload() {
        Workspace target = workspace.getValue();
        if (target == null) {
            return;
        }
        String keep = selected.get() == null ? null : selected.get().name();
        read(job -> target.sources(), read -> showSources(read, keep));
    }

    /** Opens the form for a new source. */
    public void add() {
        clearChecks();
        form.set(new SourceForm(sources.stream().map(Source::name).collect(Collectors.toSet())));
    }

    /** Opens the form over the selected source. */
    public void edit() {
        Source source = selected.get();
        if (source != null) {
            clearChecks();
            form.set(SourceForm.of(source));
        }
    }

    public void closeForm() {
        clearChecks();
        form.set(null);
    }

    /** Test's answer and the preview belong to what they checked: a form opened or closed starts without them. */
    private void clearChecks() {
        answer.set("");
        previews.clear();
        previewProblems.clear();
        previewAbout.set("");
    }

    /** Asks for a folder for the form's folder source. */
    public void browseFolder() {
        SourceForm open = form.get();
        if (open != null) {
            dialogs.chooseFolder("Folder that exports are dropped into")
                    .ifPresent(folder -> open.folderProperty().set(folder.toString()));
        }
    }

    /** Asks for a password file (PostgreSQL's .pgpass form) for the form's query source. */
    public void browsePasswordFile() {
        SourceForm open = form.get();
        if (open != null) {
            List<Path> chosen = dialogs.chooseFiles("Password file (.pgpass form)");
            if (!chosen.isEmpty()) {
                open.passwordFileProperty().set(chosen.get(0).toString());
            }
        }
    }

    /** Asks for a mapping profile file and keeps its JSON in the form's definition. */
    public void chooseMapping() {
        SourceForm open = form.get();
        if (open == null) {
            return;
        }
        dialogs.chooseMapping("Mapping profile of the source").ifPresent(file ->
                start("Reading " + file.getFileName(), job -> JSON.readTree(Files.readString(file)), json -> {
                    open.useMapping(json, file.toString());
                    status.set("Read the mapping profile " + file.getFileName() + ".");
                }, null, null));
    }

    /** Saves the form's source, new or changed, and closes the form. */
    public void save() {
        SourceForm open = form.get();
        Workspace target = workspace.getValue();
        if (open == null || target == null) {
            return;
        }
        open.showAll();
        if (!open.validProperty().get()) {
            return;
        }
        String name = open.name();
        SourceDefinition definition = open.definition();
        java.time.Duration every = open.every();
        start("Saving the source " + name, job -> {
            target.saveSource(name, definition, every);
            return target.sources();
        }, read -> {
            form.set(null);
            showSources(read, name);
            status.set("Saved the source " + name + ".");
        }, null, null);
    }

    /** Removes the selected source once the user confirms; its sync log stays. */
    public void remove() {
        Source source = selected.get();
        Workspace target = workspace.getValue();
        if (source == null || target == null || !dialogs.confirm("Remove the source " + source.name(),
                "Remove the source " + source.name() + " (" + source.where() + ")? What it imported stays, and so"
                        + " does its sync log.")) {
            return;
        }
        start("Removing the source " + source.name(), job -> {
            target.removeSource(source.name());
            return target.sources();
        }, read -> {
            showSources(read, null);
            status.set("Removed the source " + source.name() + ".");
        }, null, null);
    }

    /** Tries the form's definition while the form is open, else the selected source's, without importing. */
    public void test() {
        Target what = target();
        Workspace db = workspace.getValue();
        if (what == null || db == null) {
            return;
        }
        answer.set("");
        start("Testing " + what.name(), j -> db.testSource(what.name(), what.definition()), line -> {
            answerFailed.set(false);
            answer.set(line);
        }, error -> {
            finish("Test failed");
            answerFailed.set(true);
            answer.set(message(error));
        }, null);
    }

    /** Reads the first rows the form's (or the selected) source would import, through its mapping. */
    public void preview() {
        Target what = target();
        Workspace db = workspace.getValue();
        if (what == null || db == null) {
            return;
        }
        previews.clear();
        previewProblems.clear();
        previewAbout.set("");
        record Read(List<BundleImporter.Preview> previews, List<ImportProblem> problems) {
        }
        start("Previewing " + what.name(), j -> {
            List<ImportProblem> problems = new ArrayList<>();
            List<BundleImporter.Preview> read = db.previewSource(what.name(), what.definition(), PREVIEW_ROWS, problems);
            return new Read(read, problems);
        }, read -> {
            previews.setAll(read.previews());
            previewProblems.setAll(read.problems());
            previewAbout.set(read.previews().isEmpty() ? what.name() + " has nothing to import."
                    : String.format("%s: the first rows of %d %s as the import reads them%s", what.name(),
                    read.previews().size(), read.previews().size() == 1 ? "file" : "files",
                    read.problems().isEmpty() ? "." : String.format("; %d %s.", read.problems().size(),
                            read.problems().size() == 1 ? "problem" : "problems")));
        }, error -> {
            finish("Preview failed");
            previewAbout.set("Preview failed: " + message(error));
            previewProblems.clear();
        }, null);
    }

    /** Syncs the selected source. */
    public void syncSelected() {
        Source source = selected.get();
        if (source != null) {
            sync(List.of(source.name()), "Syncing " + source.name());
        }
    }

    /** Syncs every source. */
    public void syncAll() {
        sync(sources.stream().map(Source::name).toList(), "Syncing every source");
    }

    /**
     * Starts a sync of the sources whose schedule says they are due, unless a sync or other work is under way (then
     * the next look tries again). Called by the schedule every half minute, on the FX thread.
     */
    public void syncDue() {
        updateSchedule();
        if (busy.get() || otherWork.get() || workspace.getValue() == null) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<String> due = sources.stream()
                .filter(s -> nextSync(s).map(at -> !at.isAfter(now)).orElse(false))
                .map(Source::name).toList();
        if (!due.isEmpty()) {
            sync(due, "Scheduled sync of " + String.join(", ", due));
        }
    }

    /** Asks the sync (or other work) under way to stop where it next polls. */
    public void cancel() {
        BackgroundJob<?> job = running;
        if (job != null) {
            job.cancel();
            status.set("Cancelling…");
        }
    }

    // Work

    private record Target(String name, SourceDefinition definition) {
    }

    private Target target() {
        SourceForm open = form.get();
        if (open != null) {
            open.showAll();
            return open.validProperty().get() ? new Target(open.name(), open.definition()) : null;
        }
        Source source = selected.get();
        return source == null ? null : new Target(source.name(), source.definition());
    }

    private record Synced(SyncReport report, List<Source> sources, List<Source.SyncLine> log) {
    }

    private void sync(List<String> names, String what) {
        Workspace target = workspace.getValue();
        if (busy.get() || target == null || names.isEmpty()) {
            return;
        }
        String shown = selected.get() == null ? null : selected.get().name();
        results.clear();
        resultsFailed.set(false);
        syncing.set(true);
        start(what, j -> {
            SyncReport report = target.syncNamed(names, j);
            if (report.anyImported()) {
                j.update("Keeping the scores before each new churn and renewal", -1);
                target.freezeOutcomes();
            }
            return new Synced(report, target.sources(), shown == null ? List.of() : target.syncLog(shown, LOG_LINES));
        }, synced -> {
            syncing.set(false);
            SyncReport report = synced.report();
            results.setAll(report.sources().stream().map(SyncReport.SourceResult::line).toList());
            if (report.alerts() != null && !report.alerts().created().isEmpty()) {
                results.add(report.alerts().created().size() + " new " + (report.alerts().created().size() == 1
                        ? "alert" : "alerts") + " in all");
            }
            resultsFailed.set(report.anyFailed());
            showSources(synced.sources(), shown);
            log.setAll(synced.log());
            status.set(report.cancelled() ? "Sync cancelled." : report.anyFailed() ? "Synced; a source failed."
                    : String.format("Synced in %.1f s.", report.elapsed().toMillis() / 1000.0));
            if (report.anyImported()) {
                imports.set(imports.get() + 1);
            }
        }, error -> {
            syncing.set(false);
            finish("Sync failed");
            resultsFailed.set(true);
            results.setAll("The sync failed: " + message(error));
            reload();
        }, () -> {
            syncing.set(false);
            finish("Cancelled; nothing was imported.");
            reload();
        });
    }

    private void showSources(List<Source> read, String keep) {
        sources.setAll(read);
        Source again = keep == null ? null : read.stream().filter(s -> s.name().equals(keep)).findFirst().orElse(null);
        if (again == null && !read.isEmpty() && keep == null && selected.get() == null) {
            again = read.get(0);
        }
        selected.set(again);
        updateSchedule();
    }

    private void readLog(Source source) {
        Workspace target = workspace.getValue();
        if (source == null || target == null) {
            log.clear();
            return;
        }
        read(job -> target.syncLog(source.name(), LOG_LINES), lines -> {
            if (selected.get() != null && selected.get().name().equals(source.name())) {
                log.setAll(lines);
            }
        });
    }

    private void updateSchedule() {
        Source next = sources.stream().filter(s -> s.every() != null)
                .min(Comparator.comparing(s -> nextSync(s).orElseThrow())).orElse(null);
        if (next == null) {
            schedule.set(sources.isEmpty() ? "" : "No source has a schedule; sync them with Sync now.");
            return;
        }
        OffsetDateTime at = nextSync(next).orElseThrow();
        schedule.set(at.isAfter(OffsetDateTime.now(clock))
                ? "Next scheduled sync: " + next.name() + " at " + at.atZoneSameInstant(clock.getZone()).format(HOUR)
                : "Scheduled sync of " + next.name() + " is due now");
    }

    /** A quick read that leaves the screen usable: no progress bar, no busy state; a failure goes to the status. */
    private <T> void read(BackgroundJob.Work<T> work, Consumer<T> onSuccess) {
        new BackgroundJob<T>(fx)
                .onSucceeded(onSuccess)
                .onFailed(error -> status.set("Reading the sources failed: " + message(error)))
                .start(background, work);
    }

    /**
     * Work with the screen busy (one piece at a time) until it ends. A failure is shown in a dialog and a cancel in
     * the status, unless {@code onFailed} / {@code onCancelled} (when not null) say otherwise.
     */
    private <T> void start(String what, BackgroundJob.Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailed,
                           Runnable onCancelled) {
        BackgroundJob<T> job = new BackgroundJob<>(fx);
        running = job;
        busy.set(true);
        progress.set(-1);
        status.set(what + "…");
        job.onProgress((step, fraction) -> {
                    if (running == job) {
                        status.set(step);
                        progress.set(fraction);
                    }
                })
                .onSucceeded(result -> {
                    finish("Ready");
                    onSuccess.accept(result);
                })
                .onCancelled(onCancelled != null ? onCancelled : () -> finish("Cancelled."))
                .onFailed(onFailed != null ? onFailed : error -> {
                    finish("Failed");
                    dialogs.showError(what + " failed", message(error));
                })
                .start(background, work);
    }

    private void finish(String message) {
        running = null;
        busy.set(false);
        progress.set(0);
        status.set(message);
    }

    private static String message(Throwable error) {
        return error.getMessage() == null ? error.toString() : error.getMessage();
    }

    /** "today 10:00", or "2026-01-02 10:00", in the machine's zone. */
    static String when(OffsetDateTime at) {
        if (at == null) {
            return "";
        }
        java.time.ZonedDateTime local = at.atZoneSameInstant(ZoneId.systemDefault());
        return local.toLocalDate().equals(java.time.LocalDate.now(ZoneId.systemDefault()))
                ? "today " + local.format(HOUR) : local.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
    }

    Set<String> names() {
        return sources.stream().map(Source::name).collect(Collectors.toSet());
    }
}
