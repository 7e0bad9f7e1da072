package com.bellwether.app;

import java.time.LocalDate;
import java.util.List;

import com.bellwether.scoring.AccountScore;
import com.bellwether.scoring.HealthModel;

/** The live accounts' scores a workspace worked out last: under which model, as of which date. */
public record CurrentScores(HealthModel model, LocalDate asOf, List<AccountScore> scores) {
}
