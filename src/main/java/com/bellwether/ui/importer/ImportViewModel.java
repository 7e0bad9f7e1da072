package com.bellwether.ui.importer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import javafx.application.Platform;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import com.bellwether.ingest.BundleEntity;
import com.bellwether.ingest.BundleImporter;
import com.bellwether.ingest.ImportCancelledException;
import com.bellwether.ingest.ImportProblem;
import com.bellwether.ingest.ImportReport;
import com.bellwether.ingest.MappingProfile;
import com.bellwether.app.DatabaseInfo;
import com.bellwether.app.ImportRun;
import com.bellwether.app.Workspace;
import com.bellwether.app.BackgroundJob;
import com.bellwether.ui.Dialogs;

/**
 * The import screen's state and commands: a source (a folder or files) previewed, read as the bundle format or
 * through a mapping profile that can be edited and saved, checked or imported on the background executor.
 *
 * <p>The database is an observable value because the workbench opens it in the background: pass the data
 * screen's {@code databaseProperty()}; Check and Import stay disabled until it is set. Work started on the FX
 * thread hands its results back to it; a same-thread executor (tests) gets them at once, no toolkit needed.
 */
public final class ImportViewModel {

    /** What the last Check or Import came to, for the view to show the right part. */
    public enum Outcome { NONE, CHECK_PASSED, PROBLEMS, IMPORTED, FAILED }

    private final ObservableValue<Workspace> workspace;
    private final Executor background;
    private final Dialogs dialogs;
    private volatile BackgroundJob<?> running;
    private final Thread owner = Thread.currentThread();

    // Properties
    private final ObservableList<Path> sources = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper sourceIsFolder = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper sourceText = new ReadOnlyStringWrapper("Choose a folder or files to import.");
    private final ObservableList<FilePreview> previews = FXCollections.observableArrayList();
    private final ObservableList<ProfileChoice> profiles = FXCollections.observableArrayList();
    private final ObjectProperty<ProfileChoice> profile = new SimpleObjectProperty<>(this, "profile", ProfileChoice.BUNDLE_FORMAT);
    private final ObservableList<EntityMappingDraft> entities = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper mappingEditable = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<MappingProfile> mapping = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper mappingProblem = new ReadOnlyStringWrapper("");
    private final ObservableList<ImportProblem> problems = FXCollections.observableArrayList();
    private final ObservableList<ImportRun.FileCount> fileCounts = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Outcome> outcome = new ReadOnlyObjectWrapper<>(Outcome.NONE);
    private final ReadOnlyStringWrapper outcomeText = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<DatabaseInfo> imported = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final BooleanBinding canRun;

    // Read-only faces, made once: a listener added to one lives as long as the face does.
    private final ObservableList<Path> sourcesView = FXCollections.unmodifiableObservableList(sources);
    private final ObservableList<FilePreview> previewsView = FXCollections.unmodifiableObservableList(previews);
    private final ObservableList<ProfileChoice> profilesView = FXCollections.unmodifiableObservableList(profiles);
    private final ObservableList<EntityMappingDraft> entitiesView = FXCollections.unmodifiableObservableList(entities);
    private final ObservableList<ImportProblem> problemsView = FXCollections.unmodifiableObservableList(problems);
    private final ObservableList<ImportRun.FileCount> fileCountsView = FXCollections.unmodifiableObservableList(fileCounts);

    /** Profiles read so far (shipped ones are read when first chosen); edits live in the drafts. */
    /** The shipped profiles read so far; an opened profile travels in its choice. */
    private final Map<ProfileChoice, MappingProfile> readProfiles = new HashMap<>();

    /**
     * @param workspace  the workspace to import into; may be empty until the workbench has opened it
     * @param background runs file reading, checking and importing
     * @param dialogs    the file choosers and error messages
     */
    public ImportViewModel(ObservableValue<Workspace> workspace, Executor background, Dialogs dialogs) {
        this.workspace = workspace;
        this.background = background;
        this.dialogs = dialogs;
        profiles.add(ProfileChoice.BUNDLE_FORMAT);
        profiles.addAll(MappingProfiles.SHIPPED);
        profiles.add(ProfileChoice.NEW);
        profile.addListener((o, old, now) -> profileChosen(now == null ? ProfileChoice.BUNDLE_FORMAT : now));
        canRun = Bindings.createBooleanBinding(() -> !busy.get() && !sources.isEmpty() && workspace.getValue() != null
                        && (!profile.get().isMapping() || mapping.get() != null && mappingFolder() != null),
                busy, sources, sourceIsFolder, workspace, profile, mapping);
    }

    /** For a database that is already open. */
    public ImportViewModel(Workspace workspace, Executor background, Dialogs dialogs) {
        this(new ReadOnlyObjectWrapper<>(workspace), background, dialogs);
    }

    /** The chosen folder, or the chosen files. */
    public ObservableList<Path> sources() {
        return sourcesView;
    }

    public ReadOnlyStringProperty sourceTextProperty() {
        return sourceText.getReadOnlyProperty();
    }

    /** The header and first rows of every CSV file of the source. */
    public ObservableList<FilePreview> previews() {
        return previewsView;
    }

    /** The bundle format, the shipped profiles, a new profile, and the profiles opened from files. */
    public ObservableList<ProfileChoice> profiles() {
        return profilesView;
    }

    /** The chosen profile; setting it reads a shipped profile if need be and shows its mapping. */
    public ObjectProperty<ProfileChoice> profileProperty() {
        return profile;
    }

    /**
     * Per entity, the file and field sources: for the bundle format the files found by name (read-only), for a
     * profile every entity (one with no file is not imported).
     */
    public ObservableList<EntityMappingDraft> entities() {
        return entitiesView;
    }

    public ReadOnlyBooleanProperty mappingEditableProperty() {
        return mappingEditable.getReadOnlyProperty();
    }

    /** The profile Check and Import use, edits applied; null for the bundle format or when no entity is read. */
    public ReadOnlyObjectProperty<MappingProfile> mappingProperty() {
        return mapping.getReadOnlyProperty();
    }

    /** What the last Check or Import found: file, line, column, field, value, expected. */
    public ObservableList<ImportProblem> problems() {
        return problemsView;
    }

    /** Per file, the rows read and the records written (or, after a Check, that would be written). */
    public ObservableList<ImportRun.FileCount> fileCounts() {
        return fileCountsView;
    }

    public ReadOnlyObjectProperty<Outcome> outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    /** One or two sentences on the last Check or Import. */
    public ReadOnlyStringProperty outcomeTextProperty() {
        return outcomeText.getReadOnlyProperty();
    }

    /**
     * The database's summary after each successful import (never after a Check or a failure), so the workbench
     * can score the portfolio again and refresh the data screen. Each import records a run, so each value
     * differs from the one before and change listeners fire.
     */
    public ReadOnlyObjectProperty<DatabaseInfo> importedProperty() {
        return imported.getReadOnlyProperty();
    }

    /** Why the edited mapping cannot be used (a date pattern or value map that does not read), or empty. */
    public ReadOnlyStringProperty mappingProblemProperty() {
        return mappingProblem.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** 0 to 1, or negative while unknown. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** True when Check and Import can act: a source, an open database, a usable mapping, nothing running. */
    public BooleanBinding canRunBinding() {
        return canRun;
    }

    // Commands

    public void chooseFolder() {
        dialogs.chooseFolder("Folder to import").ifPresent(folder -> useSource(List.of(folder), true));
    }

    public void chooseFiles() {
        List<Path> files = dialogs.chooseFiles("Files to import");
        if (!files.isEmpty()) {
            useSource(files, false);
        }
    }

    /** Uses a folder or files and reads their previews in the background. */
    public void useSource(List<Path> chosen, boolean folder) {
        sources.setAll(chosen);
        sourceIsFolder.set(folder);
        sourceText.set(chosen.size() == 1 ? chosen.get(0).toString()
                : chosen.size() + " files in " + chosen.get(0).toAbsolutePath().getParent());
        clearOutcome();
        List<Path> snapshot = List.copyOf(chosen);
        run("Reading " + (folder ? chosen.get(0).getFileName() : chosen.size() + " files"), job -> {
            List<FilePreview> read = new ArrayList<>();
            for (Path file : FilePreview.csvFiles(snapshot)) {
                if (job.isCancelled()) {
                    throw new ImportCancelledException();
                }
                job.update("Reading " + file.getFileName(), -1);
                read.add(FilePreview.read(file, FilePreview.ROWS));
            }
            return read;
        }, read -> {
            previews.setAll(read);
            rebuildDrafts(currentProfile());
            status.set(describePreviews());
        });
    }

    /** Asks for a profile file, reads and checks it, and chooses it. */
    public void openProfile() {
        dialogs.chooseMapping("Mapping profile to open").ifPresent(file ->
                run("Opening " + file.getFileName(), job -> MappingProfile.read(file), read -> {
                    ProfileChoice choice = ProfileChoice.opened(file, read);
                    profiles.removeIf(p -> p.kind() == ProfileChoice.Kind.OPENED && file.equals(p.file()));
                    profiles.add(choice);
                    profile.set(choice);
                    status.set("Opened the profile " + read.name() + ".");
                }));
    }

    /** Writes the profile in use, edits included, as JSON that Open profile… and the command line read. */
    public void saveProfile() {
        MappingProfile current = mapping.get();
        if (current == null) {
            return;
        }
        dialogs.chooseSaveFile("Save mapping profile", current.name() + ".json").ifPresent(file ->
                run("Saving " + file.getFileName(), job -> {
                    MappingProfiles.write(current, file);
                    return file;
                }, saved -> status.set("Saved the profile " + current.name() + " to " + saved + ".")));
    }

    /** Reads and checks the source without writing anything. */
    public void check() {
        start(true);
    }

    /** Reads, checks and, only when nothing is wrong, writes the source in one transaction. */
    public void importNow() {
        start(false);
    }

    public void cancel() {
        BackgroundJob<?> job = running;
        if (job != null) {
            job.cancel();
            status.set("Cancelling…");
        }
    }

    // Work

    private void start(boolean checkOnly) {
        if (!canRun.get()) {
            return;
        }
        Workspace target = workspace.getValue();
        BundleImporter.Request request = request();
        clearOutcome();
        run((checkOnly ? "Checking " : "Importing ") + describeSource(), job -> {
            ImportReport report = checkOnly ? target.checkBundle(request, job) : target.importBundle(request, job);
            if (!checkOnly && report.succeeded()) {
                // Outcomes just imported keep the score they had the day before, for later review.
                job.update("Keeping the scores before each new churn and renewal", -1);
                target.freezeOutcomes();
            }
            DatabaseInfo after = !checkOnly && report.succeeded() ? target.info(0) : null;
            return new Finished(report, after);
        }, finished -> show(finished, checkOnly));
    }

    private BundleImporter.Request request() {
        MappingProfile profileInUse = mapping.get();
        if (!profile.get().isMapping() || profileInUse == null) {
            return new BundleImporter.Request(List.copyOf(sources), null, null, null);
        }
        return new BundleImporter.Request(List.of(mappingFolder()), profileInUse, MappingProfiles.json(profileInUse), null);
    }

    /** A profile names files of one folder: the chosen folder, or the one folder all chosen files are in. */
    private Path mappingFolder() {
        if (sources.isEmpty()) {
            return null;
        }
        if (sourceIsFolder.get()) {
            return sources.get(0);
        }
        Path parent = sources.get(0).toAbsolutePath().getParent();
        return sources.stream().allMatch(p -> parent.equals(p.toAbsolutePath().getParent())) ? parent : null;
    }

    private void show(Finished finished, boolean checkOnly) {
        ImportReport report = finished.report();
        if (report.succeeded()) {
            fileCounts.setAll(ImportRun.filesOf(report));
        }
        long records = report.written().values().stream().mapToLong(Long::longValue).sum();
        String files = report.files().size() + " file" + (report.files().size() == 1 ? "" : "s");
        if (!report.succeeded()) {
            problems.setAll(report.problems());
            StringBuilder text = new StringBuilder(String.format("%s: %,d problem%s found.",
                    checkOnly ? "The check found problems" : "Nothing was imported", report.problemCount(),
                    report.problemCount() == 1 ? "" : "s"));
            report.omittedPerFile().forEach((file, count) ->
                    text.append(String.format(" The first 100 of %s are listed, %,d more are not.", file, count)));
            outcomeText.set(text.toString());
            outcome.set(Outcome.PROBLEMS);
            status.set(checkOnly ? "Checked; problems found." : "Nothing was imported; the database is unchanged.");
        } else if (checkOnly) {
            outcomeText.set(String.format("No problems: %,d records from %s would be imported. Nothing was written.",
                    records, files));
            outcome.set(Outcome.CHECK_PASSED);
            status.set(String.format("Checked in %.1f s.", seconds(report.checking())));
        } else {
            outcomeText.set(String.format("Imported %,d records from %s in %.1f s (import run %d).", records, files,
                    seconds(report.elapsed()), report.runId()));
            outcome.set(Outcome.IMPORTED);
            status.set("Imported.");
            imported.set(finished.summary());
        }
    }

    private static double seconds(java.time.Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private void clearOutcome() {
        problems.clear();
        fileCounts.clear();
        outcomeText.set("");
        outcome.set(Outcome.NONE);
    }

    // Profiles and drafts

    private void profileChosen(ProfileChoice choice) {
        clearOutcome();
        if (choice.kind() != ProfileChoice.Kind.SHIPPED || readProfiles.containsKey(choice)) {
            rebuildDrafts(profileOf(choice));
            return;
        }
        run("Reading the profile " + choice.label(), job -> MappingProfiles.readShipped(choice.resource()), read -> {
            readProfiles.put(choice, read);
            if (profile.get() == choice) {
                rebuildDrafts(read);
            }
            status.set("Using the profile " + read.name() + ".");
        });
    }

    private MappingProfile profileOf(ProfileChoice choice) {
        return switch (choice.kind()) {
            case BUNDLE_FORMAT -> null;
            case NEW -> new MappingProfile("custom", null, Map.of());
            case SHIPPED -> readProfiles.get(choice);
            case OPENED -> choice.profile();
        };
    }

    /**
     * The profile in use with its edits (the last that could be used while an edit cannot), or the chosen one as read
     * when none is built yet.
     */
    private MappingProfile currentProfile() {
        return lastUsable != null ? lastUsable : profileOf(profile.get());
    }

    /** The profile with the edits as last built without a problem, kept through an edit that cannot be used. */
    private MappingProfile lastUsable;

    /** Shows a profile's mapping over the files of the source; null shows the bundle format. */
    private void rebuildDrafts(MappingProfile base) {
        lastUsable = null;
        Map<String, List<String>> columns = new LinkedHashMap<>();
        previews.forEach(p -> columns.putIfAbsent(p.file(), p.columns()));
        java.util.function.Function<String, List<String>> columnsOf = file -> columns.getOrDefault(file, List.of());
        List<EntityMappingDraft> drafts = new ArrayList<>();
        boolean isMapping = profile.get().isMapping();
        for (BundleEntity entity : BundleEntity.values()) {
            String canonicalFile = columns.keySet().stream()
                    .filter(f -> BundleEntity.forFileName(f).orElse(null) == entity).findFirst().orElse("");
            if (!isMapping) {
                if (!canonicalFile.isEmpty()) {
                    drafts.add(new EntityMappingDraft(entity, null, canonicalFile, columnsOf));
                }
            } else if (base != null && base.entities().containsKey(entity.key())) {
                MappingProfile.EntityMapping read = base.entities().get(entity.key());
                drafts.add(new EntityMappingDraft(entity, read, read.file(), columnsOf));
            } else {
                // A new profile starts from the files named after an entity.
                boolean seed = profile.get().kind() == ProfileChoice.Kind.NEW && (base == null || base.entities().isEmpty());
                drafts.add(new EntityMappingDraft(entity, null, seed ? canonicalFile : "", columnsOf));
            }
        }
        for (EntityMappingDraft draft : drafts) {
            List<Observable> edits = new ArrayList<>(List.of(draft.fileProperty()));
            draft.fields().forEach(f -> {
                edits.add(f.sourceColumnProperty());
                edits.add(f.constantProperty());
                edits.add(f.datePatternProperty());
                edits.add(f.valueMapProperty());
            });
            edits.forEach(edit -> edit.addListener(o -> useEdits(base)));
        }
        entities.setAll(drafts);
        mappingEditable.set(isMapping);
        if (isMapping) {
            useEdits(base);
        } else {
            mapping.set(null);
            mappingProblem.set("");
        }
    }

    /** The profile with the edits, or none and the reason while an edit cannot be used. */
    private void useEdits(MappingProfile base) {
        try {
            MappingProfile built = build(base);
            lastUsable = built;
            mappingProblem.set(built == null && sources.size() > 0
                    ? "No entity is read yet: choose, on an entity's tab, the file it is read from." : "");
            mapping.set(built);
        } catch (MappingProfile.InvalidMappingException e) {
            mapping.set(null);
            mappingProblem.set(e.getMessage());
        }
    }

    private MappingProfile build(MappingProfile base) {
        Map<String, MappingProfile.EntityMapping> read = new LinkedHashMap<>();
        for (EntityMappingDraft draft : entities) {
            MappingProfile.EntityMapping entity = draft.toMapping();
            if (entity != null) {
                read.put(draft.entity().key(), entity);
            }
        }
        if (read.isEmpty()) {
            return null;
        }
        // An entity read a second time ("outcomes:expansions") has no tab of its own: it is kept as the profile has it.
        if (base != null) {
            base.entities().forEach((key, mapping) -> {
                if (key.contains(":")) {
                    read.put(key, mapping);
                }
            });
        }
        return new MappingProfile(base == null || base.name() == null ? "custom" : base.name(),
                base == null ? null : base.description(), read);
    }

    private String describePreviews() {
        if (previews.isEmpty()) {
            return "No CSV file to preview.";
        }
        String read = previews.size() + " CSV file" + (previews.size() == 1 ? "" : "s") + " read.";
        boolean named = previews.stream().anyMatch(p -> BundleEntity.forFileName(p.file()).isPresent());
        if (!profile.get().isMapping() && !named) {
            return read + " None is named after a bundle entity (accounts.csv, usage.csv, …): choose a mapping profile.";
        }
        return read;
    }

    private String describeSource() {
        return sourceIsFolder.get() ? String.valueOf(sources.get(0).getFileName()) : sources.size() + " files";
    }

    // Background work

    private record Finished(ImportReport report, DatabaseInfo summary) {
    }

    private <T> void run(String what, BackgroundJob.Work<T> work, Consumer<T> onSuccess) {
        BackgroundJob<T> job = new BackgroundJob<>(this::onOwner);
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
                .onCancelled(() -> finish("Cancelled; nothing was changed."))
                .onFailed(e -> failed(what, e))
                .start(background, work);
    }

    /** Back on the thread that made this view model (the FX thread; a test's own thread), at once when already there. */
    private void onOwner(Runnable action) {
        if (Thread.currentThread() == owner) {
            action.run();
        } else {
            Platform.runLater(action);
        }
    }

    private void failed(String what, Throwable error) {
        finish("Failed");
        outcome.set(Outcome.FAILED);
        String message = error instanceof MappingProfile.InvalidMappingException
                ? "Invalid mapping profile: " + error.getMessage() : String.valueOf(error.getMessage());
        outcomeText.set(message);
        dialogs.showError(what + " failed", message);
    }

    private void finish(String message) {
        running = null;
        busy.set(false);
        progress.set(0);
        status.set(message);
    }
}
