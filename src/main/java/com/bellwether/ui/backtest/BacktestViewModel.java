package com.bellwether.ui.backtest;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;

import com.bellwether.app.BackgroundJob;

import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import com.bellwether.backtest.BacktestFrame;
import com.bellwether.backtest.BacktestReport;
import com.bellwether.backtest.BacktestSettings;
import com.bellwether.backtest.Backtester;
import com.bellwether.backtest.Backtester.NamedModel;
import com.bellwether.scoring.HealthModel;
import com.bellwether.scoring.Portfolio;

/**
 * The backtest screen's state: the parameters of a run, the report it gave, a comparison variant scored on the
 * same cut-offs, the figures of the chosen segment or stage, and the misses listed for a closer look.
 */
public final class BacktestViewModel {

    /** Which accounts the figures and lists are about: all, one segment, or one stage at the cut-off. */
    public record Scope(Kind kind, String key, String label) {

        public enum Kind { ALL, SEGMENT, STAGE }

        public static final Scope ALL = new Scope(Kind.ALL, null, "All accounts");

        @Override
        public String toString() {
            return label;
        }
    }

    /** One segment's or stage's points, churners and curves, for the model and (when chosen) the comparison. */
    public record ScopedCurves(String label, long points, long churners, List<com.bellwether.backtest.Metrics.CurvePoint> model,
                               List<com.bellwether.backtest.Metrics.CurvePoint> comparison) {
    }

    /** A row of the segment and stage table. */
    public record BreakdownRow(String dimension, String name, BacktestReport.Block figures) {
    }

    /** The choice of no comparison. */
    public static final NamedModel NO_COMPARISON = new NamedModel("None", null);

    private final Executor background;
    private final Executor ui;
    private final List<NamedModel> extraVariants;
    private Portfolio portfolio;
    /** Where frames are built and kept, shared with the tuning screen; null: each run builds its own. */
    private volatile com.bellwether.app.Workspace workspace;
    private HealthModel model;
    private BacktestFrame frame;
    /** The compared model's frame on the same cut-offs, kept from its scoring for the scoped curves; null for none. */
    private BacktestFrame comparisonFrame;
    private BackgroundJob<?> current;
    private BackgroundJob<?> currentComparison;

    // Parameters
    private final ObjectProperty<LocalDate> from = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> to = new SimpleObjectProperty<>();
    private final StringProperty step = new SimpleStringProperty("1m");
    private final StringProperty horizon = new SimpleStringProperty("90d");
    private final BooleanProperty contractionAsChurn = new SimpleBooleanProperty();
    private final ObjectProperty<com.bellwether.backtest.Target> target =
            new SimpleObjectProperty<>(com.bellwether.backtest.Target.CHURN);
    private final ObjectProperty<Scope> scope = new SimpleObjectProperty<>(Scope.ALL);
    private final ObjectProperty<NamedModel> comparison = new SimpleObjectProperty<>(NO_COMPARISON);
    private final ObservableList<Scope> scopes = FXCollections.observableArrayList(Scope.ALL);
    private final ObservableList<NamedModel> comparisons = FXCollections.observableArrayList(NO_COMPARISON);

    // State
    private final ReadOnlyObjectWrapper<BacktestReport> report = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<BacktestReport> comparisonReport = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<BacktestReport.Block> figures = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ScopedCurves> scopedCurves = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper explanation = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<BacktestReport.ListedPoint> selected = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<OpenRequest> openRequest = new ReadOnlyObjectWrapper<>();
    private final ObservableList<BacktestReport.ListedPoint> falsePositives = FXCollections.observableArrayList();
    private final ObservableList<BacktestReport.ListedPoint> falseNegatives = FXCollections.observableArrayList();
    private final ObservableList<BreakdownRow> breakdown = FXCollections.observableArrayList();

    /**
     * @param background where the backtest runs
     * @param ui         where its outcome is applied (the FX thread in the workbench)
     * @param variants   models to offer for comparison besides the two baselines
     */
    public BacktestViewModel(Executor background, Executor ui, List<NamedModel> variants) {
        this.background = background;
        this.ui = ui;
        this.extraVariants = List.copyOf(variants);
        scope.addListener((o, old, now) -> applyScope());
        comparison.addListener((o, old, now) -> scoreComparison());
    }

    /** Runs on the background executor and reports back on the FX thread. */
    public BacktestViewModel(Executor background, List<NamedModel> variants) {
        this(background, Platform::runLater, variants);
    }

    // Parameters

    /** The first cut-off; null for three months after the first data. */
    public ObjectProperty<LocalDate> fromProperty() {
        return from;
    }

    /** The last cut-off; null for the last one whose horizon the data covers. */
    public ObjectProperty<LocalDate> toProperty() {
        return to;
    }

    /** Between cut-offs: 1m, 2w, 30d, 1y. */
    public StringProperty stepProperty() {
        return step;
    }

    /** Churn is looked for in (T, T + horizon]: 90d, 12w, 3m or a number of days. */
    public StringProperty horizonProperty() {
        return horizon;
    }

    /** What the backtest predicts: churn, or expansion (flagged where an expansion rule holds). */
    public ObjectProperty<com.bellwether.backtest.Target> targetProperty() {
        return target;
    }

    public BooleanProperty contractionAsChurnProperty() {
        return contractionAsChurn;
    }

    public ObjectProperty<Scope> scopeProperty() {
        return scope;
    }

    /** All accounts, then each segment and each stage the last report has. */
    public ObservableList<Scope> scopes() {
        return scopes;
    }

    public ObjectProperty<NamedModel> comparisonProperty() {
        return comparison;
    }

    /** None, the models given, and the equal-weights and usage-only baselines of the current model. */
    public ObservableList<NamedModel> comparisons() {
        return comparisons;
    }

    // State

    /** The latest complete report, whole range and all accounts; null before the first run. */
    public ReadOnlyObjectProperty<BacktestReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    /** The comparison variant's report on the same cut-offs; null when none is chosen. */
    public ReadOnlyObjectProperty<BacktestReport> comparisonReportProperty() {
        return comparisonReport.getReadOnlyProperty();
    }

    /** The curves of the chosen segment or stage (null for all accounts: the report's own), model and comparison. */
    public ReadOnlyObjectProperty<ScopedCurves> scopedCurvesProperty() {
        return scopedCurves.getReadOnlyProperty();
    }

    /** The figures of the chosen scope: the whole report's, or its segment's or stage's. */
    public ReadOnlyObjectProperty<BacktestReport.Block> figuresProperty() {
        return figures.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** From 0 to 1, or −1 while a step of unknown length runs. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Why the parameters cannot run, or why the run failed; empty when all is well. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** Red and did not churn, in the chosen scope. */
    public ObservableList<BacktestReport.ListedPoint> falsePositives() {
        return falsePositives;
    }

    /** Not red and churned, in the chosen scope. */
    public ObservableList<BacktestReport.ListedPoint> falseNegatives() {
        return falseNegatives;
    }

    /** Every segment and every stage with its figures. */
    public ObservableList<BreakdownRow> breakdown() {
        return breakdown;
    }

    public ReadOnlyObjectProperty<BacktestReport.ListedPoint> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    /** The explanation of the selected miss as of its cut-off. */
    public ReadOnlyStringProperty explanationProperty() {
        return explanation.getReadOnlyProperty();
    }

    /** The account the user asked to open, as of the cut-off of the selected miss. */
    public ReadOnlyObjectProperty<OpenRequest> openRequestProperty() {
        return openRequest.getReadOnlyProperty();
    }

    public HealthModel model() {
        return model;
    }

    public Portfolio portfolio() {
        return portfolio;
    }

    // Commands

    /** The workspace whose current backtest frame a run takes when it answers the same question. */
    public void useWorkspace(com.bellwether.app.Workspace opened) {
        this.workspace = opened;
    }

    /** The scored input; the screen's earlier report is dropped, as it described other data or another model. */
    public void setPortfolio(Portfolio portfolio, HealthModel model) {
        setPortfolio(portfolio, model, List.of());
    }

    /** The same, with saved model versions (or any other models) offered for comparison too. */
    public void setPortfolio(Portfolio portfolio, HealthModel model, List<NamedModel> others) {
        cancel();
        this.portfolio = portfolio;
        this.model = model;
        this.frame = null;
        List<NamedModel> choices = new ArrayList<>();
        choices.add(NO_COMPARISON);
        choices.addAll(extraVariants);
        choices.addAll(others);
        if (model != null) {
            choices.add(new NamedModel("Equal weights (baseline)", Backtester.equalWeights(model)));
            choices.add(new NamedModel("Usage only (baseline)", Backtester.usageOnly(model)));
        }
        NamedModel chosen = comparison.get();
        comparisons.setAll(choices);
        comparison.set(choices.stream().filter(c -> chosen != null && c.name().equals(chosen.name())).findFirst()
                .orElse(NO_COMPARISON));
        show(null, null);
        problem.set("");
        status.set(portfolio == null ? "" : portfolio.size() + " accounts, data from " + portfolio.firstDataDate()
                + " to " + portfolio.asOfDate() + ".");
    }

    /** The settings the parameters describe; throws {@link IllegalArgumentException} with a readable message. */
    BacktestSettings settings() {
        Period period;
        int days;
        try {
            period = BacktestSettings.parseStep(Objects.requireNonNullElse(step.get(), ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Step: expected " + e.getMessage() + ".");
        }
        try {
            days = BacktestSettings.parseHorizon(Objects.requireNonNullElse(horizon.get(), ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Horizon: expected " + e.getMessage() + ".");
        }
        if (from.get() != null && to.get() != null && from.get().isAfter(to.get())) {
            throw new IllegalArgumentException("The first cut-off (" + from.get() + ") comes after the last (" + to.get() + ").");
        }
        boolean expansion = target.get() == com.bellwether.backtest.Target.EXPANSION;
        return new BacktestSettings(from.get(), to.get(), period, days, !expansion && contractionAsChurn.get(), false, 10,
                target.get(), null);
    }

    /** Validates the parameters, then runs the backtest (and the comparison) off the FX thread. */
    public void run() {
        if (running.get()) {
            return;
        }
        if (portfolio == null || model == null) {
            problem.set("There is no portfolio to backtest yet: load one on the Portfolio screen first.");
            return;
        }
        BacktestSettings settings;
        try {
            settings = settings();
        } catch (IllegalArgumentException e) {
            problem.set(e.getMessage());
            return;
        }
        problem.set("");
        Portfolio input = portfolio;
        HealthModel scoring = model;
        NamedModel variant = comparison.get();
        Backtester.Options options = new Backtester.Options(extraVariants, null, false, Map.of());
        running.set(true);
        progress.set(-1);
        status.set("Scoring " + input.size() + " accounts at every cut-off…");
        BackgroundJob<Outcome> run = new BackgroundJob<>(ui);
        current = run;
        run.onSucceeded(outcome -> {
            if (current != run) {
                return; // cancelled: whoever cancelled has said so
            }
            current = null;
            frame = outcome.frame();
            comparisonFrame = outcome.comparison() == null ? null : outcome.comparison().frame();
            show(outcome.report(), outcome.comparison() == null ? null : outcome.comparison().report());
            running.set(false);
            progress.set(1);
            BacktestReport r = outcome.report();
            boolean expansion = r.parameters().target() == com.bellwether.backtest.Target.EXPANSION;
            status.set(String.format(java.util.Locale.ROOT, "%d cut-offs from %s to %s, horizon %d days: %,d points, %,d %s.",
                    r.parameters().cutoffs(), r.parameters().from(), r.parameters().to(), r.parameters().horizonDays(),
                    r.points(), r.churners(), expansion ? "expanded (flagged when " + r.parameters().flaggedWhen() + ")"
                            : "churned"));
        }).onFailed(failure -> {
            if (current != run) {
                return;
            }
            current = null;
            running.set(false);
            progress.set(0);
            status.set("");
            problem.set(failure instanceof IllegalArgumentException ? failure.getMessage()
                    : "The backtest failed: " + failure.getMessage());
        }).start(background, cancelled -> {
            com.bellwether.app.Workspace frames = workspace;
            BacktestFrame built = frames != null ? frames.backtest(scoring, input, settings, cancelled)
                    : BacktestFrame.build(scoring, input, settings, cancelled);
            ui.execute(() -> progressed(0.6, "Measuring " + built.cutoffs().size() + " cut-offs…"));
            BacktestReport main = Backtester.report(built, options, cancelled);
            Compared other = null;
            if (variant.model() != null) {
                ui.execute(() -> progressed(0.85, "Scoring " + variant.name() + " on the same cut-offs…"));
                other = compare(built, variant, cancelled);
            }
            return new Outcome(built, main, other);
        });
    }

    private void progressed(double fraction, String message) {
        if (running.get()) {
            progress.set(fraction);
            status.set(message);
        }
    }

    private record Outcome(BacktestFrame frame, BacktestReport report, Compared comparison) {
    }

    /** A variant scored on the frame's cut-offs and labels, and its report. */
    private record Compared(BacktestFrame frame, BacktestReport report) {
    }

    /** The variant's figures and curves on the frame's cut-offs and labels, without lists or baselines. */
    private static Compared compare(BacktestFrame frame, NamedModel variant, java.util.function.BooleanSupplier cancelled) {
        BacktestFrame scored = frame.withModel(variant.model());
        return new Compared(scored, Backtester.report(scored,
                new Backtester.Options(List.of(), null, false, Map.of(), false, false), cancelled));
    }

    /** Stops the running backtest; the report shown stays as it was. */
    public void cancel() {
        if (current != null) {
            current.cancel();
            current = null;
            running.set(false);
            progress.set(0);
            status.set("Cancelled.");
        }
        if (currentComparison != null) {
            currentComparison.cancel();
            currentComparison = null;
        }
    }

    /** Scores the chosen comparison on the last run's cut-offs, off the FX thread. */
    private void scoreComparison() {
        if (currentComparison != null) {
            currentComparison.cancel();
            currentComparison = null;
        }
        NamedModel variant = comparison.get();
        if (variant == null || variant.model() == null || frame == null || running.get()) {
            comparisonFrame = null;
            comparisonReport.set(null);
            refreshScopedCurves();
            return;
        }
        BacktestFrame on = frame;
        status.set("Scoring " + variant.name() + " on the same cut-offs…");
        BackgroundJob<Compared> run = new BackgroundJob<>(ui);
        currentComparison = run;
        run.onSucceeded(other -> {
            if (currentComparison != run) {
                return;
            }
            currentComparison = null;
            comparisonFrame = other.frame();
            comparisonReport.set(other.report());
            refreshScopedCurves();
            status.set("Compared with " + variant.name() + ".");
        }).onFailed(failure -> {
            if (currentComparison != run) {
                return;
            }
            currentComparison = null;
            problem.set("The comparison failed: " + failure.getMessage());
        }).start(background, cancelled -> compare(on, variant, cancelled));
    }

    /** Shows a miss's explanation; the account is not opened. */
    public void select(BacktestReport.ListedPoint point) {
        selected.set(point);
        explanation.set(point == null || point.explanation() == null ? "" : point.explanation());
    }

    /** Asks for the account of a miss to be opened as of its cut-off, and shows its explanation here. */
    public void open(BacktestReport.ListedPoint point) {
        select(point);
        if (point != null) {
            // Cleared first, so asking again for the same account tells the listeners again.
            openRequest.set(null);
            openRequest.set(new OpenRequest(point.accountId(), point.cutoff()));
        }
    }

    /** Writes the report off the FX thread: an Excel workbook when the file's name ends in .xlsx, report.json otherwise. */
    public void exportJson(Path file) {
        BacktestReport shown = report.get();
        if (shown == null) {
            problem.set("Run the backtest before exporting its report.");
            return;
        }
        new BackgroundJob<Path>(ui)
                .onSucceeded(written -> status.set("Wrote the report to " + written + "."))
                .onFailed(failure -> problem.set("The report could not be written: " + failure.getMessage()))
                .start(background, job -> {
                    com.bellwether.app.ExportSheets.writeBacktest(shown, file);
                    return file;
                });
    }

    /**
     * What a chart's picture says under its title: the model and its version, the cut-offs and horizon, the points,
     * and the model compared with; empty before a run.
     */
    public String chartCaption() {
        BacktestReport shown = report.get();
        if (shown == null) {
            return "";
        }
        BacktestReport.Parameters p = shown.parameters();
        String caption = p.model() + (p.modelVersion() == null ? "" : " v" + p.modelVersion())
                + " · cut-offs " + p.from() + " to " + p.to() + ", every " + stepText(p.step())
                + " · horizon " + com.bellwether.domain.Plurals.count(p.horizonDays(), "day")
                + " · " + com.bellwether.domain.Plurals.count(shown.points(), "point") + ", "
                + shown.churners() + " churned";
        Scope shownScope = scope.get();
        if (shownScope != null && shownScope.kind() != Scope.Kind.ALL) {
            caption += " · " + shownScope.label();
        }
        NamedModel other = comparison.get();
        if (comparisonReport.get() != null && other != null && other != NO_COMPARISON) {
            caption += " · compared with " + other.name();
        }
        return caption;
    }

    /** A step as people write it: P1M as 1m, P14D as 14d. */
    static String stepText(String step) {
        return step != null && step.startsWith("P") ? step.substring(1).toLowerCase(java.util.Locale.ROOT) : step;
    }

    /** Tells that a chart went to the clipboard. */
    public void copied(String chart) {
        status.set("Copied the chart " + chart + "; paste it into a slide or a document.");
    }

    /** Writes a picture of a chart as PNG, off the FX thread. */
    public void exportImage(javafx.scene.image.Image image, Path file) {
        com.bellwether.ui.ChartPicture.writePng(image, file, ui, background, status::set, problem::set);
    }

    /** A line of the "Were the overrides right?" table: everyone's adjustments first, then each CSM's. */
    public record AdjustmentLine(String csm, com.bellwether.backtest.AdjustmentReview.Tally tally) {
    }

    /** The lines of a report's adjustment section; none for a report without one (the expansion target). */
    public static List<AdjustmentLine> adjustmentLines(BacktestReport shown) {
        if (shown == null || shown.adjustments() == null) {
            return List.of();
        }
        List<AdjustmentLine> lines = new ArrayList<>();
        lines.add(new AdjustmentLine("Every CSM", shown.adjustments().overall()));
        shown.adjustments().byCsm().forEach((csm, tally) -> lines.add(new AdjustmentLine(csm, tally)));
        return lines;
    }

    private void show(BacktestReport shown, BacktestReport other) {
        report.set(shown);
        comparisonReport.set(other);
        if (other == null) {
            comparisonFrame = null;
        }
        List<Scope> list = new ArrayList<>();
        list.add(Scope.ALL);
        List<BreakdownRow> rows = new ArrayList<>();
        if (shown != null) {
            shown.bySegment().forEach((segment, block) -> {
                list.add(new Scope(Scope.Kind.SEGMENT, segment, "Segment: " + segment));
                rows.add(new BreakdownRow("Segment", segment, block));
            });
            shown.byStage().forEach((stage, block) -> {
                String label = model == null ? stage : model.stageLabel(stage);
                list.add(new Scope(Scope.Kind.STAGE, stage, "Stage: " + label));
                rows.add(new BreakdownRow("Stage", label, block));
            });
        }
        // A combo box showing the scopes may have cleared the choice when its items were replaced.
        Scope chosen = chosenScope();
        scopes.setAll(list);
        breakdown.setAll(rows);
        Scope kept = list.stream().filter(s -> s.kind() == chosen.kind() && Objects.equals(s.key(), chosen.key()))
                .findFirst().orElse(Scope.ALL);
        if (kept.equals(scope.get())) {
            applyScope();
        } else {
            scope.set(kept);
        }
    }

    private void applyScope() {
        BacktestReport shown = report.get();
        Scope chosen = chosenScope();
        select(null);
        refreshScopedCurves();
        if (shown == null) {
            figures.set(null);
            falsePositives.clear();
            falseNegatives.clear();
            return;
        }
        figures.set(switch (chosen.kind()) {
            case ALL -> wholeRange(shown);
            case SEGMENT -> shown.bySegment().get(chosen.key());
            case STAGE -> shown.byStage().get(chosen.key());
        });
        falsePositives.setAll(shown.falsePositives().stream().filter(p -> inScope(chosen, p)).toList());
        falseNegatives.setAll(shown.falseNegatives().stream().filter(p -> inScope(chosen, p)).toList());
    }

    private Scope chosenScope() {
        return scope.get() == null ? Scope.ALL : scope.get();
    }

    private void refreshScopedCurves() {
        Scope chosen = chosenScope();
        scopedCurves.set(chosen.kind() == Scope.Kind.ALL || frame == null ? null : scopedCurves(chosen));
    }

    /** The chosen group's points of the last run, and their curves, the compared model's from its frame already scored. */
    private ScopedCurves scopedCurves(Scope chosen) {
        Portfolio scored = frame.portfolio();
        int[] points = frame.populationWhere(p -> switch (chosen.kind()) {
            case ALL -> true;
            case SEGMENT -> {
                String segment = scored.account(frame.accountOf(p)).segment();
                yield chosen.key().equals(segment == null ? "(none)" : segment);
            }
            case STAGE -> chosen.key().equals(frame.grid().stage(p));
        });
        long churners = java.util.Arrays.stream(points).filter(frame::label).count();
        List<com.bellwether.backtest.Metrics.CurvePoint> comparisonCurve = comparisonFrame == null ? null
                : comparisonFrame.curve(points);
        return new ScopedCurves(chosen.label(), points.length, churners, frame.curve(points), comparisonCurve);
    }

    private static boolean inScope(Scope scope, BacktestReport.ListedPoint point) {
        return switch (scope.kind()) {
            case ALL -> true;
            case SEGMENT -> scope.key().equals(point.segment() == null ? "(none)" : point.segment());
            case STAGE -> scope.key().equals(point.stage());
        };
    }

    /** The report's whole-range figures in the shape of a segment's or stage's. */
    static BacktestReport.Block wholeRange(BacktestReport r) {
        com.bellwether.backtest.Metrics.Lift top = r.lift().isEmpty() ? null : r.lift().get(r.lift().size() - 1);
        return new BacktestReport.Block(r.points(), r.churners(), r.churnRate(), r.rocAuc(), r.averagePrecision(),
                r.confusionRed(), r.confusionRedOrYellow(), r.churnRateByBand(), top);
    }

    /** The first reason of an explanation: its text up to the first sentence's end or the action's arrow. */
    public static String topReason(String explanation) {
        if (explanation == null || explanation.isBlank()) {
            return "";
        }
        int end = explanation.length();
        int sentence = explanation.indexOf(". ");
        if (sentence >= 0) {
            end = sentence + 1;
        }
        int arrow = explanation.indexOf(" → ");
        if (arrow >= 0 && arrow < end) {
            end = arrow;
        }
        return explanation.substring(0, end).strip();
    }
}
