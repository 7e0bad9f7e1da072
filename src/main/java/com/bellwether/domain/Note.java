package com.bellwether.domain;

import java.time.LocalDate;

/** A CSM's note, carrying a score adjustment in points that holds until {@code expires}. */
public record Note(String accountId, LocalDate date, String author, int adjustment, String reason, LocalDate expires) {
}
