package com.bellwether.backtest;

/**
 * What the effects report covers: the cut-offs and horizon as a backtest's ({@link BacktestSettings}: from, to,
 * step, horizon), and how many days after a trigger a completed task counts as acting on it.
 */
public record EffectsSettings(BacktestSettings cutoffs, int actWithinDays) {

    public static final int DEFAULT_ACT_WITHIN_DAYS = 30;

    public EffectsSettings {
        if (actWithinDays < 0) {
            throw new IllegalArgumentException("--act-within must be 0 days or more, not " + actWithinDays);
        }
    }

    public static EffectsSettings defaults() {
        return new EffectsSettings(BacktestSettings.defaults(), DEFAULT_ACT_WITHIN_DAYS);
    }
}
