package com.bellwether.scoring;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.bellwether.scoring.HealthModel.Measure;

/** Plain-language text for measures and actions, with the numbers in it. */
final class Explainer {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z0-9_]+)(?:\\.(score|abs))?}");

    private Explainer() {
    }

    /**
     * The measure's own {@code explain} template, or a sentence for its derivation. Placeholders: {value}, {abs},
     * {window}, {score}, {change} ("fell" or "rose"), {baseline} (what a change compared with).
     */
    static String measureText(Measure measure, double raw, double score) {
        if (Double.isNaN(raw)) {
            return measure.label() + ": no data yet.";
        }
        String template = measure.explain() != null ? measure.explain() : defaultTemplate(measure);
        int window = measure.derive().windowDays();
        return template.replace("{value}", number(raw))
                .replace("{abs}", number(Math.abs(raw)))
                .replace("{window}", Integer.toString(window))
                .replace("{score}", Double.isNaN(score) ? "n/a" : number(score))
                .replace("{change}", raw < 0 ? "fell" : "rose")
                .replace("{tone}", toneWord(raw))
                .replace("{baseline}", baseline(measure.derive()));
    }

    /** "the 28 before", "the 91 days before" or "a year before". */
    private static String baseline(HealthModel.Derivation derive) {
        if (derive.yearBefore()) {
            return "a year before";
        }
        return derive.baselineDays() == null ? "the " + derive.windowDays() + " before"
                : "the " + derive.baselineDays() + " days before";
    }

    private static String defaultTemplate(Measure measure) {
        return switch (measure.derive().type()) {
            case "usage_change" -> measure.label() + " {change} {abs}% in the last {window} days vs {baseline}.";
            case "usage_slope" -> measure.label() + " moved {value} a week over the last {window} days.";
            case "days_since" -> measure.label() + ": {value} days ago.";
            case "tickets" -> measure.label() + ": {value} in the last {window} days.";
            case "nps" -> measure.label() + ": {value}.";
            case "sentiment" -> measure.label() + " {tone} ({value}) over the last {window} days.";
            default -> measure.label() + ": {value} over the last {window} days.";
        };
    }

    /** A mean tone in words: within ±0.05 of zero is neutral, as VADER's authors draw the line. */
    static String toneWord(double tone) {
        return tone <= -0.05 ? "negative" : tone >= 0.05 ? "positive" : "neutral";
    }

    /** An action's why-template with {id}, {id.abs} and {id.score} of the model's measures filled in. */
    static String actionText(String template, ScoreGrid grid, int point) {
        if (template == null) {
            return "";
        }
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder text = new StringBuilder();
        while (matcher.find()) {
            int m = grid.model().measureIndex(matcher.group(1));
            String replacement;
            if (m < 0) {
                replacement = matcher.group();
            } else if ("score".equals(matcher.group(2))) {
                replacement = number(grid.measureScore(m, point));
            } else {
                double raw = grid.raw(m, point);
                replacement = Double.isNaN(raw) ? "none on record" : number("abs".equals(matcher.group(2)) ? Math.abs(raw) : raw);
            }
            matcher.appendReplacement(text, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(text);
        return text.toString();
    }

    /** Whole numbers from 10 up, two significant decimals below; "n/a" for NaN. */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        if (Math.abs(value) >= 10 || value == Math.rint(value)) {
            // Not Math.round, which stops at Long.MAX_VALUE: a huge value keeps its own digits.
            return Math.abs(value) < 0x1p53 ? Long.toString(Math.round(value))
                    : new BigDecimal(value).setScale(0, RoundingMode.HALF_UP).toPlainString();
        }
        return new BigDecimal(value).setScale(Math.abs(value) >= 1 ? 1 : 2, RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString();
    }

}
