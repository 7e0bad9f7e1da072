package com.bellwether.alerts;

import java.util.Locale;

/** How urgent an alert is; it sets the CRM task's priority and due date. */
public enum Severity {
    CRITICAL("Urgent", 1), HIGH("High", 3), MEDIUM("Normal", 7), LOW("Low", 14);

    private final String crmPriority;
    private final int daysToDue;

    Severity(String crmPriority, int daysToDue) {
        this.crmPriority = crmPriority;
        this.daysToDue = daysToDue;
    }

    /** The severity a model's alert rule names (critical, high, medium, low). */
    public static Severity of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }

    /**
     * An alert's severity: the rule's, capped by the account's band now, so the urgency a CRM task gets matches how
     * the account stands. A red account's alert has the rule's severity; a yellow one's is at most high; a green
     * one's (still healthy, however far it fell) is low. Without a band the rule's severity stands.
     */
    public static Severity forBand(Severity rule, com.bellwether.scoring.Band band) {
        if (band == null) {
            return rule;
        }
        Severity cap = switch (band) {
            case RED -> CRITICAL;
            case YELLOW -> HIGH;
            case GREEN -> LOW;
        };
        return rule.ordinal() < cap.ordinal() ? cap : rule;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The priority of the task in a CRM: Urgent, High, Normal or Low. */
    public String crmPriority() {
        return crmPriority;
    }

    /** Days from the day the alert was raised to the task's due date. */
    public int daysToDue() {
        return daysToDue;
    }
}
