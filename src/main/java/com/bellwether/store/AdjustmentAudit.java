package com.bellwether.store;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** One entry of the adjustment trail: a CSM adjustment added or removed, by whom and when. */
public record AdjustmentAudit(long id, String accountId, LocalDate noteDate, String author, int points, String reason,
                              LocalDate expires, Action action, String changedBy, OffsetDateTime changedAt) {

    public enum Action {
        ADD, REMOVE
    }
}
