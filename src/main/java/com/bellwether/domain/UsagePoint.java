package com.bellwether.domain;

import java.time.LocalDate;

/** One value of one usage metric for an account on a day. */
public record UsagePoint(String accountId, LocalDate date, String metric, double value) {
}
