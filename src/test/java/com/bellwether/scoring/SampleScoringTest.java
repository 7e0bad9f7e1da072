package com.bellwether.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.bellwether.domain.Bundle;
import com.bellwether.domain.Interaction;
import com.bellwether.domain.InteractionKind;
import com.bellwether.domain.Note;
import com.bellwether.domain.Outcome;
import com.bellwether.domain.OutcomeEvent;
import com.bellwether.domain.StakeholderRole;
import com.bellwether.domain.Survey;
import com.bellwether.domain.Ticket;
import com.bellwether.domain.TicketPriority;
import com.bellwether.domain.UsageDay;
import com.bellwether.ingest.TestDatabases;
import com.bellwether.store.Database;
import com.bellwether.store.PortfolioReader;

/** The default model on the sample portfolio, through the real database. */
class SampleScoringTest {

    private static final LocalDate T = LocalDate.parse("2025-06-30");

    @Test
    void explainsAKnownAccountInPlainLanguageWithTheNumbers() throws Exception {
        AccountScore score = new HealthScorer(HealthModel.defaultModel(), SamplePortfolio.portfolio()).score("ACC-00379", T);

        assertThat(score.stage()).isEqualTo("renewal");
        assertThat(score.band()).isEqualTo(Band.RED);
        assertThat(score.adjustment()).isEqualTo(-4);
        assertThat(score.score()).isCloseTo(score.baseScore() - 4, within(1e-9));
        assertThat(score.explanation()).isEqualTo("0.08 active users per licensed seat over the last 28 days."
                + " 26 session minutes per active user per usage report over the last 28 days."
                + " 2 features in use on average over the last 28 days."
                + " CSM adjustment -4 (Champion on extended leave)."
                + " → Reach out now and run a root-cause review.");
        assertThat(score.reasons().stream().mapToDouble(AccountScore.Reason::pointsLost).sum())
                .isCloseTo(100 - score.baseScore(), within(1e-9));
        assertThat(score.reasons()).isSortedAccordingTo((a, b) -> Double.compare(b.pointsLost(), a.pointsLost()));
        HealthScorer scorer = new HealthScorer(HealthModel.defaultModel(), SamplePortfolio.portfolio());
        for (int days : new int[] {7, 30, 90}) {
            Double change = days == 7 ? score.change7d() : days == 30 ? score.change30d() : score.change90d();
            assertThat(change).as(days + " days").isCloseTo(
                    score.score() - scorer.score("ACC-00379", T.minusDays(days)).score(), within(1e-9));
        }
        // Younger than a year at T: no trend against a year before, so no usage-drop action; its adoption is what is low.
        assertThat(score.actions()).extracting(AccountScore.RecommendedAction::ruleId)
                .containsExactly("red-outreach", "narrow-adoption", "low-adoption");
    }

    @Test
    void dataDatedAfterTheAsOfDateNeverChangesAScore() throws Exception {
        Database database = TestDatabases.fresh();
        ScoringFixtures.write(database, PortfolioReader.read(SamplePortfolio.database()));
        Portfolio before = Portfolio.load(database);
        List<AccountScore> scoresBefore = new HealthScorer(HealthModel.defaultModel(), before).scoreLive(T, () -> false);

        // The future: every day after T rewritten, tickets closed later, and new tickets, interactions, surveys,
        // notes and churn, all dated after T.
        Bundle future = Bundle.empty();
        Bundle stored = PortfolioReader.read(database);
        future.usageMetrics().addAll(stored.usageMetrics());
        for (UsageDay day : stored.usage()) {
            if (day.date().isAfter(T)) {
                double[] values = day.values().clone();
                java.util.Arrays.fill(values, 0);
                future.usage().add(new UsageDay(day.accountId(), day.date(), values));
            }
        }
        for (Ticket ticket : stored.tickets()) {
            if (ticket.closed() != null && ticket.closed().toLocalDate().isAfter(T)) {
                future.tickets().add(new Ticket(ticket.ticketId(), ticket.accountId(), ticket.opened(),
                        ticket.closed().plusDays(200), ticket.priority(), ticket.escalated(), 1));
            }
        }
        int n = 0;
        for (var account : stored.accounts()) {
            String id = account.accountId();
            LocalDateTime after = T.plusDays(1 + n++ % 20).atStartOfDay();
            future.tickets().add(new Ticket("FUTURE-" + id, id, after, null, TicketPriority.URGENT, true, null));
            future.interactions().add(new Interaction(id, after, "New Exec", StakeholderRole.EXECUTIVE, InteractionKind.QBR));
            future.surveys().add(new Survey(id, after.toLocalDate().plusDays(1), 0));
            future.notes().add(new Note(id, after.toLocalDate(), "Future CSM", -15, "Later news", after.toLocalDate().plusDays(30)));
            future.outcomes().add(new Outcome(id, after.toLocalDate().plusDays(2), OutcomeEvent.CHURN, -1.0));
        }
        ScoringFixtures.write(database, future);
        Portfolio after = Portfolio.load(database);

        List<AccountScore> scoresAfter = new HealthScorer(HealthModel.defaultModel(), after).scoreLive(T, () -> false);

        assertThat(scoresBefore).hasSizeGreaterThan(300);
        assertThat(scoresAfter).isEqualTo(scoresBefore);
    }

    @Test
    void aChangeIsSplitIntoDataModelAndAdjustment() throws Exception {
        HealthModel before = HealthModel.defaultModel();
        HealthModel after = before.withCategoryWeights(Map.of("relationship", 30.0, "adoption", 20.0));
        HealthScorer scorer = new HealthScorer(after, SamplePortfolio.portfolio());

        ScoreChange change = scorer.whyChanged("ACC-00379", T.minusDays(90), T, before);

        HealthScorer oldScorer = new HealthScorer(before, SamplePortfolio.portfolio());
        assertThat(change.scoreFrom()).isCloseTo(oldScorer.score("ACC-00379", T.minusDays(90)).score(), within(1e-9));
        assertThat(change.scoreTo()).isCloseTo(scorer.score("ACC-00379", T).score(), within(1e-9));
        assertThat(change.dueToData() + change.dueToModel() + change.dueToAdjustment() + change.other())
                .isCloseTo(change.total(), within(1e-9));
        assertThat(change.dataByMeasure().stream().mapToDouble(ScoreChange.Part::points).sum())
                .isCloseTo(change.dueToData(), within(1e-9));
        assertThat(change.modelByMeasure().stream().mapToDouble(ScoreChange.Part::points).sum())
                .isCloseTo(change.dueToModel(), within(1e-9));
        assertThat(change.dataByCategory().values().stream().mapToDouble(Double::doubleValue).sum())
                .isCloseTo(change.dueToData(), within(1e-9));
        assertThat(change.dueToModel()).isNotZero();

        ScoreChange dataOnly = oldScorer.whyChanged("ACC-00379", T.minusDays(90), T, before);
        assertThat(dataOnly.dueToModel()).isZero();
        assertThat(dataOnly.dueToData()).isCloseTo(change.dueToData(), within(1e-9));
    }

    @Test
    void theBriefScoresAreTheFullOnesWithoutTheirTexts() throws Exception {
        HealthScorer scorer = new HealthScorer(HealthModel.defaultModel(), SamplePortfolio.portfolio());
        List<AccountScore> full = scorer.scoreLive(T, () -> false);
        List<AccountScore> brief = scorer.scoreLiveBrief(T, () -> false);

        assertThat(brief).hasSameSizeAs(full);
        for (int i = 0; i < full.size(); i++) {
            AccountScore f = full.get(i);
            AccountScore b = brief.get(i);
            assertThat(b.accountId()).isEqualTo(f.accountId());
            assertThat(b.score()).as(f.accountId()).isEqualTo(f.score());
            assertThat(b.baseScore()).isEqualTo(f.baseScore());
            assertThat(b.adjustment()).isEqualTo(f.adjustment());
            assertThat(b.band()).isEqualTo(f.band());
            assertThat(b.stage()).isEqualTo(f.stage());
            assertThat(b.measures()).extracting(AccountScore.MeasureResult::id, AccountScore.MeasureResult::raw,
                    AccountScore.MeasureResult::pointsLost).isEqualTo(f.measures().stream().map(m -> org.assertj.core.api.Assertions
                            .tuple(m.id(), m.raw(), m.pointsLost())).toList());
            assertThat(b.actions()).extracting(AccountScore.RecommendedAction::ruleId)
                    .containsExactlyInAnyOrderElementsOf(f.actions().stream().map(AccountScore.RecommendedAction::ruleId).toList());
            assertThat(b.measures()).allSatisfy(m -> assertThat(m.text()).isNull());
        }
        assertThat(full).anySatisfy(f -> assertThat(f.actions()).isNotEmpty());
    }
}
