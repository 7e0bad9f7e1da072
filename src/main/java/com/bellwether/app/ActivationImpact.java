package com.bellwether.app;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import com.bellwether.alerts.AlertEvaluator;
import com.bellwether.alerts.AlertFinding;
import com.bellwether.alerts.Severity;
import com.bellwether.domain.Account;
import com.bellwether.domain.Money;
import com.bellwether.domain.Plurals;
import com.bellwether.scoring.AccountScore;
import com.bellwether.scoring.Band;
import com.bellwether.scoring.HealthScorer;
import com.bellwether.scoring.Portfolio;

/**
 * What making another model version active would change, worked out before it is done: every live account scored
 * as of one date under the active version and under the other, the accounts that would change band (how many, and
 * their ARR) and the alerts that would fire. The workbench shows it before asking to confirm; {@code models activate
 * N --dry-run} prints it.
 */
public record ActivationImpact(ModelVersion active, ModelVersion target, LocalDate asOf, int accountsScored,
                               BandTotals before, BandTotals after, List<BandMove> moves, List<AccountMove> accounts,
                               AlertCounts alertsBefore, AlertCounts alertsAfter, int alertsStarting, int alertsStopping) {

    /** Live accounts and their ARR in each band. */
    public record BandTotals(Map<Band, Integer> accounts, Map<Band, Double> arr) {

        public int accounts(Band band) {
            return accounts.getOrDefault(band, 0);
        }

        public double arr(Band band) {
            return arr.getOrDefault(band, 0.0);
        }
    }

    /** The accounts that would move from one band to another, and their ARR. */
    public record BandMove(Band from, Band to, int accounts, double arr) {
    }

    /** One account that would change band, with its score under each version. */
    public record AccountMove(String accountId, String name, Band from, Band to, double before, double after, Double arr) {
    }

    /** The alerts that fire as of the date, by severity. */
    public record AlertCounts(int total, Map<Severity, Integer> bySeverity) {
    }

    /** Whether the version named is the active one already: nothing would change. */
    public boolean sameVersion() {
        return active.number() == target.number();
    }

    /** Works the difference out; {@code scoredNow} are the active version's scores as of the date when already known. */
    static ActivationImpact compute(ModelVersion active, ModelVersion target, Portfolio portfolio, LocalDate asOf,
                                    List<AccountScore> scoredNow, BooleanSupplier cancelled) {
        List<AccountScore> was = scoredNow != null ? scoredNow
                : new HealthScorer(active.model(), portfolio).scoreLive(asOf, cancelled);
        List<AccountScore> will = active.number() == target.number() ? was
                : new HealthScorer(target.model(), portfolio).scoreLive(asOf, cancelled);
        Map<String, AccountScore> before = new java.util.HashMap<>();
        was.forEach(s -> before.put(s.accountId(), s));
        Map<Band, Integer> countBefore = new EnumMap<>(Band.class);
        Map<Band, Double> arrBefore = new EnumMap<>(Band.class);
        Map<Band, Integer> countAfter = new EnumMap<>(Band.class);
        Map<Band, Double> arrAfter = new EnumMap<>(Band.class);
        Map<Band, Map<Band, double[]>> moved = new EnumMap<>(Band.class);
        List<AccountMove> accounts = new ArrayList<>();
        for (AccountScore s : was) {
            double arr = arrOf(portfolio, s.accountId(), asOf);
            countBefore.merge(s.band(), 1, Integer::sum);
            arrBefore.merge(s.band(), arr, Double::sum);
        }
        for (AccountScore s : will) {
            double arr = arrOf(portfolio, s.accountId(), asOf);
            countAfter.merge(s.band(), 1, Integer::sum);
            arrAfter.merge(s.band(), arr, Double::sum);
            AccountScore b = before.get(s.accountId());
            if (b != null && b.band() != s.band()) {
                double[] m = moved.computeIfAbsent(b.band(), x -> new EnumMap<>(Band.class))
                        .computeIfAbsent(s.band(), x -> new double[2]);
                m[0]++;
                m[1] += arr;
                Double known = arrKnown(portfolio, s.accountId(), asOf);
                accounts.add(new AccountMove(s.accountId(), s.name(), b.band(), s.band(), b.score(), s.score(), known));
            }
        }
        List<BandMove> moves = new ArrayList<>();
        // Worst news first: moves towards red.
        for (Band from : List.of(Band.GREEN, Band.YELLOW, Band.RED)) {
            for (Band to : List.of(Band.RED, Band.YELLOW, Band.GREEN)) {
                double[] m = moved.getOrDefault(from, Map.of()).get(to);
                if (m != null) {
                    moves.add(new BandMove(from, to, (int) m[0], m[1]));
                }
            }
        }
        accounts.sort((x, y) -> Double.compare(Math.abs(y.after() - y.before()), Math.abs(x.after() - x.before())));
        List<AlertFinding> firingNow = new AlertEvaluator(active.model(), portfolio).evaluate(asOf, was);
        List<AlertFinding> firingAfter = active.number() == target.number() ? firingNow
                : new AlertEvaluator(target.model(), portfolio).evaluate(asOf, will);
        Set<String> keysNow = keys(firingNow);
        Set<String> keysAfter = keys(firingAfter);
        int starting = (int) keysAfter.stream().filter(k -> !keysNow.contains(k)).count();
        int stopping = (int) keysNow.stream().filter(k -> !keysAfter.contains(k)).count();
        return new ActivationImpact(active, target, asOf, will.size(),
                new BandTotals(countBefore, arrBefore), new BandTotals(countAfter, arrAfter), List.copyOf(moves),
                List.copyOf(accounts), counts(firingNow), counts(firingAfter), starting, stopping);
    }

    private static Set<String> keys(List<AlertFinding> findings) {
        Set<String> keys = new HashSet<>();
        findings.forEach(f -> keys.add(f.accountId() + "\u0000" + f.rule().id()));
        return keys;
    }

    private static AlertCounts counts(List<AlertFinding> findings) {
        Map<Severity, Integer> by = new EnumMap<>(Severity.class);
        findings.forEach(f -> by.merge(f.severity(), 1, Integer::sum));
        return new AlertCounts(findings.size(), by);
    }

    private static double arrOf(Portfolio portfolio, String accountId, LocalDate asOf) {
        Double arr = arrKnown(portfolio, accountId, asOf);
        return arr == null ? 0 : arr;
    }

    private static Double arrKnown(Portfolio portfolio, String accountId, LocalDate asOf) {
        int a = portfolio.indexOf(accountId);
        if (a < 0) {
            return null;
        }
        Account account = portfolio.account(a, asOf);
        return account.arr();
    }

    /** The difference in sentences, the same on screen and on the command line. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(java.util.Locale.ROOT, "Activating %s in place of %s, as of %s (%s scored):",
                target.label(), active.label(), asOf, Plurals.count(accountsScored, "live account")));
        if (sameVersion()) {
            lines.add("  " + target.label() + " is already the active model; nothing would change.");
            return lines;
        }
        for (Band band : List.of(Band.RED, Band.YELLOW, Band.GREEN)) {
            lines.add(String.format(java.util.Locale.ROOT, "  %-6s %s → %s (ARR %s → %s)", capitalised(band.id()),
                    Plurals.count(before.accounts(band), "account"), Plurals.count(after.accounts(band), "account"),
                    Money.format(before.arr(band)), Money.format(after.arr(band))));
        }
        int changing = accounts.size();
        if (changing == 0) {
            lines.add("  No account would change band.");
        } else {
            lines.add("  " + Plurals.count(changing, "account") + " would change band:");
            for (BandMove move : moves) {
                lines.add(String.format(java.util.Locale.ROOT, "    %s → %s: %s, ARR %s", move.from().id(), move.to().id(),
                        Plurals.count(move.accounts(), "account"), Money.format(move.arr())));
            }
        }
        lines.add("  Alerts that would fire: " + Plurals.count(alertsAfter.total(), "alert") + " (now "
                + alertsBefore.total() + ")" + severities(alertsAfter) + "; "
                + Plurals.count(alertsStarting, "alert") + " would start firing, " + alertsStopping + " would stop.");
        return lines;
    }

    private static String severities(AlertCounts counts) {
        List<String> parts = new ArrayList<>();
        for (Severity s : Severity.values()) {
            Integer n = counts.bySeverity().get(s);
            if (n != null) {
                parts.add(n + " " + s.id());
            }
        }
        return parts.isEmpty() ? "" : ": " + String.join(", ", parts);
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
