package com.bellwether.backtest;

import java.time.LocalDate;
import java.time.Period;
import java.util.Locale;

/**
 * What a backtest covers: cut-off dates from {@code from} to {@code to} every {@code step}, the target (churn, or
 * expansion) looked for in (T, T + horizon days], optionally counting contractions as churn and keeping cut-offs
 * whose horizon runs past the data (flagged). Null dates mean "the whole history where the horizon is complete".
 * For expansion, {@code cutoff} is the final score at or above which a point is flagged as an expansion candidate;
 * null flags the points where one of the model's expansion rules holds (green when the model has none).
 */
public record BacktestSettings(LocalDate from, LocalDate to, Period step, int horizonDays, boolean contractionIsChurn,
                               boolean keepIncompleteHorizon, double topPercent, Target target, Double cutoff) {

    public BacktestSettings {
        target = target == null ? Target.CHURN : target;
    }

    /** Churn as the target. */
    public BacktestSettings(LocalDate from, LocalDate to, Period step, int horizonDays, boolean contractionIsChurn,
                            boolean keepIncompleteHorizon, double topPercent) {
        this(from, to, step, horizonDays, contractionIsChurn, keepIncompleteHorizon, topPercent, Target.CHURN, null);
    }

    public static BacktestSettings defaults() {
        return new BacktestSettings(null, null, Period.ofMonths(1), 90, false, false, 10);
    }

    /** The same settings predicting another target, flagged at a score cut-off (null: by the expansion rules). */
    public BacktestSettings withTarget(Target newTarget, Double newCutoff) {
        return new BacktestSettings(from, to, step, horizonDays, contractionIsChurn, keepIncompleteHorizon, topPercent,
                newTarget, newCutoff);
    }

    /** Reads "1m", "2w", "30d" or "1y". */
    public static Period parseStep(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.length() < 2) {
            throw new IllegalArgumentException("a step such as 1m, 2w or 30d, not " + text);
        }
        int n;
        try {
            n = Integer.parseInt(t.substring(0, t.length() - 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a step such as 1m, 2w or 30d, not " + text);
        }
        if (n < 1) {
            throw new IllegalArgumentException("a step of at least 1, not " + text);
        }
        return switch (t.charAt(t.length() - 1)) {
            case 'd' -> Period.ofDays(n);
            case 'w' -> Period.ofWeeks(n);
            case 'm' -> Period.ofMonths(n);
            case 'y' -> Period.ofYears(n);
            default -> throw new IllegalArgumentException("a step such as 1m, 2w or 30d, not " + text);
        };
    }

    /** Reads "90d", "12w", "3m" or a plain number of days. */
    public static int parseHorizon(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            int days;
            if (t.matches("\\d+")) {
                days = Integer.parseInt(t);
            } else {
                Period period = parseStep(t);
                days = period.getDays() + period.getMonths() * 30 + period.getYears() * 365;
            }
            if (days < 1) {
                throw new IllegalArgumentException("a horizon of at least one day");
            }
            return days;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a horizon such as 90d, not " + text);
        }
    }

    /**
     * The same settings with the first and last cut-off dates that data from {@code first} to {@code last} gives
     * where these leave them open: three months after the first date, and the last date less the horizon (or the
     * last date when incomplete horizons are kept).
     */
    public BacktestSettings resolved(LocalDate first, LocalDate last) {
        return withRange(from != null ? from : first.plusMonths(3),
                to != null ? to : keepIncompleteHorizon ? last : last.minusDays(horizonDays));
    }

    public BacktestSettings withRange(LocalDate newFrom, LocalDate newTo) {
        return new BacktestSettings(newFrom, newTo, step, horizonDays, contractionIsChurn, keepIncompleteHorizon, topPercent,
                target, cutoff);
    }
}
