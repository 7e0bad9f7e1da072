package com.bellwether.domain;

import java.time.LocalDate;

/** A net-promoter answer, 0 to 10. */
public record Survey(String accountId, LocalDate date, int nps) {
}
