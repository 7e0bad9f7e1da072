package com.bellwether.alerts;

import java.time.OffsetDateTime;

/** One attempt to deliver an alert's webhook message: when, which attempt, and the HTTP status or the error. */
public record DeliveryAttempt(long id, OffsetDateTime attemptedAt, long alertId, String eventId, int attempt,
                              Integer httpStatus, String error, boolean delivered) {
}
