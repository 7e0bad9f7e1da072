package com.bellwether.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MoneyAndPluralsTest {

    @Test
    void moneyHasOneFormatAtEveryScale() {
        assertEquals("–", Money.format(Double.NaN));
        assertEquals("–", Money.format((Double) null));
        assertEquals("0", Money.format(0));
        assertEquals("950", Money.format(950));
        assertEquals("1.0k", Money.format(1_000));
        assertEquals("12.3k", Money.format(12_340));
        assertEquals("999.9k", Money.format(999_940));
        assertEquals("1.0M", Money.format(999_960));
        assertEquals("1.2M", Money.format(1_157_000));
        assertEquals("3.4B", Money.format(3_400_000_000d));
        assertEquals("−12.3k", Money.format(-12_340));
    }

    @Test
    void countedNounsAreSingularOnlyForOne() {
        assertEquals("0 accounts", Plurals.count(0, "account"));
        assertEquals("1 account", Plurals.count(1, "account"));
        assertEquals("2 accounts", Plurals.count(2, "account"));
        assertEquals("1,234 accounts", Plurals.count(1234, "account"));
        assertEquals("1 activity", Plurals.count(1, "activity", "activities"));
        assertEquals("3 activities", Plurals.count(3, "activity", "activities"));
    }
}
