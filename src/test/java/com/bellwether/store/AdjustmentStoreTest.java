package com.bellwether.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;

import org.junit.jupiter.api.BeforeEach;

import com.bellwether.domain.Note;
import com.bellwether.ingest.TestDatabases;

class AdjustmentStoreTest {

    private static final LocalDate DAY = LocalDate.parse("2026-09-30");

    private Database database;
    private AdjustmentStore store;

    @BeforeEach
    void oneAccount(Database database) throws Exception {
        this.database = database;
        this.store = new AdjustmentStore(database);
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO account (account_id, name) VALUES ('ACC-1', 'Acme')");
        }
    }

    @OnBothDatabases
    void anAddAndARemoveAreBothWrittenAndKeptInTheTrail() throws Exception {
        store.add(new Note("ACC-1", DAY, "ana", 10, "  Exec sponsor confirmed the renewal ", DAY.plusDays(60)), 15, "ana");

        assertThat(store.notes("ACC-1")).containsExactly(
                new Note("ACC-1", DAY, "ana", 10, "Exec sponsor confirmed the renewal", DAY.plusDays(60)));
        assertThat(store.audit("ACC-1")).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo(AdjustmentAudit.Action.ADD);
            assertThat(entry.points()).isEqualTo(10);
            assertThat(entry.changedBy()).isEqualTo("ana");
            assertThat(entry.expires()).isEqualTo(DAY.plusDays(60));
            assertThat(entry.changedAt()).isNotNull();
        });

        store.remove("ACC-1", DAY, "ana", "ben");

        assertThat(store.notes("ACC-1")).isEmpty();
        assertThat(store.audit("ACC-1")).extracting(AdjustmentAudit::action, AdjustmentAudit::changedBy, AdjustmentAudit::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(AdjustmentAudit.Action.REMOVE, "ben", "Exec sponsor confirmed the renewal"),
                        org.assertj.core.groups.Tuple.tuple(AdjustmentAudit.Action.ADD, "ana", "Exec sponsor confirmed the renewal"));
        assertThat(TestDatabases.single(database, "SELECT COUNT(*) FROM adjustment_audit")).isEqualTo(2L);
    }

    @OnBothDatabases
    void anAdjustmentSomeoneElseRemovedFirstIsNamedWithWhoAndWhen() {
        store.add(new Note("ACC-1", DAY, "ana", 10, "Exec sponsor confirmed the renewal", null), 15, "ana");
        store.remove("ACC-1", DAY, "ana", "ben");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.remove("ACC-1", DAY, "ana", "cora"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("The adjustment by ana on ACC-1 dated " + DAY + " was removed by ben at ")
                .hasMessageEndingWith("; reload to see it. Nothing was changed.");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.remove("ACC-1", DAY.minusDays(1), "ana", "cora"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("There is no adjustment by ana");
        assertThat(store.audit("ACC-1")).hasSize(2);
    }

    @OnBothDatabases
    void anAdjustmentBeyondTheBoundWithoutAReasonOrExpiringTooSoonIsRefusedAndNothingIsWritten() throws Exception {
        assertThatThrownBy(() -> store.add(new Note("ACC-1", DAY, "ana", 16, "Big win", null), 15, "ana"))
                .hasMessageContaining("at most 15 points");
        assertThatThrownBy(() -> store.add(new Note("ACC-1", DAY, "ana", -16, "Big loss", null), 15, "ana"))
                .hasMessageContaining("at most 15 points");
        assertThatThrownBy(() -> store.add(new Note("ACC-1", DAY, "ana", 5, " ", null), 15, "ana"))
                .hasMessageContaining("needs a reason");
        assertThatThrownBy(() -> store.add(new Note("ACC-1", DAY, "ana", 5, "Soon", DAY), 15, "ana"))
                .hasMessageContaining("expire after");

        assertThat(store.notes("ACC-1")).isEmpty();
        assertThat(store.audit("ACC-1")).isEmpty();
    }

    @OnBothDatabases
    void aSecondAdjustmentBySameAuthorOnTheSameDayIsRefusedAndTheFirstKept() {
        store.add(new Note("ACC-1", DAY, "ana", 5, "First", null), 15, "ana");

        assertThatThrownBy(() -> store.add(new Note("ACC-1", DAY, "ana", -5, "Second", null), 15, "ana"))
                .hasMessageContaining("already has an adjustment");
        assertThatThrownBy(() -> store.remove("ACC-1", DAY.minusDays(1), "ana", "ana"))
                .hasMessageContaining("no adjustment");

        assertThat(store.notes("ACC-1")).extracting(Note::reason).containsExactly("First");
        assertThat(store.audit("ACC-1")).hasSize(1);
    }
}
