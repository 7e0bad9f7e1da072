package com.bellwether.sample;

/** How often the generator writes a usage row per live account. */
public enum UsageCadence {
    /** One row per account per day; values are that day's figures. */
    DAILY,
    /** One row per account per week, dated the Monday; values are the week's totals. */
    WEEKLY
}
