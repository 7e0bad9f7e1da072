package com.bellwether.ui.portfolio;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.stream.IntStream;

import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.StringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import com.bellwether.scoring.AccountScore;
import com.bellwether.scoring.Band;
import com.bellwether.scoring.HealthModel;
import com.bellwether.scoring.HealthScorer;
import com.bellwether.scoring.Portfolio;
import com.bellwether.app.BackgroundJob;
import com.bellwether.app.ExportSheets;
import com.bellwether.app.Exports;
import com.bellwether.app.XlsxFile;
import com.bellwether.domain.Plurals;
import com.bellwether.app.ModelVersion;
import com.bellwether.app.Workspace;

/** The leader's view: every live account scored as of the latest data, the totals per band, who moved. */
public final class PortfolioViewModel {

    /** Totals for the tiles. */
    public record Totals(LocalDate asOf, long[] accounts, double[] arr, double arrAtRisk, long improved, long declined,
                         long candidates, double candidateArr) {

        public long accounts(Band band) {
            return accounts[band.ordinal()];
        }

        public double arr(Band band) {
            return arr[band.ordinal()];
        }
    }

    /** How often accounts in each band churned within the horizon, in the latest backtest of the active model. */
    public record ChurnRates(double red, double yellow, double green, int horizonDays) {
    }

    /** The share of live accounts in each band at one month's end. */
    public record BandMix(LocalDate date, double red, double yellow, double green) {
    }

    private record Loaded(List<AccountRow> rows, List<BandMix> mix, HealthModel model, List<ModelVersion> versions,
                          Portfolio portfolio, String leftOut) {
    }

    private final ObservableList<BandMix> bandMix = FXCollections.observableArrayList();
    private volatile Portfolio portfolio;
    private final javafx.beans.property.ObjectProperty<AccountRow> opened = new javafx.beans.property.SimpleObjectProperty<>();
    private final Executor background;
    private final Executor fx;
    /** The shipped model until a database is read; then its active version. */
    private final ReadOnlyObjectWrapper<HealthModel> model = new ReadOnlyObjectWrapper<>();

    // Properties
    private final ObservableList<AccountRow> rows = FXCollections.observableArrayList();
    /** Counts the loads that read and scored the whole portfolio (not one account re-scored after an adjustment). */
    private final javafx.beans.property.ReadOnlyLongWrapper loads = new javafx.beans.property.ReadOnlyLongWrapper();
    private final FilteredList<AccountRow> visibleRows = new FilteredList<>(rows, r -> true);
    // Held here: an unmodifiable view listens to the rows weakly, so a view nobody holds would stop telling of changes.
    private final ObservableList<AccountRow> readOnlyRows = FXCollections.unmodifiableObservableList(rows);
    private final StringProperty search = new SimpleStringProperty("");
    private final javafx.beans.property.BooleanProperty candidatesOnly = new javafx.beans.property.SimpleBooleanProperty();
    private final ReadOnlyObjectWrapper<Totals> totals = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ObservableList<ModelVersion> versions = FXCollections.observableArrayList();
    private final javafx.beans.property.ObjectProperty<ModelVersion> mixVersion = new javafx.beans.property.SimpleObjectProperty<>();
    private boolean choosingMixVersion;
    private BackgroundJob<?> running;
    private final javafx.beans.property.ObjectProperty<ChurnRates> churnRates = new javafx.beans.property.SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    /** The measures the model leaves out for want of their source in the data, in one line; empty when none. */
    private final ReadOnlyStringWrapper leftOut = new ReadOnlyStringWrapper("");

    /** Runs on the background executor and reports back on the FX thread. */
    public PortfolioViewModel(Executor background, HealthModel model) {
        this(background, Platform::runLater, model);
    }

    /**
     * @param background where reading, scoring and exporting run
     * @param fx         where their progress and outcome are applied (the FX thread in the workbench)
     * @param model      the model shown until a database is read
     */
    PortfolioViewModel(Executor background, Executor fx, HealthModel model) {
        this.background = background;
        this.fx = fx;
        this.model.set(model);
        search.addListener((o, old, text) -> filter());
        candidatesOnly.addListener((o, old, only) -> filter());
        // Another version chosen for the band mix: the same history scored again under it.
        mixVersion.addListener((o, old, version) -> {
            if (!choosingMixVersion && version != null && portfolio != null && totals.get() != null) {
                busy.set(true);
                loadBandMix(version.model(), portfolio, totals.get().asOf());
            }
        });
    }

    /** Month by month, the last two years up to the portfolio's date. */
    public ObservableList<BandMix> bandMix() {
        return bandMix;
    }

    /** The portfolio last loaded (null before), for screens that look deeper into one account. */
    public Portfolio portfolio() {
        return portfolio;
    }

    /** The account the user asked to open (a double-click in the table). */
    public javafx.beans.property.ObjectProperty<AccountRow> openedProperty() {
        return opened;
    }

    /** Every scored row, whatever the search. */
    /**
     * Told after each load of the whole portfolio (its totals already set); a CSM adjustment's re-scoring of one
     * account changes the totals only.
     */
    public javafx.beans.property.ReadOnlyLongProperty loadsProperty() {
        return loads.getReadOnlyProperty();
    }

    public ObservableList<AccountRow> allRows() {
        return readOnlyRows;
    }

    public ObservableList<AccountRow> visibleRows() {
        return visibleRows;
    }

    /** Shows the expansion candidates alone (with the search). */
    public javafx.beans.property.BooleanProperty candidatesOnlyProperty() {
        return candidatesOnly;
    }

    private void filter() {
        String text = search.get();
        boolean only = candidatesOnly.get();
        visibleRows.setPredicate(row -> row.matches(text) && (!only || row.expansionCandidate()));
    }

    public StringProperty searchProperty() {
        return search;
    }

    public ReadOnlyObjectProperty<Totals> totalsProperty() {
        return totals.getReadOnlyProperty();
    }

    /** Every saved model version, for the band mix under another one. */
    public ObservableList<ModelVersion> versions() {
        return versions;
    }

    /** The version the band mix is scored under: the active one after a load, or one the user picks. */
    public javafx.beans.property.ObjectProperty<ModelVersion> mixVersionProperty() {
        return mixVersion;
    }

    /** Stops the scoring under way where it next polls; the table keeps what it had. */
    public void cancel() {
        if (running != null) {
            running.cancel();
        }
    }

    /** Set from the latest backtest of the active model, wherever it ran. */
    public javafx.beans.property.ObjectProperty<ChurnRates> churnRatesProperty() {
        return churnRates;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /**
     * What the active model leaves out because the database has none of its source, as the status bar says it
     * ("no logins in the data: 2 measures left out"); empty when every measure has a source.
     */
    public ReadOnlyStringProperty leftOutProperty() {
        return leftOut.getReadOnlyProperty();
    }

    public HealthModel model() {
        return model.get();
    }

    public ReadOnlyObjectProperty<HealthModel> modelProperty() {
        return model.getReadOnlyProperty();
    }

    // Commands

    /** Reads the portfolio and scores every live account as of the last date with data, off the FX thread. */
    public void load(Workspace workspace) {
        load(() -> workspace, () -> null);
    }

    /**
     * The same with the workspace asked for when the work starts, so the load can be queued behind the task that
     * opens it; no workspace then means nothing to show. A portfolio already read at start-up is used when given.
     */
    public void load(java.util.function.Supplier<Workspace> opened, java.util.function.Supplier<Portfolio> alreadyRead) {
        BackgroundJob<Loaded> job = new BackgroundJob<>(fx);
        busy.set(true);
        running = job;
        job.onProgress((step, fraction) -> status.set(step))
                .onSucceeded(loaded -> {
                    if (job.isCancelled()) {
                        scoringCancelled();
                        return;
                    }
                    com.bellwether.ui.StartupTrace.mark("scores handed to the screen");
                    portfolio = loaded.portfolio();
                    model.set(loaded.model());
                    leftOut.set(loaded.leftOut());
                    choosingMixVersion = true;
                    versions.setAll(loaded.versions());
                    mixVersion.set(versions.stream().filter(ModelVersion::active).findFirst().orElse(null));
                    choosingMixVersion = false;
                    rows.setAll(loaded.rows());
                    Totals loadedTotals = totalsOf(loaded.rows());
                    // Queued before anything the new totals set off, so the chart follows the table at once.
                    if (rows.isEmpty()) {
                        bandMix.clear();
                        busy.set(false);
                    } else {
                        loadBandMix(model.get(), portfolio, loadedTotals.asOf());
                    }
                    totals.set(loadedTotals);
                    loads.set(loads.get() + 1);
                    long stale = rows.stream().filter(row -> row.score().stale()).count();
                    status.set(rows.isEmpty() ? "No account has data yet." : rows.size() + " live accounts as of "
                            + loadedTotals.asOf() + " under " + model.get().name() + " v" + model.get().version() + "."
                            + (stale == 0 ? "" : " " + stale + " with stale data."));
                })
                .onFailed(e -> {
                    busy.set(false);
                    status.set("Scoring failed: " + e.getMessage());
                })
                .onCancelled(this::scoringCancelled)
                .start(background, work -> {
                    Workspace workspace = opened.get();
                    if (workspace == null) {
                        return new Loaded(List.of(), List.of(), model.get(), List.of(), null, "");
                    }
                    work.update("Reading the portfolio", -1);
                    HealthModel model = workspace.activeModel();
                    List<ModelVersion> saved = workspace.savedVersions();
                    Portfolio read = alreadyRead.get();
                    Portfolio portfolio = read != null ? workspace.adopt(read) : workspace.portfolio();
                    LocalDate asOf = portfolio.asOfDate();
                    if (asOf == null) {
                        return new Loaded(List.of(), List.of(), model, saved, portfolio, "");
                    }
                    work.update("Scoring " + portfolio.size() + " accounts as of " + asOf, -1);
                    List<AccountScore> scores = workspace.scores(model, asOf, work);
                    java.util.Set<String> expansionRules = expansionRules(model);
                    com.bellwether.ui.StartupTrace.mark("portfolio scored");
                    List<AccountRow> loaded = new ArrayList<>(scores.size());
                    for (AccountScore score : scores) {
                        loaded.add(AccountRow.of(portfolio.account(portfolio.indexOf(score.accountId()), asOf), score,
                                expansionRules));
                    }
                    // The band mix follows in a job of its own, so the table and tiles show first.
                    return new Loaded(loaded, List.of(), model, saved, portfolio,
                            com.bellwether.scoring.AbsentSources.of(model, portfolio).summary());
                });
    }

    /** A load stopped, or returned after a cancel: what it read is dropped and the table keeps what it had. */
    private void scoringCancelled() {
        busy.set(false);
        status.set("Scoring cancelled.");
    }

    /**
     * After one account's adjustments changed: that account is scored again with the notes stored, every other row
     * is kept and the totals are added up again, so the screen does not read and score the whole portfolio for one
     * CSM's change. Without a portfolio shown yet (or for an account not in it), the whole load runs instead.
     */
    public void rescoreAccount(Workspace workspace, String accountId) {
        Portfolio shown = portfolio;
        Totals shownTotals = totals.get();
        HealthModel scoredWith = model.get();
        if (shown == null || shownTotals == null || accountId == null || shown.indexOf(accountId) < 0) {
            load(workspace);
            return;
        }
        record Rescored(Portfolio portfolio, AccountScore score, long nanos) {
        }
        long asked = System.nanoTime();
        new BackgroundJob<Rescored>(fx)
                .onSucceeded(rescored -> {
                    if (portfolio != shown) {
                        return; // a load since has read the adjustment with everything else
                    }
                    long applying = System.nanoTime();
                    portfolio = rescored.portfolio();
                    for (int i = 0; i < rows.size(); i++) {
                        if (rows.get(i).account().accountId().equals(accountId)) {
                            rows.set(i, AccountRow.of(rows.get(i).account(), rescored.score(), expansionRules(scoredWith)));
                        }
                    }
                    long replaced = System.nanoTime();
                    Totals summed = totalsOf(rows);
                    long summing = System.nanoTime();
                    totals.set(summed);
                    if (com.bellwether.ui.StartupTrace.isOn()) {
                        java.util.logging.Logger.getLogger("bellwether.timings").info(String.format(java.util.Locale.ROOT,
                                "%s re-scored in %.1f ms, its row replaced in %.1f ms, totals summed in %.1f ms and"
                                        + " shown in %.1f ms, %.1f ms after the ask",
                                accountId, rescored.nanos() / 1e6, (replaced - applying) / 1e6, (summing - replaced) / 1e6,
                                (System.nanoTime() - summing) / 1e6, (System.nanoTime() - asked) / 1e6));
                    }
                })
                .onFailed(e -> status.set("Scoring " + accountId + " failed: " + e.getMessage()))
                .start(background, work -> {
                    long start = System.nanoTime();
                    Portfolio updated = shown.withNotes(accountId, workspace.adjustments(accountId));
                    AccountScore score = new HealthScorer(scoredWith, updated).score(accountId, shownTotals.asOf());
                    return new Rescored(updated, score, System.nanoTime() - start);
                });
    }

    private void loadBandMix(HealthModel scoredWith, Portfolio scored, LocalDate asOf) {
        BackgroundJob<List<BandMix>> job = new BackgroundJob<>(fx);
        running = job;
        job.onSucceeded(mix -> {
                    if (!job.isCancelled()) {
                        bandMix.setAll(mix);
                    }
                    busy.set(false);
                })
                .onFailed(e -> {
                    busy.set(false);
                    status.set("The band mix failed: " + e.getMessage());
                })
                .onCancelled(() -> busy.set(false))
                .start(background, work -> bandMix(scoredWith, scored, asOf, work));
    }

    /** Shares of live, scored accounts per band at the 24 month-ends up to the date. */
    private static List<BandMix> bandMix(HealthModel model, Portfolio portfolio, LocalDate asOf,
                                         java.util.function.BooleanSupplier cancelled) {
        List<LocalDate> months = new ArrayList<>();
        for (int back = 23; back >= 0; back--) {
            LocalDate month = asOf.minusMonths(back);
            months.add(back == 0 ? asOf : month.withDayOfMonth(month.lengthOfMonth()));
        }
        com.bellwether.scoring.ScoreGrid grid = com.bellwether.scoring.ScoreGrid.compute(model, portfolio,
                IntStream.range(0, portfolio.size()).toArray(), months, cancelled);
        List<BandMix> mix = new ArrayList<>();
        for (int j = 0; j < months.size(); j++) {
            long[] counts = new long[3];
            for (int k = 0; k < grid.accountCount(); k++) {
                int p = grid.point(k, j);
                if (grid.isLive(p) && grid.band(p) != null) {
                    counts[grid.band(p).ordinal()]++;
                }
            }
            double total = Math.max(1, counts[0] + counts[1] + counts[2]);
            mix.add(new BandMix(months.get(j), 100 * counts[0] / total, 100 * counts[1] / total, 100 * counts[2] / total));
        }
        return mix;
    }

    /** Writes the visible rows (as searched) to a CSV file, off the FX thread. */
    public void exportCsv(java.nio.file.Path file) {
        export(file);
    }

    /**
     * Writes the visible rows (as searched) off the FX thread: an Excel workbook when the file's name ends in .xlsx,
     * CSV otherwise.
     */
    public void export(java.nio.file.Path file) {
        List<AccountRow> snapshot = List.copyOf(visibleRows);
        boolean excel = XlsxFile.named(file);
        status.set("Exporting " + Plurals.count(snapshot.size(), "account") + " to " + file.getFileName() + "…");
        new BackgroundJob<Integer>(fx)
                .onSucceeded(written -> status.set("Exported " + Plurals.count(written, "account") + " to " + file + "."))
                .onFailed(e -> status.set("The export failed: " + e.getMessage()))
                .start(background, work -> {
                    if (excel) {
                        XlsxFile.write(file, List.of(sheet(snapshot)), work);
                    } else {
                        writeCsv(snapshot, file);
                    }
                    return snapshot.size();
                });
    }

    /** What a chart's picture says under its title: the model and version, the date, the accounts. */
    public String chartCaption() {
        HealthModel shown = model.get();
        Totals now = totals.get();
        String caption = shown == null ? "" : shown.name() + " v" + shown.version();
        if (now != null && now.asOf() != null) {
            caption += " · as of " + now.asOf() + " · " + Plurals.count(rows.size(), "live account");
        }
        return caption;
    }

    /** The months the band mix spans, e.g. "2024-10 to 2026-09"; empty before a load. */
    public String bandMixSpan() {
        return bandMix.isEmpty() ? "" : bandMix.get(0).date().toString().substring(0, 7) + " to "
                + bandMix.get(bandMix.size() - 1).date().toString().substring(0, 7);
    }

    /** Writes a picture of a chart as PNG, off the FX thread. */
    public void exportImage(javafx.scene.image.Image image, java.nio.file.Path file) {
        com.bellwether.ui.ChartPicture.writePng(image, file, fx, background, status::set, status::set);
    }

    static com.bellwether.app.SheetTable sheet(List<AccountRow> rows) {
        return ExportSheets.portfolio(rows.stream()
                .map(row -> new ExportSheets.ScoredAccount(row.account(), row.score(), row.topReason(), row.nextAction()))
                .toList());
    }

    static void writeCsv(List<AccountRow> rows, java.nio.file.Path file) throws java.io.IOException {
        try (java.io.Writer out = java.nio.file.Files.newBufferedWriter(file, java.nio.charset.StandardCharsets.UTF_8);
             de.siegmar.fastcsv.writer.CsvWriter csv = de.siegmar.fastcsv.writer.CsvWriter.builder().build(out)) {
            csv.writeRecord("account_id", "name", "segment", "stage", "csm", "arr", "score", "base_score", "adjustment",
                    "band", "trend_30d", "top_reason", "next_action");
            for (AccountRow row : rows) {
                AccountScore s = row.score();
                csv.writeRecord(text(row.account().accountId()), text(row.account().name()), text(row.account().segment()),
                        text(s.stage()), text(row.account().csm()), number(row.arr()), number(s.score()), number(s.baseScore()),
                        number(s.adjustment()), s.band() == null ? "" : s.band().id(),
                        s.change30d() == null ? "" : number(s.change30d()), text(row.topReason()), text(row.nextAction()));
            }
        }
    }

    /** Text that a spreadsheet would take for a formula starts with an apostrophe instead. */
    static String text(String value) {
        return Exports.csvText(value);
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "" : String.format(java.util.Locale.ROOT, "%.1f", value);
    }

    static Totals totalsOf(List<AccountRow> rows) {
        long[] accounts = new long[3];
        double[] arr = new double[3];
        long improved = 0;
        long declined = 0;
        long candidates = 0;
        double candidateArr = 0;
        // The portfolio's as-of date: an account with stale data is scored as of its own, earlier, last day.
        LocalDate asOf = rows.stream().map(row -> row.score().asOf()).max(LocalDate::compareTo).orElse(null);
        for (AccountRow row : rows) {
            Band band = row.score().band();
            if (band != null) {
                accounts[band.ordinal()]++;
                arr[band.ordinal()] += row.arr();
            }
            if (row.expansionCandidate()) {
                candidates++;
                candidateArr += row.arr();
            }
            Double change = row.score().change30d();
            if (change != null && change >= 5) {
                improved++;
            } else if (change != null && change <= -5) {
                declined++;
            }
        }
        return new Totals(asOf, accounts, arr, arr[Band.RED.ordinal()] + arr[Band.YELLOW.ordinal()], improved, declined,
                candidates, candidateArr);
    }

    private static java.util.Set<String> expansionRules(HealthModel model) {
        return model.expansionRules().stream().map(HealthModel.PlaybookRule::id)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }
}
