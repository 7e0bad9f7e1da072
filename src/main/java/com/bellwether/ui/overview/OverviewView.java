package com.bellwether.ui.overview;

import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.stream.Collectors;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import com.bellwether.app.DatabaseInfo;
import com.bellwether.app.ImportRun;

/** What the database holds and the imports into it, with the way to import more or to load the sample data. */
public final class OverviewView {

    static final String HEADER = "bw-header";
    static final String TITLE = "bw-title";
    static final String SUBTITLE = "bw-subtitle";
    static final String CARD = "bw-card";
    static final String CARD_TITLE = "bw-card-title";
    static final String NOTICE = "bw-notice";
    static final String STATUS_BAR = "bw-status-bar";

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final OverviewViewModel viewModel;
    private final Runnable openImport;
    private final BorderPane root = new BorderPane();
    private final javafx.scene.Node sources;

    /** @param openImport shows the import screen, where every import is chosen, checked and run */
    public OverviewView(OverviewViewModel viewModel, Runnable openImport) {
        this(viewModel, openImport, null);
    }

    /** @param sources the Sources section, shown on a tab beside what the database holds; null: none */
    public OverviewView(OverviewViewModel viewModel, Runnable openImport, javafx.scene.Node sources) {
        this.viewModel = viewModel;
        this.openImport = openImport;
        this.sources = sources;
        root.setTop(header());
        root.setCenter(content());
        root.setBottom(statusBar());
    }

    public Parent root() {
        return root;
    }

    private Region header() {
        Label title = new Label("Data");
        title.getStyleClass().add(TITLE);
        Label subtitle = new Label(sources == null ? "What the database holds, and imports into it"
                : "What the database holds, the imports into it, and the sources it syncs from");
        subtitle.getStyleClass().add(SUBTITLE);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label database = new Label(viewModel.location().displayName());
        database.setId("database-location");
        database.getStyleClass().add(SUBTITLE);
        HBox header = new HBox(12, title, subtitle, spacer, database);
        header.setAlignment(Pos.BASELINE_LEFT);
        header.getStyleClass().add(HEADER);
        return header;
    }

    private Region content() {
        Button importData = new Button("Import your data…", new org.kordamp.ikonli.javafx.FontIcon(
                org.kordamp.ikonli.feather.Feather.UPLOAD));
        importData.setId("open-import");
        importData.setOnAction(e -> openImport.run());
        Button sample = new Button("Load sample data");
        sample.setId("load-sample");
        sample.setOnAction(e -> viewModel.loadSampleData());
        sample.disableProperty().bind(viewModel.busyProperty());
        HBox actions = new HBox(8, importData, sample);

        Label notice = new Label();
        notice.setId("notice");
        notice.setWrapText(true);
        notice.getStyleClass().add(NOTICE);
        notice.setMinHeight(Region.USE_PREF_SIZE);
        notice.setMaxWidth(Double.MAX_VALUE);
        notice.textProperty().bind(viewModel.noticeProperty());
        notice.visibleProperty().bind(viewModel.noticeProperty().isNotEmpty());
        notice.managedProperty().bind(notice.visibleProperty());

        HBox cards = new HBox(16, tablesCard(), importsCard());
        VBox.setVgrow(cards, Priority.ALWAYS);
        VBox content = new VBox(16, actions, notice, cards);
        content.setPadding(new Insets(16));
        if (sources == null) {
            return content;
        }
        javafx.scene.control.Tab database = new javafx.scene.control.Tab("Database", content);
        database.setId("tab-database");
        database.setGraphic(new org.kordamp.ikonli.javafx.FontIcon(org.kordamp.ikonli.feather.Feather.DATABASE));
        VBox sourcesPane = new VBox(sources);
        VBox.setVgrow(sources, Priority.ALWAYS);
        sourcesPane.setPadding(new Insets(12, 16, 10, 16));
        javafx.scene.control.Tab sourcesTab = new javafx.scene.control.Tab("Sources", sourcesPane);
        sourcesTab.setId("tab-sources");
        sourcesTab.setGraphic(new org.kordamp.ikonli.javafx.FontIcon(org.kordamp.ikonli.feather.Feather.RSS));
        javafx.scene.control.TabPane tabs = new javafx.scene.control.TabPane(database, sourcesTab);
        tabs.setId("data-tabs");
        tabs.setTabClosingPolicy(javafx.scene.control.TabPane.TabClosingPolicy.UNAVAILABLE);
        return tabs;
    }

    private Region tablesCard() {
        TableView<Map.Entry<String, Long>> tables = new TableView<>();
        tables.setId("table-counts");
        tables.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        tables.setFixedCellSize(30);
        tables.setPrefWidth(300);
        TableColumn<Map.Entry<String, Long>, String> name = new TableColumn<>("Table");
        name.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().getKey()));
        name.setPrefWidth(160);
        TableColumn<Map.Entry<String, Long>, String> rows = new TableColumn<>("Rows");
        rows.setCellValueFactory(c -> new ReadOnlyStringWrapper(String.format("%,d", c.getValue().getValue())));
        rows.setPrefWidth(120);
        rows.getStyleClass().add("bw-numeric");
        tables.getColumns().add(name);
        tables.getColumns().add(rows);
        tables.setPlaceholder(new Label("Opening the database…"));
        viewModel.summaryProperty().addListener((o, old, summary) ->
                tables.getItems().setAll(summary.rowsPerTable().entrySet()));

        Label span = new Label();
        span.setId("date-span");
        span.textProperty().bind(Bindings.createStringBinding(() -> describeSpan(viewModel.summaryProperty().get()),
                viewModel.summaryProperty()));
        VBox.setVgrow(tables, Priority.ALWAYS);
        return card("What the database holds", tables, span);
    }

    private static String describeSpan(DatabaseInfo summary) {
        if (summary == null) {
            return "";
        }
        return summary.firstDate() == null ? "No dated data yet."
                : "Data from " + summary.firstDate() + " to " + summary.lastDate() + ".";
    }

    private Region importsCard() {
        TableView<ImportRun> imports = new TableView<>(viewModel.recentImports());
        imports.setId("imports");
        imports.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<ImportRun, Number> id = new TableColumn<>("Run");
        id.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().runId()));
        id.setPrefWidth(50);
        id.setMinWidth(45);
        id.setMaxWidth(60);
        id.getStyleClass().add("bw-numeric");
        TableColumn<ImportRun, String> when = new TableColumn<>("When");
        when.setCellValueFactory(c -> new ReadOnlyStringWrapper(
                c.getValue().finishedAt().atZoneSameInstant(java.time.ZoneId.systemDefault()).format(WHEN)));
        when.setPrefWidth(130);
        when.setMinWidth(125);
        when.setMaxWidth(150);
        TableColumn<ImportRun, String> mapping = new TableColumn<>("Mapping");
        mapping.setPrefWidth(100);
        mapping.setMinWidth(85);
        mapping.setMaxWidth(130);
        mapping.setCellValueFactory(c -> new ReadOnlyStringWrapper(
                c.getValue().mappingName() == null ? "canonical" : c.getValue().mappingName()));
        TableColumn<ImportRun, String> files = new TableColumn<>("Records");
        files.setCellValueFactory(c -> new ReadOnlyStringWrapper(String.format("%,d from %d file%s",
                c.getValue().files().stream().mapToLong(ImportRun.FileCount::rowsWritten).sum(),
                c.getValue().files().size(), c.getValue().files().size() == 1 ? "" : "s")));
        files.setPrefWidth(170);
        // On a narrow window the source's path gives way; the run, time and counts stay readable.
        files.setMinWidth(140);
        files.setMaxWidth(190);
        // The count per file, on hover.
        files.setCellFactory(column -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                ImportRun run = empty || getTableRow() == null ? null : getTableRow().getItem();
                setTooltip(run == null ? null : new javafx.scene.control.Tooltip(run.files().stream()
                        .map(f -> String.format("%s: %,d %s", f.fileName(), f.rowsWritten(), f.entity()))
                        .collect(Collectors.joining("\n"))));
            }
        });
        TableColumn<ImportRun, String> source = new TableColumn<>("From");
        source.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().source()));
        imports.getColumns().add(id);
        imports.getColumns().add(when);
        imports.getColumns().add(mapping);
        imports.getColumns().add(files);
        imports.getColumns().add(source);
        imports.setPlaceholder(new Label("No import yet."));
        VBox.setVgrow(imports, Priority.ALWAYS);
        Region card = card("Imports", imports);
        HBox.setHgrow(card, Priority.ALWAYS);
        return card;
    }

    private static Region card(String title, javafx.scene.Node... children) {
        Label heading = new Label(title);
        heading.getStyleClass().add(CARD_TITLE);
        VBox card = new VBox(8, heading);
        card.getChildren().addAll(children);
        card.getStyleClass().add(CARD);
        return card;
    }

    private Region statusBar() {
        Label status = new Label();
        status.setId("status");
        status.textProperty().bind(viewModel.statusProperty());
        ProgressBar progress = new ProgressBar();
        progress.setId("progress");
        progress.progressProperty().bind(viewModel.progressProperty());
        progress.visibleProperty().bind(viewModel.busyProperty());
        Button cancel = new Button("Cancel");
        cancel.setId("cancel");
        cancel.visibleProperty().bind(viewModel.busyProperty());
        cancel.setOnAction(e -> viewModel.cancel());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, status, spacer, progress, cancel);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add(STATUS_BAR);
        return bar;
    }
}
