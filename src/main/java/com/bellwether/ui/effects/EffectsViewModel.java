package com.bellwether.ui.effects;

import java.util.Locale;
import java.util.concurrent.Executor;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
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

import com.bellwether.app.BackgroundJob;
import com.bellwether.app.Workspace;
import com.bellwether.backtest.EffectEstimate;
import com.bellwether.backtest.EffectsReport;
import com.bellwether.backtest.EffectsSettings;
import com.bellwether.scoring.HealthModel;

/**
 * Did the action help: the effects report of the active model over the database's tasks, worked out in the
 * background with progress and a cancel, one row per playbook and alert rule.
 */
public final class EffectsViewModel {

    /** What "too few to tell" reads as in the table. */
    public static final String TOO_FEW = "too few to tell";

    /** One rule's figures as the table shows them. */
    public record Row(String rule, String kind, long triggered, long actedOn, String actedChurn, String otherChurn,
                      String difference, String interval, String expansionDifference, String finding) {

        static Row of(EffectsReport.RuleEffect effect) {
            EffectEstimate churn = effect.churn();
            EffectEstimate expansion = effect.expansion();
            return new Row(effect.ruleId(), effect.kind(), effect.triggered(), effect.actedOn(),
                    percent(churn.actedRate()), percent(churn.notActedRate()), differenceText(churn), intervalText(churn),
                    differenceText(expansion), effect.churnFinding());
        }
    }

    private final Executor background;
    private final Executor ui;

    // Properties
    private final ReadOnlyObjectWrapper<EffectsReport> report = new ReadOnlyObjectWrapper<>();
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper ready = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final BooleanBinding canRun;

    private Workspace workspace;
    private HealthModel model;
    private BackgroundJob<EffectsReport> current;

    public EffectsViewModel(Executor background, Executor ui) {
        this.background = background;
        this.ui = ui;
        canRun = Bindings.createBooleanBinding(() -> ready.get() && !busy.get(), ready, busy);
    }

    /** The database and the model the report is worked out for; a report of another model is put away. */
    public void use(Workspace workspace, HealthModel model) {
        cancel();
        this.workspace = workspace;
        this.model = model;
        ready.set(workspace != null && model != null);
        report.set(null);
        rows.clear();
        status.set("");
    }

    public ReadOnlyObjectProperty<EffectsReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    public ObservableList<Row> rows() {
        return FXCollections.unmodifiableObservableList(rows);
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

    public BooleanBinding canRunProperty() {
        return canRun;
    }

    // Commands

    /** Works out the report with the defaults of {@code bellwether effects} (monthly, 90 days, acted on within 30). */
    public void run() {
        run(EffectsSettings.defaults());
    }

    public void run(EffectsSettings settings) {
        if (!canRun.get()) {
            return;
        }
        Workspace on = workspace;
        HealthModel scoring = model;
        busy.set(true);
        progress.set(-1);
        status.set("Looking at the triggers…");
        BackgroundJob<EffectsReport> job = new BackgroundJob<>(ui);
        current = job;
        job.onProgress((step, fraction) -> {
                    progress.set(fraction);
                    status.set(step);
                })
                .onSucceeded(result -> {
                    if (current == job) {
                        report.set(result);
                        rows.setAll(result.rules().stream().map(Row::of).toList());
                        ended(1, String.format(Locale.ROOT, "%d cut-offs from %s to %s, horizon %d days, acted on"
                                        + " within %d days; %,d tasks done.", result.cutoffs(), result.from(), result.to(),
                                result.horizonDays(), result.actWithinDays(), result.tasksDone()));
                    }
                })
                .onFailed(e -> {
                    if (current == job) {
                        ended(0, "The effects could not be worked out: " + e.getMessage());
                    }
                })
                .onCancelled(() -> {
                    if (current == job) {
                        ended(0, "Cancelled.");
                    }
                })
                .start(background, j -> on.effects(scoring, settings, j::update, j));
    }

    public void cancel() {
        BackgroundJob<EffectsReport> running = current;
        if (running != null) {
            running.cancel();
            ended(0, "Cancelled.");
        }
    }

    /** The running job is over: nothing runs now, and the status says how it ended. */
    private void ended(double finalProgress, String message) {
        current = null;
        busy.set(false);
        progress.set(finalProgress);
        status.set(message);
    }

    static String percent(double rate) {
        return Double.isNaN(rate) ? "—" : String.format(Locale.ROOT, "%.1f%%", 100 * rate);
    }

    static String differenceText(EffectEstimate estimate) {
        if (estimate.tooFew() || Double.isNaN(estimate.difference())) {
            return TOO_FEW;
        }
        return String.format(Locale.ROOT, "%+.1f pts", 100 * estimate.difference());
    }

    static String intervalText(EffectEstimate estimate) {
        if (estimate.tooFew() || Double.isNaN(estimate.difference())) {
            return TOO_FEW;
        }
        return String.format(Locale.ROOT, "%+.1f to %+.1f", 100 * estimate.low(), 100 * estimate.high());
    }
}
