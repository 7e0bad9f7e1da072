package com.bellwether.ui.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;

import javafx.beans.property.SimpleObjectProperty;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.bellwether.app.Source;
import com.bellwether.app.Workspace;
import com.bellwether.ingest.BundleImporter;
import com.bellwether.ingest.ImportProgress;
import com.bellwether.ingest.TestDatabases;
import com.bellwether.sample.GeneratorSettings;
import com.bellwether.sample.SampleGenerator;
import com.bellwether.ui.FakeDialogs;

/** The Sources section's view model on a real in-memory database, its work run on the calling thread. */
class SourcesViewModelTest {

    @TempDir
    static Path shared;
    private static Path bundle;

    @TempDir
    Path dir;

    private final FakeDialogs dialogs = new FakeDialogs();
    private Workspace workspace;
    private SourcesViewModel viewModel;

    @BeforeAll
    static void generate() throws IOException {
        bundle = Files.createDirectories(shared.resolve("bundle"));
        new SampleGenerator(GeneratorSettings.defaults().withAccounts(30).withMonths(12)).writeTo(bundle);
    }

    @BeforeEach
    void setUp() throws IOException {
        workspace = Workspace.of(TestDatabases.fresh());
        assertThat(workspace.importBundle(BundleImporter.Request.canonical(bundle), ImportProgress.NONE).succeeded()).isTrue();
        viewModel = new SourcesViewModel(new SimpleObjectProperty<>(workspace), Runnable::run, Runnable::run, dialogs,
                Clock.systemDefaultZone());
    }

    @Test
    void aFolderSourceAddedThroughTheFormSyncsWhatIsDroppedIntoItOnce() throws Exception {
        assertThat(viewModel.emptyBinding().get()).isTrue();
        Path drop = Files.createDirectories(dir.resolve("drop"));

        viewModel.add();
        SourceForm form = viewModel.formProperty().get();
        assertThat(form.validProperty().get()).as("nothing typed yet").isFalse();
        assertThat(form.errorProperty(SourceForm.Field.NAME).get()).as("not edited yet, so not shown").isEmpty();
        form.nameProperty().set("usage");
        dialogs.folder = drop;
        viewModel.browseFolder();
        form.patternProperty().set("usage-*.csv");
        form.scheduleProperty().set("15m");
        assertThat(form.validProperty().get()).isTrue();
        viewModel.save();

        assertThat(viewModel.formProperty().get()).isNull();
        assertThat(viewModel.sources()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("usage");
            assertThat(s.where()).isEqualTo(drop + " / usage-*.csv");
            assertThat(s.schedule()).isEqualTo("every 15m");
            assertThat(s.latest()).isNull();
        });
        assertThat(viewModel.selectedProperty().get().name()).isEqualTo("usage");
        assertThat(viewModel.scheduleProperty().get()).isEqualTo("Scheduled sync of usage is due now");

        viewModel.test();
        assertThat(viewModel.answerFailedProperty().get()).isFalse();
        assertThat(viewModel.answerProperty().get()).isEqualTo("The folder " + drop + " has 0 matching files; 0 new or changed");

        Files.writeString(drop.resolve("usage-1.csv"), """
                account_id,date,logins,sessions
                ACC-00001,2026-09-29,5,6
                ACC-00002,2026-09-29,7,8
                ACC-00003,2026-09-30,9,9
                """);
        viewModel.preview();
        assertThat(viewModel.previews()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("usage-1.csv");
            assertThat(p.rows()).hasSize(3);
        });

        viewModel.syncSelected();

        assertThat(viewModel.busyProperty().get()).isFalse();
        assertThat(viewModel.results()).first().asString().startsWith("usage: 3 new rows from 1 file; 3 accounts re-scored; ");
        assertThat(viewModel.resultsFailedProperty().get()).isFalse();
        assertThat(viewModel.importsProperty().get()).as("the other screens read the database again").isEqualTo(1);
        Source synced = viewModel.sources().get(0);
        assertThat(synced.latest().result()).isEqualTo("imported");
        assertThat(synced.latestDataDay()).isEqualTo(LocalDate.parse("2026-09-30"));
        assertThat(synced.lastGoodSync()).isNotNull();
        assertThat(viewModel.nextSyncText(synced)).startsWith("next at ");
        assertThat(viewModel.scheduleProperty().get()).startsWith("Next scheduled sync: usage at ");
        assertThat(viewModel.log()).singleElement().satisfies(line -> {
            assertThat(line.result()).isEqualTo("imported");
            assertThat(line.files()).isEqualTo(1);
            assertThat(line.rows()).isEqualTo(3);
        });

        viewModel.syncSelected();

        assertThat(viewModel.results()).containsExactly("usage: nothing new");
        assertThat(viewModel.importsProperty().get()).isEqualTo(1);
        assertThat(viewModel.log()).hasSize(2);
        assertThat(viewModel.log().get(0).result()).isEqualTo("nothing new");
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void aScheduledSourceIsSyncedWhenDueAndNotWhileOtherWorkRuns() throws Exception {
        Path drop = Files.createDirectories(dir.resolve("drop"));
        workspace.saveSource("usage", com.bellwether.ingest.SourceDefinition.folder(drop.toString(), null, null, null),
                java.time.Duration.ofMinutes(15));
        workspace.saveSource("manual", com.bellwether.ingest.SourceDefinition.folder(drop.toString(), null, null, null), null);
        viewModel.reload();
        javafx.beans.property.SimpleBooleanProperty importing = new javafx.beans.property.SimpleBooleanProperty(true);
        viewModel.pauseWhile(importing);

        viewModel.syncDue();
        assertThat(workspace.syncLog(null, 10)).as("a manual import is running").isEmpty();

        importing.set(false);
        viewModel.syncDue();
        assertThat(workspace.syncLog(null, 10)).extracting(Source.SyncLine::source).containsExactly("usage");

        viewModel.syncDue();
        assertThat(workspace.syncLog(null, 10)).as("synced a moment ago: not due").hasSize(1);
    }

    @Test
    void mistakesAreShownNextToTheFieldsTheyAreAbout() {
        viewModel.add();
        SourceForm form = viewModel.formProperty().get();
        form.nameProperty().set("bad name!");
        form.folderProperty().set(dir.toString());
        form.scheduleProperty().set("every now and then");

        assertThat(form.validProperty().get()).isFalse();
        assertThat(form.errorProperty(SourceForm.Field.NAME).get()).startsWith("The name \"bad name!\" must be 1 to 100 letters");
        assertThat(form.errorProperty(SourceForm.Field.SCHEDULE).get())
                .isEqualTo("\"every now and then\" is not a duration; expected a number and a unit, such as 30s, 15m, 2h or 1d.");
        assertThat(form.errorProperty(SourceForm.Field.FOLDER).get()).isEmpty();
        assertThat(form.errorProperty(SourceForm.Field.GENERAL).get()).isEmpty();

        form.nameProperty().set("usage");
        form.scheduleProperty().set("2h");
        assertThat(form.validProperty().get()).isTrue();
        assertThat(form.errorProperty(SourceForm.Field.NAME).get()).isEmpty();

        // A query source: its URL, cursor and entity are asked for where they go.
        form.kindProperty().set(SourceForm.Kind.QUERY);
        form.urlProperty().set("postgres://nowhere");
        form.queryProperty().set("select 1");
        form.userVariableProperty().set("1BAD");
        assertThat(form.validProperty().get()).isFalse();
        assertThat(form.errorProperty(SourceForm.Field.URL).get()).startsWith("A query source needs a JDBC URL");
        assertThat(form.errorProperty(SourceForm.Field.USER_VARIABLE).get()).isEqualTo("\"1BAD\" is not an environment variable's name.");
        form.showAll();
        assertThat(form.errorProperty(SourceForm.Field.CURSOR).get()).startsWith("A query source needs its cursor");
        assertThat(form.errorProperty(SourceForm.Field.ENTITY).get()).startsWith("A query source needs the entity");
        assertThat(form.errorProperty(SourceForm.Field.GENERAL).get()).isEmpty();

        viewModel.save();
        assertThat(viewModel.sources()).as("nothing saved while a mistake is left").isEmpty();
        assertThat(viewModel.formProperty().get()).isSameAs(form);
    }
}
