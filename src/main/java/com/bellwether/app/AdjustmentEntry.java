package com.bellwether.app;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import com.bellwether.store.AdjustmentAudit;

/** One entry of an account's adjustment trail: a CSM adjustment added or removed, by whom and when. */
public record AdjustmentEntry(long id, String accountId, LocalDate noteDate, String author, int points, String reason,
                              LocalDate expires, boolean added, String changedBy, OffsetDateTime changedAt) {

    static AdjustmentEntry of(AdjustmentAudit audit) {
        return new AdjustmentEntry(audit.id(), audit.accountId(), audit.noteDate(), audit.author(), audit.points(),
                audit.reason(), audit.expires(), audit.action() == AdjustmentAudit.Action.ADD, audit.changedBy(),
                audit.changedAt());
    }
}
