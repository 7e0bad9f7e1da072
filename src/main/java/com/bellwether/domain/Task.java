package com.bellwether.domain;

import java.time.LocalDate;

/**
 * A task on an account: work a CSM did or means to do, from the workbench's alerts or a CRM. {@code ruleId} names the
 * playbook or alert rule it acts on (null: the account as a whole); {@code completed} is set when it is done.
 */
public record Task(String taskId, String accountId, String ruleId, LocalDate created, TaskStatus status,
                   LocalDate completed, String owner) {
}
