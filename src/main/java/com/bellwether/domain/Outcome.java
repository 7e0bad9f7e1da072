package com.bellwether.domain;

import java.time.LocalDate;

/** Something that happened to the contract: churn, renewal, expansion, contraction or reactivation. */
public record Outcome(String accountId, LocalDate date, OutcomeEvent event, Double arrChange) {
}
