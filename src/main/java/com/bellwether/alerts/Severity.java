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
