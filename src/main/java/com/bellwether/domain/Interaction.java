package com.bellwether.domain;

import java.time.LocalDateTime;

/**
 * A touch point with one of the account's stakeholders, with an optional summary of it and the summary's tone (-1 to
 * 1, null without one).
 */
public record Interaction(String accountId, LocalDateTime at, String contact, StakeholderRole role, InteractionKind kind,
                          String summary, Double tone) {

    /** A touch point without a summary. */
    public Interaction(String accountId, LocalDateTime at, String contact, StakeholderRole role, InteractionKind kind) {
        this(accountId, at, contact, role, kind, null, null);
    }
}
