package com.bellwether.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;

import com.bellwether.scoring.HealthModel;
import com.bellwether.scoring.SavedModels;

class ModelVersionStoreTest {

    private ModelVersionStore store;

    @BeforeEach
    void store(Database database) {
        store = new ModelVersionStore(database);
    }

    @OnBothDatabases
    void anEmptyDatabaseGetsTheShippedModelAsVersionOne() {
        HealthModel active = SavedModels.active(store);

        assertThat(active.version()).isEqualTo(1);
        assertThat(active.categories()).isEqualTo(HealthModel.defaultModel().categories());
        assertThat(store.list()).singleElement().satisfies(v -> {
            assertThat(v.active()).isTrue();
            assertThat(v.author()).isEqualTo(SavedModels.SYSTEM_AUTHOR);
        });
        // Asking again saves nothing new.
        SavedModels.active(store);
        assertThat(store.list()).hasSize(1);
    }

    @OnBothDatabases
    void savingNumbersVersionsAndKeepsExactlyOneActive() {
        HealthModel shipped = SavedModels.active(store);
        HealthModel tuned = shipped.withCategoryWeights(Map.of("usage", 60.0));

        ModelVersion draft = SavedModels.save(store, tuned, "Usage heavy", "trial", "ana", false);
        assertThat(draft.number()).isEqualTo(2);
        assertThat(draft.active()).isFalse();
        assertThat(SavedModels.active(store).version()).isEqualTo(1);

        ModelVersion live = SavedModels.save(store, tuned, "Usage heavy, live", "", "ana", true);
        assertThat(store.list()).extracting(ModelVersion::active).containsExactly(false, false, true);
        HealthModel read = SavedModels.model(store.get(live.number()).orElseThrow());
        assertThat(read.version()).isEqualTo(3);
        assertThat(read.name()).isEqualTo("Usage heavy, live");
        assertThat(read.categories()).isEqualTo(tuned.categories());

        store.activate(1);
        assertThat(store.list()).extracting(ModelVersion::active).containsExactly(true, false, false);
        assertThatThrownBy(() -> store.activate(9)).hasMessageContaining("no model version 9");
        assertThat(store.active().orElseThrow().number()).isEqualTo(1);
    }

    @OnBothDatabases
    void aVersionNeedsAName() {
        assertThatThrownBy(() -> SavedModels.save(store, HealthModel.defaultModel(), " ", "", "ana", true))
                .hasMessageContaining("needs a name");
        assertThat(store.list()).isEmpty();
    }

    @OnBothDatabases
    void twoSavesAtOnceEachGetANumberOfTheirOwn(Database database) throws Exception {
        HealthModel shipped = SavedModels.active(store);
        ExecutorService two = Executors.newFixedThreadPool(2);
        CyclicBarrier together = new CyclicBarrier(2);
        try {
            List<Future<ModelVersion>> saves = List.of("Ana's", "Ben's").stream().map(name -> two.submit(() -> {
                together.await();
                // Each workbench has its own store on the database.
                return SavedModels.save(new ModelVersionStore(database), shipped, name, "", "cs-ops", false);
            })).toList();

            assertThat(List.of(saves.get(0).get().number(), saves.get(1).get().number())).containsExactlyInAnyOrder(2, 3);
        } finally {
            two.shutdown();
        }
        assertThat(store.list()).extracting(ModelVersion::number).containsExactly(1, 2, 3);
        assertThat(store.list()).extracting(ModelVersion::active).containsExactly(true, false, false);
    }

    @OnBothDatabases
    void aVersionMadeActiveBySomeoneElseSinceIsNotOverwritten() {
        HealthModel shipped = SavedModels.active(store);
        // Ana and Ben both work from version 1; Ana saves and activates first.
        ModelVersion anas = SavedModels.save(store, shipped, "Ana's", "", "ana", true, 1);

        assertThatThrownBy(() -> SavedModels.save(store, shipped, "Ben's", "", "ben", true, 1))
                .isInstanceOf(ModelVersionStore.ActivatedSince.class)
                .hasMessageContaining("Model version " + anas.number() + " (Ana's) was made active by ana at")
                .hasMessageContaining("since you read version 1").hasMessageContaining("Nothing was changed");
        assertThat(store.list()).extracting(ModelVersion::number).containsExactly(1, 2);
        assertThatThrownBy(() -> store.activate(1, 1, "ben")).isInstanceOf(ModelVersionStore.ActivatedSince.class);
        assertThat(store.active().orElseThrow().number()).isEqualTo(anas.number());

        // Read again, Ben's save goes through, and so does making version 1 active over version 3.
        ModelVersion bens = SavedModels.save(store, shipped, "Ben's", "", "ben", true, anas.number());
        assertThat(bens.active()).isTrue();
        store.activate(1, bens.number(), "ben");
        assertThat(store.active().orElseThrow().number()).isEqualTo(1);
    }

    @OnBothDatabases
    void twoActivationsAtOnceFromTheSameVersionMakeOneActiveAndTellTheOther(Database database) throws Exception {
        HealthModel shipped = SavedModels.active(store);
        SavedModels.save(store, shipped, "Two", "", "cs-ops", false);
        SavedModels.save(store, shipped, "Three", "", "cs-ops", false);
        ExecutorService two = Executors.newFixedThreadPool(2);
        CyclicBarrier together = new CyclicBarrier(2);
        try {
            List<Future<Object>> outcomes = List.of(2, 3).stream().map(number -> two.submit(() -> {
                together.await();
                try {
                    new ModelVersionStore(database).activate(number, 1, "leader-" + number);
                    return (Object) number;
                } catch (ModelVersionStore.ActivatedSince refused) {
                    return refused;
                }
            })).toList();
            List<Object> results = List.of(outcomes.get(0).get(), outcomes.get(1).get());

            assertThat(results).filteredOn(Integer.class::isInstance).hasSize(1);
            assertThat(results).filteredOn(ModelVersionStore.ActivatedSince.class::isInstance).hasSize(1);
            int winner = (Integer) results.stream().filter(Integer.class::isInstance).findFirst().orElseThrow();
            assertThat(store.list()).filteredOn(ModelVersion::active).extracting(ModelVersion::number).containsExactly(winner);
        } finally {
            two.shutdown();
        }
    }
}
