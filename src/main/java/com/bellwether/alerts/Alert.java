package com.bellwether.alerts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HexFormat;

/**
 * A recorded alert: a rule that fired for an account, raised on one as-of date and seen again up to
 * {@code lastSeen} (each firing within the rule's cool-down updates the numbers), with its recommended action, its
 * owner (the account's CSM) and where it stands.
 */
public record Alert(
        long id,
        String externalId,
        String accountId,
        String accountName,
        String ruleId,
        String kind,
        Severity severity,
        LocalDate raisedOn,
        LocalDate lastSeen,
        Double score,
        Double scoreBefore,
        String band,
        String bandBefore,
        String headline,
        String explanation,
        String action,
        String owner,
        AlertStatus status,
        String statusReason,
        OffsetDateTime statusChangedAt,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        String statusChangedBy,
        int statusVersion) {

    /**
     * The id a CRM or webhook receiver de-duplicates on: from the account, the rule and the day the alert was
     * raised only, so re-running, re-scoring under another model version or moving the database gives the same id.
     */
    public static String externalId(String accountId, String ruleId, LocalDate raisedOn) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest((accountId + '\u001f' + ruleId + '\u001f' + raisedOn).getBytes(StandardCharsets.UTF_8));
            return "bw-" + HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The CRM task's due date: the day raised plus the severity's days. */
    public LocalDate dueDate() {
        return raisedOn.plusDays(severity.daysToDue());
    }
}
