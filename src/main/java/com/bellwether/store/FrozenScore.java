package com.bellwether.store;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * The score an account had the day before a churn or renewal ({@code event} is {@code CHURN} or {@code RENEWAL}),
 * under the version active when it was frozen; score and band are NaN and null when it had no data by then.
 */
public record FrozenScore(String accountId, LocalDate outcomeDate, String event, int versionNo, LocalDate asOf,
                          double score, String band, String reasons, OffsetDateTime frozenAt) {
}
