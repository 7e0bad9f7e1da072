package com.bellwether.domain;

import java.time.LocalDate;

/**
 * The usage metrics of one account on one day. {@code values[i]} belongs to the i-th metric of the list the day
 * comes with; NaN, or an index past the end, means no value.
 */
public record UsageDay(String accountId, LocalDate date, double[] values) {

    public double value(int metric) {
        return metric < values.length ? values[metric] : Double.NaN;
    }
}
