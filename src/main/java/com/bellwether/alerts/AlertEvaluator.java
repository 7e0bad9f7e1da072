package com.bellwether.alerts;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.bellwether.domain.Account;
import com.bellwether.domain.Note;
import com.bellwether.scoring.AccountScore;
import com.bellwether.scoring.AccountScore.MeasureResult;
import com.bellwether.scoring.AccountScore.RecommendedAction;
import com.bellwether.scoring.HealthModel;
import com.bellwether.scoring.HealthModel.AlertRule;
import com.bellwether.scoring.HealthScorer;
import com.bellwether.scoring.Portfolio;

/**
 * Which of a model's alert rules fire for which live accounts as of a date. Point in time: each account is scored
 * as of the date and as of the rule's days before, by the scoring engine, which reads nothing dated after either.
 * An account whose data is stale at the date (see {@link Portfolio#staleSince}) fires no alert.
 */
public final class AlertEvaluator {

    /** What an alert recommends when the playbook has nothing for the account. */
    static final String REVIEW_ACTION = "Review the account's health with its CSM and agree the next step";

    private final HealthModel model;
    private final Portfolio portfolio;
    private final HealthScorer scorer;

    public AlertEvaluator(HealthModel model, Portfolio portfolio) {
        this.model = model;
        this.portfolio = portfolio;
        this.scorer = new HealthScorer(model, portfolio);
    }

    /** Every firing rule for every account live at the date, ordered by account, then rule as the model lists them. */
    public List<AlertFinding> evaluate(LocalDate asOf) {
        return evaluate(asOf, scorer.scoreLive(asOf, () -> false));
    }

    /**
     * The same with the scores as of the date already worked out by this model on this portfolio (the workbench's
     * current scores), so only the earlier dates are scored. The scores of one earlier date are held at a time: the
     * rules are taken by their days, and each account's findings put back in the model's order of rules.
     */
    public List<AlertFinding> evaluate(LocalDate asOf, List<AccountScore> scoredNow) {
        return evaluate(asOf, scoredNow, null, null).findings();
    }

    /**
     * What an evaluation as of a date found, and what it leaves for the next evaluation of the same date by the same
     * model after some accounts changed ({@link #evaluateChanged}).
     */
    public record Evaluation(List<AlertFinding> findings, Basis basis) {
    }

    /**
     * What the rules that weigh the whole portfolio need of every account, per earlier date: how far its score fell
     * since then, and the playbook rules newly matched since, for every account live and comparable at both dates.
     * A few numbers per account: far less than the earlier scores themselves.
     */
    public static final class Basis {

        private final HealthModel model;
        private final LocalDate asOf;
        private final Map<Integer, Map<String, Earlier>> byDays;
        private final Map<Integer, RuleContext> contexts;

        private Basis(HealthModel model, LocalDate asOf, Map<Integer, Map<String, Earlier>> byDays,
                      Map<Integer, RuleContext> contexts) {
            this.model = model;
            this.asOf = asOf;
            this.byDays = byDays;
            this.contexts = contexts;
        }

        /** Whether it was left by an evaluation by this model as of this date. */
        public boolean serves(HealthModel other, LocalDate date) {
            return asOf.equals(date) && model.equals(other);
        }
    }

    /** One account against an earlier date: the score's drop since, and the playbook rules newly matched since. */
    private record Earlier(double drop, List<String> newlyMatched) {
    }

    /** The same as {@link #evaluate(LocalDate, List)}, with what the next evaluation of that date needs kept. */
    public Evaluation evaluateKeeping(LocalDate asOf, List<AccountScore> scoredNow) {
        return evaluate(asOf, scoredNow, null, null);
    }

    /**
     * Evaluates the rules for the accounts that changed since the evaluation that left {@code basis} (of the same
     * model and date; every other account's data is as it was, so its findings are too): only those accounts are
     * scored at the earlier dates, and the portfolio-wide figures (the median drop, the crowded playbook rules) are
     * worked out from the basis with their numbers replaced; where such a figure moved, the unchanged accounts whose
     * finding it turns over are worked out too. Every account whose findings a whole evaluation would give otherwise
     * than the evaluation before is among those worked out, with the findings a whole evaluation gives it.
     */
    public Evaluation evaluateChanged(LocalDate asOf, List<AccountScore> scoredNow, Basis basis,
                                      java.util.Collection<String> changed) {
        if (!basis.serves(model, asOf)) {
            throw new IllegalArgumentException("The basis is of another model or date");
        }
        return evaluate(asOf, scoredNow, basis, Set.copyOf(changed));
    }

    private Evaluation evaluate(LocalDate asOf, List<AccountScore> scoredNow, Basis basis, Set<String> changed) {
        Map<String, AccountScore> now = new LinkedHashMap<>();
        for (AccountScore score : scoredNow) {
            // An account whose data stopped arriving is not compared with itself: its score stands still, and what
            // the data cannot tell is not a fall.
            if (!Double.isNaN(score.score()) && score.band() != null && !score.stale()) {
                now.put(score.accountId(), score);
            }
        }
        List<AlertRule> rules = model.alerts();
        // Rule indexes grouped by the earlier date they compare with (none for an expired adjustment).
        Map<Integer, List<Integer>> byDays = new java.util.TreeMap<>();
        for (int r = 0; r < rules.size(); r++) {
            AlertRule rule = rules.get(r);
            byDays.computeIfAbsent(rule.kind().equals("adjustment_expired") ? -1 : rule.daysOrDefault(),
                    d -> new ArrayList<>()).add(r);
        }
        // The accounts whose findings are worked out: every one, or those changed (and, below, those whose findings
        // the changed ones' numbers turn over through a portfolio-wide figure).
        Set<String> targets = new java.util.LinkedHashSet<>();
        for (String id : now.keySet()) {
            if (changed == null || changed.contains(id)) {
                targets.add(id);
            }
        }
        Map<Integer, Map<String, AccountScore>> earlierByDays = new HashMap<>();
        Map<Integer, Map<String, Earlier>> kept = new HashMap<>();
        Map<Integer, RuleContext> contexts = new HashMap<>();
        for (Map.Entry<Integer, List<Integer>> group : byDays.entrySet()) {
            int days = group.getKey();
            Map<String, AccountScore> earlier = days < 0 ? new HashMap<>() : changed == null
                    ? scoresAsOf(asOf.minusDays(days)) : scoresAsOf(asOf.minusDays(days), targets);
            earlierByDays.put(days, earlier);
            Map<String, Earlier> summary = new HashMap<>();
            if (days >= 0) {
                if (basis != null) {
                    summary.putAll(basis.byDays.getOrDefault(days, Map.of()));
                    changed.forEach(summary::remove);
                    summary.keySet().retainAll(now.keySet());
                }
                for (String id : targets) {
                    AccountScore score = now.get(id);
                    AccountScore then = earlier.get(id);
                    if (comparable(then)) {
                        summary.put(id, new Earlier(then.score() - score.score(),
                                newlyMatched(score, then).stream().map(RecommendedAction::ruleId).toList()));
                    }
                }
                kept.put(days, summary);
            }
            for (int r : group.getValue()) {
                RuleContext context = context(rules.get(r), summary, now.size());
                contexts.put(r, context);
                if (basis != null && basis.contexts.containsKey(r) && !basis.contexts.get(r).equals(context)) {
                    // A figure of the whole portfolio moved: the unchanged accounts it turns over are worked out too.
                    Set<String> turned = turnedOver(rules.get(r), basis.contexts.get(r), context, summary);
                    turned.removeAll(targets);
                    if (!turned.isEmpty()) {
                        targets.addAll(turned);
                        earlier.putAll(scoresAsOf(asOf.minusDays(days), turned));
                    }
                }
            }
        }
        Map<String, AlertFinding[]> byAccount = new LinkedHashMap<>();
        for (String id : now.keySet()) {
            if (targets.contains(id)) {
                byAccount.put(id, new AlertFinding[rules.size()]);
            }
        }
        for (Map.Entry<Integer, List<Integer>> group : byDays.entrySet()) {
            Map<String, AccountScore> earlier = earlierByDays.get(group.getKey());
            for (int r : group.getValue()) {
                AlertRule rule = rules.get(r);
                RuleContext context = contexts.get(r);
                for (String id : byAccount.keySet()) {
                    AccountScore score = now.get(id);
                    int a = portfolio.indexOf(id);
                    Account account = portfolio.account(a, asOf);
                    AccountScore then = earlier.get(id);
                    byAccount.get(id)[r] = switch (rule.kind()) {
                        case "band_worsened" -> bandWorsened(rule, account, score, then);
                        case "score_drop" -> scoreDrop(rule, account, score, then, context.medianDrop());
                        case "playbook_matched" -> playbookMatched(rule, account, score, then, context.crowded());
                        case "adjustment_expired" -> adjustmentExpired(rule, account, score, portfolio.notes(a));
                        default -> throw new IllegalStateException("Unknown alert rule kind " + rule.kind());
                    };
                }
            }
        }
        List<AlertFinding> findings = byAccount.values().stream().flatMap(java.util.Arrays::stream)
                .filter(java.util.Objects::nonNull).toList();
        return new Evaluation(findings, new Basis(model, asOf, kept, contexts));
    }

    /**
     * The accounts whose finding of a rule the change of a portfolio-wide figure turns over: a score drop that now
     * passes the rule's points against the median and did not before, or the other way round; a playbook rule newly
     * matched that is now crowded out, or no longer.
     */
    private static Set<String> turnedOver(AlertRule rule, RuleContext before, RuleContext after, Map<String, Earlier> summary) {
        Set<String> turned = new java.util.HashSet<>();
        double points = rule.points() == null ? 0 : rule.points();
        Set<String> flipped = new java.util.HashSet<>(before.crowded());
        flipped.addAll(after.crowded());
        Set<String> both = new java.util.HashSet<>(before.crowded());
        both.retainAll(after.crowded());
        flipped.removeAll(both);
        summary.forEach((id, earlier) -> {
            boolean droppedBefore = earlier.drop() - before.medianDrop() >= points;
            boolean droppedAfter = earlier.drop() - after.medianDrop() >= points;
            if ("score_drop".equals(rule.kind()) && droppedBefore != droppedAfter) {
                turned.add(id);
            }
            if ("playbook_matched".equals(rule.kind()) && earlier.newlyMatched().stream().anyMatch(flipped::contains)) {
                turned.add(id);
            }
        });
        return turned;
    }

    /**
     * What a rule needs to know of the whole portfolio: the median drop of the score over the rule's days (0 when
     * the portfolio rose), and the playbook rules that newly matched for more than the rule's share of accounts.
     */
    private record RuleContext(double medianDrop, Set<String> crowded) {
    }

    private static RuleContext context(AlertRule rule, Map<String, Earlier> comparable, int live) {
        double medianDrop = 0;
        if (Boolean.TRUE.equals(rule.relativeToPortfolio())) {
            double[] drops = comparable.values().stream().mapToDouble(Earlier::drop).sorted().toArray();
            if (drops.length > 0) {
                double median = drops.length % 2 == 1 ? drops[drops.length / 2]
                        : (drops[drops.length / 2 - 1] + drops[drops.length / 2]) / 2;
                medianDrop = Math.max(0, median);
            }
        }
        Set<String> crowded = new java.util.HashSet<>();
        if (rule.maxShare() != null && live > 0) {
            Map<String, Integer> newlyMatched = new HashMap<>();
            for (Earlier earlier : comparable.values()) {
                earlier.newlyMatched().forEach(ruleId -> newlyMatched.merge(ruleId, 1, Integer::sum));
            }
            newlyMatched.forEach((ruleId, count) -> {
                if (count > rule.maxShare() * live) {
                    crowded.add(ruleId);
                }
            });
        }
        return new RuleContext(medianDrop, crowded);
    }

    private static List<RecommendedAction> newlyMatched(AccountScore now, AccountScore before) {
        Set<String> matchedBefore = before.actions().stream().map(RecommendedAction::ruleId).collect(Collectors.toSet());
        return now.actions().stream().filter(action -> !matchedBefore.contains(action.ruleId())).toList();
    }

    /** The scores of some accounts at an earlier date, in brief. */
    private Map<String, AccountScore> scoresAsOf(LocalDate date, Set<String> accounts) {
        Map<String, AccountScore> scores = new LinkedHashMap<>();
        for (AccountScore score : scorer.scoreLiveBrief(date, accounts, () -> false)) {
            scores.put(score.accountId(), score);
        }
        return scores;
    }

    /** The scores at an earlier date, in brief: what is compared with needs no text. */
    private Map<String, AccountScore> scoresAsOf(LocalDate date) {
        Map<String, AccountScore> scores = new LinkedHashMap<>();
        for (AccountScore score : scorer.scoreLiveBrief(date, () -> false)) {
            scores.put(score.accountId(), score);
        }
        return scores;
    }

    private AlertFinding bandWorsened(AlertRule rule, Account account, AccountScore now, AccountScore before) {
        if (!comparable(before) || now.band() == null || now.band().ordinal() >= before.band().ordinal()) {
            return null;
        }
        if (rule.into() != null && now.band().ordinal() > com.bellwether.scoring.Band.valueOf(
                rule.into().toUpperCase(Locale.ROOT)).ordinal()) {
            return null;
        }
        String headline = "Band worsened from " + before.band().id() + " to " + now.band().id();
        String text = headline + " in " + rule.daysOrDefault() + " days: the score went from " + points(before.score())
                + " to " + points(now.score()) + ". " + drivers(now, before);
        return finding(rule, account, now, before, headline, text, firstAction(now));
    }

    private AlertFinding scoreDrop(AlertRule rule, Account account, AccountScore now, AccountScore before,
                                   double medianDrop) {
        if (!comparable(before) || before.score() - now.score() - medianDrop < rule.points()) {
            return null;
        }
        long drop = Math.round(before.score() - now.score());
        String headline = "Score fell " + drop + " points in " + rule.daysOrDefault() + " days";
        String text = headline + ", from " + points(before.score()) + " to " + points(now.score())
                + (now.band() == before.band() ? "" : " (" + before.band().id() + " to " + now.band().id() + ")")
                + (medianDrop >= 0.5 ? ", against a median drop of " + points(medianDrop) + " across the portfolio" : "")
                + ". " + drivers(now, before);
        return finding(rule, account, now, before, headline, text, firstAction(now));
    }

    private AlertFinding playbookMatched(AlertRule rule, Account account, AccountScore now, AccountScore before,
                                         Set<String> crowded) {
        if (!comparable(before)) {
            return null;
        }
        List<RecommendedAction> newlyMatched = newlyMatched(now, before).stream()
                .filter(action -> !crowded.contains(action.ruleId()))
                .filter(action -> rule.playbookRules() == null || rule.playbookRules().contains(action.ruleId()))
                .filter(action -> rule.priorities() == null || rule.priorities().contains(
                        action.priority() == null ? "medium" : action.priority()))
                .toList();
        if (newlyMatched.isEmpty()) {
            return null;
        }
        RecommendedAction first = newlyMatched.get(0);
        String headline = "Newly recommended: " + first.title();
        StringBuilder text = new StringBuilder("Newly recommended since ")
                .append(now.asOf().minusDays(rule.daysOrDefault())).append(": ");
        text.append(newlyMatched.stream().map(action -> action.title() + (action.why() == null || action.why().isBlank()
                ? "" : " (" + stripStop(action.why()) + ")")).collect(Collectors.joining("; ")));
        text.append(". The score is ").append(points(now.score())).append(", ").append(now.band().id())
                .append(", against ").append(points(before.score())).append(" then.");
        return finding(rule, account, now, before, headline, text.toString(), first.title());
    }

    private AlertFinding adjustmentExpired(AlertRule rule, Account account, AccountScore now, List<Note> notes) {
        LocalDate asOf = now.asOf();
        LocalDate since = asOf.minusDays(rule.daysOrDefault());
        double least = rule.points() == null ? 0 : rule.points();
        List<Note> expired = notes.stream()
                .filter(note -> !note.date().isAfter(asOf) && note.expires() != null)
                .filter(note -> note.expires().isAfter(since) && !note.expires().isAfter(asOf))
                .filter(note -> note.adjustment() != 0 && Math.abs(note.adjustment()) >= least)
                .sorted(Comparator.comparing(Note::expires))
                .toList();
        if (expired.isEmpty()) {
            return null;
        }
        String headline = expired.size() == 1 ? "CSM adjustment " + signed(expired.get(0).adjustment()) + " expired"
                : expired.size() + " CSM adjustments expired";
        String text = expired.stream().map(note -> "CSM adjustment " + signed(note.adjustment()) + " by " + note.author()
                        + " (" + stripStop(note.reason()) + ") expired on " + note.expires())
                .collect(Collectors.joining("; "))
                + ". The score is now " + points(now.score()) + ", " + now.band().id()
                + (now.adjustment() == 0 ? ", with no adjustment." : ", with an adjustment of " + signed(now.adjustment()) + ".");
        return finding(rule, account, now, null, headline, text, firstAction(now));
    }

    private AlertFinding finding(AlertRule rule, Account account, AccountScore now, AccountScore before, String headline,
                                 String explanation, String action) {
        return new AlertFinding(account.accountId(), account.name(), rule, now.asOf(),
                Severity.forBand(Severity.of(rule.severity()), now.band()),
                now.score(), before == null ? null : before.score(), now.band().id(),
                before == null || before.band() == null ? null : before.band().id(), headline, explanation.strip(), action,
                account.csm());
    }

    private static boolean comparable(AccountScore before) {
        return before != null && !Double.isNaN(before.score()) && before.band() != null;
    }

    /**
     * The measures that cost the most extra points since the earlier date, in their own words with their numbers
     * ("Core feature events fell 38% in the last 28 days vs a year before."); at most three, each at least a point,
     * and the change of the CSM adjustment when there is one.
     */
    static String drivers(AccountScore now, AccountScore before) {
        Map<String, Double> lostBefore = new HashMap<>();
        for (MeasureResult m : before.measures()) {
            lostBefore.put(m.id(), m.pointsLost());
        }
        List<String> sentences = now.measures().stream()
                .filter(m -> !Double.isNaN(m.score()))
                .filter(m -> m.pointsLost() - lostBefore.getOrDefault(m.id(), 0.0) >= 1.0)
                .sorted(Comparator.comparingDouble((MeasureResult m) -> m.pointsLost() - lostBefore.getOrDefault(m.id(), 0.0))
                        .reversed())
                .limit(3)
                .map(MeasureResult::text)
                .collect(Collectors.toCollection(ArrayList::new));
        if (now.adjustment() != before.adjustment()) {
            sentences.add("The CSM adjustment went from " + signed(before.adjustment()) + " to " + signed(now.adjustment()) + ".");
        }
        return String.join(" ", sentences);
    }

    private static String firstAction(AccountScore score) {
        return score.actions().isEmpty() ? REVIEW_ACTION : score.actions().get(0).title();
    }

    static String points(double score) {
        return Long.toString(Math.round(score));
    }

    private static String signed(double points) {
        long rounded = Math.round(points);
        return rounded > 0 ? "+" + rounded : Long.toString(rounded);
    }

    private static String stripStop(String text) {
        String trimmed = text.strip();
        return trimmed.endsWith(".") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
