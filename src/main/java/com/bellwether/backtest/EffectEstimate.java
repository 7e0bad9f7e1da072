package com.bellwether.backtest;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Acted-on against not-acted-on points of one rule for one outcome (churn or expansion within the horizon): the crude
 * rates, and the difference within strata of the same band, segment and stage at the trigger date, weighted by each
 * stratum's acted-on count. Strata without both groups are left out (and counted). The 95% interval is the normal
 * approximation: the variance of the stratified difference is the sum over strata of the squared weight times
 * q1(1-q1)/(n1+2) + q0(1-q0)/(n0+2), with q = (e+1)/(n+2) (Agresti and Caffo's adjustment, so a group where none or
 * every point had the outcome still carries its uncertainty). An association, not an effect proved.
 *
 * @param acted          points acted on
 * @param actedEvents    of which with the outcome
 * @param notActed       points not acted on
 * @param notActedEvents of which with the outcome
 * @param strata         strata with both groups, the ones the difference is taken over
 * @param leftOut        points in strata without both groups, left out of the difference
 * @param difference     acted-on rate less the comparable not-acted-on rate, stratified (NaN when no stratum has both)
 * @param low            the 95% interval's low end
 * @param high           its high end
 * @param tooFew         whether the groups compared are too small to tell (see {@link #TOO_FEW_GROUP})
 * @param byStratum      the counts of each stratum, in the order of their names
 */
public record EffectEstimate(long acted, long actedEvents, long notActed, long notActedEvents, int strata,
                             long leftOut, long comparedActed, long comparedNotActed, long comparedEvents,
                             double difference, double low, double high, boolean tooFew, List<Stratum> byStratum) {

    /** One stratum's counts (band / segment / stage at the trigger date), and whether it had both groups. */
    public record Stratum(String name, long acted, long actedEvents, long notActed, long notActedEvents) {

        public boolean compared() {
            return acted > 0 && notActed > 0;
        }
    }

    /** Fewer acted-on or comparison points than this in the strata compared is too few to tell. */
    public static final int TOO_FEW_GROUP = 10;
    /** Fewer outcome events than this among the points compared is too few to tell. */
    public static final int TOO_FEW_EVENTS = 5;

    private static final double Z95 = 1.959963984540054;

    /** Counts of one stratum: acted-on points and their events, not-acted-on points and theirs. */
    public static final class Cell {
        long n1;
        long e1;
        long n0;
        long e0;

        public void add(boolean acted, boolean event) {
            if (acted) {
                n1++;
                e1 += event ? 1 : 0;
            } else {
                n0++;
                e0 += event ? 1 : 0;
            }
        }
    }

    /** The estimate from the counts per stratum (keyed by the stratum's name). */
    public static EffectEstimate of(Map<String, Cell> strata) {
        long acted = 0;
        long actedEvents = 0;
        long notActed = 0;
        long notActedEvents = 0;
        long leftOut = 0;
        long keptActed = 0;
        long keptNotActed = 0;
        long keptEvents = 0;
        int kept = 0;
        for (Cell c : strata.values()) {
            acted += c.n1;
            actedEvents += c.e1;
            notActed += c.n0;
            notActedEvents += c.e0;
            if (c.n1 > 0 && c.n0 > 0) {
                kept++;
                keptActed += c.n1;
                keptNotActed += c.n0;
                keptEvents += c.e1 + c.e0;
            } else {
                leftOut += c.n1 + c.n0;
            }
        }
        double difference = Double.NaN;
        double low = Double.NaN;
        double high = Double.NaN;
        if (kept > 0) {
            double sum = 0;
            double variance = 0;
            for (Cell c : strata.values()) {
                if (c.n1 > 0 && c.n0 > 0) {
                    double w = (double) c.n1 / keptActed;
                    double p1 = (double) c.e1 / c.n1;
                    double p0 = (double) c.e0 / c.n0;
                    sum += w * (p1 - p0);
                    variance += w * w * (adjustedVariance(c.e1, c.n1) + adjustedVariance(c.e0, c.n0));
                }
            }
            difference = sum;
            double half = Z95 * Math.sqrt(variance);
            low = sum - half;
            high = sum + half;
        }
        List<Stratum> byStratum = new java.util.ArrayList<>();
        strata.forEach((name, c) -> byStratum.add(new Stratum(name, c.n1, c.e1, c.n0, c.e0)));
        boolean tooFew = keptActed < TOO_FEW_GROUP || keptNotActed < TOO_FEW_GROUP || keptEvents < TOO_FEW_EVENTS;
        return new EffectEstimate(acted, actedEvents, notActed, notActedEvents, kept, leftOut, keptActed, keptNotActed,
                keptEvents, difference, low, high, tooFew, List.copyOf(byStratum));
    }

    /** Convenience for tests and small reports: strata from parallel lists. */
    public static EffectEstimate of(List<String> stratum, List<Boolean> acted, List<Boolean> event) {
        Map<String, Cell> cells = new TreeMap<>();
        for (int i = 0; i < stratum.size(); i++) {
            cells.computeIfAbsent(stratum.get(i), s -> new Cell()).add(acted.get(i), event.get(i));
        }
        return of(cells);
    }

    public double actedRate() {
        return acted == 0 ? Double.NaN : (double) actedEvents / acted;
    }

    public double notActedRate() {
        return notActed == 0 ? Double.NaN : (double) notActedEvents / notActed;
    }

    /** Whether the interval leaves out zero (and there are enough to tell). */
    public boolean clear() {
        return !tooFew && !Double.isNaN(difference) && (high < 0 || low > 0);
    }

    /**
     * The finding in words, for an outcome named like "churned" or "expanded": "Acted-on accounts churned 12.0
     * points less than comparable ones ...; this is an association, not proof that the action caused it."
     */
    public String sentence(String verb) {
        if (acted == 0) {
            return "None acted on: nothing to compare.";
        }
        if (tooFew) {
            return String.format(Locale.ROOT, "Too few to tell: %d acted on and %d comparable not acted on, with %d"
                    + " %s among them (at least %d in each group and %d events are needed).", comparedActed,
                    comparedNotActed, comparedEvents, verb.equals("churned") ? "churns" : "expansions", TOO_FEW_GROUP,
                    TOO_FEW_EVENTS);
        }
        double points = 100 * difference;
        String direction = points < 0 ? "less" : "more";
        return String.format(Locale.ROOT, "Acted-on accounts %s %.1f points %s often than comparable ones not acted on"
                        + " (95%% interval %s to %s points); this is an association, not proof that the action caused it.",
                verb, Math.abs(points), direction, signed(100 * low), signed(100 * high));
    }

    private static String signed(double points) {
        return String.format(Locale.ROOT, "%+.1f", points);
    }

    /** The variance of a rate of e in n, with one event and one non-event added: never 0, even at 0 of n or n of n. */
    private static double adjustedVariance(long e, long n) {
        double q = (e + 1.0) / (n + 2.0);
        return q * (1 - q) / (n + 2.0);
    }
}
