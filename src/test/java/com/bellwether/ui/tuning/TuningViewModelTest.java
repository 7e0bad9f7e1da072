package com.bellwether.ui.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.bellwether.backtest.BacktestFrame;
import com.bellwether.backtest.BacktestSettings;
import com.bellwether.ingest.TestDatabases;
import com.bellwether.scoring.Band;
import com.bellwether.scoring.HealthModel;
import com.bellwether.scoring.Portfolio;
import com.bellwether.scoring.SamplePortfolio;
import com.bellwether.scoring.ScoreGrid;
import com.bellwether.store.Database;
import com.bellwether.store.ModelVersionStore;

/** The what-if without a toolkit: every executor runs on the calling thread, so each edit's preview is there at once. */
class TuningViewModelTest {

    private Portfolio portfolio;
    private LocalDate asOf;
    private Database database;
    private TuningViewModel viewModel;

    @BeforeEach
    void load() throws Exception {
        portfolio = SamplePortfolio.portfolio();
        asOf = portfolio.lastDataDate();
        // The versions live in a database of the test's own; the portfolio is the sample's.
        database = TestDatabases.fresh();
        viewModel = new TuningViewModel(Runnable::run, Runnable::run, Runnable::run);
        viewModel.load(com.bellwether.app.Workspace.of(database), portfolio, asOf);
    }

    @Test
    void loadingStartsADraftOfTheActiveVersionWithAPreview() {
        assertThat(viewModel.savedProperty().get().number()).isEqualTo(1);
        assertThat(viewModel.dirtyProperty().get()).isFalse();
        TuningViewModel.Preview preview = viewModel.previewProperty().get();
        assertThat(preview.changes()).isEmpty();
        assertThat(preview.changeSummary()).startsWith("No account would change band vs v1 ");
        long live = java.util.stream.LongStream.of(preview.accounts()).sum();
        assertThat(live).isGreaterThan(400);
        long binned = 0;
        for (long[] bin : preview.histogram()) {
            binned += bin[0] + bin[1] + bin[2];
        }
        assertThat(binned).isEqualTo(live);
        assertThat(preview.headline().rocAuc()).isEqualTo(preview.compared().rocAuc()).isBetween(0.6, 0.8);
    }

    @Test
    void aWeightMoveRescoresAsAFreshComputationWouldAndListsTheBandChanges() {
        viewModel.setWeight("support", 60, false);

        HealthModel draft = viewModel.draftProperty().get();
        double[] shares = viewModel.percentages();
        assertThat(shares[2]).isCloseTo(60.0, org.assertj.core.data.Offset.offset(0.01));
        // The others keep their proportions 40:30:10 in the 40 points left.
        assertThat(shares[0]).isCloseTo(20.0, org.assertj.core.data.Offset.offset(0.1));
        assertThat(shares[1]).isCloseTo(15.0, org.assertj.core.data.Offset.offset(0.1));
        assertThat(viewModel.dirtyProperty().get()).isTrue();

        TuningViewModel.Preview preview = viewModel.previewProperty().get();
        ScoreGrid fresh = ScoreGrid.compute(draft, portfolio, IntStream.range(0, portfolio.size()).toArray(), List.of(asOf), () -> false);
        ScoreGrid saved = ScoreGrid.compute(HealthModel.defaultModel(), portfolio, IntStream.range(0, portfolio.size()).toArray(), List.of(asOf), () -> false);
        long[] bands = new long[3];
        int changed = 0;
        for (int k = 0; k < fresh.accountCount(); k++) {
            int p = fresh.point(k, 0);
            if (fresh.isLive(p) && fresh.bandIndex(p) >= 0) {
                bands[fresh.bandIndex(p)]++;
                if (saved.bandIndex(p) != fresh.bandIndex(p)) {
                    changed++;
                }
            }
        }
        assertThat(preview.accounts()).containsExactly(bands);
        assertThat(preview.changes()).hasSize(changed).isNotEmpty();
        assertThat(preview.changeSummary()).startsWith(changed + " accounts would change band vs v1 ");
        BacktestFrame frame = BacktestFrame.build(draft, portfolio, BacktestSettings.defaults(), () -> false);
        assertThat(preview.headline().rocAuc()).isEqualTo(frame.headline().rocAuc());
        assertThat(preview.headline().rocAuc()).isNotEqualTo(preview.compared().rocAuc());
    }

    @Test
    void anUnsavedDraftSurvivesTheDataBeingLoadedAgain() {
        viewModel.setWeight("support", 50, false);
        HealthModel edited = viewModel.draftProperty().get();

        viewModel.load(com.bellwether.app.Workspace.of(database), portfolio, asOf);

        assertThat(viewModel.draftProperty().get()).isSameAs(edited);
        assertThat(viewModel.dirtyProperty().get()).isTrue();
        assertThat(viewModel.canUndoProperty().get()).isTrue();
        assertThat(viewModel.previewProperty().get().model()).isSameAs(edited);
        assertThat(viewModel.statusProperty().get()).contains("unsaved draft");
    }

    @Test
    void aMoveThatChangesNothingIsNoUndoStep() {
        viewModel.setWeight("adoption", viewModel.percentages()[0], true);
        viewModel.setWeight("adoption", viewModel.percentages()[0], false);
        viewModel.setBands(40, 70, false);

        assertThat(viewModel.canUndoProperty().get()).isFalse();
        assertThat(viewModel.dirtyProperty().get()).isFalse();
    }

    @Test
    void lockedCategoriesKeepTheirShare() {
        viewModel.locked().add("adoption");
        viewModel.setWeight("engagement", 10, false);

        double[] shares = viewModel.percentages();
        assertThat(shares[0]).isCloseTo(40.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(shares[1]).isCloseTo(10.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(shares[2] + shares[3]).isCloseTo(50.0, org.assertj.core.data.Offset.offset(0.2));
    }

    @Test
    void aStageEditOverridesOnlyThatStageAndResetGivesItBack() {
        viewModel.scopeProperty().set("growth");
        assertThat(viewModel.inherits("adoption")).isTrue();

        viewModel.setWeight("adoption", 70, false);
        viewModel.setBands(45, 75, false);

        HealthModel draft = viewModel.draftProperty().get();
        assertThat(draft.categoryWeights("growth")[0]).isEqualTo(70.0);
        assertThat(draft.bands("growth").red()).isEqualTo(45.0);
        assertThat(draft.weightsById()).isEqualTo(HealthModel.defaultModel().weightsById());
        assertThat(draft.bands()).isEqualTo(HealthModel.defaultModel().bands());
        assertThat(viewModel.inherits("adoption")).isFalse();

        viewModel.resetStage();
        assertThat(viewModel.inherits("adoption")).isTrue();
        assertThat(viewModel.inheritsBands()).isTrue();
    }

    @Test
    void oneDragIsOneUndoStepAndRedoComesBack() {
        viewModel.setWeight("support", 30, true);
        viewModel.setWeight("support", 40, true);
        viewModel.setWeight("support", 50, false);
        viewModel.setBands(35, 70, false);
        HealthModel afterBoth = viewModel.draftProperty().get();

        viewModel.undo();
        assertThat(viewModel.bands().red()).isEqualTo(40.0);
        assertThat(viewModel.percentages()[2]).isCloseTo(50.0, org.assertj.core.data.Offset.offset(0.01));
        viewModel.undo();
        assertThat(viewModel.dirtyProperty().get()).isFalse();
        assertThat(viewModel.canUndoProperty().get()).isFalse();
        viewModel.redo();
        viewModel.redo();
        assertThat(viewModel.draftProperty().get()).isSameAs(afterBoth);
        assertThat(viewModel.previewProperty().get().model()).isSameAs(afterBoth);

        viewModel.revert();
        assertThat(viewModel.dirtyProperty().get()).isFalse();
        assertThat(viewModel.canUndoProperty().get()).isTrue();
    }

    @Test
    void savingNeverActivatesAndActivatingIsAConfirmedStepThatShowsTheDifference() {
        viewModel.setWeight("relationship", 25, false);
        var draft = viewModel.draftProperty().get();
        assertThat(viewModel.dirtyProperty().get()).isTrue();

        viewModel.save("Relationship matters", "QBR feedback");
        assertThat(viewModel.dirtyProperty().get()).as("saved, though not active: nothing unsaved").isFalse();

        ModelVersionStore store = new ModelVersionStore(database);
        com.bellwether.app.Workspace saved = com.bellwether.app.Workspace.of(database);
        assertThat(store.list()).extracting(com.bellwether.store.ModelVersion::active).containsExactly(true, false);
        assertThat(viewModel.savedProperty().get().number()).isEqualTo(1);
        assertThat(viewModel.savedVersionProperty().get()).as("nothing for the portfolio to re-score").isNull();
        assertThat(viewModel.versions()).extracting(com.bellwether.app.ModelVersion::number).containsExactly(1, 2);
        assertThat(viewModel.draftProperty().get()).isSameAs(draft);
        assertThat(viewModel.statusProperty().get()).isEqualTo("Saved v2 Relationship matters; the active model is still"
                + " v1 Default health model. To score with it, select it under Model versions and choose Activate….");

        // Any two saved versions diff as the command line does.
        assertThat(TuningViewModel.diff(saved.version(1).orElseThrow(), saved.version(2).orElseThrow()))
                .isNotEmpty().anySatisfy(line -> assertThat(line).contains("Relationship weight"));
        assertThat(TuningViewModel.diff(saved.version(2).orElseThrow(), saved.version(2).orElseThrow())).isEmpty();

        // Activate…: the difference first, nothing written until confirmed; the band changes are the draft's own.
        int changing = viewModel.previewProperty().get().changes().size();
        viewModel.previewActivation(viewModel.versions().get(1));
        com.bellwether.app.ActivationImpact impact = viewModel.activationProperty().get();
        assertThat(impact.target().number()).isEqualTo(2);
        assertThat(impact.accounts()).hasSize(changing);
        assertThat(store.active().orElseThrow().number()).isEqualTo(1);
        viewModel.cancelActivation();
        assertThat(viewModel.activationProperty().get()).isNull();
        assertThat(viewModel.statusProperty().get()).isEqualTo("Nothing changed: v1 Default health model stays the active model.");
        assertThat(store.active().orElseThrow().number()).isEqualTo(1);

        viewModel.previewActivation(viewModel.versions().get(1));
        viewModel.confirmActivation();
        assertThat(store.active().orElseThrow().name()).isEqualTo("Relationship matters");
        assertThat(viewModel.savedProperty().get().number()).isEqualTo(2);
        assertThat(viewModel.savedVersionProperty().get().note()).isEqualTo("QBR feedback");
        assertThat(viewModel.activationProperty().get()).isNull();
        assertThat(viewModel.dirtyProperty().get()).isFalse();
        assertThat(viewModel.previewProperty().get().changes()).isEmpty();
        assertThat(viewModel.statusProperty().get()).startsWith("v2 Relationship matters is now the active model (was v1 ");

        // Back to the earlier version, the same way.
        viewModel.previewActivation(viewModel.versions().get(0));
        assertThat(viewModel.activationProperty().get().accounts()).hasSize(changing);
        viewModel.confirmActivation();
        assertThat(store.active().orElseThrow().number()).isEqualTo(1);
        assertThat(viewModel.savedProperty().get().number()).isEqualTo(1);
    }

    @Test
    void anActivationOverAVersionActivatedElsewhereIsRefusedBesideTheButton() {
        viewModel.setWeight("relationship", 25, false);
        viewModel.save("Relationship matters", "");
        viewModel.previewActivation(viewModel.versions().get(1));
        // Someone else activates version 2 meanwhile, then makes a third active.
        com.bellwether.app.Workspace other = com.bellwether.app.Workspace.of(database);
        other.saveVersion(HealthModel.defaultModel(), "Theirs", "", false);
        other.activate(3);

        viewModel.confirmActivation();

        assertThat(new ModelVersionStore(database).active().orElseThrow().number()).isEqualTo(3);
        assertThat(viewModel.activationErrorProperty().get()).contains("Model version 3 (Theirs) was made active")
                .contains("Nothing was changed.");
        assertThat(viewModel.failedProperty().get()).isTrue();
    }

    @Test
    void theLastWeightedCategoryCannotGoToZero() {
        HealthModel draft = viewModel.draftProperty().get();
        List<String> ids = draft.categories().stream().map(HealthModel.Category::id).toList();
        viewModel.setWeight(ids.get(0), 100, false);
        assertThat(viewModel.percentages()[0]).isEqualTo(100.0);

        HealthModel all = viewModel.draftProperty().get();
        viewModel.setWeight(ids.get(0), 0, true);
        viewModel.setWeight(ids.get(0), 0, false);

        assertThat(viewModel.draftProperty().get()).isSameAs(all);
        assertThat(viewModel.percentages()).containsExactly(100.0, 0.0, 0.0, 0.0);
        assertThat(viewModel.weightRefusalProperty().get()).isEqualTo(draft.categories().get(0).label()
                + " is the only category with any weight, and a score needs at least one: raise another category"
                + " first, then lower " + draft.categories().get(0).label() + ".");

        // Raising another category is taken, and clears the refusal; then the first may go down.
        viewModel.setWeight(ids.get(1), 40, false);
        assertThat(viewModel.weightRefusalProperty().get()).isNull();
        assertThat(viewModel.percentages()).containsExactly(60.0, 40.0, 0.0, 0.0);
        viewModel.setWeight(ids.get(0), 0, false);
        assertThat(viewModel.percentages()).containsExactly(0.0, 100.0, 0.0, 0.0);
    }

    @Test
    void aScaleAgainstTheMeasuresDirectionIsRefused() {
        boolean applied = viewModel.setScale("urgent_tickets", List.of(new double[] {0, 0}, new double[] {6, 100}));

        assertThat(applied).isFalse();
        assertThat(viewModel.statusProperty().get()).contains("scores that fall with the raw value");
        assertThat(viewModel.dirtyProperty().get()).isFalse();

        assertThat(viewModel.setScale("urgent_tickets", List.of(new double[] {0, 100}, new double[] {3, 0}))).isTrue();
        assertThat(viewModel.dirtyProperty().get()).isTrue();
    }

    @Test
    void aMeasureSwitchedOffWeighsNothing() {
        viewModel.setMeasureEnabled("nps", false);
        assertThat(viewModel.measureEnabled("nps")).isFalse();
        viewModel.setMeasureEnabled("nps", true);
        assertThat(viewModel.measureEnabled("nps")).isTrue();
        assertThat(viewModel.dirtyProperty().get()).isFalse();
    }

    @Test
    void suggestionsWaitForConfirmation() {
        viewModel.suggestBands();
        TuningViewModel.Proposal bands = viewModel.proposalProperty().get();
        assertThat(bands.details()).contains("Out of time");
        assertThat(viewModel.dirtyProperty().get()).isFalse();
        viewModel.acceptProposal();
        assertThat(viewModel.draftProperty().get().bands().red()).isEqualTo(bands.model().bands().red());

        viewModel.suggestWeights();
        TuningViewModel.Proposal weights = viewModel.proposalProperty().get();
        assertThat(weights.title()).isIn("Suggested weights", "No weight suggestion");
        HealthModel before = viewModel.draftProperty().get();
        viewModel.discardProposal();
        assertThat(viewModel.draftProperty().get()).isSameAs(before);
        assertThat(viewModel.proposalProperty().get()).isNull();
    }

    @Test
    void theWeightProposalReachesInsideCategoriesAndOnlyTheDraftTakesIt() {
        List<Double> fractions = new java.util.ArrayList<>();
        List<String> steps = new java.util.ArrayList<>();
        viewModel.progressProperty().addListener((o, was, now) -> fractions.add(now.doubleValue()));
        viewModel.statusProperty().addListener((o, was, now) -> steps.add(now));
        int versions = viewModel.versions().size();

        viewModel.suggestWeights();

        TuningViewModel.Proposal proposal = viewModel.proposalProperty().get();
        assertThat(proposal.title()).isEqualTo("Suggested weights");
        assertThat(fractions).anyMatch(f -> f > 0 && f < 1);
        assertThat(steps).anyMatch(step -> step.startsWith("Measure weights: steps of 10"));
        assertThat(proposal.details()).containsPattern("\n  now +0\\.\\d{3} +0\\.\\d{3}\n")
                .containsPattern("\n  categories only +0\\.\\d{3} +0\\.\\d{3}\n")
                .containsPattern("\n  proposed +0\\.\\d{3} +0\\.\\d{3}\n")
                .contains("Measure weights, as % of their category:", "nothing is saved or activated");
        HealthModel proposed = proposal.model();
        // Every measure the proposal turns off is named as off.
        assertThat(proposed.measures()).anyMatch(m -> m.weightOrOne() == 0);
        proposed.measures().stream().filter(m -> m.weightOrOne() == 0)
                .forEach(m -> assertThat(proposal.details()).containsPattern(java.util.regex.Pattern.quote(m.label())
                        + " \\d+ → 0 \\(off\\)"));
        assertThat(viewModel.dirtyProperty().get()).isFalse();

        viewModel.acceptProposal();

        assertThat(viewModel.draftProperty().get()).isSameAs(proposed);
        assertThat(viewModel.dirtyProperty().get()).isTrue();
        // The measures' shares of their category as the screen shows them: the off ones 0, each category's adding to 100.
        Map<String, Double> shareSums = new java.util.HashMap<>();
        for (HealthModel.Measure m : proposed.measures()) {
            double share = viewModel.measureShare(m.id());
            assertThat(share == 0).isEqualTo(m.weightOrOne() == 0);
            shareSums.merge(m.category(), share, Double::sum);
        }
        assertThat(shareSums.values()).allSatisfy(sum -> assertThat(sum).isCloseTo(100, org.assertj.core.data.Offset.offset(1e-9)));
        assertThat(viewModel.versions()).hasSize(versions);
        assertThat(viewModel.savedProperty().get().number()).isEqualTo(1);
        assertThat(viewModel.previewProperty().get().model()).isSameAs(proposed);
        viewModel.undo();
        assertThat(viewModel.dirtyProperty().get()).isFalse();
    }

    @Test
    void theWeightSearchCanBeCancelled() {
        viewModel.statusProperty().addListener((o, was, now) -> {
            if (now.startsWith("Measure weights")) {
                viewModel.cancel();
            }
        });

        viewModel.suggestWeights();

        assertThat(viewModel.proposalProperty().get()).isNull();
        assertThat(viewModel.statusProperty().get()).isEqualTo("Searching weights on past outcomes cancelled.");
        assertThat(viewModel.busyProperty().get()).isFalse();
    }

    @Test
    void theSummaryPutsMovesTowardsRedFirst() {
        Map<Band, Map<Band, Integer>> moves = Map.of(Band.YELLOW, Map.of(Band.GREEN, 3), Band.GREEN, Map.of(Band.YELLOW, 12));
        assertThat(TuningViewModel.summary(15, moves, null)).isEqualTo("15 accounts would change band: 12 green→yellow, 3 yellow→green");
    }
}
