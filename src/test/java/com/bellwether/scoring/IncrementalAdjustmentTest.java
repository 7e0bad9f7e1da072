package com.bellwether.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.bellwether.domain.Note;

/** A CSM adjustment re-scores its one account, and the grid is the one computed anew from the changed portfolio. */
class IncrementalAdjustmentTest {

    @Test
    void oneAccountsNewNoteGivesTheScoresOfAFullRecompute() throws Exception {
        Portfolio portfolio = SamplePortfolio.portfolio();
        HealthModel model = HealthModel.defaultModel();
        List<LocalDate> dates = List.of(LocalDate.parse("2026-03-31"), LocalDate.parse("2026-06-30"),
                LocalDate.parse("2026-09-30"));
        ScoreGrid grid = ScoreGrid.compute(model, portfolio, dates);
        String id = portfolio.account(7).accountId();
        List<Note> notes = new ArrayList<>(portfolio.notes(7));
        notes.add(new Note(id, LocalDate.parse("2026-05-01"), "csm@example.com", -12, "Champion left", null));
        notes.add(new Note(id, LocalDate.parse("2026-01-01"), "lead@example.com", 30, "Exec sponsor engaged",
                LocalDate.parse("2026-07-01")));
        Portfolio updated = portfolio.withNotes(id, notes);

        ScoreGrid incremental = grid.withNotes(updated, id);
        ScoreGrid fresh = ScoreGrid.compute(model, updated, dates);

        int changed = 0;
        for (int p = 0; p < fresh.points(); p++) {
            assertThat(incremental.adjustment(p)).as("adjustment at %d", p).isEqualTo(fresh.adjustment(p));
            assertThat(Double.valueOf(incremental.score(p))).as("score at %d", p).isEqualTo(Double.valueOf(fresh.score(p)));
            assertThat(incremental.band(p)).as("band at %d", p).isEqualTo(fresh.band(p));
            assertThat(Double.valueOf(incremental.base(p))).isEqualTo(Double.valueOf(fresh.base(p)));
            if (!Double.valueOf(grid.score(p)).equals(fresh.score(p))) {
                changed++;
            }
        }
        assertThat(changed).as("points whose score the notes moved").isEqualTo(3);
        assertThat(incremental.portfolio()).isSameAs(updated);
    }
}
