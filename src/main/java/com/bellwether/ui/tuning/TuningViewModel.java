package com.bellwether.ui.tuning;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

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
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;

import com.bellwether.backtest.BacktestFrame;
import com.bellwether.backtest.BacktestSettings;
import com.bellwether.backtest.Suggestions;
import com.bellwether.scoring.Band;
import com.bellwether.scoring.HealthModel;
import com.bellwether.scoring.ModelDiff;
import com.bellwether.scoring.Portfolio;
import com.bellwether.scoring.ScoreGrid;
import com.bellwether.app.ActivationImpact;
import com.bellwether.app.ModelVersion;
import com.bellwether.app.Workspace;
import com.bellwether.app.BackgroundJob;

/**
 * CS ops' live what-if: a draft of the active model edited weight by weight, cut-off by cut-off and measure by
 * measure, with the portfolio and the backtest re-scored under the draft after every edit and compared with a saved
 * version. Edits are undoable; the draft becomes a new model version only when saved.
 */
public final class TuningViewModel {

    /** The scope "" edits the model's own weights and cut-offs; a stage id edits that stage's overrides. */
    public static final String MODEL_SCOPE = "";
    public static final int BINS = 20;

    /** One account whose band differs between the compared version and the draft. */
    public record BandChange(String accountId, String name, Band from, Band to, double before, double after) {
    }

    /** Everything the screen repaints after an edit. */
    public record Preview(HealthModel model, long[][] histogram, long[] accounts, double[] arr,
                          BacktestFrame.Headline headline, BacktestFrame.Headline compared, List<BandChange> changes,
                          String changeSummary, List<String> modelChanges, long computeNanos, long requestedAt) {
    }

    /** A suggestion waiting for the user's confirmation. */
    public record Proposal(String title, String details, HealthModel model) {
    }

    /** A version just saved, and every version after it. */
    private record SavedVersion(ModelVersion version, List<ModelVersion> all) {
    }

    /** A draft to preview against a version, and when the edit was made. */
    private record PreviewRequest(HealthModel model, ModelVersion against, long requestedAt) {
    }

    /** A version's scores now and its backtest headline, on the loaded portfolio. */
    private record Compared(ModelVersion version, ScoreGrid now, BacktestFrame.Headline headline, ScoreGrid base) {
    }

    /** What loading computes once: the scores as of the portfolio's date and the backtest frame, both re-aggregated on edits. */
    private record Loaded(List<ModelVersion> versions, ModelVersion active, ScoreGrid now, BacktestFrame frame) {
    }

    private final Executor background;
    private final Executor previews;
    /** The previews' buffers: previews are worked out one at a time, the newest request winning. */
    private final BacktestFrame.Scratch headlineScratch = new BacktestFrame.Scratch();
    private final Executor fx;

    // Properties
    private final ReadOnlyObjectWrapper<HealthModel> draft = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ModelVersion> saved = new ReadOnlyObjectWrapper<>();
    private final ObjectProperty<ModelVersion> compareWith = new SimpleObjectProperty<>();
    private final ObservableList<ModelVersion> versions = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Preview> preview = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Proposal> proposal = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(-1);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final StringProperty scope = new SimpleStringProperty(MODEL_SCOPE);
    private final ObservableSet<String> locked = FXCollections.observableSet();
    private final ReadOnlyObjectWrapper<String> openRequest = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ModelVersion> savedVersion = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<BacktestFrame.Headline> savedHeadline = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ActivationImpact> activation = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper activationError = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper weightRefusal = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper();

    private final Deque<HealthModel> undo = new ArrayDeque<>();
    private final Deque<HealthModel> redo = new ArrayDeque<>();
    private final AtomicReference<PreviewRequest> pending = new AtomicReference<>();
    /** The compared version scored once, not again on every move; dropped when the portfolio is loaded again. */
    private volatile Compared compared;
    private final AtomicBoolean computing = new AtomicBoolean();
    /** The active version's model, parsed once: every edit compares the draft with it. */
    private HealthModel savedModel;
    /** The draft as last saved as a version (not made active): a draft equal to it has nothing unsaved. */
    private HealthModel lastSaved;
    private volatile Workspace workspace;
    /** The scores now and the backtest frame of one load, replaced together so a preview never mixes two loads. */
    private record Workset(ScoreGrid now, BacktestFrame frame) {
    }

    private volatile Workset workset;
    /** Set while the version list is replaced: a combo box showing it clears and restores its choice meanwhile. */
    private boolean replacingVersions;
    private volatile Portfolio portfolio;
    /** The date the portfolio was scored as of: what activating a version is measured at. */
    private volatile LocalDate asOf;
    private volatile BackgroundJob<?> running;
    /** The draft before the slider drag now under way, so that one drag is one undo step. */
    private HealthModel dragStart;

    /**
     * @param background long work: loading, saving, suggestions
     * @param previews   the re-scoring after an edit, apart so that a suggestion running never delays a repaint
     * @param fx         where results are published (Platform::runLater; tests: Runnable::run)
     */
    public TuningViewModel(Executor background, Executor previews, Executor fx) {
        this.background = background;
        this.previews = previews;
        this.fx = fx;
        compareWith.addListener((o, old, version) -> {
            if (draft.get() != null && !replacingVersions && version != null) {
                requestPreview(draft.get());
            }
        });
    }

    // Properties

    public ReadOnlyObjectProperty<HealthModel> draftProperty() {
        return draft.getReadOnlyProperty();
    }

    /** The active version, which the draft started from. */
    public ReadOnlyObjectProperty<ModelVersion> savedProperty() {
        return saved.getReadOnlyProperty();
    }

    /** The version the draft is compared with: the active one unless the user picks another. */
    public ObjectProperty<ModelVersion> compareWithProperty() {
        return compareWith;
    }

    public ObservableList<ModelVersion> versions() {
        return versions;
    }

    public ReadOnlyObjectProperty<Preview> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Proposal> proposalProperty() {
        return proposal.getReadOnlyProperty();
    }

    /** Whether the draft differs from the active version. */
    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** The long task's progress, -1 when it cannot tell. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public StringProperty scopeProperty() {
        return scope;
    }

    /** Categories whose share stays put when another weight moves. */
    public ObservableSet<String> locked() {
        return locked;
    }

    /** The account the user asked to open from the band-change list. */
    public ReadOnlyObjectProperty<String> openRequestProperty() {
        return openRequest.getReadOnlyProperty();
    }

    /** The version last saved from this screen, for the window to re-score the portfolio under. */
    public ReadOnlyObjectProperty<ModelVersion> savedVersionProperty() {
        return savedVersion.getReadOnlyProperty();
    }

    public Portfolio portfolio() {
        return portfolio;
    }

    /**
     * What activating the version the user picked would change, waiting for the user to confirm or cancel; null when
     * no activation is being asked about.
     */
    public ReadOnlyObjectProperty<ActivationImpact> activationProperty() {
        return activation.getReadOnlyProperty();
    }

    /** Why the last activation (or the working out of its difference) failed; null when it did not. */
    public ReadOnlyStringProperty activationErrorProperty() {
        return activationError.getReadOnlyProperty();
    }

    /** Why the last weight move was refused; null when it was taken. */
    public ReadOnlyStringProperty weightRefusalProperty() {
        return weightRefusal.getReadOnlyProperty();
    }

    /** Whether the status line tells of a failure. */
    public ReadOnlyBooleanProperty failedProperty() {
        return failed.getReadOnlyProperty();
    }

    /** The backtest headline of the active version. */
    public ReadOnlyObjectProperty<BacktestFrame.Headline> savedHeadlineProperty() {
        return savedHeadline.getReadOnlyProperty();
    }

    /** The backtest's horizon in days. */
    public int horizonDays() {
        Workset w = workset;
        return w == null ? BacktestSettings.defaults().horizonDays() : w.frame().settings().horizonDays();
    }

    // Reading the draft

    /** The category weights in the current scope as percentages of their sum, in the model's category order. */
    public double[] percentages() {
        return percentages(draft.get(), scope.get());
    }

    static double[] percentages(HealthModel model, String scope) {
        double[] weights = scope.isEmpty() ? model.categories().stream().mapToDouble(HealthModel.Category::weight).toArray()
                : model.categoryWeights(scope);
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        double[] shares = new double[weights.length];
        for (int i = 0; i < weights.length; i++) {
            shares[i] = sum == 0 ? 0 : 100 * weights[i] / sum;
        }
        return shares;
    }

    /** Whether the category's weight in the current stage comes from the model rather than the stage. */
    public boolean inherits(String category) {
        if (scope.get().isEmpty()) {
            return false;
        }
        HealthModel.Stage stage = draft.get().stage(scope.get());
        return stage == null || stage.weights() == null || !stage.weights().containsKey(category);
    }

    /** Whether the current stage takes its cut-offs from the model. */
    public boolean inheritsBands() {
        if (scope.get().isEmpty()) {
            return false;
        }
        HealthModel.Stage stage = draft.get().stage(scope.get());
        return stage == null || stage.bands() == null;
    }

    public HealthModel.Bands bands() {
        return scope.get().isEmpty() ? draft.get().bands() : draft.get().bands(scope.get());
    }

    /** The measure's weight as a percentage of the weights of its category's measures in the draft (0 when all weigh 0). */
    public double measureShare(String measureId) {
        HealthModel model = draft.get();
        HealthModel.Measure m = measure(model, measureId);
        double sum = model.measures().stream().filter(x -> x.category().equals(m.category()))
                .mapToDouble(HealthModel.Measure::weightOrOne).sum();
        return sum == 0 ? 0 : 100 * m.weightOrOne() / sum;
    }

    public boolean measureEnabled(String measureId) {
        return measure(draft.get(), measureId).weightOrOne() > 0;
    }

    /** What changed from one saved version to another, as sentences (the same diff as `models diff A B`). */
    public static List<String> diff(ModelVersion from, ModelVersion to) {
        if (from == null || to == null) {
            return List.of();
        }
        return ModelDiff.between(from.model(), to.model()).changes().stream()
                .map(ModelDiff.Change::text).toList();
    }

    // Commands

    /**
     * Reads the model versions (saving the shipped model as version 1 in a database without any), scores the
     * portfolio as of its date and builds the backtest frame, off the FX thread.
     */
    public void load(Workspace opened, Portfolio loaded, LocalDate asOf) {
        this.workspace = opened;
        this.asOf = asOf;
        activation.set(null);
        run("Preparing the what-if", job -> {
            HealthModel active = opened.activeModel();
            job.update("Scoring " + com.bellwether.domain.Plurals.count(loaded.size(), "account") + " as of " + asOf, 0.1);
            int[] all = IntStream.range(0, loaded.size()).toArray();
            ScoreGrid grid = ScoreGrid.compute(active, loaded, all, List.of(asOf), job);
            job.update("Backtesting the saved model", 0.4);
            BacktestFrame built = opened.backtest(active, loaded, BacktestSettings.defaults(), job);
            List<ModelVersion> stored = opened.savedVersions();
            return new Loaded(stored, stored.stream().filter(ModelVersion::active).findFirst().orElseThrow(), grid, built);
        }, loaded2 -> {
            // The data changed under an unsaved draft of the same version (an import, an adjustment): the draft,
            // and its undo history, stay, previewed on the new data.
            boolean keepDraft = dirty.get() && saved.get() != null && saved.get().number() == loaded2.active().number();
            workset = new Workset(loaded2.now(), loaded2.frame());
            portfolio = loaded;
            dragStart = null;
            // The preview is asked for once, by afterEdit, not also by the compared version's change.
            replacingVersions = true;
            versions.setAll(loaded2.versions());
            saved.set(loaded2.active());
            savedModel = loaded2.active().model();
            ModelVersion comparedBefore = compareWith.get();
            if (!keepDraft) {
                undo.clear();
                redo.clear();
                draft.set(savedModel);
            }
            compareWith.set(keepDraft && comparedBefore != null ? versions.stream()
                    .filter(v -> v.number() == comparedBefore.number()).findFirst().orElse(loaded2.active()) : loaded2.active());
            replacingVersions = false;
            afterEdit();
            savedHeadline.set(loaded2.frame().headline());
            status.set(keepDraft ? "The data changed; your unsaved draft of " + loaded2.active().label() + " is kept."
                    : "Editing a draft of " + loaded2.active().label() + ". Nothing changes until you save.");
        });
    }

    /**
     * Moves one category's share of the weights in the current scope to {@code percent}. Locked categories keep
     * theirs; the other unlocked ones share what is left in their present proportions. {@code dragging} edits
     * continue one undo step until a call with {@code dragging} false.
     */
    public void setWeight(String category, double percent, boolean dragging) {
        HealthModel model = draft.get();
        List<HealthModel.Category> categories = model.categories();
        double[] shares = percentages();
        int moved = model.categoryIndex(category);
        double lockedShare = 0;
        double freeShare = 0;
        int free = 0;
        for (int i = 0; i < shares.length; i++) {
            if (i == moved) {
                continue;
            }
            if (locked.contains(categories.get(i).id())) {
                lockedShare += shares[i];
            } else {
                freeShare += shares[i];
                free++;
            }
        }
        double target = Math.max(0, Math.min(100 - lockedShare, percent));
        if (free == 0) {
            target = 100 - lockedShare;
        }
        // What a share gives up goes to the other unlocked categories in proportion to theirs: when they all weigh
        // nothing there is nowhere for it to go, and a score needs at least one weight, so the share stays.
        if (free > 0 && freeShare <= 0 && target < shares[moved]) {
            String label = categories.get(moved).label();
            weightRefusal.set(lockedShare <= 0
                    ? label + " is the only category with any weight, and a score needs at least one: raise another"
                    + " category first, then lower " + label + "."
                    : label + " cannot go lower while every other unlocked category weighs 0: raise or unlock another"
                    + " category first.");
            if (!dragging) {
                edit(model, false);
            }
            return;
        }
        weightRefusal.set(null);
        double rest = 100 - lockedShare - target;
        double[] next = new double[shares.length];
        for (int i = 0; i < shares.length; i++) {
            if (i == moved) {
                next[i] = target;
            } else if (locked.contains(categories.get(i).id())) {
                next[i] = shares[i];
            } else {
                next[i] = freeShare > 0 ? rest * shares[i] / freeShare : rest / free;
            }
        }
        // Tenths of a percent keep the saved JSON readable; the largest free share takes the rounding so the sum stays 100.
        int largestFree = -1;
        double roundedSum = 0;
        for (int i = 0; i < next.length; i++) {
            next[i] = Math.round(next[i] * 10) / 10.0;
            roundedSum += next[i];
            if (i != moved && !locked.contains(categories.get(i).id()) && (largestFree < 0 || next[i] > next[largestFree])) {
                largestFree = i;
            }
        }
        if (largestFree >= 0) {
            next[largestFree] = Math.round((next[largestFree] + 100 - roundedSum) * 10) / 10.0;
        }
        Map<String, Double> weights = new LinkedHashMap<>();
        for (int i = 0; i < next.length; i++) {
            weights.put(categories.get(i).id(), next[i]);
        }
        HealthModel changed;
        if (scope.get().isEmpty()) {
            changed = model.withCategoryWeights(weights);
        } else {
            HealthModel.Stage stage = stageOrNew(model, scope.get());
            changed = model.withStage(new HealthModel.Stage(stage.id(), stage.label(), weights, stage.bands()));
        }
        edit(changed, dragging);
    }

    /** The red and yellow cut-offs in the current scope. */
    public void setBands(double red, double yellow, boolean dragging) {
        double r = Math.round(Math.max(0, Math.min(100, red)) * 2) / 2.0;
        double y = Math.round(Math.max(r, Math.min(100, yellow)) * 2) / 2.0;
        HealthModel model = draft.get();
        HealthModel changed;
        if (scope.get().isEmpty()) {
            changed = model.withBands(new HealthModel.Bands(r, y));
        } else {
            HealthModel.Stage stage = stageOrNew(model, scope.get());
            changed = model.withStage(new HealthModel.Stage(stage.id(), stage.label(), stage.weights(), new HealthModel.Bands(r, y)));
        }
        edit(changed, dragging);
    }

    /** Gives the current stage the model's weights and cut-offs again. */
    public void resetStage() {
        if (scope.get().isEmpty()) {
            return;
        }
        HealthModel.Stage stage = stageOrNew(draft.get(), scope.get());
        edit(draft.get().withStage(new HealthModel.Stage(stage.id(), stage.label(), null, null)), false);
    }

    /** A measure switched off keeps its definition but weighs nothing; switched on it weighs 1 (or what it had when saved). */
    public void setMeasureEnabled(String measureId, boolean enabled) {
        HealthModel.Measure m = measure(draft.get(), measureId);
        double weight = 0;
        if (enabled) {
            HealthModel.Measure before = savedModel == null ? null : find(savedModel, measureId);
            weight = before != null && before.weightOrOne() > 0 ? before.weightOrOne() : 1;
        }
        edit(draft.get().withMeasure(new HealthModel.Measure(m.id(), m.label(), m.category(), m.derive(), m.direction(),
                m.scale(), weight, m.missing(), m.explain())), false);
    }

    /**
     * Replaces a measure's scale points (raw value, score). A scale the model refuses (scores outside 0–100, raw
     * values not rising, scores against the measure's direction) is not applied, and the reason is the status.
     */
    public boolean setScale(String measureId, List<double[]> points) {
        HealthModel.Measure m = measure(draft.get(), measureId);
        HealthModel candidate = draft.get().withMeasure(new HealthModel.Measure(m.id(), m.label(), m.category(),
                m.derive(), m.direction(), List.copyOf(points), m.weight(), m.missing(), m.explain()));
        try {
            HealthModel.parse(candidate.toJson(), "the scale of " + m.label());
        } catch (HealthModel.InvalidModelException e) {
            status.set(e.getMessage());
            return false;
        }
        edit(candidate, false);
        return true;
    }

    public void undo() {
        if (!undo.isEmpty()) {
            redo.push(draft.get());
            draft.set(undo.pop());
            afterEdit();
        }
    }

    public void redo() {
        if (!redo.isEmpty()) {
            undo.push(draft.get());
            draft.set(redo.pop());
            afterEdit();
        }
    }

    /** Back to the active version; undoable. */
    public void revert() {
        if (savedModel != null && dirty.get()) {
            edit(savedModel, false);
        }
    }

    /**
     * Saves the draft as the next version, off the FX thread. Saving never makes it active: the active version stays
     * until the user activates another ({@link #previewActivation}, then {@link #confirmActivation}). The draft stays
     * as it is, and is compared with the version it started from.
     */
    public void save(String name, String note) {
        if (name == null || name.isBlank()) {
            status.set("A new version needs a name.");
            return;
        }
        HealthModel toSave = draft.get();
        Workspace target = workspace;
        ModelVersion basedOn = saved.get();
        run("Saving", job -> new SavedVersion(target.saveVersion(toSave, name, note, false), target.savedVersions()),
                done -> {
                    replacingVersions = true;
                    ModelVersion compared = compareWith.get();
                    versions.setAll(done.all());
                    compareWith.set(compared == null ? null : versions.stream()
                            .filter(v -> v.number() == compared.number()).findFirst().orElse(null));
                    replacingVersions = false;
                    lastSaved = toSave;
                    dirty.set(unsaved());
                    status.set("Saved " + done.version().label() + "; the active model is still "
                            + (basedOn == null ? "the one before" : basedOn.label())
                            + ". To score with it, select it under Model versions and choose Activate….");
                });
    }

    /**
     * Works out, off the FX thread, what making the version active would change on the loaded portfolio as of its
     * date: band moves with their ARR and the alerts that would fire. The result waits in {@link #activationProperty}
     * for the user to confirm.
     */
    public void previewActivation(ModelVersion version) {
        Workspace target = workspace;
        LocalDate date = asOf;
        Portfolio on = portfolio;
        if (version == null || target == null || on == null) {
            return;
        }
        activationError.set(null);
        activation.set(null);
        run("Working out what activating " + version.label() + " would change",
                job -> target.activationImpact(version.number(), on, date, job), impact -> {
                    if (impact != null) {
                        activation.set(impact);
                        status.set("Activating " + impact.target().label() + " waits for you to confirm.");
                    }
                }, activationError::set);
    }

    /**
     * Makes the version whose difference is shown active, off the FX thread, only over the active version that
     * difference was worked out against: when someone activated another since, nothing changes and the error says so.
     * The portfolio, alerts and status bar then follow the new active version.
     */
    public void confirmActivation() {
        ActivationImpact impact = activation.get();
        Workspace target = workspace;
        if (impact == null || target == null) {
            return;
        }
        run("Activating " + impact.target().label(), job -> {
            ModelVersion active = target.activate(impact.target().number(), impact.active().number());
            return new SavedVersion(active, target.savedVersions());
        }, done -> {
            activation.set(null);
            ModelVersion version = done.version();
            boolean keepDraft = dirty.get();
            replacingVersions = true;
            versions.setAll(done.all());
            saved.set(version);
            savedModel = version.model();
            if (!keepDraft) {
                undo.clear();
                redo.clear();
                draft.set(savedModel);
            }
            compareWith.set(versions.stream().filter(v -> v.number() == version.number()).findFirst().orElse(version));
            replacingVersions = false;
            afterEdit();
            savedVersion.set(version);
            status.set(version.label() + " is now the active model (was " + impact.active().label()
                    + "); the portfolio and the alerts are scored under it.");
        }, activationError::set);
    }

    /** Leaves the active version as it is. */
    public void cancelActivation() {
        ActivationImpact asked = activation.get();
        activation.set(null);
        activationError.set(null);
        if (asked != null) {
            status.set("Nothing changed: " + asked.active().label() + " stays the active model.");
        }
    }

    /**
     * Suggests category weights, then measure weights within each category (turning some off), from outcomes: a
     * search on the earlier cut-offs of the backtest, checked on the later ones, with progress and a cancel. The
     * result waits as a proposal; applying it changes the draft only.
     */
    public void suggestWeights() {
        HealthModel base = draft.get();
        BacktestFrame loadedFrame = workset.frame();
        run("Searching weights on past outcomes", job -> {
            BacktestFrame f = loadedFrame.withModel(base);
            Suggestions.WeightSuggestion s = Suggestions.weights(f, Map.of(), job, job::update);
            if (s.refused() != null) {
                return new Proposal("No weight suggestion", s.refused(), null);
            }
            Suggestions.MeasureSuggestion m = s.measures();
            return new Proposal("Suggested weights", describe(base, s), m.applyTo(base));
        }, proposal::set);
    }

    /** The proposal's figures and weights, for the user to read before applying them. */
    static String describe(HealthModel base, Suggestions.WeightSuggestion s) {
        Suggestions.MeasureSuggestion m = s.measures();
        StringBuilder text = new StringBuilder(String.format(java.util.Locale.ROOT,
                "Searched on %d earlier cut-offs (%d churn events), checked out of time on %d later cut-offs (%d churn events).%n"
                        + "ROC AUC              earlier   out of time%n"
                        + "  now                 %.3f     %.3f%n"
                        + "  categories only     %.3f     %.3f%n"
                        + "  proposed            %.3f     %.3f%n",
                s.trainCutoffs().size(), s.trainChurners(), s.testCutoffs().size(), s.testChurners(),
                m.trainCurrent(), m.testCurrent(), s.trainSuggested(), s.testSuggested(), m.trainSuggested(),
                m.testSuggested()));
        List<String> categories = new ArrayList<>();
        s.currentWeights().forEach((id, w) -> categories.add(String.format(java.util.Locale.ROOT, "%s %.0f → %.0f",
                label(base, id), w, m.categoryWeights().getOrDefault(id, w))));
        text.append("Category weights: ").append(String.join(", ", categories)).append('.').append(System.lineSeparator());
        text.append("Measure weights, as % of their category:").append(System.lineSeparator());
        m.suggestedMeasureWeights().forEach((category, weights) -> {
            List<String> parts = new ArrayList<>();
            Map<String, Double> now = m.currentMeasureWeights().get(category);
            weights.forEach((id, w) -> parts.add(String.format(java.util.Locale.ROOT, "%s %.0f → %.0f%s",
                    find(base, id).label(), now.get(id), w, w == 0 ? " (off)" : "")));
            text.append("  ").append(label(base, category)).append(": ").append(String.join(", ", parts))
                    .append(System.lineSeparator());
        });
        text.append("Stage overrides are kept. Applying changes the draft only: nothing is saved or activated.");
        return text.toString();
    }

    private static String label(HealthModel model, String categoryId) {
        int c = model.categoryIndex(categoryId);
        return c < 0 || model.categories().get(c).label() == null ? categoryId : model.categories().get(c).label();
    }

    /**
     * Suggests the red cut-off with the best F1 on the earlier two thirds of the cut-offs, and shows what it and
     * the current cut-off catch on the last third.
     */
    public void suggestBands() {
        HealthModel base = draft.get();
        BacktestFrame f = workset.frame();
        Portfolio p = f.portfolio();
        run("Searching the red cut-off on past outcomes", job -> {
            List<LocalDate> cutoffs = f.cutoffs();
            if (cutoffs.size() < 3) {
                return new Proposal("No cut-off suggestion", "The backtest has fewer than three cut-offs.", null);
            }
            int split = cutoffs.size() * 2 / 3;
            BacktestSettings settings = f.settings();
            BacktestFrame train = BacktestFrame.build(base, p, settings.withRange(cutoffs.get(0), cutoffs.get(split - 1)), job);
            job.update("Checking on the later cut-offs", 0.6);
            BacktestFrame test = BacktestFrame.build(base, p, settings.withRange(cutoffs.get(split), cutoffs.get(cutoffs.size() - 1)), job);
            Suggestions.BandSuggestion s = Suggestions.bands(train, "f1");
            double red = s.chosen().redCutoff();
            HealthModel proposed = withRed(base, red);
            BacktestFrame.Headline before = test.headline();
            BacktestFrame.Headline after = test.withModel(proposed).headline();
            String details = String.format(
                    "Red below %.1f (now %.1f): the best F1 on the %d earlier cut-offs (precision %.2f, recall %.2f)."
                            + "%nOut of time, on the %d later cut-offs: precision at red %.2f → %.2f, recall at red %.2f → %.2f,"
                            + " %d → %d accounts flagged red.%n%s",
                    red, base.bands().red(), split, s.chosen().precision(), s.chosen().recall(),
                    cutoffs.size() - split, before.red().precision(), after.red().precision(),
                    before.red().recall(), after.red().recall(), before.red().flagged(), after.red().flagged(), s.note());
            return new Proposal("Suggested red cut-off", details, proposed);
        }, proposal::set);
    }

    /** Applies the proposal to the draft (undoable); the draft is still not saved. */
    public void acceptProposal() {
        Proposal p = proposal.get();
        if (p != null && p.model() != null) {
            edit(p.model(), false);
            status.set(p.title() + " applied to the draft. Save to keep them.");
        }
        proposal.set(null);
    }

    public void discardProposal() {
        proposal.set(null);
    }

    public void cancel() {
        if (running != null) {
            running.cancel();
        }
    }

    public void open(String accountId) {
        openRequest.set(null);
        openRequest.set(accountId);
    }

    // The live preview

    private void edit(HealthModel next, boolean dragging) {
        HealthModel current = draft.get();
        if (dragging) {
            if (dragStart == null) {
                dragStart = current;
            }
        } else {
            HealthModel before = dragStart != null ? dragStart : current;
            dragStart = null;
            if (!sameModel(before, next)) {
                undo.push(before);
                redo.clear();
            }
        }
        draft.set(next);
        afterEdit();
    }

    /** What a picture of a chart says under its title: the draft's model, what it is compared with, the date. */
    public String chartCaption() {
        HealthModel shown = draft.get();
        ModelVersion compared = compareWith.get();
        String caption = shown == null ? "" : "Draft of " + shown.name() + (dirty.get() ? " (unsaved changes)" : "");
        if (compared != null) {
            caption += " · compared with " + compared.label();
        }
        return asOf == null ? caption : caption + " · as of " + asOf;
    }

    /** Writes a chart's picture as PNG, off the FX thread, and says where. */
    public void exportImage(javafx.scene.image.Image image, java.nio.file.Path file) {
        com.bellwether.ui.ChartPicture.writePng(image, file, fx, background, status::set, status::set);
    }

    /** The draft differs from the active version and from the version it was last saved as. */
    private boolean unsaved() {
        return savedModel != null && !sameModel(draft.get(), savedModel)
                && (lastSaved == null || !sameModel(draft.get(), lastSaved));
    }

    private void afterEdit() {
        canUndo.set(!undo.isEmpty());
        canRedo.set(!redo.isEmpty());
        dirty.set(unsaved());
        requestPreview(draft.get());
    }

    /** Coalesces: while one preview computes, only the newest draft waits; drafts in between are never computed. */
    private void requestPreview(HealthModel model) {
        if (workset == null) {
            return;
        }
        pending.set(new PreviewRequest(model, compareWith.get(), System.nanoTime()));
        if (computing.compareAndSet(false, true)) {
            previews.execute(this::computePending);
        }
    }

    private void computePending() {
        try {
            PreviewRequest request;
            while ((request = pending.getAndSet(null)) != null) {
                long started = request.requestedAt();
                Preview computed = compute(request.model(), request.against(), started);
                fx.execute(() -> {
                    if (computed.model() == draft.get()) {
                        preview.set(computed);
                    }
                });
            }
        } finally {
            computing.set(false);
            if (pending.get() != null && computing.compareAndSet(false, true)) {
                previews.execute(this::computePending);
            }
        }
    }

    private Preview compute(HealthModel model, ModelVersion comparedVersion, long requestedAt) {
        long start = System.nanoTime();
        Workset w = workset;
        ScoreGrid base = w.now();
        Portfolio scoredPortfolio = base.portfolio();
        ScoreGrid scored = base.withModel(model);
        // A slider move changes weights or bands: the backtest's figures come from reused buffers, not a new frame.
        BacktestFrame.Headline headline = w.frame().headline(model, headlineScratch);
        Compared against = comparedWith(comparedVersion, model, w, scored, headline);
        ScoreGrid before = against.now();
        long[][] histogram = new long[BINS][3];
        long[] accounts = new long[3];
        double[] arr = new double[3];
        List<BandChange> changes = new ArrayList<>();
        Map<Band, Map<Band, Integer>> moves = new EnumMap<>(Band.class);
        for (int k = 0; k < scored.accountCount(); k++) {
            int p = scored.point(k, 0);
            if (!scored.isLive(p) || scored.bandIndex(p) < 0) {
                continue;
            }
            int b = scored.bandIndex(p);
            double score = scored.score(p);
            histogram[Math.min(BINS - 1, (int) (score / (100.0 / BINS)))][b]++;
            accounts[b]++;
            var account = scoredPortfolio.account(scored.account(k), scored.dates().get(0));
            arr[b] += account.arr() == null ? 0 : account.arr();
            int was = before.bandIndex(p);
            if (was >= 0 && was != b) {
                Band from = Band.values()[was];
                Band to = Band.values()[b];
                changes.add(new BandChange(account.accountId(), account.name(), from, to, before.score(p), score));
                moves.computeIfAbsent(from, x -> new EnumMap<>(Band.class)).merge(to, 1, Integer::sum);
            }
        }
        changes.sort((x, y) -> Double.compare(Math.abs(y.after() - y.before()), Math.abs(x.after() - x.before())));
        BacktestFrame.Headline compared = against.headline();
        HealthModel comparedModel = comparedVersion == null ? model : against.now().model();
        return new Preview(model, histogram, accounts, arr, headline, compared, List.copyOf(changes),
                summary(changes.size(), moves, comparedVersion),
                ModelDiff.between(comparedModel, model).changes().stream().map(ModelDiff.Change::text).toList(),
                System.nanoTime() - start, requestedAt);
    }

    /** The compared version's scores, from the cache when they were worked out on the same portfolio. */
    private Compared comparedWith(ModelVersion version, HealthModel draftModel, Workset w, ScoreGrid draftScores,
                                  BacktestFrame.Headline draftHeadline) {
        ScoreGrid base = w.now();
        if (version == null) {
            return new Compared(null, draftScores, draftHeadline, base);
        }
        Compared cached = compared;
        if (cached != null && cached.base() == base && cached.version().number() == version.number()) {
            return cached;
        }
        HealthModel model = version.model();
        Compared made = new Compared(version, base.withModel(model), w.frame().withModel(model).headline(), base);
        compared = made;
        return made;
    }

    static String summary(int count, Map<Band, Map<Band, Integer>> moves, ModelVersion compared) {
        String against = compared == null ? "" : " vs " + compared.label();
        if (count == 0) {
            return "No account would change band" + against + ".";
        }
        List<String> parts = new ArrayList<>();
        // Worst news first: moves towards red.
        for (Band from : List.of(Band.GREEN, Band.YELLOW, Band.RED)) {
            for (Band to : List.of(Band.RED, Band.YELLOW, Band.GREEN)) {
                Integer n = moves.getOrDefault(from, Map.of()).get(to);
                if (n != null) {
                    parts.add(n + " " + from.id() + "→" + to.id());
                }
            }
        }
        return com.bellwether.domain.Plurals.count(count, "account") + " would change band" + against + ": "
                + String.join(", ", parts);
    }

    // Helpers

    private <T> void run(String what, BackgroundJob.Work<T> work, java.util.function.Consumer<T> done) {
        run(what, work, done, message -> { });
    }

    /** The same; {@code failure} is told the failure's message too, for a screen to show it beside its cause. */
    private <T> void run(String what, BackgroundJob.Work<T> work, java.util.function.Consumer<T> done,
                         java.util.function.Consumer<String> failure) {
        BackgroundJob<T> job = new BackgroundJob<>(fx);
        running = job;
        busy.set(true);
        failed.set(false);
        progress.set(-1);
        status.set(what + "…");
        job.onProgress((step, fraction) -> {
                    if (running == job) {
                        status.set(step + "…");
                        progress.set(fraction);
                    }
                })
                .onSucceeded(result -> {
                    if (job.isCancelled()) {
                        finish(job, what + " cancelled.");
                    } else {
                        finish(job, null);
                        done.accept(result);
                    }
                })
                .onFailed(e -> {
                    String message = e.getMessage() == null ? e.toString() : e.getMessage();
                    finish(job, what + " failed: " + message);
                    failed.set(true);
                    failure.accept(message);
                })
                .onCancelled(() -> finish(job, what + " cancelled."))
                .start(background, work);
    }

    private void finish(BackgroundJob<?> job, String message) {
        if (running == job) {
            running = null;
            busy.set(false);
            progress.set(-1);
        }
        if (message != null) {
            status.set(message);
        }
    }

    private static HealthModel.Stage stageOrNew(HealthModel model, String id) {
        HealthModel.Stage stage = model.stage(id);
        return stage != null ? stage : new HealthModel.Stage(id, model.stageLabel(id), null, null);
    }

    private static HealthModel.Measure measure(HealthModel model, String id) {
        HealthModel.Measure m = find(model, id);
        if (m == null) {
            throw new IllegalArgumentException("The model has no measure " + id);
        }
        return m;
    }

    private static HealthModel.Measure find(HealthModel model, String id) {
        return model.measures().stream().filter(m -> m.id().equals(id)).findFirst().orElse(null);
    }

    /** The red cut-off applied to the model and every stage that sets its own; yellow kept at or above it. */
    static HealthModel withRed(HealthModel model, double red) {
        HealthModel.Bands b = model.bands();
        HealthModel changed = model.withBands(new HealthModel.Bands(red, Math.max(red, b.yellow())));
        for (HealthModel.Stage stage : model.stages()) {
            if (stage.bands() != null && stage.bands().red() != null) {
                Double yellow = stage.bands().yellow();
                changed = changed.withStage(new HealthModel.Stage(stage.id(), stage.label(), stage.weights(),
                        new HealthModel.Bands(red, yellow == null ? null : Math.max(red, yellow))));
            }
        }
        return changed;
    }

    static boolean sameModel(HealthModel a, HealthModel b) {
        return a.withIdentity(null, null).toJson().equals(b.withIdentity(null, null).toJson());
    }
}
