package com.bellwether.alerts;

import java.util.List;
import java.util.Locale;

import com.bellwether.scoring.HealthModel;
import com.bellwether.scoring.HealthModel.AlertRule;

/** An alert rule named for people: "Fell into red within 7 days" rather than {@code band-to-red}. */
public final class RuleLabels {

    private RuleLabels() {
    }

    /** The rule's label from what it checks; a rule the model no longer has is named from its id. */
    public static String label(HealthModel model, String ruleId) {
        if (model != null && model.alerts() != null) {
            for (AlertRule rule : model.alerts()) {
                if (rule.id().equals(ruleId)) {
                    return label(rule);
                }
            }
        }
        return fromId(ruleId);
    }

    /** A short name that fits a table column: "Fell into red", "Score fell 15+ points", "New urgent or high action". */
    public static String label(AlertRule rule) {
        return switch (rule.kind()) {
            case "band_worsened" -> rule.into() == null ? "Band worsened" : "Fell into " + rule.into();
            case "score_drop" -> "Score fell " + whole(rule.points()) + "+ points";
            case "playbook_matched" -> "New " + priorities(rule.priorities()) + "action";
            case "adjustment_expired" -> "Adjustment expired";
            default -> fromId(rule.id());
        };
    }

    /** The whole rule in a sentence, for a tooltip: "Fell into red within 7 days (rule band-to-red)". */
    public static String describe(HealthModel model, String ruleId) {
        if (model != null && model.alerts() != null) {
            for (AlertRule rule : model.alerts()) {
                if (rule.id().equals(ruleId)) {
                    return describe(rule);
                }
            }
        }
        return fromId(ruleId) + " (rule " + ruleId + ")";
    }

    public static String describe(AlertRule rule) {
        int days = rule.days() == null ? 7 : rule.days();
        String text = switch (rule.kind()) {
            case "band_worsened" -> rule.into() == null ? "Band worsened within " + days(days)
                    : "Fell into " + rule.into() + " within " + days(days);
            case "score_drop" -> String.format(Locale.ROOT, "Score fell %s+ points in %s%s", whole(rule.points()),
                    days(rule.days() == null ? 30 : rule.days()),
                    Boolean.TRUE.equals(rule.relativeToPortfolio()) ? ", beyond the portfolio's median drop" : "");
            case "playbook_matched" -> "A new " + priorities(rule.priorities()) + "playbook action within " + days(days);
            case "adjustment_expired" -> "A CSM adjustment" + (rule.points() == null || rule.points() == 0 ? ""
                    : " of " + whole(rule.points()) + "+ points") + " expired within " + days(days);
            default -> fromId(rule.id());
        };
        return text + " (rule " + rule.id() + ")";
    }

    /** "new-urgent-action" → "New urgent action". */
    static String fromId(String id) {
        if (id == null || id.isBlank()) {
            return "";
        }
        String words = id.replace('-', ' ').replace('_', ' ').strip();
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static String priorities(List<String> priorities) {
        return priorities == null || priorities.isEmpty() ? "" : String.join(" or ", priorities) + " ";
    }

    private static String days(int days) {
        return days == 1 ? "1 day" : days + " days";
    }

    private static String whole(Double points) {
        return points == null ? "" : points == Math.rint(points) ? String.valueOf(points.longValue())
                : String.format(Locale.ROOT, "%.1f", points);
    }
}
