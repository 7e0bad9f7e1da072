package com.bellwether.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;

import com.bellwether.alerts.Alert;
import com.bellwether.alerts.AlertStore;
import com.bellwether.domain.Note;
import com.bellwether.ingest.ImportProgress;
import com.bellwether.scoring.HealthModel;
import com.bellwether.store.Database;
import com.bellwether.store.OnBothDatabases;

/**
 * Two people on one database, each with a workspace of their own: each sees what the other changed (saved versions,
 * an activation, alert statuses, adjustments, an import), never their own, and a change made on what the other
 * changed first is refused with who and when.
 */
class TeamChangesTest {

    @OnBothDatabases
    void eachSeesWhatTheOtherChangedAndNeverOverwritesIt(Database database) throws Exception {
        Workspace ana = Workspace.of(database).actingAs("ana");
        Workspace ben = Workspace.of(database).actingAs("ben");
        ana.importSample(ImportProgress.NONE);
        ModelVersion v1 = ana.activeVersion();
        LocalDate asOf = ana.portfolio().lastDataDate();
        ana.evaluateAlerts(asOf, null);
        assertThat(ana.changesByOthers()).as("the first look takes the database as seen").isEmpty();
        assertThat(ben.changesByOthers()).isEmpty();

        // Ana saves and activates a version; Ben sees it, Ana does not see her own.
        HealthModel model = ana.activeModel();
        ModelVersion v2 = ana.saveVersion(model, "Support first", "", true, v1.number());
        assertThat(ana.changesByOthers()).isEmpty();
        assertThat(ben.changesByOthers()).extracting(TeamChange::text).containsExactly(
                "ana: model version " + v2.number() + " (Support first) was saved",
                "ana: model version " + v2.number() + " was made active");
        assertThat(ben.changesByOthers()).as("told once").isEmpty();

        // Ben, still on version 1's draft, cannot make his version active over Ana's: told who and when.
        assertThatThrownBy(() -> ben.saveVersion(model, "Usage first", "", true, v1.number()))
                .hasMessageContaining("was made active by ana at").hasMessageContaining("reload");
        assertThat(Workspace.isChangedElsewhere(catchFailure(() -> ben.saveVersion(model, "Usage first", "", true,
                v1.number())))).isTrue();

        // Both act on one alert: Ben first; Ana's change on what she read is refused, and she sees his.
        Alert seenByAna = ana.allAlerts().get(0);
        Alert seenByBen = ben.allAlerts().get(0);
        ben.acknowledgeAlert(seenByBen);
        assertThatThrownBy(() -> ana.markAlertDone(seenByAna)).isInstanceOf(AlertStore.ChangedSince.class)
                .hasMessageContaining("by ben at");
        assertThat(ana.changesByOthers()).extracting(TeamChange::text).containsExactly("ben: an alert's status was changed");

        // An adjustment by Ana, seen by Ben.
        String account = ana.scores(ana.activeModel(), asOf, () -> false).get(0).accountId();
        ana.adjust(new Note(account, asOf, "ana", 5, "Renewal call went well", null), 20, "ana");
        assertThat(ben.changesByOthers()).extracting(TeamChange::text)
                .containsExactly("ana: a CSM adjustment on " + account + " was added");

        // After reading everything again, nothing is outstanding.
        ben.forget();
        ben.markSeen();
        assertThat(ben.changesByOthers()).isEmpty();
        assertThat(ben.scores(ben.activeModel(), asOf, () -> false)).filteredOn(s -> s.accountId().equals(account))
                .extracting(com.bellwether.scoring.AccountScore::adjustment).containsExactly(5.0);
    }

    @OnBothDatabases
    void aChangeOfOnesOwnDoesNotHideWhatAnotherDidJustBefore(Database database) throws Exception {
        Workspace ana = Workspace.of(database).actingAs("ana");
        Workspace ben = Workspace.of(database).actingAs("ben");
        ana.importSample(ImportProgress.NONE);
        LocalDate asOf = ana.portfolio().lastDataDate();
        ana.evaluateAlerts(asOf, null);
        ana.changesByOthers();

        ben.saveVersion(ana.activeModel(), "Ben's", "", true, ana.activeVersion().number());
        // Ana acts before her workbench next looks: Ben's version is still told afterwards.
        ana.withClock(java.time.Clock.systemUTC()).acknowledgeAlert(ana.allAlerts().get(0));

        assertThat(ana.changesByOthers()).extracting(TeamChange::text).contains(
                "ben: model version 2 (Ben's) was saved", "ben: model version 2 was made active");
        assertThat(ana.changesByOthers()).isEmpty();
    }

    private static Throwable catchFailure(Runnable action) {
        try {
            action.run();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }
}
