package com.bellwether.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.bellwether.alerts.AlertEvaluator;
import com.bellwether.ingest.ImportProgress;
import com.bellwether.scoring.AccountScore;
import com.bellwether.scoring.Band;
import com.bellwether.scoring.HealthModel;
import com.bellwether.scoring.HealthScorer;
import com.bellwether.scoring.Portfolio;
import com.bellwether.store.Database;
import com.bellwether.store.ModelVersionStore;
import com.bellwether.store.OnBothDatabases;

/**
 * Saving a version leaves the active one be; what activating another would change is worked out first (band moves
 * with their ARR, the alerts that would fire) and writes nothing; activating, an earlier version too, is its own step.
 */
class ActivationImpactTest {

    @OnBothDatabases
    void savingNeverActivatesAndTheImpactIsWhatActivatingThenGives(Database database) throws Exception {
        Workspace workspace = Workspace.of(database);
        workspace.importSample(ImportProgress.NONE);
        ModelVersion v1 = workspace.activeVersion();
        HealthModel stricter = v1.model().withBands(new HealthModel.Bands(60.0, 85.0));
        ModelVersion v2 = workspace.saveVersion(stricter, "Stricter cut-offs", "red below 60", false);

        assertThat(v2.active()).isFalse();
        assertThat(workspace.activeVersion().number()).isEqualTo(v1.number());

        Portfolio portfolio = workspace.portfolio();
        LocalDate asOf = portfolio.asOfDate();
        ActivationImpact impact = workspace.activationImpact(v2.number(), null, () -> false);

        assertThat(impact.asOf()).isEqualTo(asOf);
        assertThat(impact.active().number()).isEqualTo(v1.number());
        assertThat(impact.target().number()).isEqualTo(v2.number());
        assertThat(new ModelVersionStore(database).active().orElseThrow().number()).as("nothing written")
                .isEqualTo(v1.number());

        // The same figures as scoring the portfolio under each model by hand.
        List<AccountScore> before = new HealthScorer(v1.model(), portfolio).scoreLive(asOf, () -> false);
        List<AccountScore> after = new HealthScorer(v2.model(), portfolio).scoreLive(asOf, () -> false);
        Map<String, Band> was = new HashMap<>();
        before.forEach(s -> was.put(s.accountId(), s.band()));
        Map<Band, Integer> countAfter = new EnumMap<>(Band.class);
        double arrMoving = 0;
        int moving = 0;
        for (AccountScore s : after) {
            countAfter.merge(s.band(), 1, Integer::sum);
            if (was.get(s.accountId()) != s.band()) {
                moving++;
                Double arr = portfolio.account(portfolio.indexOf(s.accountId()), asOf).arr();
                arrMoving += arr == null ? 0 : arr;
                assertThat(s.band().ordinal()).as("higher cut-offs only move accounts towards red")
                        .isLessThan(was.get(s.accountId()).ordinal());
            }
        }
        assertThat(moving).isPositive();
        assertThat(impact.accounts()).hasSize(moving);
        assertThat(impact.moves().stream().mapToInt(ActivationImpact.BandMove::accounts).sum()).isEqualTo(moving);
        assertThat(impact.moves().stream().mapToDouble(ActivationImpact.BandMove::arr).sum())
                .isCloseTo(arrMoving, org.assertj.core.data.Offset.offset(0.01));
        assertThat(impact.accountsScored()).isEqualTo(after.size());
        for (Band band : Band.values()) {
            assertThat(impact.after().accounts(band)).isEqualTo(countAfter.getOrDefault(band, 0));
        }
        assertThat(impact.alertsBefore().total()).isEqualTo(new AlertEvaluator(v1.model(), portfolio).evaluate(asOf).size());
        assertThat(impact.alertsAfter().total()).isEqualTo(new AlertEvaluator(v2.model(), portfolio).evaluate(asOf).size());
        assertThat(impact.alertsAfter().total() - impact.alertsBefore().total())
                .isEqualTo(impact.alertsStarting() - impact.alertsStopping());
        assertThat(impact.lines().get(0)).isEqualTo("Activating v2 Stricter cut-offs in place of v1 Default health model,"
                + " as of " + asOf + " (" + String.format(java.util.Locale.ROOT, "%,d", after.size()) + " live accounts scored):");
        String changing = String.format(java.util.Locale.ROOT, "  %,d account", moving);
        assertThat(impact.lines()).anySatisfy(line -> assertThat(line).startsWith(changing)
                .endsWith("would change band:"));

        // Activating is its own step, over the version the difference was worked out against.
        assertThat(workspace.activate(v2.number(), v1.number()).number()).isEqualTo(v2.number());
        assertThat(workspace.activeVersionState().get().number()).isEqualTo(v2.number());
        // An earlier version can be made active again; the impact the other way round mirrors the first.
        ActivationImpact back = workspace.activationImpact(v1.number(), asOf, () -> false);
        assertThat(back.accounts()).hasSize(moving);
        assertThat(back.alertsAfter().total()).isEqualTo(impact.alertsBefore().total());
        assertThat(workspace.activate(v1.number(), v2.number()).number()).isEqualTo(v1.number());
        // Activating over a version that is no longer the active one is refused, naming who did what.
        assertThatThrownBy(() -> workspace.activate(v2.number(), v2.number()))
                .satisfies(e -> assertThat(Workspace.isChangedElsewhere(e)).isTrue())
                .hasMessageContaining("Model version 1");
        assertThat(workspace.activeVersion().number()).isEqualTo(v1.number());
        assertThatThrownBy(() -> workspace.activationImpact(9, asOf, () -> false))
                .hasMessage("There is no model version 9");
        // Versions are never changed by being activated.
        assertThat(workspace.version(v2.number()).orElseThrow().json()).isEqualTo(v2.json());
    }

    @OnBothDatabases
    void theActiveVersionItselfChangesNothing(Database database) throws Exception {
        Workspace workspace = Workspace.of(database);
        workspace.importSample(ImportProgress.NONE);
        ActivationImpact same = workspace.activationImpact(workspace.activeVersion().number(), null, () -> false);

        assertThat(same.sameVersion()).isTrue();
        assertThat(same.accounts()).isEmpty();
        assertThat(same.alertsStarting()).isZero();
        assertThat(same.lines()).last().asString().contains("is already the active model");
    }
}
