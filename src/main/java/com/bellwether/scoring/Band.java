package com.bellwether.scoring;

import java.util.Locale;

/** Red, yellow or green: where a final score falls against the cut-offs of the account's stage. */
public enum Band {
    RED, YELLOW, GREEN;

    /** Red below {@code red}, yellow below {@code yellow}, green from there; a score on a cut-off takes the better band. */
    public static Band of(double score, double red, double yellow) {
        if (score < red) {
            return RED;
        }
        return score < yellow ? YELLOW : GREEN;
    }

    @com.fasterxml.jackson.annotation.JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
