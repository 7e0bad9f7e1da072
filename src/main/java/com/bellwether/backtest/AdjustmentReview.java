package com.bellwether.backtest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

import com.bellwether.domain.Note;
import com.bellwether.scoring.HealthModel;
import com.bellwether.scoring.Portfolio;
import com.bellwether.scoring.ScoreGrid;

/**
 * Were the CSM adjustments right? Each adjustment is judged at its date: the computed (base) score against the
 * adjusted (final) score then, and whether the account churned within the horizon after it. An adjustment down is
 * right when the account churned, up when it did not; one whose horizon has not passed by the data's end is not yet
 * known. Over the known ones, the ROC AUC of the computed and of the adjusted scores says which ranked the churners
 * better. docs/backtest.md, "Were the overrides right?".
 */
public final class AdjustmentReview {

    public static final String RIGHT = "right";
    public static final String WRONG = "wrong";
    public static final String NOT_YET_KNOWN = "not yet known";
    public static final String NOT_SCORED = "not scored";

    private AdjustmentReview() {
    }

    /** One adjustment judged. {@code churned} is the first churn in (date, date + horizon], or null. */
    public record Verdict(String accountId, LocalDate date, String author, int adjustment, String reason,
                          double computedScore, double adjustedScore, LocalDate horizonEnd, LocalDate churned,
                          String verdict) {

        /** The verdict in a few words, with the outcome: "right: churned 2025-03-02", "wrong: did not churn". */
        public String text() {
            return switch (verdict) {
                case RIGHT, WRONG -> verdict + ": " + (churned != null ? "churned " + churned : "did not churn by " + horizonEnd);
                case NOT_YET_KNOWN -> "horizon not passed yet (ends " + horizonEnd + ")";
                default -> "the account had no score then";
            };
        }
    }

    /** The counts and the two AUCs over a set of adjustments (all, or one CSM's). AUCs are NaN when undefined. */
    public record Tally(long adjustments, long right, long wrong, long notYetKnown, double computedRocAuc,
                        double adjustedRocAuc) {
    }

    /** The section of the backtest report: the rule's horizon, the whole and each CSM (the note's author). */
    public record Summary(int horizonDays, LocalDate dataTo, Tally overall, Map<String, Tally> byCsm) {
    }

    /**
     * Every adjustment (non-zero) of every account made on or before {@code through} (all of them when null), judged
     * over the horizon, oldest first per account.
     */
    public static List<Verdict> verdicts(HealthModel model, Portfolio portfolio, int horizonDays, LocalDate through,
                                         BooleanSupplier cancelled) {
        List<Verdict> verdicts = new ArrayList<>();
        for (int a = 0; a < portfolio.size(); a++) {
            verdicts.addAll(verdicts(model, portfolio, a, horizonDays, through, cancelled));
        }
        return verdicts;
    }

    /** One account's adjustments made on or before {@code through} (all of them when null), judged. */
    public static List<Verdict> verdicts(HealthModel model, Portfolio portfolio, int a, int horizonDays,
                                         LocalDate through, BooleanSupplier cancelled) {
        List<Note> notes = portfolio.notes(a).stream()
                .filter(n -> n.adjustment() != 0 && (through == null || !n.date().isAfter(through))).toList();
        if (notes.isEmpty()) {
            return List.of();
        }
        if (cancelled.getAsBoolean()) {
            throw new java.util.concurrent.CancellationException("cancelled");
        }
        List<LocalDate> dates = notes.stream().map(Note::date).distinct().sorted().toList();
        ScoreGrid grid = ScoreGrid.compute(model, portfolio, new int[] {a}, dates, cancelled);
        LocalDate end = portfolio.asOfDate();
        int[] churns = portfolio.churnDays(a, false);
        List<Verdict> verdicts = new ArrayList<>(notes.size());
        for (Note note : notes) {
            int p = grid.point(0, dates.indexOf(note.date()));
            double computed = grid.base(p);
            double adjusted = grid.score(p);
            LocalDate horizonEnd = note.date().plusDays(horizonDays);
            LocalDate churned = null;
            int t = (int) note.date().toEpochDay();
            for (int churn : churns) {
                if (churn > t && churn <= t + horizonDays) {
                    churned = LocalDate.ofEpochDay(churn);
                    break;
                }
            }
            String verdict;
            if (!grid.isLive(p) || Double.isNaN(adjusted) || Double.isNaN(computed)) {
                verdict = NOT_SCORED;
            } else if (churned == null && (end == null || horizonEnd.isAfter(end))) {
                verdict = NOT_YET_KNOWN;
            } else {
                verdict = (note.adjustment() < 0) == (churned != null) ? RIGHT : WRONG;
            }
            verdicts.add(new Verdict(portfolio.account(a).accountId(), note.date(), note.author(), note.adjustment(),
                    note.reason(), computed, adjusted, horizonEnd, churned, verdict));
        }
        return verdicts;
    }

    /** The whole and each CSM's tally of the verdicts. */
    public static Summary summary(List<Verdict> verdicts, int horizonDays, LocalDate dataTo) {
        Map<String, List<Verdict>> byCsm = new TreeMap<>();
        for (Verdict v : verdicts) {
            byCsm.computeIfAbsent(v.author() == null ? "(none)" : v.author(), k -> new ArrayList<>()).add(v);
        }
        Map<String, Tally> tallies = new LinkedHashMap<>();
        byCsm.forEach((csm, own) -> tallies.put(csm, tally(own)));
        return new Summary(horizonDays, dataTo, tally(verdicts), tallies);
    }

    /** Counts, and the ROC AUC of the computed and the adjusted scores (risk = 100 − score) over the known ones. */
    static Tally tally(List<Verdict> verdicts) {
        long right = 0;
        long wrong = 0;
        long pending = 0;
        List<Verdict> known = new ArrayList<>();
        for (Verdict v : verdicts) {
            switch (v.verdict()) {
                case RIGHT -> right++;
                case WRONG -> wrong++;
                case NOT_YET_KNOWN -> pending++;
                default -> {
                    continue;
                }
            }
            if (!v.verdict().equals(NOT_YET_KNOWN)) {
                known.add(v);
            }
        }
        double[] computed = new double[known.size()];
        double[] adjusted = new double[known.size()];
        boolean[] churned = new boolean[known.size()];
        int[] points = new int[known.size()];
        for (int i = 0; i < known.size(); i++) {
            computed[i] = 100 - known.get(i).computedScore();
            adjusted[i] = 100 - known.get(i).adjustedScore();
            churned[i] = known.get(i).churned() != null;
            points[i] = i;
        }
        return new Tally(right + wrong + pending, right, wrong, pending, Metrics.rocAuc(computed, churned, points),
                Metrics.rocAuc(adjusted, churned, points));
    }
}
