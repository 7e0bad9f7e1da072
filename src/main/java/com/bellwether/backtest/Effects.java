package com.bellwether.backtest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

import com.bellwether.domain.Account;
import com.bellwether.domain.Outcome;
import com.bellwether.domain.OutcomeEvent;
import com.bellwether.domain.Task;
import com.bellwether.domain.TaskStatus;
import com.bellwether.scoring.AccountScore;
import com.bellwether.scoring.HealthModel;
import com.bellwether.scoring.HealthScorer;
import com.bellwether.scoring.Portfolio;

/**
 * Works out the {@link EffectsReport}. At each cut-off T (as a backtest's: only those whose horizon the data covers),
 * every live, scored account whose data had not stopped arriving is a trigger of each playbook rule that holds for it
 * at T and did not at the cut-off before (one step earlier for the first), and of each alert rule that fires at T
 * and did not at the cut-off before. Everything about T is worked out as of T: the scores, bands and stages, the
 * account's segment, and the alert rules (given by {@link AlertTriggers}, point in time). A trigger is acted on when
 * the account has a task done in [T, T + act-within days] that belongs to the rule (its rule id, or through the alert
 * it is the task of) or names no rule. Outcomes are churn and expansion in (T, T + horizon].
 */
public final class Effects {

    /** The alert rules firing as of a date, point in time: account id to the ids of the rules that fire for it. */
    @FunctionalInterface
    public interface AlertTriggers {
        Map<String, Set<String>> at(LocalDate date);

        AlertTriggers NONE = date -> Map.of();
    }

    /** Told how far the work is. */
    @FunctionalInterface
    public interface Progress {
        void update(String step, double fraction);
    }

    private Effects() {
    }

    private record Point(int rule, String stratum, boolean acted, boolean churned, boolean expanded) {
    }

    /** The rules reported on, playbook first, in the model's order. */
    private record Rule(String id, String kind, String title) {
    }

    public static EffectsReport run(HealthModel model, Portfolio portfolio, EffectsSettings settings, List<Task> tasks,
                                     AlertTriggers alerts, Progress progress, BooleanSupplier cancelled) {
        LocalDate first = portfolio.firstDataDate();
        LocalDate last = portfolio.asOfDate();
        if (first == null) {
            throw new IllegalArgumentException("There is no dated data to look at");
        }
        BacktestSettings range = settings.cutoffs().resolved(first, last);
        List<LocalDate> cutoffs = new ArrayList<>();
        for (int i = 0; !range.from().plus(range.step().multipliedBy(i)).isAfter(range.to()); i++) {
            LocalDate t = range.from().plus(range.step().multipliedBy(i));
            if (!t.plusDays(range.horizonDays()).isAfter(last)) {
                cutoffs.add(t);
            }
        }
        if (cutoffs.isEmpty()) {
            throw new IllegalArgumentException("No cut-off from " + range.from() + " to " + range.to() + " has its "
                    + range.horizonDays() + "-day horizon within the data (which ends " + last + ")");
        }
        List<Rule> rules = new ArrayList<>();
        Map<String, Integer> playbookIndex = new HashMap<>();
        Map<String, Integer> alertIndex = new HashMap<>();
        for (HealthModel.PlaybookRule rule : model.playbook()) {
            playbookIndex.put(rule.id(), rules.size());
            rules.add(new Rule(rule.id(), "playbook", rule.action() == null ? rule.id() : rule.action().title()));
        }
        for (HealthModel.AlertRule rule : model.alerts()) {
            alertIndex.put(rule.id(), rules.size());
            rules.add(new Rule(rule.id(), "alert", rule.kind()));
        }
        Map<String, List<Task>> doneByAccount = new HashMap<>();
        long done = 0;
        for (Task task : tasks) {
            if (task.status() == TaskStatus.DONE && task.completed() != null) {
                doneByAccount.computeIfAbsent(task.accountId(), a -> new ArrayList<>()).add(task);
                done++;
            }
        }

        HealthScorer scorer = new HealthScorer(model, portfolio);
        int horizon = range.horizonDays();
        int actWithin = settings.actWithinDays();
        List<Point> points = new ArrayList<>();
        LocalDate before = cutoffs.get(0).minus(range.step());
        Map<String, Set<String>> matchedBefore = playbookMatches(scorer, portfolio, before, cancelled);
        Map<String, Set<String>> firedBefore = alerts.at(before);
        for (int j = 0; j < cutoffs.size(); j++) {
            if (cancelled.getAsBoolean()) {
                throw new java.util.concurrent.CancellationException();
            }
            LocalDate t = cutoffs.get(j);
            progress.update("Cut-off " + t + " (" + (j + 1) + " of " + cutoffs.size() + ")", (double) j / cutoffs.size());
            int day = (int) t.toEpochDay();
            List<AccountScore> scores = scorer.scoreLiveBrief(t, cancelled);
            Map<String, Set<String>> matched = new HashMap<>();
            Map<String, Set<String>> fired = alerts.at(t);
            for (AccountScore score : scores) {
                int a = portfolio.indexOf(score.accountId());
                if (Double.isNaN(score.score()) || score.band() == null || portfolio.isStale(a, day)) {
                    continue;
                }
                Set<String> now = new HashSet<>();
                score.actions().forEach(action -> now.add(action.ruleId()));
                matched.put(score.accountId(), now);
                Set<Integer> triggered = new java.util.TreeSet<>();
                Set<String> was = matchedBefore.getOrDefault(score.accountId(), Set.of());
                for (String rule : now) {
                    if (!was.contains(rule) && playbookIndex.containsKey(rule)) {
                        triggered.add(playbookIndex.get(rule));
                    }
                }
                Set<String> firedWas = firedBefore.getOrDefault(score.accountId(), Set.of());
                for (String rule : fired.getOrDefault(score.accountId(), Set.of())) {
                    if (!firedWas.contains(rule) && alertIndex.containsKey(rule)) {
                        triggered.add(alertIndex.get(rule));
                    }
                }
                if (triggered.isEmpty()) {
                    continue;
                }
                Account account = portfolio.account(a, t);
                String stratum = score.band().id() + " / " + orNone(account.segment()) + " / " + orNone(score.stage());
                boolean churned = false;
                for (int churn : portfolio.churnDays(a, false)) {
                    churned |= churn > day && churn <= day + horizon;
                }
                boolean expanded = false;
                for (Outcome outcome : portfolio.outcomes(a)) {
                    long d = outcome.date().toEpochDay();
                    expanded |= outcome.event() == OutcomeEvent.EXPANSION && d > day && d <= day + horizon;
                }
                List<Task> accountTasks = doneByAccount.getOrDefault(score.accountId(), List.of());
                for (int rule : triggered) {
                    String ruleId = rules.get(rule).id();
                    boolean acted = false;
                    for (Task task : accountTasks) {
                        long c = task.completed().toEpochDay();
                        acted |= c >= day && c <= day + actWithin && (task.ruleId() == null || task.ruleId().equals(ruleId));
                    }
                    points.add(new Point(rule, stratum, acted, churned, expanded));
                }
            }
            matchedBefore = matched;
            firedBefore = fired;
        }
        progress.update("Comparing", 1);

        List<EffectsReport.RuleEffect> effects = new ArrayList<>();
        for (int r = 0; r < rules.size(); r++) {
            Map<String, EffectEstimate.Cell> churn = new TreeMap<>();
            Map<String, EffectEstimate.Cell> expansion = new TreeMap<>();
            long triggered = 0;
            long acted = 0;
            for (Point p : points) {
                if (p.rule() == r) {
                    triggered++;
                    acted += p.acted() ? 1 : 0;
                    churn.computeIfAbsent(p.stratum(), s -> new EffectEstimate.Cell()).add(p.acted(), p.churned());
                    expansion.computeIfAbsent(p.stratum(), s -> new EffectEstimate.Cell()).add(p.acted(), p.expanded());
                }
            }
            EffectEstimate churnEstimate = EffectEstimate.of(churn);
            EffectEstimate expansionEstimate = EffectEstimate.of(expansion);
            Rule rule = rules.get(r);
            effects.add(new EffectsReport.RuleEffect(rule.id(), rule.kind(), rule.title(), triggered, acted,
                    churnEstimate, expansionEstimate, churnEstimate.sentence("churned"),
                    expansionEstimate.sentence("expanded")));
        }
        return new EffectsReport(model.name(), cutoffs.get(0), cutoffs.get(cutoffs.size() - 1), step(range),
                horizon, actWithin, cutoffs.size(), done, List.copyOf(effects), EffectsReport.CAUTION);
    }

    private static Map<String, Set<String>> playbookMatches(HealthScorer scorer, Portfolio portfolio, LocalDate date,
                                                            BooleanSupplier cancelled) {
        Map<String, Set<String>> matched = new LinkedHashMap<>();
        if (portfolio.firstDataDate() == null || date.isBefore(portfolio.firstDataDate())) {
            return matched;
        }
        for (AccountScore score : scorer.scoreLiveBrief(date, cancelled)) {
            Set<String> rules = new HashSet<>();
            score.actions().forEach(action -> rules.add(action.ruleId()));
            matched.put(score.accountId(), rules);
        }
        return matched;
    }

    private static String orNone(String text) {
        return text == null || text.isBlank() ? "(none)" : text;
    }

    private static String step(BacktestSettings settings) {
        java.time.Period p = settings.step();
        if (p.getYears() > 0 && p.getMonths() == 0 && p.getDays() == 0) {
            return p.getYears() + "y";
        }
        if (p.getMonths() > 0 && p.getDays() == 0) {
            return (p.getMonths() + 12 * p.getYears()) + "m";
        }
        return p.getDays() % 7 == 0 && p.getMonths() == 0 ? p.getDays() / 7 + "w" : p.getDays() + "d";
    }
}
