package com.bellwether.domain;

import java.util.Locale;

/**
 * The one way an amount of money (ARR) is written on every screen, export caption and report: "–" when unknown,
 * whole units below a thousand, "12.3k" below a million, "1.2M" below a billion, "3.4B" above. Exact values belong in
 * the exports' cells, not here.
 */
public final class Money {

    private Money() {
    }

    public static String format(double amount) {
        if (Double.isNaN(amount) || Double.isInfinite(amount)) {
            return "–";
        }
        double magnitude = Math.abs(amount);
        String sign = amount < 0 ? "−" : "";
        if (magnitude < 1_000) {
            return sign + String.format(Locale.ROOT, "%.0f", magnitude);
        }
        if (magnitude < 999_950) {
            return sign + String.format(Locale.ROOT, "%.1fk", magnitude / 1_000);
        }
        if (magnitude < 999_950_000) {
            return sign + String.format(Locale.ROOT, "%.1fM", magnitude / 1_000_000);
        }
        return sign + String.format(Locale.ROOT, "%.1fB", magnitude / 1_000_000_000);
    }

    public static String format(Double amount) {
        return amount == null ? "–" : format(amount.doubleValue());
    }
}
