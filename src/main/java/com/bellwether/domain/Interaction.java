package com.bellwether.domain;

import java.time.LocalDateTime;

/** A touch point with one of the account's stakeholders. */
public record Interaction(String accountId, LocalDateTime at, String contact, StakeholderRole role, InteractionKind kind) {
}
