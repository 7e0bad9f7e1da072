package com.bellwether.ui.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

import javafx.beans.property.SimpleObjectProperty;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.bellwether.ui.FakeDialogs;
import com.bellwether.ingest.BundleImporter;
import com.bellwether.ingest.ImportProblem;
import com.bellwether.ingest.ImportProgress;
import com.bellwether.ingest.MappingProfile;
import com.bellwether.ingest.TestDatabases;
import com.bellwether.store.Database;
import com.bellwether.app.ImportRun;
import com.bellwether.app.Workspace;

/** The import screen's view model on a real in-memory database, its work run on the calling thread. */
class ImportViewModelTest {

    private static final Path RAVENSTACK = Path.of(System.getProperty("bellwether.datasets", "src/test/resources/datasets"), "ravenstack");

    private static final String ACCOUNTS = """
            account_id,name,segment,arr,contract_start,renewal_date
            A1,Acme Corp,Enterprise,250000,2023-01-15,2025-01-15
            A2,Bolt Ltd,SMB,12000.50,2024-03-01,2025-03-01
            """;

    @TempDir
    Path dir;

    private Database database;
    private final FakeDialogs dialogs = new FakeDialogs();
    private ImportViewModel viewModel;

    @BeforeEach
    void setUp() {
        database = TestDatabases.fresh();
        viewModel = new ImportViewModel(Workspace.of(database), Runnable::run, dialogs);
    }

    private Path folder(String name, Map<String, String> files) throws Exception {
        Path folder = Files.createDirectories(dir.resolve(name));
        for (var file : files.entrySet()) {
            Files.writeString(folder.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
        }
        return folder;
    }

    private void choose(Path folder) {
        dialogs.folder = folder;
        viewModel.chooseFolder();
    }

    private void choose(String profileLabel) {
        viewModel.profileProperty().set(viewModel.profiles().stream()
                .filter(p -> p.label().equals(profileLabel)).findFirst().orElseThrow());
    }

    @Test
    void thePreviewShowsTheHeaderAndFirstRowsReadAsTheImporterReadsThem() throws Exception {
        StringBuilder accounts = new StringBuilder("\uFEFF Account_ID ;Name;Segment\n");
        for (int i = 1; i <= 25; i++) {
            accounts.append("A").append(i).append(";\"Acme; No ").append(i).append("\";SMB\n\n");
        }
        Path folder = folder("source", Map.of("accounts.csv", accounts.toString(),
                "usage.csv", "account_id,date,logins\nA1,2024-05-01,3\n", "readme.txt", "not a bundle file"));

        choose(folder);

        assertThat(viewModel.previews()).extracting(FilePreview::file).containsExactly("accounts.csv", "usage.csv");
        FilePreview preview = viewModel.previews().get(0);
        assertThat(preview.separator()).isEqualTo(';');
        assertThat(preview.columns()).containsExactly("account_id", "name", "segment");
        assertThat(preview.rows()).hasSize(FilePreview.ROWS).hasSize(20);
        assertThat(preview.rows().get(0)).containsExactly("A1", "Acme; No 1", "SMB");
        assertThat(preview.rows().get(19)).containsExactly("A20", "Acme; No 20", "SMB");
        assertThat(preview.more()).isTrue();
        assertThat(viewModel.previews().get(1).rows()).containsExactly(List.of("A1", "2024-05-01", "3"));
        assertThat(viewModel.previews().get(1).more()).isFalse();
        // Under the bundle format, the files named after an entity map column for column, read-only.
        assertThat(viewModel.mappingEditableProperty().get()).isFalse();
        assertThat(viewModel.entities()).extracting(d -> d.entity().key()).containsExactly("accounts", "usage");
        assertThat(viewModel.entities().get(0).fields()).filteredOn(f -> f.field().equals("name")).singleElement()
                .satisfies(f -> assertThat(f.sourceColumnProperty().get()).isEqualTo("name"));
        assertThat(viewModel.busyProperty().get()).isFalse();
    }

    @Test
    void aBadFileListsItsProblemsAndLeavesEveryTableAsItWas() throws Exception {
        new BundleImporter(database).run(BundleImporter.Request.canonical(folder("base", Map.of("accounts.csv", ACCOUNTS))),
                ImportProgress.NONE);
        Map<String, Long> before = TestDatabases.counts(database);
        assertThat(before.get("account")).isEqualTo(2L);
        // A date that does not exist and a row short of a column; a survey file without its nps column.
        Path bad = folder("bad", Map.of(
                "accounts.csv", "account_id,name,contract_start\nA7,Seven,2024-02-30\nA8,Eight\n",
                "surveys.csv", "account_id,date\nA1,2024-03-01\n"));
        choose(bad);

        viewModel.check();

        assertThat(viewModel.outcomeProperty().get()).isEqualTo(ImportViewModel.Outcome.PROBLEMS);
        assertThat(viewModel.problems()).containsExactly(
                new ImportProblem("accounts.csv", 2, 3, "contract_start", "2024-02-30", "an ISO-8601 date (yyyy-MM-dd) or date-time (yyyy-MM-ddTHH:mm[:ss])"),
                new ImportProblem("accounts.csv", 3, 0, null, null, "3 fields as in the header (found 2)"),
                new ImportProblem("surveys.csv", 1, 0, null, null, "the surveys columns nps in the header (found: account_id, date)"));
        assertThat(TestDatabases.counts(database)).isEqualTo(before);

        viewModel.importNow();

        assertThat(viewModel.outcomeProperty().get()).isEqualTo(ImportViewModel.Outcome.PROBLEMS);
        assertThat(viewModel.outcomeTextProperty().get()).startsWith("Nothing was imported: " + viewModel.problems().size() + " problems found.");
        assertThat(viewModel.problems()).anySatisfy(p -> assertThat(p.value()).isEqualTo("2024-02-30"));
        assertThat(viewModel.fileCounts()).isEmpty();
        assertThat(viewModel.importedProperty().get()).isNull();
        assertThat(TestDatabases.counts(database)).isEqualTo(before);
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void aGoodFolderChecksWithoutWritingThenImports() throws Exception {
        Path good = folder("good", Map.of("accounts.csv", ACCOUNTS,
                "usage.csv", "account_id,date,logins\nA1,2024-05-01,3\nA2,2024-05-01,4\nA2,2024-05-02,5\n"));
        Map<String, Long> empty = TestDatabases.counts(database);
        choose(good);

        viewModel.check();

        assertThat(viewModel.outcomeProperty().get()).isEqualTo(ImportViewModel.Outcome.CHECK_PASSED);
        assertThat(viewModel.problems()).isEmpty();
        assertThat(viewModel.fileCounts()).extracting(ImportRun.FileCount::fileName, ImportRun.FileCount::rowsWritten)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("accounts.csv", 2L), org.assertj.core.groups.Tuple.tuple("usage.csv", 3L));
        assertThat(TestDatabases.counts(database)).isEqualTo(empty);
        assertThat(viewModel.importedProperty().get()).isNull();

        viewModel.importNow();

        assertThat(viewModel.outcomeProperty().get()).isEqualTo(ImportViewModel.Outcome.IMPORTED);
        assertThat(viewModel.outcomeTextProperty().get()).matches("Imported 5 records from 2 files in \\d+\\.\\d s \\(import run 1\\)\\.");
        assertThat(viewModel.fileCounts()).extracting(ImportRun.FileCount::rowsRead).containsExactly(2L, 3L);
        assertThat(TestDatabases.counts(database)).containsEntry("account", 2L).containsEntry("usage_day", 3L)
                .containsEntry("import_run", 1L);
        assertThat(viewModel.importedProperty().get().rowsPerTable()).containsEntry("account", 2L).containsEntry("import_run", 1L);
    }

    @Test
    void theShippedRavenStackProfileImportsTheDatasetUntouched() throws Exception {
        assertThat(RAVENSTACK.resolve("ravenstack_accounts.csv")).as("the RavenStack dataset beside the project").exists();
        choose(RAVENSTACK);
        assertThat(viewModel.canRunBinding().get()).isTrue();

        choose("RavenStack");

        assertThat(viewModel.mappingEditableProperty().get()).isTrue();
        assertThat(viewModel.mappingProperty().get().entities()).containsOnlyKeys("accounts", "usage", "tickets", "outcomes",
                "outcomes:expansions");
        assertThat(viewModel.entities()).filteredOn(d -> d.entity().key().equals("usage")).singleElement()
                .satisfies(d -> assertThat(d.readOnlyParts()).contains("Lookup: account_id").contains("Aggregate: one row per account_id, date"));

        viewModel.importNow();

        assertThat(viewModel.problems()).isEmpty();
        assertThat(viewModel.outcomeProperty().get()).isEqualTo(ImportViewModel.Outcome.IMPORTED);
        assertThat(TestDatabases.counts(database)).containsEntry("account", 500L).containsEntry("usage_day", 24_111L)
                .containsEntry("ticket", 2_000L).containsEntry("outcome", 1_126L).containsEntry("import_run", 1L);
        assertThat(TestDatabases.single(database, "SELECT mapping_name FROM import_run")).isEqualTo("ravenstack");
        assertThat(viewModel.importedProperty().get().rowsPerTable()).containsEntry("account", 500L);
    }

    @Test
    void theRavenStackProfileSavesAsTheSameProfile() throws Exception {
        choose(RAVENSTACK);
        choose("RavenStack");
        dialogs.saveTo = dir.resolve("saved.json");

        viewModel.saveProfile();

        MappingProfile shipped = MappingProfile.read(Path.of("sample-data/mappings/ravenstack.json"));
        assertThat(MappingProfile.read(dialogs.saveTo)).isEqualTo(shipped);
    }

    @Test
    void editedRenamesAndConstantsAreTheProfileImportedAndSaved() throws Exception {
        Path crm = folder("crm", Map.of("crm_accounts.csv", "Id;Company;Tier\nC1;Acme;gold\nC2;Bolt;silver\n"));
        choose(crm);
        assertThat(viewModel.canRunBinding().get()).isTrue();
        choose("New profile");
        assertThat(viewModel.mappingProperty().get()).as("no entity is read yet").isNull();
        assertThat(viewModel.canRunBinding().get()).isFalse();

        EntityMappingDraft accounts = viewModel.entities().get(0);
        accounts.fileProperty().set("crm_accounts.csv");
        assertThat(accounts.fileColumns()).containsExactly("id", "company", "tier");
        field(accounts, "account_id").sourceColumnProperty().set("id");
        field(accounts, "name").sourceColumnProperty().set("company");
        field(accounts, "segment").sourceColumnProperty().set("tier");
        field(accounts, "region").constantProperty().set("EMEA");

        MappingProfile edited = viewModel.mappingProperty().get();
        assertThat(edited.entities()).containsOnlyKeys("accounts");
        assertThat(edited.entities().get("accounts").columns())
                .containsExactly(Map.entry("account_id", "id"), Map.entry("name", "company"), Map.entry("segment", "tier"));
        assertThat(edited.entities().get("accounts").constants()).containsExactly(Map.entry("region", "EMEA"));

        viewModel.importNow();

        assertThat(viewModel.problems()).isEmpty();
        assertThat(TestDatabases.single(database, "SELECT COUNT(*) FROM account WHERE region = 'EMEA'")).isEqualTo(2L);
        assertThat(TestDatabases.single(database, "SELECT name FROM account WHERE account_id = 'C2'")).isEqualTo("Bolt");
        assertThat((String) TestDatabases.single(database, "SELECT CAST(mapping_json AS VARCHAR) FROM import_run"))
                .contains("\"region\" : \"EMEA\"");

        dialogs.saveTo = dir.resolve("crm.json");
        viewModel.saveProfile();
        assertThat(MappingProfile.read(dialogs.saveTo)).isEqualTo(edited);

        // The saved profile opens again, as a choice of its own.
        dialogs.profile = dialogs.saveTo;
        viewModel.openProfile();
        assertThat(viewModel.profileProperty().get().label()).isEqualTo("custom (crm.json)");
        assertThat(viewModel.mappingProperty().get()).isEqualTo(edited);
    }

    @Test
    void editedDatePatternsAndValueMapsAreTheProfileImportedAndSaved() throws Exception {
        Path crm = folder("crm", Map.of("crm_accounts.csv", "Id;Company;Tier;Since\nC1;Acme;gold;15/01/2023\nC2;Bolt;silver;01/03/2024\n"));
        choose(crm);
        choose("New profile");
        EntityMappingDraft accounts = viewModel.entities().get(0);
        accounts.fileProperty().set("crm_accounts.csv");
        field(accounts, "account_id").sourceColumnProperty().set("id");
        field(accounts, "name").sourceColumnProperty().set("company");
        field(accounts, "segment").sourceColumnProperty().set("tier");
        field(accounts, "contract_start").sourceColumnProperty().set("since");

        // A pattern that does not read is refused at once, with the field and the expected form, and nothing can run.
        field(accounts, "contract_start").datePatternProperty().set("dd/MM/yyyy b");
        assertThat(viewModel.mappingProblemProperty().get())
                .startsWith("accounts, contract_start: the date pattern \"dd/MM/yyyy b\" cannot be used (")
                .endsWith("expected a date pattern such as dd/MM/yyyy (d day, M month, y year, H hour, m minute)");
        assertThat(viewModel.canRunBinding().get()).isFalse();
        field(accounts, "contract_start").datePatternProperty().set("dd/MM/yyyy");
        field(accounts, "segment").valueMapProperty().set("gold enterprise");
        assertThat(viewModel.mappingProblemProperty().get()).isEqualTo("accounts, segment: the value map entry \"gold enterprise\""
                + " cannot be read; expected source=bundle pairs separated by semicolons, e.g. Ent=enterprise; SMB=smb"
                + " (a backslash before an = or ; that is part of a value)");
        field(accounts, "segment").valueMapProperty().set("gold=enterprise; silver = smb");
        assertThat(viewModel.mappingProblemProperty().get()).isEmpty();
        assertThat(viewModel.canRunBinding().get()).isTrue();

        MappingProfile edited = viewModel.mappingProperty().get();
        assertThat(edited.entities().get("accounts").datePatterns()).containsExactly(Map.entry("contract_start", "dd/MM/yyyy"));
        assertThat(edited.entities().get("accounts").valueMaps())
                .containsExactly(Map.entry("segment", Map.of("gold", "enterprise", "silver", "smb")));

        viewModel.importNow();

        assertThat(viewModel.problems()).isEmpty();
        assertThat(TestDatabases.single(database, "SELECT segment FROM account WHERE account_id = 'C2'")).isEqualTo("smb");
        assertThat(TestDatabases.single(database, "SELECT CAST(contract_start AS VARCHAR) FROM account WHERE account_id = 'C1'"))
                .isEqualTo("2023-01-15");
        dialogs.saveTo = dir.resolve("crm.json");
        viewModel.saveProfile();
        assertThat(MappingProfile.read(dialogs.saveTo)).isEqualTo(edited);
    }

    @Test
    void anOpenedProfileKeepsValueMapsWhoseValuesHoldEqualsSignsAndSemicolons() throws Exception {
        Path crm = folder("crm", Map.of("crm_accounts.csv", "Id,Company,Tier\nC1,Acme,gold\n"));
        Path profile = dir.resolve("odd.json");
        Files.writeString(profile, """
                {"name": "odd", "entities": {"accounts": {"file": "crm_accounts.csv",
                  "columns": {"account_id": "id", "name": "company", "segment": "tier"},
                  "valueMaps": {"segment": {"a=b": "enterprise", "x;y": "smb", "back\\\\slash": "mid", "gold": "enterprise"}}}}}
                """);
        MappingProfile read = MappingProfile.read(profile);
        choose(crm);
        dialogs.profile = profile;

        viewModel.openProfile();

        assertThat(viewModel.mappingProblemProperty().get()).isEmpty();
        assertThat(viewModel.mappingProperty().get()).isEqualTo(read);
        Map<String, String> values = read.entities().get("accounts").valueMaps().get("segment");
        assertThat(EntityMappingDraft.parseValueMap("t", EntityMappingDraft.valueMapText(values))).isEqualTo(values);
    }

    @Test
    void readingTheSourceAgainDuringAnEditThatCannotBeUsedKeepsTheOtherEdits() throws Exception {
        Path crm = folder("crm", Map.of("crm_accounts.csv", "Id;Company;Tier\nC1;Acme;gold\n"));
        choose(crm);
        choose("New profile");
        assertThat(viewModel.mappingProblemProperty().get()).as("nothing is read yet, and the screen says why")
                .startsWith("No entity is read yet");
        EntityMappingDraft accounts = viewModel.entities().get(0);
        accounts.fileProperty().set("crm_accounts.csv");
        field(accounts, "account_id").sourceColumnProperty().set("id");
        field(accounts, "name").sourceColumnProperty().set("company");
        field(accounts, "segment").valueMapProperty().set("gold");
        assertThat(viewModel.mappingProblemProperty().get()).contains("the value map entry \"gold\" cannot be read");

        choose(crm);

        EntityMappingDraft again = viewModel.entities().get(0);
        assertThat(again.fileProperty().get()).isEqualTo("crm_accounts.csv");
        assertThat(field(again, "account_id").sourceColumnProperty().get()).isEqualTo("id");
        assertThat(field(again, "name").sourceColumnProperty().get()).isEqualTo("company");
        assertThat(viewModel.mappingProblemProperty().get()).isEmpty();
    }

    @Test
    void chosenFilesAreImportedAsTheyAre() throws Exception {
        Path folder = folder("files", Map.of("accounts.csv", ACCOUNTS, "usage.csv", "account_id,date,logins\nA1,2024-05-01,3\n"));
        dialogs.files = List.of(folder.resolve("accounts.csv"));

        viewModel.chooseFiles();
        viewModel.importNow();

        assertThat(viewModel.previews()).extracting(FilePreview::file).containsExactly("accounts.csv");
        assertThat(TestDatabases.counts(database)).containsEntry("account", 2L).containsEntry("usage_day", 0L);
    }

    @Test
    void aCancelledImportWritesNothing() throws Exception {
        Path good = folder("good", Map.of("accounts.csv", ACCOUNTS));
        ImportViewModel[] self = new ImportViewModel[1];
        // The user presses Cancel as soon as the work has started.
        Executor cancelling = work -> {
            self[0].cancel();
            work.run();
        };
        self[0] = new ImportViewModel(Workspace.of(database), cancelling, dialogs);
        Map<String, Long> before = TestDatabases.counts(database);
        dialogs.folder = good;
        self[0].chooseFolder();

        self[0].importNow();

        assertThat(self[0].statusProperty().get()).isEqualTo("Cancelled; nothing was changed.");
        assertThat(self[0].busyProperty().get()).isFalse();
        assertThat(TestDatabases.counts(database)).isEqualTo(before);
    }

    @Test
    void nothingCanRunWithoutASourceOrBeforeTheDatabaseIsOpen() throws Exception {
        SimpleObjectProperty<Workspace> opening = new SimpleObjectProperty<>();
        ImportViewModel waiting = new ImportViewModel(opening, Runnable::run, dialogs);
        assertThat(waiting.canRunBinding().get()).isFalse();
        dialogs.folder = folder("good", Map.of("accounts.csv", ACCOUNTS));
        waiting.chooseFolder();
        assertThat(waiting.canRunBinding().get()).as("the database is not open yet").isFalse();

        opening.set(Workspace.of(database));

        assertThat(waiting.canRunBinding().get()).isTrue();
        assertThat(waiting.mappingProperty().get()).as("the bundle format has no profile to save").isNull();
    }

    @Test
    void aFolderWithNoBundleFileIsReportedNotImported() throws Exception {
        choose(folder("other", Map.of("customers.csv", "id,name\n1,Acme\n")));
        assertThat(viewModel.statusProperty().get()).contains("None is named after a bundle entity");

        viewModel.importNow();

        assertThat(viewModel.outcomeProperty().get()).isEqualTo(ImportViewModel.Outcome.FAILED);
        assertThat(dialogs.errors).singleElement().asString().contains("holds no bundle file");
        assertThat(TestDatabases.counts(database).get("import_run")).isZero();
    }

    private static FieldMapping field(EntityMappingDraft draft, String name) {
        return draft.fields().stream().filter(f -> f.field().equals(name)).findFirst().orElseThrow();
    }
}
