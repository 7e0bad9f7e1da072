package com.bellwether.scoring;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import com.bellwether.domain.Account;
import com.bellwether.scoring.AccountScore.AdjustmentNote;
import com.bellwether.scoring.AccountScore.CategoryResult;
import com.bellwether.scoring.AccountScore.MeasureResult;
import com.bellwether.scoring.AccountScore.Reason;
import com.bellwether.scoring.AccountScore.RecommendedAction;
import com.bellwether.scoring.HealthModel.Condition;
import com.bellwether.scoring.HealthModel.Measure;
import com.bellwether.scoring.HealthModel.PlaybookRule;

/** Scores accounts as of a date under a model, with reasons, actions and explanations. */
public final class HealthScorer {

    /** Reasons below this many points are not worth a sentence. */
    private static final double NOTABLE_POINTS = 2.0;
    private static final int[] LOOK_BACK = {0, 7, 30, 90};

    private final HealthModel model;
    private final Portfolio portfolio;

    public HealthScorer(HealthModel model, Portfolio portfolio) {
        this.model = model;
        this.portfolio = portfolio;
    }

    /**
     * One account as of a date (a score for a date before its start or after its churn is marked not live), as of
     * the last day of its data and marked stale when its data is {@linkplain Portfolio#staleSince stale} at the date.
     */
    public AccountScore score(String accountId, LocalDate asOf) {
        int a = portfolio.indexOf(accountId);
        if (a < 0) {
            throw new IllegalArgumentException("No account " + accountId);
        }
        return scoreAll(new int[] {a}, asOf, () -> false).get(0);
    }

    /**
     * Every account live at the date, ordered by account id. An account whose data is {@linkplain Portfolio#staleSince
     * stale} at the date is scored as of the last day of its data and marked stale since then.
     */
    public List<AccountScore> scoreLive(LocalDate asOf, BooleanSupplier cancelled) {
        int[] live = IntStream.range(0, portfolio.size()).filter(a -> portfolio.isLive(a, asOf)).toArray();
        return scoreAll(live, asOf, cancelled);
    }

    /**
     * The given accounts (in index order) as of the date, each stale one as of the last day of its data: the fresh
     * ones in one grid, the stale ones in one grid per last day; in the order given.
     */
    private List<AccountScore> scoreAll(int[] accounts, LocalDate asOf, BooleanSupplier cancelled) {
        java.util.TreeMap<LocalDate, List<Integer>> staleByDay = new java.util.TreeMap<>();
        int[] fresh = IntStream.of(accounts).filter(a -> {
            LocalDate since = portfolio.staleSince(a, asOf);
            if (since != null) {
                staleByDay.computeIfAbsent(since, d -> new ArrayList<>()).add(a);
            }
            return since == null;
        }).toArray();
        ScoreGrid grid = ScoreGrid.compute(model, portfolio, fresh, lookBackDates(asOf), cancelled);
        AccountScore[] byAccount = new AccountScore[portfolio.size()];
        for (int k = 0; k < fresh.length; k++) {
            byAccount[fresh[k]] = describe(grid, k);
        }
        for (Map.Entry<LocalDate, List<Integer>> group : staleByDay.entrySet()) {
            int[] stale = group.getValue().stream().mapToInt(Integer::intValue).toArray();
            ScoreGrid then = ScoreGrid.compute(model, portfolio, stale, lookBackDates(group.getKey()), cancelled);
            for (int k = 0; k < stale.length; k++) {
                byAccount[stale[k]] = describe(then, k).staleSince(group.getKey());
            }
        }
        List<AccountScore> scores = new ArrayList<>(accounts.length);
        for (int a : accounts) {
            scores.add(byAccount[a]);
        }
        return scores;
    }

    /**
     * Every account live at the date, ordered by account id, in brief: scores, band, each measure's points and the
     * playbook rules matched, without any text, trend or explanation (a measure's text and an action's why are null,
     * reasons and categories empty). What an alert compares with at an earlier date, at a fraction of the time and
     * memory of {@link #scoreLive}: the date alone is scored, not also the days before it.
     */
    public List<AccountScore> scoreLiveBrief(LocalDate asOf, BooleanSupplier cancelled) {
        int[] live = IntStream.range(0, portfolio.size()).filter(a -> portfolio.isLive(a, asOf)).toArray();
        ScoreGrid grid = ScoreGrid.compute(model, portfolio, live, List.of(asOf), cancelled);
        List<AccountScore> scores = new ArrayList<>(live.length);
        for (int k = 0; k < live.length; k++) {
            scores.add(brief(grid, k));
        }
        return scores;
    }

    /** The same for some accounts only (those live at the date), ordered by account id. */
    public List<AccountScore> scoreLiveBrief(LocalDate asOf, java.util.Collection<String> accountIds,
                                             BooleanSupplier cancelled) {
        int[] live = accountIds.stream().mapToInt(portfolio::indexOf)
                .filter(a -> a >= 0 && portfolio.isLive(a, asOf)).sorted().toArray();
        ScoreGrid grid = ScoreGrid.compute(model, portfolio, live, List.of(asOf), cancelled);
        List<AccountScore> scores = new ArrayList<>(live.length);
        for (int k = 0; k < live.length; k++) {
            scores.add(brief(grid, k));
        }
        return scores;
    }

    /** The k-th account of a grid of one date, in brief (see {@link #scoreLiveBrief}). */
    private AccountScore brief(ScoreGrid grid, int k) {
        int p = grid.point(k, 0);
        Account account = portfolio.account(grid.account(k));
        List<Measure> measures = model.measures();
        double[] weights = grid.effectiveWeights(p);
        List<MeasureResult> measureResults = new ArrayList<>(measures.size());
        for (int m = 0; m < measures.size(); m++) {
            Measure measure = measures.get(m);
            double score = grid.measureScore(m, p);
            double lost = Double.isNaN(score) ? 0 : weights[m] * (100 - score);
            measureResults.add(new MeasureResult(measure.id(), measure.label(), measure.category(), grid.raw(m, p),
                    score, weights[m], lost, null));
        }
        List<RecommendedAction> actions = new ArrayList<>();
        for (PlaybookRule rule : model.playbook()) {
            if (holds(rule.when(), grid, p)) {
                actions.add(new RecommendedAction(rule.id(), rule.action().title(), null, rule.action().priority(),
                        rule.action().owner()));
            }
        }
        return new AccountScore(account.accountId(), account.name(), grid.dates().get(0), grid.stage(p),
                model.stageLabel(grid.stage(p)), grid.isLive(p), measureResults, List.of(), grid.base(p),
                grid.adjustment(p), List.of(), grid.score(p), grid.band(p), null, null, null, List.of(), actions, null, null);
    }

    /**
     * Every-account scores after some accounts changed: {@code before} (scored at the date by the same model on the
     * portfolio as it was) with the given accounts scored again on this portfolio, and left out when no longer
     * live. Equal to {@link #scoreLive} for the whole portfolio when only those accounts changed.
     */
    public List<AccountScore> rescoreLive(List<AccountScore> before, java.util.Collection<String> changed,
                                          LocalDate asOf, BooleanSupplier cancelled) {
        int[] live = changed.stream().mapToInt(portfolio::indexOf)
                .filter(a -> a >= 0 && portfolio.isLive(a, asOf)).sorted().toArray();
        java.util.Map<String, AccountScore> scored = new java.util.HashMap<>();
        for (AccountScore score : scoreAll(live, asOf, cancelled)) {
            scored.put(score.accountId(), score);
        }
        List<AccountScore> merged = new ArrayList<>(before.size() + scored.size());
        for (AccountScore score : before) {
            if (!changed.contains(score.accountId())) {
                merged.add(score);
            }
        }
        merged.addAll(scored.values());
        merged.sort(java.util.Comparator.comparingInt(score -> portfolio.indexOf(score.accountId())));
        return merged;
    }

    private static List<LocalDate> lookBackDates(LocalDate asOf) {
        return IntStream.of(LOOK_BACK).mapToObj(asOf::minusDays).toList();
    }

    /** The k-th account of a grid whose dates are as-of, 7, 30 and 90 days before. */
    private AccountScore describe(ScoreGrid grid, int k) {
        int p = grid.point(k, 0);
        Account account = portfolio.account(grid.account(k));
        List<Measure> measures = model.measures();
        double[] weights = grid.effectiveWeights(p);
        List<MeasureResult> measureResults = new ArrayList<>();
        List<Reason> reasons = new ArrayList<>();
        for (int m = 0; m < measures.size(); m++) {
            Measure measure = measures.get(m);
            double score = grid.measureScore(m, p);
            double lost = Double.isNaN(score) ? 0 : weights[m] * (100 - score);
            String text = grid.measureText(m, p);
            measureResults.add(new MeasureResult(measure.id(), measure.label(), measure.category(), grid.raw(m, p),
                    score, weights[m], lost, text));
            if (lost > 0) {
                reasons.add(new Reason(measure.id(), measure.label(), lost, text));
            }
        }
        reasons.sort(Comparator.comparingDouble(Reason::pointsLost).reversed());
        double[] categoryWeights = model.categoryWeights(grid.stage(p));
        List<CategoryResult> categories = new ArrayList<>();
        for (int c = 0; c < model.categories().size(); c++) {
            HealthModel.Category category = model.categories().get(c);
            categories.add(new CategoryResult(category.id(), category.label(), grid.categoryScore(c, p), categoryWeights[c]));
        }
        List<RecommendedAction> actions = actions(grid, p);
        List<AdjustmentNote> notes = activeNotes(grid.account(k), grid.dates().get(0));
        return new AccountScore(account.accountId(), account.name(), grid.dates().get(0), grid.stage(p),
                model.stageLabel(grid.stage(p)), grid.isLive(p), measureResults, categories, grid.base(p),
                grid.adjustment(p), notes, grid.score(p), grid.band(p), change(grid, k, 1), change(grid, k, 2),
                change(grid, k, 3), reasons, actions, explanation(reasons, grid.adjustment(p), notes, actions), null);
    }

    private static Double change(ScoreGrid grid, int k, int j) {
        double now = grid.score(grid.point(k, 0));
        double then = grid.score(grid.point(k, j));
        return Double.isNaN(now) || Double.isNaN(then) || !grid.isLive(grid.point(k, j)) ? null : now - then;
    }

    private List<RecommendedAction> actions(ScoreGrid grid, int p) {
        List<RecommendedAction> actions = new ArrayList<>();
        for (PlaybookRule rule : model.playbook()) {
            if (holds(rule.when(), grid, p)) {
                actions.add(new RecommendedAction(rule.id(), rule.action().title(),
                        Explainer.actionText(rule.action().why(), grid, p), rule.action().priority(), rule.action().owner()));
            }
        }
        actions.sort(Comparator.comparingInt(a -> a.priority() == null ? 2 : HealthModel.PRIORITIES.indexOf(a.priority())));
        return actions;
    }

    /** Whether one of the model's expansion rules holds at a point of the grid: an expansion candidate. */
    public static boolean expansionCandidate(ScoreGrid grid, int p) {
        for (PlaybookRule rule : grid.model().playbook()) {
            if (rule.isExpansion() && holds(rule.when(), grid, p)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a playbook condition holds at a point; a condition on a value without data does not hold. */
    static boolean holds(Condition condition, ScoreGrid grid, int p) {
        HealthModel model = grid.model();
        if (condition.all() != null) {
            return condition.all().stream().allMatch(c -> holds(c, grid, p));
        }
        if (condition.band() != null) {
            return grid.band(p) != null && grid.band(p).id().equals(condition.band());
        }
        if (condition.measure() != null) {
            int m = model.measureIndex(condition.measure());
            return condition.score() != null ? condition.score().holds(grid.measureScore(m, p))
                    : condition.raw().holds(grid.raw(m, p));
        }
        return condition.score().holds(grid.categoryScore(model.categoryIndex(condition.category()), p));
    }

    private List<AdjustmentNote> activeNotes(int a, LocalDate day) {
        Portfolio.AccountData data = portfolio.data(a);
        int t = (int) day.toEpochDay();
        List<AdjustmentNote> notes = new ArrayList<>();
        for (int i = 0; i < data.noteDays.length && data.noteDays[i] <= t; i++) {
            if (t < data.noteExpires[i]) {
                var note = data.notes.get(i);
                notes.add(new AdjustmentNote(note.date(), note.author(), note.adjustment(), note.reason(), note.expires()));
            }
        }
        return notes;
    }

    /** Up to three notable reasons with their numbers, the adjustment, then the first action. */
    static String explanation(List<Reason> reasons, double adjustment, List<AdjustmentNote> notes,
                              List<RecommendedAction> actions) {
        StringBuilder text = new StringBuilder();
        reasons.stream().filter(r -> r.pointsLost() >= NOTABLE_POINTS).limit(3)
                .forEach(r -> text.append(text.length() == 0 ? "" : " ").append(r.text()));
        if (text.length() == 0) {
            text.append("No measure is holding the score back.");
        }
        if (adjustment != 0) {
            text.append(" CSM adjustment ").append(adjustment > 0 ? "+" : "").append(Explainer.number(adjustment));
            if (!notes.isEmpty()) {
                text.append(" (").append(notes.stream().map(AdjustmentNote::reason).collect(java.util.stream.Collectors.joining("; ")))
                        .append(')');
            }
            text.append('.');
        }
        if (!actions.isEmpty()) {
            String title = actions.get(0).title();
            text.append(" → ").append(title).append(title.endsWith(".") ? "" : ".");
        }
        return text.toString();
    }

    /**
     * Why an account's score changed between two dates, from the model {@code before} at {@code from} to this
     * scorer's model at {@code to}: the change due to the account's data (under the earlier model) and the change
     * due to the model (at the later date), each by category and measure.
     */
    public ScoreChange whyChanged(String accountId, LocalDate from, LocalDate to, HealthModel before) {
        int a = portfolio.indexOf(accountId);
        if (a < 0) {
            throw new IllegalArgumentException("No account " + accountId);
        }
        int[] one = {a};
        ScoreGrid old = ScoreGrid.compute(before, portfolio, one, List.of(from, to), () -> false);
        ScoreGrid now = model == before ? old : old.withModel(model);
        double[] oldFrom = old.contributions(0);
        double[] oldTo = old.contributions(1);
        double[] nowTo = now.contributions(1);
        List<ScoreChange.Part> data = new ArrayList<>();
        List<ScoreChange.Part> modelParts = new ArrayList<>();
        for (int m = 0; m < model.measures().size(); m++) {
            Measure measure = model.measures().get(m);
            int mb = before.measureIndex(measure.id());
            double fromPoints = mb < 0 ? 0 : oldFrom[mb];
            double toPointsOld = mb < 0 ? 0 : oldTo[mb];
            data.add(new ScoreChange.Part(measure.id(), measure.label(), measure.category(), toPointsOld - fromPoints,
                    now.measureText(m, 1)));
            modelParts.add(new ScoreChange.Part(measure.id(), measure.label(), measure.category(), nowTo[m] - toPointsOld, null));
        }
        // A measure the later model dropped gives back its points at the later date.
        for (int mb = 0; mb < before.measures().size(); mb++) {
            Measure dropped = before.measures().get(mb);
            if (model.measureIndex(dropped.id()) < 0) {
                data.add(new ScoreChange.Part(dropped.id(), dropped.label(), dropped.category(), oldTo[mb] - oldFrom[mb], null));
                modelParts.add(new ScoreChange.Part(dropped.id(), dropped.label(), dropped.category(), -oldTo[mb], null));
            }
        }
        return ScoreChange.of(accountId, from, to, old.score(0), now.score(1), old.base(0), old.base(1), now.base(1),
                old.adjustment(0), now.adjustment(1), data, modelParts, model);
    }
}
