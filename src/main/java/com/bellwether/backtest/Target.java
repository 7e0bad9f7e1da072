package com.bellwether.backtest;

import java.util.Locale;

/**
 * What a backtest predicts: churn (the default; points ranked by risk, 100 − score) or expansion (points ranked by
 * the likelihood of an expansion, see docs/backtest.md).
 */
public enum Target {
    CHURN, EXPANSION;

    @com.fasterxml.jackson.annotation.JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads "churn" or "expansion". */
    public static Target parse(String text) {
        for (Target target : values()) {
            if (target.id().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return target;
            }
        }
        throw new IllegalArgumentException("a target of churn or expansion, not " + text);
    }

    /** Leaves the target out of report.json when it is churn, so a churn report reads as it always has. */
    public static final class ChurnIsImplied {

        @Override
        public boolean equals(Object value) {
            return value == null || value == CHURN;
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }
}
