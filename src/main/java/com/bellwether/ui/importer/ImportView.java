package com.bellwether.ui.importer;

import java.util.List;
import java.util.function.Function;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.ComboBoxTableCell;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import com.bellwether.ingest.ImportProblem;
import com.bellwether.app.ImportRun;

/**
 * The import screen: choose a folder or files, look at their first rows, read them as the bundle format or
 * through a mapping profile (chosen, opened, edited, saved), then Check or Import, with the problems or the
 * summary of what was written.
 */
public final class ImportView {

    static final String STYLESHEET = "/com/bellwether/ui/importer/import.css";
    static final String SCREEN = "bw-import";
    static final String HEADER = "bw-import-header";
    static final String TITLE = "bw-import-title";
    static final String MUTED = "bw-import-muted";
    static final String TOOLBAR = "bw-import-toolbar";
    static final String TOOLBAR_LABEL = "bw-import-toolbar-label";
    static final String CENTER = "bw-import-center";
    static final String PANE = "bw-import-pane";
    static final String BANNER = "bw-import-banner";
    static final String PREVIEW_ABOUT = "bw-import-preview-about";
    static final String PLACEHOLDER = "bw-import-placeholder";
    static final String HINT = "bw-import-hint";
    static final String READ_ONLY_PARTS = "bw-import-read-only";
    static final String STATUS_BAR = "bw-import-status-bar";
    static final String NUMERIC = "bw-import-numeric";
    static final String REQUIRED = "bw-import-required";
    /** The AtlantaFX style of the main action. */
    static final String ACCENT = "accent";

    private static final PseudoClass PROBLEMS = PseudoClass.getPseudoClass("problems");
    private static final PseudoClass SUCCESS = PseudoClass.getPseudoClass("success");
    private static final PseudoClass NOT_READ = PseudoClass.getPseudoClass("not-read");

    private final ImportViewModel viewModel;
    private final BorderPane root = new BorderPane();
    private final TabPane sections = new TabPane();
    private final Tab previewTab = new Tab("Preview");
    private final Tab mappingTab = new Tab("Mapping");
    private final Tab problemsTab = new Tab();
    private final Tab summaryTab = new Tab("Summary");

    public ImportView(ImportViewModel viewModel) {
        this.viewModel = viewModel;
        root.getStyleClass().add(SCREEN);
        root.getStylesheets().add(ImportView.class.getResource(STYLESHEET).toExternalForm());
        VBox top = new VBox(header(), toolbar());
        root.setTop(top);
        root.setCenter(sections());
        root.setBottom(statusBar());
    }

    public Parent root() {
        return root;
    }

    private Region header() {
        Label title = new Label("Import");
        title.getStyleClass().add(TITLE);
        Label subtitle = new Label("Look at the files, map their columns, check them, then import");
        subtitle.getStyleClass().add(MUTED);
        HBox header = new HBox(12, title, subtitle);
        header.setAlignment(Pos.BASELINE_LEFT);
        header.getStyleClass().add(HEADER);
        return header;
    }

    private Region toolbar() {
        Button folder = button("Choose folder…", Feather.FOLDER, "choose-folder");
        folder.setOnAction(e -> viewModel.chooseFolder());
        Button files = button("Choose files…", Feather.FILE_TEXT, "choose-files");
        files.setOnAction(e -> viewModel.chooseFiles());
        Label source = new Label();
        source.setId("source");
        source.getStyleClass().add(MUTED);
        source.textProperty().bind(viewModel.sourceTextProperty());
        source.setMinWidth(0);
        HBox.setHgrow(source, Priority.ALWAYS);
        HBox sourceRow = new HBox(8, label("Source"), folder, files, source);
        sourceRow.setAlignment(Pos.CENTER_LEFT);

        ComboBox<ProfileChoice> profile = new ComboBox<>(viewModel.profiles());
        profile.setId("profile");
        profile.valueProperty().bindBidirectional(viewModel.profileProperty());
        profile.setPrefWidth(220);
        Button open = button("Open profile…", Feather.FOLDER_PLUS, "open-profile");
        open.setOnAction(e -> viewModel.openProfile());
        Button save = button("Save profile…", Feather.SAVE, "save-profile");
        save.setOnAction(e -> viewModel.saveProfile());
        save.disableProperty().bind(viewModel.busyProperty().or(viewModel.mappingProperty().isNull()));
        for (Node busyOff : List.of(folder, files, profile, open)) {
            busyOff.disableProperty().bind(viewModel.busyProperty());
        }

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button check = button("Check", Feather.CHECK_CIRCLE, "check");
        check.setTooltip(new Tooltip("Read and check everything; write nothing"));
        check.setOnAction(e -> viewModel.check());
        Button importNow = button("Import", Feather.DOWNLOAD, "import");
        importNow.getStyleClass().add(ACCENT);
        importNow.setTooltip(new Tooltip("Check, and write only if nothing is wrong"));
        importNow.setOnAction(e -> viewModel.importNow());
        check.disableProperty().bind(viewModel.canRunBinding().not());
        importNow.disableProperty().bind(viewModel.canRunBinding().not());
        HBox mappingRow = new HBox(8, label("Mapping"), profile, open, save, spacer, check, importNow);
        mappingRow.setAlignment(Pos.CENTER_LEFT);

        VBox toolbar = new VBox(8, sourceRow, mappingRow);
        toolbar.getStyleClass().add(TOOLBAR);
        return toolbar;
    }

    private Region sections() {
        previewTab.setContent(previewPane());
        previewTab.setGraphic(new FontIcon(Feather.GRID));
        mappingTab.setContent(mappingPane());
        mappingTab.setGraphic(new FontIcon(Feather.COLUMNS));
        problemsTab.setContent(problemsTable());
        problemsTab.setGraphic(new FontIcon(Feather.ALERT_TRIANGLE));
        problemsTab.textProperty().bind(Bindings.size(viewModel.problems()).asString("Problems (%d)"));
        summaryTab.setContent(summaryTable());
        summaryTab.setGraphic(new FontIcon(Feather.LIST));
        sections.getTabs().addAll(List.of(previewTab, mappingTab, problemsTab, summaryTab));
        sections.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        sections.setId("sections");

        Label banner = new Label();
        banner.setId("outcome");
        banner.getStyleClass().add(BANNER);
        banner.setWrapText(true);
        banner.setMaxWidth(Double.MAX_VALUE);
        banner.setMinHeight(Region.USE_PREF_SIZE);
        banner.textProperty().bind(viewModel.outcomeTextProperty());
        banner.visibleProperty().bind(viewModel.outcomeTextProperty().isNotEmpty());
        banner.managedProperty().bind(banner.visibleProperty());
        viewModel.outcomeProperty().addListener((o, old, outcome) -> {
            banner.pseudoClassStateChanged(PROBLEMS, outcome == ImportViewModel.Outcome.PROBLEMS
                    || outcome == ImportViewModel.Outcome.FAILED);
            banner.pseudoClassStateChanged(SUCCESS, outcome == ImportViewModel.Outcome.IMPORTED
                    || outcome == ImportViewModel.Outcome.CHECK_PASSED);
            switch (outcome) {
                case PROBLEMS -> sections.getSelectionModel().select(problemsTab);
                case IMPORTED, CHECK_PASSED -> sections.getSelectionModel().select(summaryTab);
                default -> { }
            }
        });
        VBox.setVgrow(sections, Priority.ALWAYS);
        VBox center = new VBox(8, banner, sections);
        center.getStyleClass().add(CENTER);
        return center;
    }

    // Preview

    private Region previewPane() {
        ListView<FilePreview> files = new ListView<>(viewModel.previews());
        files.setId("preview-files");
        Label noFiles = new Label("Choose a folder or files to see their first rows.");
        noFiles.setWrapText(true);
        noFiles.getStyleClass().addAll(MUTED, PLACEHOLDER);
        files.setPlaceholder(noFiles);
        files.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(FilePreview preview, boolean empty) {
                super.updateItem(preview, empty);
                if (empty || preview == null) {
                    setText(null);
                    setGraphic(null);
                    setTooltip(null);
                    return;
                }
                setText(preview.file());
                setGraphic(new FontIcon(preview.error() == null ? Feather.FILE_TEXT : Feather.ALERT_CIRCLE));
                setTooltip(new Tooltip(describe(preview)));
            }
        });
        TableView<List<String>> rows = new TableView<>();
        rows.setId("preview-rows");
        rows.setPlaceholder(new Label("No rows to show."));
        Label about = new Label();
        about.setId("preview-about");
        about.getStyleClass().addAll(MUTED, PREVIEW_ABOUT);
        files.getSelectionModel().selectedItemProperty().addListener((o, old, preview) -> {
            showPreview(rows, preview);
            about.setText(preview == null ? "" : describe(preview));
        });
        viewModel.previews().addListener((ListChangeListener<FilePreview>) change -> {
            if (!viewModel.previews().isEmpty()) {
                files.getSelectionModel().selectFirst();
            }
        });
        VBox.setVgrow(rows, Priority.ALWAYS);
        VBox right = new VBox(6, about, rows);
        SplitPane split = new SplitPane(files, right);
        split.setDividerPositions(0.22);
        SplitPane.setResizableWithParent(files, false);
        return split;
    }

    private static String describe(FilePreview preview) {
        String text = preview.columns().size() + " columns, separated by '" + preview.separator() + "'; "
                + (preview.more() ? "the first " + preview.rows().size() + " rows" : preview.rows().size() + " rows");
        return preview.error() == null ? text : text + ". " + preview.error();
    }

    private static void showPreview(TableView<List<String>> table, FilePreview preview) {
        table.getColumns().clear();
        table.getItems().clear();
        if (preview == null) {
            return;
        }
        for (int i = 0; i < preview.columns().size(); i++) {
            int index = i;
            TableColumn<List<String>, String> column = new TableColumn<>(preview.columns().get(i));
            column.setCellValueFactory(c -> new ReadOnlyStringWrapper(
                    index < c.getValue().size() ? c.getValue().get(index) : ""));
            column.setSortable(false);
            column.setPrefWidth(Math.max(90, 9 * preview.columns().get(i).length() + 24));
            table.getColumns().add(column);
        }
        table.getItems().setAll(preview.rows());
    }

    // Mapping

    private Region mappingPane() {
        Label hint = new Label("Files named after an entity (accounts.csv, usage.csv, …) are read as the bundle format,"
                + " column by column. To read files of another shape, choose a profile or New profile; its columns,"
                + " constants, date patterns and value maps can then be edited here.");
        hint.setId("mapping-hint");
        hint.getStyleClass().add(HINT);
        hint.setWrapText(true);
        hint.setMinHeight(Region.USE_PREF_SIZE);
        hint.setMaxWidth(Double.MAX_VALUE);
        hint.visibleProperty().bind(viewModel.mappingEditableProperty().not());
        hint.managedProperty().bind(hint.visibleProperty());

        TabPane entities = new TabPane();
        entities.setId("mapping-entities");
        entities.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        entities.disableProperty().bind(viewModel.busyProperty());
        Runnable rebuild = () -> {
            entities.getTabs().clear();
            for (EntityMappingDraft draft : viewModel.entities()) {
                entities.getTabs().add(entityTab(draft));
            }
        };
        viewModel.entities().addListener((ListChangeListener<EntityMappingDraft>) change -> rebuild.run());
        rebuild.run();
        Label empty = new Label("No file of the source is named after an entity; choose a mapping profile.");
        empty.getStyleClass().add(MUTED);
        empty.visibleProperty().bind(Bindings.isEmpty(viewModel.entities()).and(Bindings.isNotEmpty(viewModel.sources())));
        empty.managedProperty().bind(empty.visibleProperty());
        Label problem = new Label();
        problem.setId("mapping-problem");
        problem.getStyleClass().add(BANNER);
        problem.pseudoClassStateChanged(PROBLEMS, true);
        problem.setWrapText(true);
        problem.setMinHeight(Region.USE_PREF_SIZE);
        problem.setMaxWidth(Double.MAX_VALUE);
        problem.setGraphic(new FontIcon(Feather.ALERT_TRIANGLE));
        problem.textProperty().bind(viewModel.mappingProblemProperty());
        problem.visibleProperty().bind(viewModel.mappingProblemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        VBox.setVgrow(entities, Priority.ALWAYS);
        VBox pane = new VBox(8, hint, problem, empty, entities);
        pane.getStyleClass().add(PANE);
        return pane;
    }

    private Tab entityTab(EntityMappingDraft draft) {
        Tab tab = new Tab(draft.entity().key());
        tab.setId("mapping-" + draft.entity().key());

        ObservableList<String> fileChoices = FXCollections.observableArrayList("");
        viewModel.previews().forEach(p -> fileChoices.add(p.file()));
        if (!fileChoices.contains(draft.fileProperty().get())) {
            fileChoices.add(draft.fileProperty().get());
        }
        ComboBox<String> file = new ComboBox<>(fileChoices);
        file.setId("mapping-file-" + draft.entity().key());
        file.setConverter(noneAs("not imported"));
        file.valueProperty().bindBidirectional(draft.fileProperty());
        file.disableProperty().bind(viewModel.mappingEditableProperty().not());
        file.setPrefWidth(280);
        Label fileLabel = label("Read from");
        HBox fileRow = new HBox(8, fileLabel, file);
        fileRow.setAlignment(Pos.CENTER_LEFT);
        draft.fileProperty().addListener((o, old, now) -> markRead(tab, draft));
        markRead(tab, draft);

        TableView<FieldMapping> fields = new TableView<>(draft.fields());
        fields.setId("mapping-fields-" + draft.entity().key());
        fields.editableProperty().bind(viewModel.mappingEditableProperty());
        fields.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        // Room for the combo box a source cell turns into, so rows keep one height.
        fields.setFixedCellSize(34);

        TableColumn<FieldMapping, String> field = new TableColumn<>("Bundle field");
        field.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().field()));
        field.setCellFactory(column -> new TableCell<>() {
            @Override
            protected void updateItem(String name, boolean empty) {
                super.updateItem(name, empty);
                FieldMapping row = empty || getTableRow() == null ? null : getTableRow().getItem();
                setText(row == null ? null : row.required() ? name + " *" : name);
                getStyleClass().remove(REQUIRED);
                if (row != null && row.required()) {
                    getStyleClass().add(REQUIRED);
                }
            }
        });
        field.setPrefWidth(160);
        field.setEditable(false);

        ObservableList<String> columnChoices = FXCollections.observableArrayList();
        Runnable fillColumns = () -> {
            columnChoices.setAll("");
            columnChoices.addAll(draft.fileColumns());
        };
        draft.fileColumns().addListener((ListChangeListener<String>) change -> fillColumns.run());
        fillColumns.run();
        TableColumn<FieldMapping, String> source = new TableColumn<>("Source column");
        source.setCellValueFactory(c -> c.getValue().sourceColumnProperty());
        source.setCellFactory(ComboBoxTableCell.forTableColumn(noneAs("—"), columnChoices));
        source.setPrefWidth(200);

        TableColumn<FieldMapping, String> constant = new TableColumn<>("Constant");
        constant.setCellValueFactory(c -> c.getValue().constantProperty());
        constant.setCellFactory(TextFieldTableCell.forTableColumn());
        constant.setPrefWidth(140);

        TableColumn<FieldMapping, String> pattern = new TableColumn<>("Date pattern");
        pattern.setCellValueFactory(c -> c.getValue().datePatternProperty());
        pattern.setCellFactory(TextFieldTableCell.forTableColumn());
        pattern.setPrefWidth(120);

        TableColumn<FieldMapping, String> values = new TableColumn<>("Values (from=to; …)");
        values.setCellValueFactory(c -> c.getValue().valueMapProperty());
        values.setCellFactory(TextFieldTableCell.forTableColumn());
        values.setPrefWidth(220);

        TableColumn<FieldMapping, String> note = text("Also in the profile (read-only)", 220, FieldMapping::note);
        note.setEditable(false);
        fields.getColumns().addAll(List.of(field, source, constant, pattern, values, note));
        fields.setPlaceholder(new Label("No field."));

        Label readOnly = new Label(draft.readOnlyParts());
        readOnly.setId("mapping-read-only-" + draft.entity().key());
        readOnly.getStyleClass().add(READ_ONLY_PARTS);
        readOnly.setWrapText(true);
        readOnly.setMaxWidth(Double.MAX_VALUE);
        readOnly.setMinHeight(Region.USE_PREF_SIZE);
        readOnly.setVisible(!draft.readOnlyParts().isEmpty());
        readOnly.managedProperty().bind(readOnly.visibleProperty());
        readOnly.setGraphic(new FontIcon(Feather.EYE));
        readOnly.setContentDisplay(ContentDisplay.LEFT);

        VBox.setVgrow(fields, Priority.ALWAYS);
        VBox content = new VBox(8, fileRow, fields, readOnly);
        content.getStyleClass().add(PANE);
        tab.setContent(content);
        return tab;
    }

    private static void markRead(Tab tab, EntityMappingDraft draft) {
        Node graphic = new FontIcon(draft.isIncluded() ? Feather.CHECK : Feather.FILE_MINUS);
        graphic.pseudoClassStateChanged(NOT_READ, !draft.isIncluded());
        tab.setGraphic(graphic);
        tab.setTooltip(new Tooltip(draft.isIncluded() ? "Read from " + draft.fileProperty().get() : "Not imported"));
    }

    /** Shows the empty choice as {@code none}. */
    private static StringConverter<String> noneAs(String none) {
        return new StringConverter<>() {
            @Override
            public String toString(String value) {
                return value == null || value.isEmpty() ? none : value;
            }

            @Override
            public String fromString(String text) {
                return text == null || text.equals(none) ? "" : text;
            }
        };
    }

    // Problems and summary

    private Region problemsTable() {
        TableView<ImportProblem> table = new TableView<>(viewModel.problems());
        table.setId("problems");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No problems. Check reads everything and writes nothing."));
        table.getColumns().addAll(List.of(
                text("File", 170, ImportProblem::file),
                number("Line", 64, p -> p.line() == 0 ? null : p.line()),
                number("Column", 70, p -> p.column() == 0 ? null : (long) p.column()),
                text("Field", 130, ImportProblem::field),
                text("Value", 150, ImportProblem::value),
                text("Expected", 520, ImportProblem::expected)));
        return table;
    }

    private Region summaryTable() {
        TableView<ImportRun.FileCount> table = new TableView<>(viewModel.fileCounts());
        table.setId("summary");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("Nothing checked or imported yet."));
        TableColumn<ImportRun.FileCount, Number> written = number("Records written", 140, ImportRun.FileCount::rowsWritten);
        written.textProperty().bind(Bindings.when(viewModel.outcomeProperty().isEqualTo(ImportViewModel.Outcome.CHECK_PASSED))
                .then("Records to write").otherwise("Records written"));
        table.getColumns().addAll(List.of(
                text("File", 260, ImportRun.FileCount::fileName),
                text("Entity", 140, ImportRun.FileCount::entity),
                number("Rows read", 120, ImportRun.FileCount::rowsRead),
                written));
        return table;
    }

    /** A column of text; a value too long for it shows in full on hover. */
    private static <S> TableColumn<S, String> text(String title, double width, Function<S, String> value) {
        TableColumn<S, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                setTooltip(empty || text == null || text.isEmpty() ? null : new Tooltip(text));
            }
        });
        column.setPrefWidth(width);
        return column;
    }

    private static <S> TableColumn<S, Number> number(String title, double width, Function<S, Number> value) {
        TableColumn<S, Number> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Number number, boolean empty) {
                super.updateItem(number, empty);
                setText(empty || number == null ? null : String.format("%,d", number.longValue()));
            }
        });
        column.setPrefWidth(width);
        column.getStyleClass().add(NUMERIC);
        return column;
    }

    // Status

    private Region statusBar() {
        Label status = new Label();
        status.setId("import-status");
        status.textProperty().bind(viewModel.statusProperty());
        status.setMinWidth(0);
        ProgressBar progress = new ProgressBar();
        progress.setId("import-progress");
        progress.setPrefWidth(220);
        progress.progressProperty().bind(viewModel.progressProperty());
        progress.visibleProperty().bind(viewModel.busyProperty());
        Button cancel = button("Cancel", Feather.X_CIRCLE, "import-cancel");
        cancel.visibleProperty().bind(viewModel.busyProperty());
        cancel.disableProperty().bind(viewModel.busyProperty().not());
        cancel.setOnAction(e -> viewModel.cancel());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, status, spacer, progress, cancel);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add(STATUS_BAR);
        return bar;
    }

    private static Button button(String text, Feather icon, String id) {
        Button button = new Button(text, new FontIcon(icon));
        button.setId(id);
        return button;
    }

    private static Label label(String text) {
        Label label = new Label(text);
        label.getStyleClass().add(TOOLBAR_LABEL);
        return label;
    }
}
