package com.bellwether.domain;

import java.time.LocalDate;

/** A net-promoter answer, 0 to 10, with the respondent's optional comment and its tone (-1 to 1, null without one). */
public record Survey(String accountId, LocalDate date, int nps, String comment, Double tone) {

    /** An answer without a comment. */
    public Survey(String accountId, LocalDate date, int nps) {
        this(accountId, date, nps, null, null);
    }
}
