package com.bellwether.alerts;

import java.time.LocalDate;

/**
 * An alert as a task for a CRM: the external id is stable across runs and model versions, so importing the same
 * task twice updates it rather than duplicating it. Status and priority use the CRM's usual words.
 */
public record CrmTask(String externalId, String subject, String description, String accountId, String accountName,
                      String owner, String priority, LocalDate dueDate, String status) {

    /** The task for an alert. */
    public static CrmTask of(Alert alert) {
        String description = alert.explanation()
                + (alert.action() == null ? "" : "\nRecommended action: " + alert.action())
                + "\nRaised by Bellwether rule " + alert.ruleId() + " as of " + alert.raisedOn()
                + (alert.lastSeen().equals(alert.raisedOn()) ? "" : ", last seen " + alert.lastSeen()) + ".";
        return new CrmTask(alert.externalId(), alert.accountName() + ": " + alert.headline(), description,
                alert.accountId(), alert.accountName(), alert.owner(), alert.severity().crmPriority(), alert.dueDate(),
                status(alert.status()));
    }

    private static String status(AlertStatus status) {
        return status.lifecycle().crmWord();
    }
}
