package com.bellwether.alerts;

import java.time.LocalDate;

import com.bellwether.scoring.HealthModel.AlertRule;

/**
 * A rule that fires for an account as of a date, with the numbers behind it, before it is recorded as an
 * {@link Alert}. Scores are null where the rule compares none.
 */
public record AlertFinding(
        String accountId,
        String accountName,
        AlertRule rule,
        LocalDate asOf,
        Severity severity,
        Double score,
        Double scoreBefore,
        String band,
        String bandBefore,
        String headline,
        String explanation,
        String action,
        String owner) {
}
