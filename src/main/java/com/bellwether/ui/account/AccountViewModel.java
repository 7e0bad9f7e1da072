package com.bellwether.ui.account;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import com.bellwether.backtest.AdjustmentReview;
import com.bellwether.domain.Note;
import com.bellwether.domain.Outcome;
import com.bellwether.scoring.AccountScore;
import com.bellwether.scoring.AccountSignals;
import com.bellwether.scoring.Band;
import com.bellwether.scoring.HealthModel;
import com.bellwether.scoring.HealthScorer;
import com.bellwether.scoring.Portfolio;
import com.bellwether.scoring.ScoreChange;
import com.bellwether.scoring.ScoreGrid;
import com.bellwether.app.AdjustmentEntry;
import com.bellwether.backtest.AdjustmentReview;
import com.bellwether.app.ModelVersion;
import com.bellwether.app.Workspace;

/**
 * One account as the CSM sees it: its health as of a date with every measure's trend, its score over two years with
 * what happened along the way, its raw signals, why the score changed between two dates, and the CSM adjustments,
 * which can be added and removed here (with a trail of who did what). All work runs on the background executor.
 */
public final class AccountViewModel {

    /** Days back for a measure's trend and for the default comparison. */
    static final int TREND_DAYS = 30;
    private static final int HISTORY_MONTHS = 24;

    /** A point of the score history; NaN where the account had no score (not live, or no data). */
    public record HistoryPoint(LocalDate date, double score, double base) {
    }

    /** Something that happened along the account's timeline, with the final score that day (NaN without one). */
    public record Marker(Kind kind, LocalDate date, String label, String detail, double score) {

        public enum Kind { MODEL_VERSION, ADJUSTMENT, OUTCOME }
    }

    /**
     * A measure as of the date, with its category's label; {@code trend} is the change of its score over
     * {@value #TREND_DAYS} days (NaN without both).
     */
    public record MeasureRow(String id, String label, String category, double raw, double score, double trend,
                             double pointsLost, String text) {
    }

    /** A category's score, banded with the cut-offs of the account's stage (null band when it has no score). */
    public record CategoryBar(String id, String label, double score, double weight, Band band) {
    }

    /**
     * A CSM adjustment, whether it counts at the as-of date, and whether it was right (docs/backtest.md, "Were the
     * overrides right?"): "right: churned 2025-03-02", "wrong: did not churn by …", "horizon not passed yet …".
     */
    public record AdjustmentRow(Note note, Status status, String outcome) {

        public AdjustmentRow(Note note, Status status) {
            this(note, status, "");
        }

        public enum Status { ACTIVE, EXPIRED, LATER }
    }

    /** A line of the "why did it change" table: the part (data, model, ...), what it is about, and the points. */
    public record ChangeRow(String part, String item, double points) {
    }

    /** What one account looks like, computed off the FX thread in one go. */
    private record Loaded(Portfolio portfolio, AccountScore score, HealthModel.Bands bands, List<HistoryPoint> history,
                          List<Marker> markers, List<CategoryBar> categories, List<MeasureRow> measures,
                          List<AdjustmentRow> adjustments, List<AdjustmentEntry> audit, List<ModelVersion> versions,
                          AccountSignals signals, ScoreChange change) {
    }

    /** The inputs of a load, taken on the FX thread so the background reads nothing that may change under it. */
    private record Request(Portfolio portfolio, String accountId, LocalDate asOf, HealthModel model, Workspace workspace,
                           LocalDate compareFrom, LocalDate compareTo) {
    }

    private final Executor background;
    private final Executor fx;
    private HealthModel model;
    private Workspace workspace;
    private String accountId;
    private List<ModelVersion> versions = List.of();
    private long generation;

    // Properties
    private final ReadOnlyObjectWrapper<AccountScore> score = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Portfolio> portfolio = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<LocalDate> asOf = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<HealthModel.Bands> bands = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyDoubleWrapper adjustmentBound = new ReadOnlyDoubleWrapper();
    private final ObservableList<HistoryPoint> history = FXCollections.observableArrayList();
    private final ObservableList<Marker> markers = FXCollections.observableArrayList();
    private final ObservableList<CategoryBar> categories = FXCollections.observableArrayList();
    private final ObservableList<MeasureRow> measures = FXCollections.observableArrayList();
    private final ObservableList<AdjustmentRow> adjustments = FXCollections.observableArrayList();
    private final ObservableList<AdjustmentEntry> audit = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<AccountSignals> signals = new ReadOnlyObjectWrapper<>();
    private final ObjectProperty<LocalDate> compareFrom = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> compareTo = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<ScoreChange> change = new ReadOnlyObjectWrapper<>();
    private final ObservableList<ChangeRow> changeRows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper changeSummary = new ReadOnlyStringWrapper("");
    private final IntegerProperty adjustmentPoints = new SimpleIntegerProperty(0);
    private final StringProperty adjustmentReason = new SimpleStringProperty("");
    private final ObjectProperty<LocalDate> adjustmentExpires = new SimpleObjectProperty<>();
    private final ReadOnlyBooleanWrapper recording = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyLongWrapper adjustmentsChanged = new ReadOnlyLongWrapper();
    private final ReadOnlyStringWrapper adjustmentProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper adjustmentError = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<LocalDate> today = new ReadOnlyObjectWrapper<>();
    private final ObservableList<com.bellwether.domain.Account> accountChoices = FXCollections.observableArrayList();
    private final BooleanBinding viewingEarlier;
    private final BooleanBinding canAdd;
    private int running;

    public AccountViewModel(Executor background, HealthModel model) {
        this(background, model, AccountViewModel::onFxThread);
    }

    /** With the executor results are handed back on; tests give a same-thread one and need no toolkit. */
    AccountViewModel(Executor background, HealthModel model, Executor fx) {
        this.background = background;
        this.fx = fx;
        this.model = model;
        adjustmentBound.set(model.adjustmentBound());
        adjustmentProblem.bind(Bindings.createStringBinding(this::problemWithAdjustment, adjustmentPoints,
                adjustmentReason, adjustmentExpires, recording, score, adjustmentBound, asOf));
        canAdd = Bindings.createBooleanBinding(() -> adjustmentProblem.get().isEmpty() && !busy.get(),
                adjustmentProblem, busy);
        viewingEarlier = Bindings.createBooleanBinding(() -> asOf.get() != null && today.get() != null
                && asOf.get().isBefore(today.get()), asOf, today);
        // A refusal belongs to the form as it was: a change of the form clears it.
        adjustmentPoints.addListener((o, old, points) -> adjustmentError.set(""));
        adjustmentReason.addListener((o, old, reason) -> adjustmentError.set(""));
        adjustmentExpires.addListener((o, old, expires) -> adjustmentError.set(""));
        this.portfolio.addListener((o, old, now) -> {
            if (now == null) {
                accountChoices.clear();
            } else if (old == null || old.accounts() != now.accounts()) {
                accountChoices.setAll(now.accounts());
            }
        });
    }

    private static void onFxThread(Runnable runnable) {
        if (Platform.isFxApplicationThread()) {
            runnable.run();
        } else {
            Platform.runLater(runnable);
        }
    }

    public ReadOnlyObjectProperty<AccountScore> scoreProperty() {
        return score.getReadOnlyProperty();
    }

    /** The portfolio the screen scores with: the one shown, with the account's adjustments as the database has them. */
    public ReadOnlyObjectProperty<Portfolio> portfolioProperty() {
        return portfolio.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<LocalDate> asOfProperty() {
        return asOf.getReadOnlyProperty();
    }

    /** The band cut-offs of the account's stage at the as-of date. */
    public ReadOnlyObjectProperty<HealthModel.Bands> bandsProperty() {
        return bands.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty adjustmentBoundProperty() {
        return adjustmentBound.getReadOnlyProperty();
    }

    /** The score at each month-end of the two years before the as-of date, and at the date. */
    public ObservableList<HistoryPoint> history() {
        return history;
    }

    /** Model versions, CSM adjustments and outcomes within the history's span. */
    public ObservableList<Marker> markers() {
        return markers;
    }

    public ObservableList<CategoryBar> categories() {
        return categories;
    }

    public ObservableList<MeasureRow> measures() {
        return measures;
    }

    /** Every adjustment of the account, active or not, newest first. */
    public ObservableList<AdjustmentRow> adjustments() {
        return adjustments;
    }

    /** The account's trail of adjustments added and removed, newest first. */
    public ObservableList<AdjustmentEntry> audit() {
        return audit;
    }

    public ReadOnlyObjectProperty<AccountSignals> signalsProperty() {
        return signals.getReadOnlyProperty();
    }

    public ObjectProperty<LocalDate> compareFromProperty() {
        return compareFrom;
    }

    public ObjectProperty<LocalDate> compareToProperty() {
        return compareTo;
    }

    public ReadOnlyObjectProperty<ScoreChange> changeProperty() {
        return change.getReadOnlyProperty();
    }

    public ObservableList<ChangeRow> changeRows() {
        return changeRows;
    }

    /** The change in one or two sentences. */
    public ReadOnlyStringProperty changeSummaryProperty() {
        return changeSummary.getReadOnlyProperty();
    }

    public IntegerProperty adjustmentPointsProperty() {
        return adjustmentPoints;
    }

    public StringProperty adjustmentReasonProperty() {
        return adjustmentReason;
    }

    public ObjectProperty<LocalDate> adjustmentExpiresProperty() {
        return adjustmentExpires;
    }

    /** Whether adjustments can be recorded: only with a database to write them to. */
    public ReadOnlyBooleanProperty recordingProperty() {
        return recording.getReadOnlyProperty();
    }

    /** What keeps the form from being added, in words; empty when it can be. */
    public ReadOnlyStringProperty adjustmentProblemProperty() {
        return adjustmentProblem.getReadOnlyProperty();
    }

    /** Why the last adjustment asked for was refused or failed; empty once the form or the account changes. */
    public ReadOnlyStringProperty adjustmentErrorProperty() {
        return adjustmentError.getReadOnlyProperty();
    }

    /** The portfolio's as-of date: the day "today" means on this screen. */
    public ReadOnlyObjectProperty<LocalDate> todayProperty() {
        return today.getReadOnlyProperty();
    }

    /** True while the account is shown as of a day before the portfolio's (opened from a backtest, say). */
    public ObservableBooleanValue viewingEarlier() {
        return viewingEarlier;
    }

    /** The portfolio's accounts, for the account picker. */
    public ObservableList<com.bellwether.domain.Account> accountChoices() {
        return accountChoices;
    }

    public ObservableBooleanValue canAddAdjustment() {
        return canAdd;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** The last thing done or gone wrong, for the status line. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Counts every adjustment added or removed, so other screens know to score again. */
    /** The account shown, or null. */
    public String accountId() {
        return accountId;
    }

    public ReadOnlyLongProperty adjustmentsChangedProperty() {
        return adjustmentsChanged.getReadOnlyProperty();
    }

    public HealthModel model() {
        return model;
    }

    /** What a picture of the account's chart says under its title: the model and the date. */
    public String chartCaption() {
        AccountScore shown = score.get();
        String caption = model.name() + " v" + model.version();
        return shown == null ? caption : caption + " · " + shown.accountId() + " as of " + shown.asOf();
    }

    /** Writes a chart's picture as PNG, off the FX thread, and says where. */
    public void exportImage(javafx.scene.image.Image image, java.nio.file.Path file) {
        com.bellwether.ui.ChartPicture.writePng(image, file, fx, background, message::set, message::set);
    }

    // Commands

    /** Opens the account as of the date, off the FX thread; the comparison starts at the date against 30 days before. */
    public void show(Portfolio portfolio, String accountId, LocalDate asOf) {
        // What was said about the account shown before is not about this one.
        message.set("");
        adjustmentError.set("");
        this.accountId = accountId;
        this.portfolio.set(portfolio);
        this.asOf.set(asOf);
        compareTo.set(asOf);
        compareFrom.set(asOf.minusDays(TREND_DAYS));
        reload();
    }

    /** Adjustments are read from and written to this database; without one they are read from the portfolio only. */
    public void useWorkspace(Workspace opened) {
        this.workspace = opened;
        recording.set(opened != null);
        if (accountId != null) {
            reload();
        }
    }

    /** Scores with this model from now on, and scores the open account again. */
    public void useModel(HealthModel model) {
        this.model = Objects.requireNonNull(model);
        adjustmentBound.set(model.adjustmentBound());
        if (accountId != null) {
            reload();
        }
    }

    /** Opens another account of the same portfolio, as of the date shown now. */
    public void open(String accountId) {
        Portfolio shown = portfolio.get();
        LocalDate day = asOf.get() != null ? asOf.get() : today.get();
        if (shown != null && day != null && accountId != null && !accountId.equals(this.accountId)) {
            show(shown, accountId, day);
        }
    }

    /** Shows the account as of the portfolio's date again, after a look at an earlier one. */
    public void backToToday() {
        if (portfolio.get() != null && accountId != null && today.get() != null) {
            show(portfolio.get(), accountId, today.get());
        }
    }

    /** Adds the adjustment of the form, dated the as-of date, by the user; then scores the account again. */
    public void addAdjustment() {
        String problem = adjustmentProblem.get();
        if (!problem.isEmpty()) {
            adjustmentError.set("Not added: " + problem);
            return;
        }
        // By the workspace's user: on a team server the database user, whose rights and name the audit trail records.
        String id = accountId;
        LocalDate day = asOf.get();
        int points = adjustmentPoints.get();
        String why = adjustmentReason.get().strip();
        LocalDate expires = adjustmentExpires.get();
        double bound = model.adjustmentBound();
        Request request = request();
        long token = ++generation;
        run(() -> {
            String user = request.workspace().user();
            request.workspace().adjust(new Note(id, day, user, points, why, expires), bound, user);
            return load(request);
        }, loaded -> {
            adjustmentReason.set("");
            adjustmentPoints.set(0);
            adjustmentExpires.set(null);
            afterChange(token, loaded, String.format(Locale.ROOT, "Added an adjustment of %+d points.", points));
        }, "The adjustment was not added", adjustmentError);
    }

    /** Removes one of the account's adjustments (the view asks for confirmation first), then scores again. */
    public void removeAdjustment(Note note) {
        if (workspace == null) {
            adjustmentError.set("Adjustments can only be removed with a database open.");
            return;
        }
        Request request = request();
        long token = ++generation;
        run(() -> {
            request.workspace().removeAdjustment(note.accountId(), note.date(), note.author(), request.workspace().user());
            return load(request);
        }, loaded -> afterChange(token, loaded, String.format(Locale.ROOT, "Removed the adjustment of %+d points dated %s.",
                note.adjustment(), note.date())), "The adjustment was not removed", adjustmentError);
    }

    /** Splits the change between the two chosen dates into its parts, off the FX thread. */
    public void compare() {
        Request request = request();
        if (request.portfolio() == null || request.compareFrom() == null || request.compareTo() == null) {
            return;
        }
        List<ModelVersion> known = versions;
        long token = generation;
        run(() -> whyChanged(request, known), result -> {
            if (token == generation) {
                showChange(result);
            }
        }, "The comparison failed");
    }

    private void afterChange(long token, Loaded loaded, String done) {
        adjustmentsChanged.set(adjustmentsChanged.get() + 1);
        if (token == generation) {
            apply(loaded);
        }
        message.set(done);
    }

    private void reload() {
        Request request = request();
        long token = ++generation;
        run(() -> load(request), loaded -> {
            if (token == generation) {
                apply(loaded);
            }
        }, "The account could not be scored");
    }

    private Request request() {
        return new Request(portfolio.get(), accountId, asOf.get(), model, workspace, compareFrom.get(), compareTo.get());
    }

    private <T> void run(Callable<T> work, Consumer<T> done, String failure) {
        run(work, done, failure, message);
    }

    /** As {@link #run(Callable, Consumer, String)}, with the failure told where it belongs. */
    private <T> void run(Callable<T> work, Consumer<T> done, String failure, ReadOnlyStringWrapper toldIn) {
        running++;
        busy.set(true);
        new com.bellwether.app.BackgroundJob<T>(fx)
                .onSucceeded(result -> {
                    finished();
                    done.accept(result);
                })
                .onFailed(e -> {
                    finished();
                    toldIn.set(failure + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ".");
                })
                .onCancelled(this::finished)
                .start(background, job -> work.call());
    }

    private void finished() {
        running--;
        busy.set(running > 0);
    }

    private void apply(Loaded loaded) {
        portfolio.set(loaded.portfolio());
        today.set(loaded.portfolio().asOfDate());
        versions = loaded.versions();
        bands.set(loaded.bands());
        history.setAll(loaded.history());
        markers.setAll(loaded.markers());
        categories.setAll(loaded.categories());
        measures.setAll(loaded.measures());
        adjustments.setAll(loaded.adjustments());
        audit.setAll(loaded.audit());
        signals.set(loaded.signals());
        score.set(loaded.score());
        showChange(loaded.change());
    }

    private void showChange(ScoreChange result) {
        change.set(result);
        // No score on one of the dates: the summary says so, and there are no parts to list.
        boolean comparable = result != null && !Double.isNaN(result.scoreFrom()) && !Double.isNaN(result.scoreTo());
        changeRows.setAll(comparable ? changeRows(result, model) : List.of());
        changeSummary.set(result == null ? "" : summary(result));
    }

    private String problemWithAdjustment() {
        if (!recording.get()) {
            return "Open a database to record adjustments.";
        }
        if (score.get() == null) {
            return "Open an account first.";
        }
        int points = adjustmentPoints.get();
        double bound = adjustmentBound.get();
        if (points == 0) {
            return "Choose how many points to add or take away.";
        }
        if (Math.abs(points) > bound) {
            return String.format(Locale.ROOT, "%+d is beyond the model's bound: at most %.0f points either way.", points, bound);
        }
        if (adjustmentReason.get() == null || adjustmentReason.get().isBlank()) {
            return "Give a reason.";
        }
        LocalDate expires = adjustmentExpires.get();
        if (expires != null && asOf.get() != null && !expires.isAfter(asOf.get())) {
            return "The expiry must be after " + asOf.get() + ".";
        }
        return "";
    }

    // The work, on the background thread

    /** The horizon over which an adjustment is judged right or wrong: the backtest's default. */
    static final int VERDICT_HORIZON_DAYS = 90;

    /** Whether the adjustment of that date and author was right, as the adjustments list says; "" when unknown. */
    public String outcomeOf(LocalDate noteDate, String author) {
        for (AdjustmentRow row : adjustments) {
            if (row.note().date().equals(noteDate) && java.util.Objects.equals(row.note().author(), author)) {
                return row.outcome();
            }
        }
        return "";
    }

    private static Loaded load(Request request) {
        Portfolio portfolio = request.portfolio();
        String id = request.accountId();
        LocalDate asOf = request.asOf();
        HealthModel model = request.model();
        // Found here, off the FX thread; the portfolio keeps it for the screen's "Back to today".
        portfolio.asOfDate();
        int a = portfolio.indexOf(id);
        if (a < 0) {
            throw new IllegalArgumentException("No account " + id);
        }
        List<AdjustmentEntry> trail = List.of();
        List<ModelVersion> versions = List.of();
        if (request.workspace() != null) {
            // The database is the truth about adjustments; the portfolio may have been read before a change.
            List<Note> stored = request.workspace().adjustments(id);
            if (!sameNotes(stored, portfolio.notes(a))) {
                portfolio = portfolio.withNotes(id, stored);
            }
            trail = request.workspace().adjustmentTrail(id);
            versions = request.workspace().savedVersions();
        }
        AccountScore now = new HealthScorer(model, portfolio).score(id, asOf);
        if (request.workspace() != null) {
            now = request.workspace().withTonePhrases(now, model);
        }
        // An account whose data stopped arriving is shown as of the last day of its data, as it is scored.
        LocalDate scoredAt = now.asOf();
        List<LocalDate> months = historyDates(scoredAt);
        ScoreGrid grid = ScoreGrid.compute(model, portfolio, new int[] {a}, months, () -> false);
        List<HistoryPoint> history = new ArrayList<>();
        for (int j = 0; j < months.size(); j++) {
            int p = grid.point(0, j);
            boolean scored = grid.isLive(p) && !Double.isNaN(grid.score(p));
            history.add(new HistoryPoint(months.get(j), scored ? grid.score(p) : Double.NaN, scored ? grid.base(p) : Double.NaN));
        }
        HealthModel.Bands bands = model.bands(now.stage());
        List<CategoryBar> bars = new ArrayList<>();
        for (AccountScore.CategoryResult category : now.categories()) {
            bars.add(new CategoryBar(category.id(), category.label(), category.score(), category.weight(),
                    Double.isNaN(category.score()) ? null : Band.of(category.score(), bands.red(), bands.yellow())));
        }
        List<Note> notes = portfolio.notes(a);
        java.util.Map<String, String> verdicts = new java.util.HashMap<>();
        for (AdjustmentReview.Verdict verdict : AdjustmentReview.verdicts(model, portfolio, a, VERDICT_HORIZON_DAYS, null, () -> false)) {
            verdicts.put(verdict.date() + "|" + verdict.author(), verdict.text());
        }
        List<AdjustmentRow> rows = new ArrayList<>();
        for (Note note : notes) {
            rows.add(new AdjustmentRow(note, status(note, asOf), verdicts.getOrDefault(note.date() + "|" + note.author(), "")));
        }
        rows.sort(Comparator.comparing((AdjustmentRow r) -> r.note().date()).reversed());
        ScoreChange change = request.compareFrom() == null || request.compareTo() == null ? null
                : whyChanged(new Request(portfolio, id, asOf, model, request.workspace(), request.compareFrom(),
                        request.compareTo()), versions);
        return new Loaded(portfolio, now, bands, history, markers(model, portfolio, a, months.get(0), scoredAt, versions),
                bars, measureRows(model, portfolio, a, now, scoredAt), rows, trail, versions,
                AccountSignals.of(portfolio, id, scoredAt), change);
    }

    static List<LocalDate> historyDates(LocalDate asOf) {
        List<LocalDate> months = new ArrayList<>();
        for (int back = HISTORY_MONTHS; back >= 1; back--) {
            LocalDate month = asOf.minusMonths(back);
            months.add(month.withDayOfMonth(month.lengthOfMonth()));
        }
        months.add(asOf);
        return months;
    }

    private static boolean sameNotes(List<Note> stored, List<Note> held) {
        Comparator<Note> order = Comparator.comparing(Note::date).thenComparing(Note::author);
        List<Note> a = new ArrayList<>(stored);
        List<Note> b = new ArrayList<>(held);
        a.sort(order);
        b.sort(order);
        return a.equals(b);
    }

    private static AdjustmentRow.Status status(Note note, LocalDate asOf) {
        if (note.date().isAfter(asOf)) {
            return AdjustmentRow.Status.LATER;
        }
        return note.expires() == null || note.expires().isAfter(asOf) ? AdjustmentRow.Status.ACTIVE
                : AdjustmentRow.Status.EXPIRED;
    }

    private static List<MeasureRow> measureRows(HealthModel model, Portfolio portfolio, int a, AccountScore now,
                                                LocalDate asOf) {
        ScoreGrid grid = ScoreGrid.compute(model, portfolio, new int[] {a}, List.of(asOf.minusDays(TREND_DAYS), asOf),
                () -> false);
        List<MeasureRow> rows = new ArrayList<>();
        for (AccountScore.MeasureResult m : now.measures()) {
            int index = model.measureIndex(m.id());
            double before = grid.measureScore(index, grid.point(0, 0));
            double trend = Double.isNaN(before) || Double.isNaN(m.score()) || !grid.isLive(grid.point(0, 0))
                    ? Double.NaN : m.score() - before;
            int c = model.categoryIndex(m.category());
            rows.add(new MeasureRow(m.id(), m.label(), c < 0 ? m.category() : model.categories().get(c).label(), m.raw(),
                    m.score(), trend, m.pointsLost(), m.text()));
        }
        return rows;
    }

    private static List<Marker> markers(HealthModel model, Portfolio portfolio, int a, LocalDate from, LocalDate to,
                                        List<ModelVersion> versions) {
        List<Marker> found = new ArrayList<>();
        for (ModelVersion version : versions) {
            LocalDate created = version.createdAt().atZoneSameInstant(ZoneOffset.UTC).toLocalDate();
            if (!created.isBefore(from) && !created.isAfter(to)) {
                found.add(new Marker(Marker.Kind.MODEL_VERSION, created, "v" + version.number(),
                        version.label() + ", saved by " + version.author() + " on " + created
                                + (version.note().isBlank() ? "" : ": " + version.note()), Double.NaN));
            }
        }
        for (Note note : portfolio.notes(a)) {
            if (!note.date().isBefore(from) && !note.date().isAfter(to)) {
                found.add(new Marker(Marker.Kind.ADJUSTMENT, note.date(), String.format(Locale.ROOT, "%+d", note.adjustment()),
                        String.format(Locale.ROOT, "CSM adjustment %+d by %s on %s: %s%s", note.adjustment(), note.author(),
                                note.date(), note.reason(), note.expires() == null ? "" : " (until " + note.expires() + ")"),
                        Double.NaN));
            }
        }
        for (Outcome outcome : portfolio.outcomes(a)) {
            if (!outcome.date().isBefore(from) && !outcome.date().isAfter(to)) {
                String event = outcome.event().name().charAt(0) + outcome.event().name().substring(1).toLowerCase(Locale.ROOT);
                found.add(new Marker(Marker.Kind.OUTCOME, outcome.date(), event, event + " on " + outcome.date()
                        + (outcome.arrChange() == null || outcome.arrChange() == 0 ? ""
                        : String.format(Locale.ROOT, ", ARR %+,.0f", outcome.arrChange())), Double.NaN));
            }
        }
        if (found.isEmpty()) {
            return found;
        }
        // Each marker sits on the score line: the score that day, or the day before (a churn day has none).
        TreeSet<LocalDate> days = new TreeSet<>();
        found.forEach(m -> {
            days.add(m.date());
            days.add(m.date().minusDays(1));
        });
        List<LocalDate> dates = List.copyOf(days);
        ScoreGrid grid = ScoreGrid.compute(model, portfolio, new int[] {a}, dates, () -> false);
        List<Marker> placed = new ArrayList<>();
        for (Marker m : found) {
            double y = scoreOn(grid, dates.indexOf(m.date()));
            if (Double.isNaN(y)) {
                y = scoreOn(grid, dates.indexOf(m.date().minusDays(1)));
            }
            placed.add(new Marker(m.kind(), m.date(), m.label(), m.detail(), y));
        }
        placed.sort(Comparator.comparing(Marker::date));
        return placed;
    }

    private static double scoreOn(ScoreGrid grid, int j) {
        int p = grid.point(0, j);
        return grid.isLive(p) ? grid.score(p) : Double.NaN;
    }

    /**
     * The change between the two dates: from the model saved last on or before the earlier date (the current
     * model when none was) to the current model.
     */
    private static ScoreChange whyChanged(Request request, List<ModelVersion> versions) {
        LocalDate from = request.compareFrom();
        LocalDate to = request.compareTo();
        if (to.isBefore(from)) {
            LocalDate swap = from;
            from = to;
            to = swap;
        }
        HealthModel earlier = request.model();
        for (ModelVersion version : versions) {
            if (!version.createdAt().atZoneSameInstant(ZoneOffset.UTC).toLocalDate().isAfter(from)) {
                earlier = version.model();
            }
        }
        return new HealthScorer(request.model(), request.portfolio()).whyChanged(request.accountId(), from, to, earlier);
    }

    static List<ChangeRow> changeRows(ScoreChange change, HealthModel model) {
        List<ChangeRow> rows = new ArrayList<>();
        rows.add(new ChangeRow("Total", "Final score", change.total()));
        rows.add(new ChangeRow("Data", "The account's data", change.dueToData()));
        rows.add(new ChangeRow("Model", "The health model", change.dueToModel()));
        rows.add(new ChangeRow("Adjustment", "CSM adjustments", change.dueToAdjustment()));
        if (Math.abs(change.other()) >= 0.05) {
            rows.add(new ChangeRow("Other", "The 0–100 limit", change.other()));
        }
        addCategories(rows, "Data", change.dataByCategory(), model);
        addCategories(rows, "Model", change.modelByCategory(), model);
        for (ScoreChange.Part part : change.dataByMeasure()) {
            if (Math.abs(part.points()) >= 0.05) {
                rows.add(new ChangeRow("Data · measure", part.label(), part.points()));
            }
        }
        for (ScoreChange.Part part : change.modelByMeasure()) {
            if (Math.abs(part.points()) >= 0.05) {
                rows.add(new ChangeRow("Model · measure", part.label(), part.points()));
            }
        }
        return rows;
    }

    private static void addCategories(List<ChangeRow> rows, String part, Map<String, Double> byCategory, HealthModel model) {
        byCategory.forEach((id, points) -> {
            if (Math.abs(points) >= 0.05) {
                int c = model.categoryIndex(id);
                rows.add(new ChangeRow(part + " · category", c < 0 ? id : model.categories().get(c).label(), points));
            }
        });
    }

    static String summary(ScoreChange change) {
        if (Double.isNaN(change.scoreFrom()) || Double.isNaN(change.scoreTo())) {
            return "There is no score on " + (Double.isNaN(change.scoreFrom()) ? change.from() : change.to())
                    + ", so there is nothing to compare: choose dates on which the account was live.";
        }
        double total = change.total();
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "From %s to %s the score %s, from %.0f to %.0f: "
                        + "%s from the account's data, %s from the model and %s from CSM adjustments.",
                change.from(), change.to(), Math.abs(total) < 0.5 ? "held steady" : String.format(Locale.ROOT, "%s %.1f points",
                        total > 0 ? "rose" : "fell", Math.abs(total)), change.scoreFrom(), change.scoreTo(),
                points(change.dueToData()), points(change.dueToModel()), points(change.dueToAdjustment())));
        if (Math.abs(change.other()) >= 0.05) {
            text.append(String.format(Locale.ROOT, " The 0–100 limit takes %s.", points(change.other())));
        }
        change.dataByMeasure().stream().filter(p -> Math.abs(p.points()) >= 0.5).findFirst().ifPresent(p ->
                text.append(String.format(Locale.ROOT, " In the data, %s moved it most (%s).", p.label(), points(p.points()))));
        return text.toString();
    }

    private static String points(double points) {
        return String.format(Locale.ROOT, "%+.1f", Math.abs(points) < 0.05 ? 0.0 : points);
    }
}
