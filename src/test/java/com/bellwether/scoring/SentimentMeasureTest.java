package com.bellwether.scoring;

import static com.bellwether.scoring.ScoringFixtures.account;
import static com.bellwether.scoring.ScoringFixtures.at;
import static com.bellwether.scoring.ScoringFixtures.dates;
import static com.bellwether.scoring.ScoringFixtures.oneMeasure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.bellwether.domain.Bundle;
import com.bellwether.domain.Interaction;
import com.bellwether.domain.InteractionKind;
import com.bellwether.domain.StakeholderRole;
import com.bellwether.domain.Survey;
import com.bellwether.domain.Ticket;
import com.bellwether.domain.TicketPriority;
import com.bellwether.ingest.TestDatabases;
import com.bellwether.ingest.TextTone;
import com.bellwether.store.Database;

/**
 * The sentiment measure: the mean tone of the texts dated in its window, nothing dated after the as-of date, no value
 * without text; and the phrases its explanation names, read from the database for the one account.
 *
 * <p>Account A1's texts: ticket T1 on 10 January 2024 ("Sync still broken" / "We are very frustrated."), T2 on 1 March
 * ("Export failing again"), T3 on 5 March without text, a meeting on 20 February ("Reviewed usage and open
 * tickets.", neutral), a survey comment on 10 March ("Not happy with reliability."), and T4 on 20 April ("Great fix,
 * thanks"). Account A2 has a ticket without text.
 */
class SentimentMeasureTest {

    private static final TextTone TONE = TextTone.vader();
    private static final double T1 = TONE.tone("Sync still broken", "We are very frustrated.");
    private static final double T2 = TONE.tone("Export failing again");
    private static final double MEETING = TONE.tone("Reviewed usage and open tickets.");
    private static final double SURVEY = TONE.tone("Not happy with reliability.");
    private static final double T4 = TONE.tone("Great fix, thanks");

    private static Database database;
    private static Portfolio portfolio;

    @BeforeAll
    static void portfolio() throws Exception {
        Bundle bundle = Bundle.empty();
        bundle.accounts().add(account("A1", 10, "2024-01-01", "2025-01-01", null));
        bundle.accounts().add(account("A2", 10, "2024-01-01", "2025-01-01", null));
        bundle.tickets().add(ticket("T1", "A1", "2024-01-10", "Sync still broken", "We are very frustrated."));
        bundle.tickets().add(ticket("T2", "A1", "2024-03-01", "Export failing again", null));
        bundle.tickets().add(ticket("T3", "A1", "2024-03-05", null, null));
        bundle.tickets().add(ticket("T4", "A1", "2024-04-20", "Great fix, thanks", null));
        bundle.tickets().add(ticket("T5", "A2", "2024-03-05", null, null));
        String meeting = "Reviewed usage and open tickets.";
        bundle.interactions().add(new Interaction("A1", at("2024-02-20"), "Ann", StakeholderRole.EXECUTIVE,
                InteractionKind.MEETING, meeting, TONE.tone(meeting)));
        String comment = "Not happy with reliability.";
        bundle.surveys().add(new Survey("A1", LocalDate.parse("2024-03-10"), 5, comment, TONE.tone(comment)));
        database = TestDatabases.fresh();
        ScoringFixtures.write(database, bundle);
        portfolio = Portfolio.load(database);
    }

    private static Ticket ticket(String id, String account, String opened, String subject, String description) {
        return new Ticket(id, account, at(opened), null, TicketPriority.NORMAL, false, null, subject, description,
                TONE.tone(subject, description));
    }

    private static double raw(String derivation, String account, String date) {
        HealthModel model = oneMeasure(derivation, "[[-1, 0], [1, 100]]", "{\"policy\": \"skip\"}");
        ScoreGrid grid = ScoreGrid.compute(model, portfolio, new int[] {portfolio.indexOf(account)}, dates(date), () -> false);
        return grid.raw(0, 0);
    }

    @Test
    void theMeanToneOfTheTextsDatedInTheWindowAndNothingAfter() {
        assertThat(T1).isNegative();
        assertThat(T4).isPositive();
        assertThat(MEETING).isZero();
        // (1 January, 31 March]: T1, T2, the meeting and the comment; T3 has no text; T4 is after the date.
        assertThat(raw("{\"type\": \"sentiment\", \"window\": 90}", "A1", "2024-03-31"))
                .isCloseTo((T1 + T2 + MEETING + SURVEY) / 4, within(1e-6));
        // The same window as of 20 April takes T4 in and leaves T1 out.
        assertThat(raw("{\"type\": \"sentiment\", \"window\": 90}", "A1", "2024-04-20"))
                .isCloseTo((T2 + MEETING + SURVEY + T4) / 4, within(1e-6));
        // (20 February, 31 March]: a text on the window's first day before is out.
        assertThat(raw("{\"type\": \"sentiment\", \"window\": 40}", "A1", "2024-03-31"))
                .isCloseTo((T2 + SURVEY) / 2, within(1e-6));
    }

    @Test
    void onlyTheSourcesNamed() {
        assertThat(raw("{\"type\": \"sentiment\", \"sources\": [\"surveys\"], \"window\": 90}", "A1", "2024-03-31"))
                .isCloseTo(SURVEY, within(1e-6));
        assertThat(raw("{\"type\": \"sentiment\", \"sources\": [\"tickets\", \"interactions\"], \"window\": 90}", "A1",
                "2024-03-31")).isCloseTo((T1 + T2 + MEETING) / 3, within(1e-6));
    }

    @Test
    void noTextNoValueAndTheMissingPolicyApplies() {
        assertThat(raw("{\"type\": \"sentiment\", \"window\": 90}", "A1", "2024-01-09")).isNaN();
        assertThat(raw("{\"type\": \"sentiment\", \"window\": 90}", "A2", "2024-03-31")).isNaN();
        HealthModel fixed = oneMeasure("{\"type\": \"sentiment\"}", "[[-1, 0], [1, 100]]",
                "{\"policy\": \"fixed\", \"score\": 35}");
        ScoreGrid grid = ScoreGrid.compute(fixed, portfolio, new int[] {portfolio.indexOf("A2")}, dates("2024-03-31"),
                () -> false);
        assertThat(grid.measureScore(0, 0)).isEqualTo(35);
    }

    @Test
    void sourcesAreCheckedWhenTheModelIsRead() {
        assertThatThrownBy(() -> oneMeasure("{\"type\": \"sentiment\", \"sources\": [\"emails\"]}", "[[-1, 0], [1, 100]]",
                "{\"policy\": \"skip\"}")).hasMessageContaining("measures[0].derive.sources")
                .hasMessageContaining("tickets, surveys, interactions");
        assertThatThrownBy(() -> oneMeasure("{\"type\": \"csat\", \"sources\": [\"tickets\"]}", "[[-1, 0], [1, 100]]",
                "{\"policy\": \"skip\"}")).hasMessageContaining("only a sentiment measure reads them");
    }

    @Test
    void theExplanationNamesThePhrasesThatMovedTheToneWithinTheWindow() {
        HealthModel model = HealthModel.parse("""
                {"name": "tone", "categories": [{"id": "c", "label": "C", "weight": 1}],
                 "measures": [{"id": "tone", "label": "Customer tone", "category": "c",
                               "derive": {"type": "sentiment", "window": 90},
                               "direction": "higher_better", "scale": [[-0.5, 0], [0.5, 100]]}]}
                """, "tone.json");
        AccountScore plain = new HealthScorer(model, portfolio).score("A1", LocalDate.parse("2024-03-31"));
        double mean = (T1 + T2 + MEETING + SURVEY) / 4;
        String sentence = "Customer tone negative (" + Explainer.number(mean) + ") over the last 90 days";
        assertThat(plain.measures().get(0).text()).isEqualTo(sentence + ".");

        AccountScore explained = ToneExplanation.withPhrases(plain, model, database);

        // The strongest negative phrases, strongest first; "Great fix, thanks" (after the date) is not among them.
        String text = sentence + ": \"very frustrated\", \"Export failing\", \"still broken\".";
        assertThat(explained.measures().get(0).text()).isEqualTo(text);
        assertThat(explained.reasons()).extracting(AccountScore.Reason::text).containsExactly(text);
        assertThat(explained.explanation()).contains(text);
        assertThat(explained.score()).isEqualTo(plain.score());

        // As of 20 April T1 has left the window and T4 has come in: the mean is about neutral, so the phrases pulling
        // either way are named, and T1's are not.
        AccountScore april = ToneExplanation.withPhrases(
                new HealthScorer(model, portfolio).score("A1", LocalDate.parse("2024-04-20")), model, database);
        double aprilMean = (T2 + MEETING + SURVEY + T4) / 4;
        assertThat(Explainer.toneWord(aprilMean)).isEqualTo("neutral");
        assertThat(april.measures().get(0).text()).isEqualTo("Customer tone neutral (" + Explainer.number(aprilMean)
                + ") over the last 90 days: \"Great\", \"Export failing\", \"Not happy\".");
    }

    @Test
    void aNeutralToneNamesPhrasesEitherWayAndNoTextLeavesTheSentence() {
        HealthModel.Measure measure = oneMeasure("{\"type\": \"sentiment\", \"window\": 30}", "[[-1, 0], [1, 100]]",
                "{\"policy\": \"skip\"}").measures().get(0);
        var texts = java.util.List.of(
                new com.bellwether.store.AccountTexts.DatedText("surveys", LocalDate.parse("2024-03-01"), "Great product", 0.6),
                new com.bellwether.store.AccountTexts.DatedText("tickets", LocalDate.parse("2024-03-02"), "Export failing", -0.6));
        assertThat(ToneExplanation.text(measure, 0.0, 50, texts))
                .isEqualTo("Measure neutral (0) over the last 30 days: \"Great\", \"Export failing\".");
        assertThat(ToneExplanation.text(measure, 0.0, 50, java.util.List.of()))
                .isEqualTo("Measure neutral (0) over the last 30 days.");
    }
}
