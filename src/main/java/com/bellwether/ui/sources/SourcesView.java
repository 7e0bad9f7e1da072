package com.bellwether.ui.sources;

import java.util.List;
import java.util.function.Function;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.geometry.Orientation;

import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import com.bellwether.app.Source;
import com.bellwether.ingest.BundleImporter;
import com.bellwether.ingest.ImportProblem;

/**
 * The Sources section of the Data screen: the saved sources and how fresh each is, the selected one's sync log,
 * preview and last sync, the Add / Edit form, and the sync under way with its Cancel.
 */
public final class SourcesView {

    static final String STYLESHEET = "/com/bellwether/ui/sources/sources.css";
    static final String SCREEN = "bw-sources";
    static final String TOOLBAR = "bw-sources-toolbar";
    static final String MUTED = "bw-sources-muted";
    static final String BANNER = "bw-sources-banner";
    static final String ERROR = "bw-sources-error";
    static final String HINT = "bw-sources-hint";
    static final String EMPTY = "bw-sources-empty";
    static final String FORM = "bw-sources-form";
    static final String FORM_TITLE = "bw-sources-form-title";
    static final String FIELD_LABEL = "bw-sources-field-label";
    static final String STATUS_BAR = "bw-sources-status-bar";
    static final String NUMERIC = "bw-sources-numeric";
    /** The AtlantaFX style of the main action. */
    static final String ACCENT = "accent";
    static final String EMPTY_TEXT = "No sources yet. Add a folder that exports are dropped into, or a query over your database.";

    private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");
    private static final PseudoClass SUCCESS = PseudoClass.getPseudoClass("success");

    private final SourcesViewModel viewModel;
    private final BorderPane root = new BorderPane();
    private final TabPane details = new TabPane();
    private final Tab logTab = new Tab("Sync log");
    private final Tab previewTab = new Tab("Preview");
    private final Tab resultTab = new Tab("Last sync");
    private final StackPane formHolder = new StackPane();

    public SourcesView(SourcesViewModel viewModel) {
        this.viewModel = viewModel;
        root.getStyleClass().add(SCREEN);
        root.getStylesheets().add(SourcesView.class.getResource(STYLESHEET).toExternalForm());
        Region list = listPane();
        formHolder.visibleProperty().bind(viewModel.formProperty().isNotNull());
        formHolder.managedProperty().bind(formHolder.visibleProperty());
        list.visibleProperty().bind(formHolder.visibleProperty().not());
        list.managedProperty().bind(list.visibleProperty());
        viewModel.formProperty().addListener((o, old, form) ->
                formHolder.getChildren().setAll(form == null ? List.of() : List.of(formPane(form))));
        root.setCenter(new StackPane(list, formHolder));
        root.setBottom(statusBar());
    }

    public Parent root() {
        return root;
    }

    // The list of sources

    private Region listPane() {
        Button add = button("Add…", Feather.PLUS, "source-add");
        add.setOnAction(e -> viewModel.add());
        Button edit = button("Edit…", Feather.EDIT_2, "source-edit");
        edit.setOnAction(e -> viewModel.edit());
        Button remove = button("Remove", Feather.TRASH_2, "source-remove");
        remove.setOnAction(e -> viewModel.remove());
        Button test = button("Test", Feather.ZAP, "source-test");
        test.setTooltip(new Tooltip("Test connection: lists the folder, or connects and runs the query for one row;"
                + " imports nothing"));
        test.setOnAction(e -> viewModel.test());
        Button preview = button("Preview", Feather.EYE, "source-preview");
        preview.setTooltip(new Tooltip("The first rows a sync would import, read through the mapping"));
        preview.setOnAction(e -> {
            details.getSelectionModel().select(previewTab);
            viewModel.preview();
        });
        Button syncNow = button("Sync now", Feather.REFRESH_CW, "source-sync");
        syncNow.getStyleClass().add(ACCENT);
        syncNow.setTooltip(new Tooltip("Imports what is new from the selected source"));
        syncNow.setOnAction(e -> {
            details.getSelectionModel().select(resultTab);
            viewModel.syncSelected();
        });
        Button syncAll = button("Sync all", Feather.REPEAT, "source-sync-all");
        syncAll.setOnAction(e -> {
            details.getSelectionModel().select(resultTab);
            viewModel.syncAll();
        });
        var noSelection = viewModel.selectedProperty().isNull();
        add.disableProperty().bind(viewModel.busyProperty());
        for (Button needsOne : List.of(edit, remove, test, preview, syncNow)) {
            needsOne.disableProperty().bind(viewModel.busyProperty().or(noSelection));
        }
        syncAll.disableProperty().bind(viewModel.busyProperty().or(viewModel.emptyBinding()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        for (Button button : List.of(add, edit, remove, test, preview, syncNow, syncAll)) {
            button.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox toolbar = new HBox(8, add, edit, remove, new Separator(Orientation.VERTICAL), test, preview, spacer,
                syncNow, syncAll);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.getStyleClass().add(TOOLBAR);

        Label answer = banner("source-answer", viewModel.answerProperty());
        viewModel.answerFailedProperty().addListener((o, was, failed) -> answer.pseudoClassStateChanged(FAILED, failed));
        answer.pseudoClassStateChanged(SUCCESS, true);
        viewModel.answerFailedProperty().addListener((o, was, failed) -> answer.pseudoClassStateChanged(SUCCESS, !failed));
        answer.setGraphic(new FontIcon(Feather.ZAP));

        Label failure = new Label();
        failure.setId("source-failure");
        failure.getStyleClass().add(BANNER);
        failure.pseudoClassStateChanged(FAILED, true);
        failure.setWrapText(true);
        failure.setMaxWidth(Double.MAX_VALUE);
        failure.setMinHeight(Region.USE_PREF_SIZE);
        failure.setGraphic(new FontIcon(Feather.ALERT_TRIANGLE));
        failure.textProperty().bind(Bindings.createStringBinding(() -> {
            Source s = viewModel.selectedProperty().get();
            return s == null || s.latest() == null || !s.latest().failed() ? ""
                    : s.name() + "'s latest sync failed (" + SourcesViewModel.when(s.latest().started()) + "): "
                    + s.latest().error();
        }, viewModel.selectedProperty()));
        failure.visibleProperty().bind(failure.textProperty().isNotEmpty());
        failure.managedProperty().bind(failure.visibleProperty());

        SplitPane split = new SplitPane(sourcesTable(), detailTabs());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.45);
        VBox.setVgrow(split, Priority.ALWAYS);
        VBox body = new VBox(8, answer, failure, split);
        body.setPadding(new Insets(8, 0, 0, 0));
        VBox.setVgrow(body, Priority.ALWAYS);
        return new VBox(0, toolbar, body);
    }

    private TableView<Source> sourcesTable() {
        TableView<Source> table = new TableView<>(viewModel.sources());
        table.setId("sources");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<Source, String> name = column("Name", 110, Source::name);
        name.setMinWidth(90);
        table.getColumns().add(name);
        TableColumn<Source, String> kind = column("Kind", 60, Source::kind);
        kind.setMinWidth(58);
        table.getColumns().add(kind);
        TableColumn<Source, String> where = column("Where", 170, Source::where);
        where.setMinWidth(90);
        where.setCellFactory(c -> tooltipCell(text -> text));
        table.getColumns().add(where);
        TableColumn<Source, String> schedule = column("Schedule", 190, s -> {
            String next = viewModel.nextSyncText(s);
            return s.schedule() + (next.isEmpty() ? "" : " · " + next);
        });
        schedule.setMinWidth(150);
        schedule.setCellFactory(c -> tooltipCell(text -> text));
        table.getColumns().add(schedule);
        TableColumn<Source, Source> last = new TableColumn<>("Last sync");
        last.setId("col-last-sync");
        last.setPrefWidth(170);
        last.setMinWidth(150);
        last.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        last.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Source source, boolean empty) {
                super.updateItem(source, empty);
                boolean failed = !empty && source != null && source.latest() != null && source.latest().failed();
                pseudoClassStateChanged(FAILED, failed);
                if (empty || source == null) {
                    setText(null);
                    setGraphic(null);
                    setTooltip(null);
                    return;
                }
                Source.SyncLine line = source.latest();
                setText(line == null ? "never" : SourcesViewModel.when(line.finished() != null ? line.finished()
                        : line.started()) + " " + line.result());
                setGraphic(failed ? new FontIcon(Feather.ALERT_TRIANGLE) : null);
                setTooltip(line == null ? null : new Tooltip(failed ? getText() + ": " + line.error() : getText()));
            }
        });
        table.getColumns().add(last);
        TableColumn<Source, String> good = column("Last good sync", 120, s -> s.lastGoodSync() == null ? "none"
                : SourcesViewModel.when(s.lastGoodSync()));
        good.setMinWidth(110);
        table.getColumns().add(good);
        TableColumn<Source, String> dataDay = column("Latest data day", 110, s -> s.latestDataDay() == null ? "none"
                : s.latestDataDay().toString());
        dataDay.setMinWidth(95);
        table.getColumns().add(dataDay);

        Label empty = new Label(EMPTY_TEXT);
        empty.setId("sources-empty");
        empty.setWrapText(true);
        // Two lines on a narrow window rather than one cut short.
        empty.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        empty.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        empty.getStyleClass().add(MUTED);
        Button add = button("Add a source…", Feather.PLUS, "source-add-empty");
        add.getStyleClass().add(ACCENT);
        add.setOnAction(e -> viewModel.add());
        add.disableProperty().bind(viewModel.busyProperty());
        VBox placeholder = new VBox(12, new FontIcon(Feather.INBOX), empty, add);
        placeholder.setAlignment(Pos.CENTER);
        placeholder.setMaxWidth(460);
        placeholder.getStyleClass().add(EMPTY);
        table.setPlaceholder(placeholder);

        table.getSelectionModel().selectedItemProperty().addListener((o, old, source) -> {
            if (source != null || table.getItems().isEmpty()) {
                viewModel.selectedProperty().set(source);
            }
        });
        viewModel.selectedProperty().addListener((o, old, source) -> {
            if (source != null && table.getSelectionModel().getSelectedItem() != source) {
                table.getSelectionModel().select(source);
            }
        });
        table.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && table.getSelectionModel().getSelectedItem() != null) {
                viewModel.edit();
            }
        });
        return table;
    }

    private Region detailTabs() {
        logTab.setGraphic(new FontIcon(Feather.LIST));
        logTab.setContent(logTable());
        previewTab.setGraphic(new FontIcon(Feather.GRID));
        previewTab.setContent(previewPane("source-preview"));
        resultTab.setGraphic(new FontIcon(Feather.CHECK_CIRCLE));
        resultTab.setContent(resultList());
        details.getTabs().addAll(logTab, previewTab, resultTab);
        details.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        details.setId("source-details");
        return details;
    }

    private TableView<Source.SyncLine> logTable() {
        TableView<Source.SyncLine> log = new TableView<>(viewModel.log());
        log.setId("source-log");
        log.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        log.getColumns().add(column("Started", 130, l -> SourcesViewModel.when(l.started())));
        TableColumn<Source.SyncLine, String> result = column("Result", 90, Source.SyncLine::result);
        result.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                pseudoClassStateChanged(FAILED, !empty && "failed".equals(text));
            }
        });
        log.getColumns().add(result);
        TableColumn<Source.SyncLine, String> files = column("Files", 50, l -> String.format("%,d", l.files()));
        files.getStyleClass().add(NUMERIC);
        log.getColumns().add(files);
        TableColumn<Source.SyncLine, String> rows = column("Rows", 80, l -> String.format("%,d", l.rows()));
        rows.getStyleClass().add(NUMERIC);
        log.getColumns().add(rows);
        log.getColumns().add(column("Data to", 90, l -> l.lastDate() == null ? "" : l.lastDate().toString()));
        TableColumn<Source.SyncLine, String> error = column("Error", 260, l -> l.error() == null ? "" : l.error());
        error.setCellFactory(c -> {
            TableCell<Source.SyncLine, String> cell = tooltipCell(text -> text);
            cell.pseudoClassStateChanged(FAILED, true);
            return cell;
        });
        log.getColumns().add(error);
        log.setPlaceholder(new Label("Not synced yet."));
        return log;
    }

    private Region resultList() {
        ListView<String> lines = new ListView<>(viewModel.results());
        lines.setId("sync-results");
        lines.setPlaceholder(new Label("Sync now imports what is new from the selected source; Sync all, from every one."));
        lines.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(String line, boolean empty) {
                super.updateItem(line, empty);
                boolean failed = !empty && line != null && (line.contains(": failed") || line.startsWith("The sync failed"));
                pseudoClassStateChanged(FAILED, failed);
                setText(empty ? null : line);
                setGraphic(empty ? null : new FontIcon(failed ? Feather.ALERT_TRIANGLE : Feather.CHECK));
                setTooltip(empty || line == null ? null : new Tooltip(line));
            }
        });
        return lines;
    }

    /** The preview's files, a tab each, and the problems met reading them. */
    private Region previewPane(String id) {
        Label about = new Label();
        about.setId(id + "-about");
        about.getStyleClass().add(MUTED);
        about.setWrapText(true);
        about.setMinHeight(Region.USE_PREF_SIZE);
        about.textProperty().bind(viewModel.previewAboutProperty());
        TabPane files = new TabPane();
        files.setId(id + "-files");
        files.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        Runnable rebuild = () -> {
            files.getTabs().clear();
            for (BundleImporter.Preview preview : viewModel.previews()) {
                Tab tab = new Tab(preview.file() + (preview.entity() == null ? "" : " (" + preview.entity().key() + ")"));
                tab.setContent(previewTable(preview));
                files.getTabs().add(tab);
            }
        };
        viewModel.previews().addListener((ListChangeListener<BundleImporter.Preview>) c -> rebuild.run());
        rebuild.run();
        Label problems = new Label();
        problems.setId(id + "-problems");
        problems.getStyleClass().add(ERROR);
        problems.setWrapText(true);
        problems.setMinHeight(Region.USE_PREF_SIZE);
        problems.textProperty().bind(Bindings.createStringBinding(() -> String.join("\n", viewModel.previewProblems()
                .stream().map(ImportProblem::message).toList()), viewModel.previewProblems()));
        problems.visibleProperty().bind(problems.textProperty().isNotEmpty());
        problems.managedProperty().bind(problems.visibleProperty());
        VBox.setVgrow(files, Priority.ALWAYS);
        VBox pane = new VBox(6, about, problems, files);
        pane.setPadding(new Insets(6, 0, 0, 0));
        return pane;
    }

    private static TableView<List<String>> previewTable(BundleImporter.Preview preview) {
        TableView<List<String>> table = new TableView<>();
        for (int i = 0; i < preview.columns().size(); i++) {
            int index = i;
            TableColumn<List<String>, String> column = new TableColumn<>(preview.columns().get(i));
            column.setCellValueFactory(c -> new ReadOnlyStringWrapper(index < c.getValue().size()
                    && c.getValue().get(index) != null ? c.getValue().get(index) : ""));
            column.setSortable(false);
            column.setPrefWidth(Math.max(110, 9 * preview.columns().get(i).length() + 24));
            table.getColumns().add(column);
        }
        table.getItems().setAll(preview.rows());
        table.setPlaceholder(new Label("No rows."));
        return table;
    }

    // The Add / Edit form

    private Region formPane(SourceForm form) {
        Label title = new Label(form.editing() ? "Edit the source " + form.name() : "Add a source");
        title.getStyleClass().add(FORM_TITLE);

        GridPane grid = new GridPane();
        grid.setHgap(10);
        // No gap between rows: the rows of the other kind are hidden, and a gap would stay for each.
        grid.setVgap(0);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        fields.setFillWidth(true);
        grid.getColumnConstraints().addAll(labels, fields);
        Rows rows = new Rows(grid, form);

        TextField name = text("source-name", form.nameProperty(), "usage-drop");
        name.setDisable(form.editing());
        rows.add("Name", name, SourceForm.Field.NAME);

        ToggleGroup kinds = new ToggleGroup();
        RadioButton folderKind = new RadioButton("Folder of exports");
        folderKind.setId("source-kind-folder");
        RadioButton queryKind = new RadioButton("Query over JDBC");
        queryKind.setId("source-kind-query");
        folderKind.setToggleGroup(kinds);
        queryKind.setToggleGroup(kinds);
        kinds.selectToggle(form.kindProperty().get() == SourceForm.Kind.QUERY ? queryKind : folderKind);
        kinds.selectedToggleProperty().addListener((o, old, chosen) -> {
            if (chosen == null) {
                kinds.selectToggle(old);
            } else {
                form.kindProperty().set(chosen == queryKind ? SourceForm.Kind.QUERY : SourceForm.Kind.FOLDER);
            }
        });
        folderKind.setDisable(form.editing());
        queryKind.setDisable(form.editing());
        HBox kindRow = new HBox(16, folderKind, queryKind);
        rows.add("Kind", kindRow, null);

        var isFolder = form.kindProperty().isEqualTo(SourceForm.Kind.FOLDER);
        var isQuery = form.kindProperty().isEqualTo(SourceForm.Kind.QUERY);

        TextField folder = text("source-folder", form.folderProperty(), "/data/exports");
        Button browse = button("Browse…", Feather.FOLDER, "source-browse-folder");
        browse.setOnAction(e -> viewModel.browseFolder());
        rows.add("Folder", grow(folder, browse), SourceForm.Field.FOLDER, isFolder);
        rows.add("Pattern", text("source-pattern", form.patternProperty(), "*.csv (e.g. usage-*.csv)"),
                SourceForm.Field.PATTERN, isFolder);
        Label mapping = new Label();
        mapping.setId("source-mapping");
        mapping.getStyleClass().add(MUTED);
        mapping.setMinWidth(0);
        mapping.textProperty().bind(Bindings.createStringBinding(() -> form.mappingTextProperty().get().isEmpty()
                ? "none: files are read as the bundle format" : form.mappingTextProperty().get(), form.mappingTextProperty()));
        Button chooseMapping = button("Choose…", Feather.FILE_TEXT, "source-choose-mapping");
        chooseMapping.setOnAction(e -> viewModel.chooseMapping());
        Button clearMapping = button("Clear", Feather.X, "source-clear-mapping");
        clearMapping.setOnAction(e -> form.clearMapping());
        clearMapping.disableProperty().bind(form.mappingProperty().isNull());
        rows.add("Mapping profile", grow(mapping, chooseMapping, clearMapping), SourceForm.Field.MAPPING, isFolder);

        rows.add("JDBC URL", text("source-url", form.urlProperty(), "jdbc:postgresql://host:5432/database"),
                SourceForm.Field.URL, isQuery);
        TextArea query = new TextArea();
        query.setId("source-query");
        query.setPromptText("select account_id, date, logins, updated_at from usage_daily");
        query.setPrefRowCount(4);
        query.setWrapText(true);
        query.textProperty().bindBidirectional(form.queryProperty());
        rows.add("Query", query, SourceForm.Field.QUERY, isQuery);
        rows.add("Cursor column", text("source-cursor", form.cursorProperty(), "updated_at"), SourceForm.Field.CURSOR,
                isQuery);

        ComboBox<String> entity = new ComboBox<>();
        entity.setId("source-entity");
        entity.getItems().setAll(SourceForm.entityChoices());
        entity.valueProperty().bindBidirectional(form.entityProperty());
        entity.setButtonCell(entityCell(isQuery));
        entity.setCellFactory(list -> entityCell(isQuery));
        entity.setPrefWidth(260);
        rows.add("Entity", entity, SourceForm.Field.ENTITY);

        rows.add("User", text("source-user", form.userProperty(), "the user name, or the variable below"),
                SourceForm.Field.USER, isQuery);
        rows.add("User variable", text("source-user-variable", form.userVariableProperty(), "e.g. CRM_DB_USER"),
                SourceForm.Field.USER_VARIABLE, isQuery);
        rows.add("Password variable", text("source-password-variable", form.passwordVariableProperty(),
                "e.g. CRM_DB_PASSWORD"), SourceForm.Field.PASSWORD_VARIABLE, isQuery);
        TextField passwordFile = text("source-password-file", form.passwordFileProperty(), "e.g. ~/.pgpass");
        Button browsePassword = button("Browse…", Feather.FILE, "source-browse-password-file");
        browsePassword.setOnAction(e -> viewModel.browsePasswordFile());
        rows.add("Password file", grow(passwordFile, browsePassword), SourceForm.Field.PASSWORD_FILE, isQuery);
        Label hint = new Label("Passwords are never stored: a query source takes its password from an environment"
                + " variable, or from a password file in PostgreSQL's .pgpass form.");
        hint.setId("source-password-hint");
        hint.getStyleClass().add(HINT);
        hint.setWrapText(true);
        hint.setMinHeight(Region.USE_PREF_SIZE);
        hint.setMaxWidth(Double.MAX_VALUE);
        rows.add("", hint, null, isQuery);

        rows.add("Schedule", text("source-schedule", form.scheduleProperty(),
                "e.g. 15m, 2h or 1d; blank: only when synced by hand"), SourceForm.Field.SCHEDULE);
        Label general = errorLabel(form, SourceForm.Field.GENERAL);
        general.setId("source-error-general");
        rows.add("", general, null);

        Button save = button("Save", Feather.SAVE, "source-save");
        save.getStyleClass().add(ACCENT);
        save.setDefaultButton(true);
        save.disableProperty().bind(form.validProperty().not().or(viewModel.busyProperty()));
        save.setOnAction(e -> viewModel.save());
        Button cancel = button("Cancel", Feather.X, "source-form-cancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> viewModel.closeForm());
        Button test = button("Test connection", Feather.ZAP, "source-form-test");
        test.setOnAction(e -> viewModel.test());
        Button preview = button("Preview", Feather.EYE, "source-form-preview");
        preview.setOnAction(e -> viewModel.preview());
        for (Button check : List.of(test, preview)) {
            check.disableProperty().bind(form.validProperty().not().or(viewModel.busyProperty()));
        }
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox actions = new HBox(8, test, preview, spacer, cancel, save);
        actions.setAlignment(Pos.CENTER_LEFT);

        Label answer = banner("source-form-answer", viewModel.answerProperty());
        answer.pseudoClassStateChanged(FAILED, viewModel.answerFailedProperty().get());
        answer.pseudoClassStateChanged(SUCCESS, !viewModel.answerFailedProperty().get());
        viewModel.answerFailedProperty().addListener((o, was, failed) -> {
            answer.pseudoClassStateChanged(FAILED, failed);
            answer.pseudoClassStateChanged(SUCCESS, !failed);
        });
        Region previewPane = previewPane("source-form-preview");
        previewPane.setPrefHeight(220);
        previewPane.setMinHeight(160);
        previewPane.visibleProperty().bind(viewModel.previewAboutProperty().isNotEmpty());
        previewPane.managedProperty().bind(previewPane.visibleProperty());

        VBox content = new VBox(10, title, grid, actions, answer, previewPane);
        content.getStyleClass().add(FORM);
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.setId("source-form");
        return scroll;
    }

    private static ListCell<String> entityCell(javafx.beans.value.ObservableBooleanValue isQuery) {
        return new ListCell<>() {
            @Override
            protected void updateItem(String key, boolean empty) {
                super.updateItem(key, empty);
                setText(empty || key == null ? null : key.isEmpty()
                        ? (isQuery.get() ? "(choose one)" : "(none: the file names say)") : key);
            }
        };
    }

    /** The form's rows: a label, the field, and under it the field's mistake in red. */
    private final class Rows {
        private final GridPane grid;
        private final SourceForm form;
        private int row;

        Rows(GridPane grid, SourceForm form) {
            this.grid = grid;
            this.form = form;
        }

        void add(String label, Node field, SourceForm.Field about) {
            add(label, field, about, null);
        }

        void add(String label, Node field, SourceForm.Field about, javafx.beans.value.ObservableBooleanValue shown) {
            Label caption = new Label(label);
            caption.getStyleClass().add(FIELD_LABEL);
            GridPane.setValignment(caption, javafx.geometry.VPos.TOP);
            caption.setPadding(new Insets(5, 0, 0, 0));
            grid.add(caption, 0, row);
            if (field instanceof Region region) {
                region.setMaxWidth(field instanceof ComboBox ? Region.USE_PREF_SIZE : Double.MAX_VALUE);
            }
            GridPane.setMargin(field, new Insets(3, 0, 3, 0));
            GridPane.setMargin(caption, new Insets(3, 0, 3, 0));
            grid.add(field, 1, row++);
            List<Node> parts = new java.util.ArrayList<>(List.of(caption, field));
            if (about != null) {
                Label error = errorLabel(form, about);
                grid.add(error, 1, row++);
                parts.add(error);
            }
            if (shown != null) {
                for (Node part : parts) {
                    part.visibleProperty().unbind();
                    part.managedProperty().unbind();
                    if (part instanceof Label shownLabel && shownLabel.getStyleClass().contains(ERROR)) {
                        part.visibleProperty().bind(shownLabel.textProperty().isNotEmpty().and(shown));
                    } else {
                        part.visibleProperty().bind(Bindings.createBooleanBinding(shown::get, shown));
                    }
                    part.managedProperty().bind(part.visibleProperty());
                }
            }
        }
    }

    private static Label errorLabel(SourceForm form, SourceForm.Field field) {
        Label error = new Label();
        error.setId("source-error-" + field.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        error.getStyleClass().add(ERROR);
        error.setWrapText(true);
        error.setMinHeight(Region.USE_PREF_SIZE);
        error.setMaxWidth(Double.MAX_VALUE);
        error.setGraphic(new FontIcon(Feather.ALERT_CIRCLE));
        error.textProperty().bind(form.errorProperty(field));
        error.visibleProperty().bind(error.textProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        return error;
    }

    private static TextField text(String id, StringProperty property, String prompt) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.textProperty().bindBidirectional(property);
        return field;
    }

    private static HBox grow(Region main, Node... after) {
        HBox.setHgrow(main, Priority.ALWAYS);
        main.setMaxWidth(Double.MAX_VALUE);
        HBox box = new HBox(8, main);
        box.getChildren().addAll(after);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    // Status

    private Region statusBar() {
        Label schedule = new Label();
        schedule.setId("source-schedule-status");
        schedule.setGraphic(new FontIcon(Feather.CLOCK));
        schedule.textProperty().bind(viewModel.scheduleProperty());
        schedule.visibleProperty().bind(viewModel.scheduleProperty().isNotEmpty());
        schedule.managedProperty().bind(schedule.visibleProperty());
        Label status = new Label();
        status.setId("source-status");
        status.getStyleClass().add(MUTED);
        status.setMinWidth(0);
        status.textProperty().bind(viewModel.statusProperty());
        HBox.setHgrow(status, Priority.ALWAYS);
        status.setMaxWidth(Double.MAX_VALUE);
        ProgressBar progress = new ProgressBar();
        progress.setId("source-progress");
        progress.setPrefWidth(160);
        progress.progressProperty().bind(viewModel.progressProperty());
        progress.visibleProperty().bind(viewModel.busyProperty());
        progress.managedProperty().bind(progress.visibleProperty());
        Button cancel = button("Cancel", Feather.X_CIRCLE, "source-cancel");
        cancel.visibleProperty().bind(viewModel.busyProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        cancel.setOnAction(e -> viewModel.cancel());
        HBox bar = new HBox(12, schedule, status, progress, cancel);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add(STATUS_BAR);
        return bar;
    }

    // Parts

    private static Label banner(String id, ObservableStringValue text) {
        Label banner = new Label();
        banner.setId(id);
        banner.getStyleClass().add(BANNER);
        banner.setWrapText(true);
        banner.setMaxWidth(Double.MAX_VALUE);
        banner.setMinHeight(Region.USE_PREF_SIZE);
        banner.textProperty().bind(text);
        banner.visibleProperty().bind(banner.textProperty().isNotEmpty());
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }

    private static <S> TableColumn<S, String> column(String title, double width, Function<S, String> value) {
        TableColumn<S, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        return column;
    }

    private static <S> TableCell<S, String> tooltipCell(Function<String, String> tip) {
        return new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                setTooltip(empty || text == null || text.isEmpty() ? null : new Tooltip(tip.apply(text)));
            }
        };
    }

    private static Button button(String text, Feather icon, String id) {
        Button button = new Button(text, new FontIcon(icon));
        button.setId(id);
        return button;
    }
}
