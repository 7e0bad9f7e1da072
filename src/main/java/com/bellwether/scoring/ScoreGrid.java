package com.bellwether.scoring;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import com.bellwether.domain.Account;
import com.bellwether.scoring.HealthModel.Measure;
import com.bellwether.scoring.Portfolio.AccountData;

/**
 * Scores of a set of accounts at a set of as-of dates under one model, column by column. The expensive part, the
 * raw value of every measure at every point, is computed once; {@link #withModel} re-aggregates from it, so a
 * change of weights, bands or stage overrides touches no data, and a change of one measure's scale rescores only
 * that measure's category. Each category's score is kept per point (a slider move of category weights reads four
 * columns, not every measure); a measure's score is worked out from its raw value when asked. A point is an (account, date) pair: {@code point(k, j) = k * dates + j}.
 */
public final class ScoreGrid {

    private final HealthModel model;
    private final Portfolio portfolio;
    private final int[] accounts;
    private final LocalDate[] dates;
    private final int[] days;

    private final double[][] raw;            // [measure][point]
    /** The measures whose source the data lacks altogether: NaN raw values, no score, whatever their missing policy. */
    private final AbsentSources absent;
    private final double[][] categoryScores; // [category][point], NaN when no measure of it has a score
    private final byte[] stage;              // index into HealthModel.STAGE_IDS
    private final double[] adjustment;
    private final boolean[] live;
    private final boolean[] hasData;

    private final double[] base;
    private final double[] total;
    private final byte[] band;               // Band ordinal, -1 without data

    private ScoreGrid(HealthModel model, Portfolio portfolio, int[] accounts, LocalDate[] dates, double[][] raw,
                      AbsentSources absent, double[][] categoryScores, byte[] stage, double[] adjustment, boolean[] live,
                      boolean[] hasData) {
        this.model = model;
        this.absent = absent;
        this.portfolio = portfolio;
        this.accounts = accounts;
        this.dates = dates;
        this.days = Arrays.stream(dates).mapToInt(d -> (int) d.toEpochDay()).toArray();
        this.raw = raw;
        this.categoryScores = categoryScores;
        this.stage = stage;
        this.adjustment = adjustment;
        this.live = live;
        this.hasData = hasData;
        int points = accounts.length * dates.length;
        this.base = new double[points];
        this.total = new double[points];
        this.band = new byte[points];
        aggregate();
    }

    /** The same grid with one account's adjustments, scores and bands replaced; everything else shared. */
    private ScoreGrid(ScoreGrid source, Portfolio portfolio, double[] adjustment, double[] total, byte[] band) {
        this.model = source.model;
        this.portfolio = portfolio;
        this.accounts = source.accounts;
        this.dates = source.dates;
        this.days = source.days;
        this.raw = source.raw;
        this.absent = source.absent;
        this.categoryScores = source.categoryScores;
        this.stage = source.stage;
        this.adjustment = adjustment;
        this.live = source.live;
        this.hasData = source.hasData;
        this.base = source.base;
        this.total = total;
        this.band = band;
    }

    /**
     * The same points after one account's CSM notes changed ({@code updated} is this grid's portfolio through
     * {@link Portfolio#withNotes}): a note moves only the adjustment, so that account's adjustments, scores and
     * bands are worked out again and every other column is shared. Equal to computing the grid anew.
     */
    public ScoreGrid withNotes(Portfolio updated, String accountId) {
        int a = updated.indexOf(accountId);
        if (a < 0) {
            throw new IllegalArgumentException("No account " + accountId);
        }
        double[] nextAdjustment = adjustment.clone();
        double[] nextTotal = total.clone();
        byte[] nextBand = band.clone();
        AccountData data = updated.data(a);
        for (int k = 0; k < accounts.length; k++) {
            if (accounts[k] != a) {
                continue;
            }
            for (int j = 0; j < days.length; j++) {
                int p = k * days.length + j;
                nextAdjustment[p] = adjustment(model, data, days[j]);
                if (Double.isNaN(base[p])) {
                    continue;
                }
                nextTotal[p] = Math.max(0, Math.min(100, base[p] + nextAdjustment[p]));
                HealthModel.Bands bands = model.bands(HealthModel.STAGE_IDS.get(stage[p]));
                nextBand[p] = (byte) Band.of(nextTotal[p], bands.red(), bands.yellow()).ordinal();
            }
        }
        return new ScoreGrid(this, updated, nextAdjustment, nextTotal, nextBand);
    }

    /** Computes every measure at every point; the cancellation is polled per account. */
    public static ScoreGrid compute(HealthModel model, Portfolio portfolio, int[] accounts, List<LocalDate> dates,
                                    BooleanSupplier cancelled) {
        LocalDate[] at = dates.toArray(LocalDate[]::new);
        int points = accounts.length * at.length;
        int[] days = Arrays.stream(at).mapToInt(d -> (int) d.toEpochDay()).toArray();
        double[][] raw = new double[model.measures().size()][];
        AbsentSources absent = AbsentSources.of(model, portfolio);
        for (int m = 0; m < raw.length; m++) {
            if (absent.leftOut(m)) {
                raw[m] = nanColumn(points);
            }
        }
        MeasureCache cache = portfolio.measureCache().filter(c -> c.covers(points)).orElse(null);
        String[] keys = new String[raw.length];
        // Columns of the data before the last import: every account's values but the changed ones'.
        boolean[] earlier = new boolean[raw.length];
        boolean[] stale = new boolean[accounts.length];
        if (cache != null) {
            String[] ids = Arrays.stream(accounts).mapToObj(a -> portfolio.account(a).accountId()).toArray(String[]::new);
            for (int m = 0; m < raw.length; m++) {
                if (absent.leftOut(m)) {
                    continue;
                }
                HealthModel.Derivation derive = model.measures().get(m).derive();
                keys[m] = cache.key(derive, portfolio.metrics(), ids, days);
                raw[m] = cache.read(keys[m], points).orElse(null);
                if (raw[m] == null) {
                    raw[m] = cache.readPrevious(derive, portfolio.metrics(), ids, days, points).orElse(null);
                    if (raw[m] == null) {
                        // The accounts differ from the version before (an import added one): those it shares.
                        raw[m] = cache.readPreviousOfOtherAccounts(derive, portfolio.metrics(), ids, days, stale)
                                .orElse(null);
                    }
                    earlier[m] = raw[m] != null;
                }
            }
            for (int k = 0; k < accounts.length; k++) {
                stale[k] |= cache.changed(ids[k]);
            }
        }
        int[] missing = IntStream.range(0, raw.length).filter(m -> raw[m] == null).toArray();
        int[] refreshed = IntStream.range(0, raw.length).filter(m -> earlier[m]).toArray();
        for (int m : missing) {
            raw[m] = new double[points];
        }
        MeasureFunction[] functions = functions(model, portfolio);
        if (missing.length > 0 || refreshed.length > 0) {
            IntStream.range(0, accounts.length).parallel().forEach(k -> {
                if (cancelled.getAsBoolean()) {
                    throw new java.util.concurrent.CancellationException("cancelled");
                }
                AccountData data = portfolio.data(accounts[k]);
                for (int j = 0; j < days.length; j++) {
                    for (int m : missing) {
                        raw[m][k * days.length + j] = functions[m].raw(data, days[j]);
                    }
                    if (stale[k]) {
                        for (int m : refreshed) {
                            raw[m][k * days.length + j] = functions[m].raw(data, days[j]);
                        }
                    }
                }
            });
            if (cache != null) {
                String[] ids = Arrays.stream(accounts).mapToObj(a -> portfolio.account(a).accountId()).toArray(String[]::new);
                for (int m : refreshed) {
                    cache.write(keys[m], raw[m], model.measures().get(m).derive(), portfolio.metrics(), ids, days);
                }
                for (int m : missing) {
                    cache.write(keys[m], raw[m], model.measures().get(m).derive(), portfolio.metrics(), ids, days);
                }
            }
        }
        double[][] scores = new double[model.categories().size()][];
        for (int c = 0; c < scores.length; c++) {
            scores[c] = categoryColumn(model, c, raw, absent);
        }
        return new ScoreGrid(model, portfolio, accounts, at, raw, absent, scores, stages(model, portfolio, accounts, days),
                adjustments(model, portfolio, accounts, days), live(portfolio, accounts, at), hasData(portfolio, accounts, days));
    }

    /** Every account of the portfolio at the given dates. */
    public static ScoreGrid compute(HealthModel model, Portfolio portfolio, List<LocalDate> dates) {
        return compute(model, portfolio, IntStream.range(0, portfolio.size()).toArray(), dates, () -> false);
    }

    /**
     * The same points under another model, recomputing only what the change needs: raw values of measures whose
     * derivation changed, scores of measures whose scale or missing-data policy changed, stages when the stage
     * rule changed, adjustments when the bound changed, and the aggregation always.
     */
    public ScoreGrid withModel(HealthModel next) {
        List<Measure> before = model.measures();
        List<Measure> after = next.measures();
        boolean sameShape = before.size() == after.size();
        for (int m = 0; sameShape && m < after.size(); m++) {
            sameShape = before.get(m).id().equals(after.get(m).id());
        }
        if (!sameShape) {
            return compute(next, portfolio, accounts, Arrays.asList(dates), () -> false);
        }
        double[][] nextRaw = raw.clone();
        boolean[] changedCategory = new boolean[next.categories().size()];
        boolean sameCategories = model.categories().size() == next.categories().size();
        for (int c = 0; sameCategories && c < next.categories().size(); c++) {
            sameCategories = model.categories().get(c).id().equals(next.categories().get(c).id());
        }
        MeasureFunction[] functions = null;
        AbsentSources nextAbsent = AbsentSources.of(next, portfolio);
        for (int m = 0; m < after.size(); m++) {
            Measure old = before.get(m);
            Measure now = after.get(m);
            if (!Objects.equals(old.derive(), now.derive()) && nextAbsent.leftOut(m)) {
                nextRaw[m] = nanColumn(raw[m].length);
            } else if (!Objects.equals(old.derive(), now.derive())) {
                if (functions == null) {
                    functions = functions(next, portfolio);
                }
                double[] column = new double[raw[m].length];
                MeasureFunction function = functions[m];
                IntStream.range(0, accounts.length).parallel().forEach(k -> {
                    AccountData data = portfolio.data(accounts[k]);
                    for (int j = 0; j < days.length; j++) {
                        column[k * days.length + j] = function.raw(data, days[j]);
                    }
                });
                nextRaw[m] = column;
            }
            if (!Objects.equals(old.derive(), now.derive()) || !sameScoring(old, now)
                    || old.weightOrOne() != now.weightOrOne() || !old.category().equals(now.category())) {
                for (String category : new String[] {old.category(), now.category()}) {
                    int c = next.categoryIndex(category);
                    if (c >= 0) {
                        changedCategory[c] = true;
                    }
                }
            }
        }
        double[][] nextScores = new double[next.categories().size()][];
        for (int c = 0; c < nextScores.length; c++) {
            nextScores[c] = sameCategories && !changedCategory[c] ? categoryScores[c]
                    : categoryColumn(next, c, nextRaw, nextAbsent);
        }
        byte[] nextStage = Objects.equals(model.stageRule(), next.stageRule()) && stageNames(model).equals(stageNames(next))
                ? stage : stages(next, portfolio, accounts, days);
        double[] nextAdjustment = Objects.equals(model.adjustmentBound(), next.adjustmentBound()) ? adjustment
                : adjustments(next, portfolio, accounts, days);
        // Who is live and who has data do not depend on the model.
        return new ScoreGrid(next, portfolio, accounts, dates, nextRaw, nextAbsent, nextScores, nextStage, nextAdjustment,
                live, hasData);
    }

    /** What an explicit lifecycle stage is matched against. */
    private static List<String> stageNames(HealthModel model) {
        return HealthModel.STAGE_IDS.stream().map(model::stageLabel).toList();
    }

    private static boolean sameScoring(Measure a, Measure b) {
        return Objects.equals(a.direction(), b.direction()) && Objects.equals(a.missing(), b.missing())
                && a.scale().size() == b.scale().size()
                && IntStream.range(0, a.scale().size()).allMatch(i -> Arrays.equals(a.scale().get(i), b.scale().get(i)));
    }

    private static double[] nanColumn(int points) {
        double[] column = new double[points];
        Arrays.fill(column, Double.NaN);
        return column;
    }

    private static MeasureFunction[] functions(HealthModel model, Portfolio portfolio) {
        return model.measures().stream().map(m -> new MeasureFunction(m.derive(), portfolio)).toArray(MeasureFunction[]::new);
    }

    /** A raw value through the measure's scale; NaN (skipped) or the fixed score when there is no value. */
    static double score(Measure measure, double raw) {
        if (Double.isNaN(raw)) {
            return measure.missing() == null || measure.missing().skips() ? Double.NaN : measure.missing().score();
        }
        List<double[]> scale = measure.scale();
        if (raw <= scale.get(0)[0]) {
            return scale.get(0)[1];
        }
        for (int i = 1; i < scale.size(); i++) {
            double[] hi = scale.get(i);
            if (raw <= hi[0]) {
                double[] lo = scale.get(i - 1);
                return lo[1] + (hi[1] - lo[1]) * (raw - lo[0]) / (hi[0] - lo[0]);
            }
        }
        return scale.get(scale.size() - 1)[1];
    }

    /**
     * One category's score at every point: the weighted mean of its measures' scores that are not skipped, summed
     * in the model's order of measures.
     */
    private static double[] categoryColumn(HealthModel model, int category, double[][] raw, AbsentSources absent) {
        List<Measure> measures = model.measures();
        String id = model.categories().get(category).id();
        int[] of = IntStream.range(0, measures.size())
                .filter(m -> measures.get(m).category().equals(id) && !absent.leftOut(m)).toArray();
        int points = raw.length == 0 ? 0 : raw[0].length;
        double[] column = new double[points];
        int chunks = (points + CHUNK - 1) / CHUNK;
        IntStream range = IntStream.range(0, chunks);
        (chunks > 1 ? range.parallel() : range).forEach(chunk -> {
            for (int p = chunk * CHUNK, end = Math.min(points, (chunk + 1) * CHUNK); p < end; p++) {
                double sum = 0;
                double weight = 0;
                for (int m : of) {
                    double s = score(measures.get(m), raw[m][p]);
                    if (s == s) {
                        sum += measures.get(m).weightOrOne() * s;
                        weight += measures.get(m).weightOrOne();
                    }
                }
                column[p] = weight > 0 ? sum / weight : Double.NaN;
            }
        });
        return column;
    }

    private static byte[] stages(HealthModel model, Portfolio portfolio, int[] accounts, int[] days) {
        byte[] stages = new byte[accounts.length * days.length];
        for (int k = 0; k < accounts.length; k++) {
            AccountData data = portfolio.data(accounts[k]);
            for (int j = 0; j < days.length; j++) {
                stages[k * days.length + j] = (byte) HealthModel.STAGE_IDS.indexOf(
                        stageOf(model, data.at(days[j]), data.start, days[j]));
            }
        }
        return stages;
    }

    /**
     * The stage as of day t of the account as it stood on that day: its explicit stage when it names one of the
     * model's, else from the contract dates by the model's rule.
     */
    static String stageOf(HealthModel model, Account account, int start, int t) {
        String explicit = model.stageNamed(account.lifecycleStage());
        if (explicit != null) {
            return explicit;
        }
        HealthModel.StageRule rule = model.stageRule();
        if (start == Integer.MAX_VALUE) {
            return "adoption";
        }
        int age = t - start;
        if (age < rule.onboardingDays()) {
            return "onboarding";
        }
        LocalDate day = LocalDate.ofEpochDay(t);
        LocalDate next = nextRenewal(account, LocalDate.ofEpochDay(start), day, rule.renewalCycleMonths());
        if (ChronoUnit.DAYS.between(day, next) <= rule.renewalWindowDays()) {
            return "renewal";
        }
        return age < rule.adoptionUntilDays() ? "adoption" : "growth";
    }

    /**
     * The first renewal after the day: contracts renew every cycle, in step with the account's renewal date when
     * it has one (earlier renewals fell whole cycles before it), else with its contract start.
     */
    static LocalDate nextRenewal(Account account, LocalDate start, LocalDate day, int cycleMonths) {
        LocalDate anchor = account.renewalDate() != null ? account.renewalDate() : start;
        long cycles = ChronoUnit.MONTHS.between(anchor, day) / cycleMonths - 1;
        LocalDate next = anchor.plusMonths(cycles * cycleMonths);
        while (!next.isAfter(day)) {
            next = next.plusMonths(cycleMonths);
        }
        return next;
    }

    private static double[] adjustments(HealthModel model, Portfolio portfolio, int[] accounts, int[] days) {
        double[] adjustments = new double[accounts.length * days.length];
        for (int k = 0; k < accounts.length; k++) {
            AccountData data = portfolio.data(accounts[k]);
            for (int j = 0; j < days.length; j++) {
                adjustments[k * days.length + j] = adjustment(model, data, days[j]);
            }
        }
        return adjustments;
    }

    /** The sum of the notes' adjustments active on day t (from their date until before they expire), bounded. */
    static double adjustment(HealthModel model, AccountData data, int t) {
        double sum = 0;
        for (int i = 0; i < data.noteDays.length && data.noteDays[i] <= t; i++) {
            if (t < data.noteExpires[i]) {
                sum += data.notePoints[i];
            }
        }
        double bound = model.adjustmentBound();
        return Math.max(-bound, Math.min(bound, sum));
    }

    private static boolean[] live(Portfolio portfolio, int[] accounts, LocalDate[] dates) {
        boolean[] live = new boolean[accounts.length * dates.length];
        for (int k = 0; k < accounts.length; k++) {
            for (int j = 0; j < dates.length; j++) {
                live[k * dates.length + j] = portfolio.isLive(accounts[k], dates[j]);
            }
        }
        return live;
    }

    /** Whether the account has any dated data (usage, ticket, interaction, survey) on or before each date. */
    private static boolean[] hasData(Portfolio portfolio, int[] accounts, int[] days) {
        boolean[] has = new boolean[accounts.length * days.length];
        for (int k = 0; k < accounts.length; k++) {
            int first = Integer.MAX_VALUE;
            for (int[] series : portfolio.data(accounts[k]).signals()) {
                if (series.length > 0) {
                    first = Math.min(first, series[0]);
                }
            }
            for (int j = 0; j < days.length; j++) {
                has[k * days.length + j] = first <= days[j];
            }
        }
        return has;
    }

    /** Points aggregated per task; both cores share the work on a large grid. */
    private static final int CHUNK = 8_192;

    /**
     * Whether another model scores these points from the same category scores, stages and adjustments: it differs
     * in category weights or bands only (what a weight slider changes), so {@link #scoresUnder} can aggregate it
     * into buffers of the caller's without a new grid.
     */
    public boolean reaggregates(HealthModel next) {
        List<Measure> before = model.measures();
        List<Measure> after = next.measures();
        if (before.size() != after.size() || model.categories().size() != next.categories().size()) {
            return false;
        }
        for (int c = 0; c < next.categories().size(); c++) {
            if (!model.categories().get(c).id().equals(next.categories().get(c).id())) {
                return false;
            }
        }
        for (int m = 0; m < after.size(); m++) {
            Measure old = before.get(m);
            Measure now = after.get(m);
            if (!old.id().equals(now.id()) || !Objects.equals(old.derive(), now.derive()) || !sameScoring(old, now)
                    || old.weightOrOne() != now.weightOrOne() || !old.category().equals(now.category())) {
                return false;
            }
        }
        return Objects.equals(model.stageRule(), next.stageRule()) && stageNames(model).equals(stageNames(next))
                && Objects.equals(model.adjustmentBound(), next.adjustmentBound());
    }

    /**
     * The final score and band of every point under a model this grid {@link #reaggregates}, written into the
     * given arrays (of {@link #points()} elements each): exactly what {@code withModel(next)} would hold, with
     * nothing allocated per point.
     */
    public void scoresUnder(HealthModel next, double[] scores, byte[] bands) {
        if (!reaggregates(next)) {
            throw new IllegalArgumentException("The model changes more than weights and bands");
        }
        aggregate(next, null, scores, bands);
    }

    /** Base, final score and band of every point, from the category scores. */
    private void aggregate() {
        aggregate(model, base, total, band);
    }

    private void aggregate(HealthModel model, double[] base, double[] total, byte[] band) {
        Aggregation aggregation = new Aggregation(model);
        int chunks = (total.length + CHUNK - 1) / CHUNK;
        IntStream range = IntStream.range(0, chunks);
        (chunks > 1 ? range.parallel() : range).forEach(chunk -> aggregation.apply(categoryScores, stage, adjustment,
                hasData, chunk * CHUNK, Math.min(total.length, (chunk + 1) * CHUNK), base, total, band));
    }

    /**
     * Some points' category scores, stages, adjustments and whether they have data, copied side by side so that
     * re-aggregating them under model after model (what a slider does) reads contiguous memory. Made by
     * {@link #slice}; its i-th element is the i-th point it was made of.
     */
    public static final class Slice {

        private final double[][] categoryScores; // [category][i]
        private final byte[] stage;
        private final double[] adjustment;       // null when no point of the slice has one
        private final boolean[] hasData;

        private Slice(double[][] categoryScores, byte[] stage, double[] adjustment, boolean[] hasData) {
            this.categoryScores = categoryScores;
            this.stage = stage;
            this.adjustment = adjustment;
            this.hasData = hasData;
        }

        public int size() {
            return stage.length;
        }
    }

    /** The columns of the given points, in their order, for {@link Aggregation#apply}. */
    public Slice slice(int[] points) {
        int size = points.length;
        double[][] scores = new double[categoryScores.length][size];
        byte[] stages = new byte[size];
        double[] adjustments = new double[size];
        boolean[] data = new boolean[size];
        boolean adjusted = false;
        for (int i = 0; i < size; i++) {
            int p = points[i];
            for (int c = 0; c < scores.length; c++) {
                scores[c][i] = categoryScores[c][p];
            }
            stages[i] = stage[p];
            adjustments[i] = adjustment[p];
            adjusted |= adjustment[p] != 0;
            data[i] = hasData[p];
        }
        return new Slice(scores, stages, adjusted ? adjustments : null, data);
    }

    /**
     * The weights and band cut-offs of a model this grid {@link #reaggregates}, ready to score a {@link Slice} part
     * by part (on several threads at once, each its own part).
     */
    public Aggregation aggregation(HealthModel next) {
        if (!reaggregates(next)) {
            throw new IllegalArgumentException("The model changes more than weights and bands");
        }
        return new Aggregation(next);
    }

    /** A model's category weights and bands per stage; see {@link #aggregation}. */
    public static final class Aggregation {

        private final double[][] stageWeights;
        private final double[][] stageBands;

        private Aggregation(HealthModel model) {
            stageWeights = new double[HealthModel.STAGE_IDS.size()][];
            stageBands = new double[HealthModel.STAGE_IDS.size()][];
            for (int s = 0; s < stageWeights.length; s++) {
                String id = HealthModel.STAGE_IDS.get(s);
                stageWeights[s] = model.categoryWeights(id);
                HealthModel.Bands bands = model.bands(id);
                stageBands[s] = new double[] {bands.red(), bands.yellow()};
            }
        }

        /**
         * The final score (NaN without one) and band ordinal (-1 without a score) of the slice's elements
         * {@code from} to {@code to}, written at the same indexes: the same arithmetic as the grid's own scores.
         */
        public void apply(Slice slice, int from, int to, double[] scores, byte[] bands) {
            apply(slice.categoryScores, slice.stage, slice.adjustment, slice.hasData, from, to, null, scores, bands);
        }

        /** Base (when asked for), final score and band of points {@code from} to {@code to} of these columns. */
        private void apply(double[][] columns, byte[] stages, double[] adjustments, boolean[] data, int from, int to,
                           double[] base, double[] scores, byte[] bands) {
            int categories = columns.length;
            for (int i = from; i < to; i++) {
                int s = stages[i];
                double[] w = stageWeights[s];
                double totalSum = 0;
                double totalWeight = 0;
                for (int c = 0; c < categories; c++) {
                    double score = columns[c][i];
                    if (score == score && w[c] > 0) {
                        totalSum += w[c] * score;
                        totalWeight += w[c];
                    }
                }
                if (totalWeight == 0 || !data[i]) {
                    if (base != null) {
                        base[i] = Double.NaN;
                    }
                    scores[i] = Double.NaN;
                    bands[i] = -1;
                    continue;
                }
                double b = totalSum / totalWeight;
                if (base != null) {
                    base[i] = b;
                }
                double total = Math.max(0, Math.min(100, adjustments == null ? b : b + adjustments[i]));
                scores[i] = total;
                double[] cut = stageBands[s];
                bands[i] = (byte) (total < cut[0] ? 0 : total < cut[1] ? 1 : 2);
            }
        }
    }

    // Read access

    public HealthModel model() {
        return model;
    }

    public Portfolio portfolio() {
        return portfolio;
    }

    public int accountCount() {
        return accounts.length;
    }

    /** The portfolio index of the k-th account of the grid. */
    public int account(int k) {
        return accounts[k];
    }

    public List<LocalDate> dates() {
        return List.of(dates);
    }

    public int point(int k, int j) {
        return k * dates.length + j;
    }

    public int points() {
        return base.length;
    }

    public double raw(int measure, int point) {
        return raw[measure][point];
    }

    /** The measure's score at the point, NaN when skipped or left out for want of its source in the data. */
    public double measureScore(int measure, int point) {
        return absent.leftOut(measure) ? Double.NaN : score(model.measures().get(measure), raw[measure][point]);
    }

    /** The measure's sentence at the point, with its numbers (and, for a change, what it compared with). */
    public String measureText(int measure, int point) {
        Measure m = model.measures().get(measure);
        return Explainer.measureText(m, raw[measure][point], measureScore(measure, point));
    }

    /** The measures left out because the data has none of their source, with the warnings that say so. */
    public AbsentSources absentSources() {
        return absent;
    }

    public double categoryScore(int category, int point) {
        return categoryScores[category][point];
    }

    public String stage(int point) {
        return HealthModel.STAGE_IDS.get(stage[point]);
    }

    public double adjustment(int point) {
        return adjustment[point];
    }

    public boolean isLive(int point) {
        return live[point];
    }

    /** The weighted score before any CSM adjustment; NaN when no measure has data or the account has no data yet. */
    public double base(int point) {
        return base[point];
    }

    /** Base plus adjustment, within 0–100; NaN when no measure has data. */
    public double score(int point) {
        return total[point];
    }

    private static final Band[] BANDS = Band.values();

    /** The band, or null when there is no score. */
    public Band band(int point) {
        return band[point] < 0 ? null : BANDS[band[point]];
    }

    /** The band's ordinal (red 0, yellow 1, green 2), or -1 when there is no score. */
    public int bandIndex(int point) {
        return band[point];
    }

    /**
     * How many points of the base score each measure carries at a point: its share of the total weight among the
     * measures and categories with data, times its score. They add up to the base score.
     */
    public double[] contributions(int point) {
        List<Measure> measures = model.measures();
        double[] contributions = new double[measures.size()];
        double[] weights = effectiveWeights(point);
        for (int m = 0; m < contributions.length; m++) {
            double s = measureScore(m, point);
            contributions[m] = Double.isNaN(s) ? 0 : weights[m] * s;
        }
        return contributions;
    }

    /** Each measure's share of the base score at a point (0 for measures without data); they add up to 1. */
    public double[] effectiveWeights(int point) {
        List<Measure> measures = model.measures();
        int categories = model.categories().size();
        double[] categoryWeight = new double[categories];
        for (int m = 0; m < measures.size(); m++) {
            if (!Double.isNaN(measureScore(m, point))) {
                categoryWeight[model.categoryIndex(measures.get(m).category())] += measures.get(m).weightOrOne();
            }
        }
        double[] w = model.categoryWeights(stage(point));
        double totalWeight = 0;
        for (int c = 0; c < categories; c++) {
            if (categoryWeight[c] > 0 && w[c] > 0) {
                totalWeight += w[c];
            }
        }
        double[] shares = new double[measures.size()];
        if (totalWeight == 0) {
            return shares;
        }
        for (int m = 0; m < measures.size(); m++) {
            int c = model.categoryIndex(measures.get(m).category());
            if (!Double.isNaN(measureScore(m, point)) && w[c] > 0 && categoryWeight[c] > 0) {
                shares[m] = w[c] / totalWeight * measures.get(m).weightOrOne() / categoryWeight[c];
            }
        }
        return shares;
    }
}
