package com.bellwether.ui.tuning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;

import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.CheckBoxTableCell;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import javafx.util.converter.DoubleStringConverter;

import org.controlsfx.control.RangeSlider;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import com.bellwether.ui.help.HelpTips;
import com.bellwether.ui.help.Term;
import com.bellwether.ui.StartupTrace;
import com.bellwether.backtest.BacktestFrame;
import com.bellwether.scoring.Band;
import com.bellwether.scoring.HealthModel;
import com.bellwether.app.ActivationImpact;
import com.bellwether.app.ModelVersion;
import com.bellwether.domain.Plurals;

/**
 * The live what-if: sliders for category weights per stage with locks, a range slider for the cut-offs, the
 * measures on or off with their scales; beside them the score histogram, the band totals, the backtest headline and
 * the accounts that would change band, all repainted after every move.
 */
public final class TuningView {

    static final String CARD = "bw-card";
    static final String CARD_TITLE = "bw-card-title";
    static final String HINT = "bw-hint";
    static final String NUMERIC = "bw-numeric";
    static final String FIGURE = "bw-figure";
    static final String FIGURE_VALUE = "bw-figure-value";
    static final String DELTA_UP = "bw-delta-up";
    static final String DELTA_DOWN = "bw-delta-down";
    static final String HISTOGRAM = "bw-breakdown";
    static final String PROPOSAL = "bw-proposal";
    static final String INHERITED = "bw-inherited";
    static final String ERROR = "bw-error";
    static final String IMPACT = "bw-impact";

    /** Logs the time from an edit to the repaint that shows it, when the system property bellwether.timings is true. */
    private static final Logger TIMINGS = Logger.getLogger("bellwether.timings");

    private final TuningViewModel viewModel;
    private final VBox root = new VBox(10);
    private final Map<String, Slider> sliders = new LinkedHashMap<>();
    private final Map<String, Label> shares = new LinkedHashMap<>();
    private final Map<String, Label> inheritedTags = new LinkedHashMap<>();
    private final RangeSlider bands = new RangeSlider(0, 100, 40, 70);
    private final Label bandsText = new Label();
    private final Label bandsInherited = new Label("inherited from the model until moved");
    private final ObservableList<MeasureRow> measures = FXCollections.observableArrayList();
    private final ObservableList<PointRow> scalePoints = FXCollections.observableArrayList();
    private final TableView<MeasureRow> measureTable = new TableView<>(measures);
    private final XYChart.Series<String, Number>[] histogram = newHistogram();
    private final com.bellwether.ui.Dialogs dialogs;
    private final Map<String, Label> figures = new LinkedHashMap<>();
    private final Map<String, Label> deltas = new LinkedHashMap<>();
    private final Label[] bandTotals = {new Label(), new Label(), new Label()};
    private final Label changeSummary = new Label();
    private final TableView<TuningViewModel.BandChange> changes = new TableView<>();
    private final javafx.scene.control.ListView<String> modelChanges = new javafx.scene.control.ListView<>();
    private final VBox proposalBox = new VBox(8);
    /** Set while the controls are brought in line with the draft, so that doing so is not taken for an edit. */
    private boolean syncing;
    private String scaleMeasure;

    /** Dialogs choose where a chart's picture is saved. */
    public TuningView(TuningViewModel viewModel, com.bellwether.ui.Dialogs dialogs) {
        this.viewModel = viewModel;
        this.dialogs = dialogs;
        root.getStylesheets().add(TuningView.class.getResource("tuning.css").toExternalForm());
        root.setPadding(new Insets(16));

        Label title = new Label("Tuning");
        title.getStyleClass().add("bw-screen-title");
        Label status = new Label();
        status.setId("tuning-status");
        status.textProperty().bind(viewModel.statusProperty());
        status.setWrapText(true);
        // A failure reads as one: red, where the screen says what it is doing.
        viewModel.failedProperty().addListener((o, was, failed) -> {
            status.getStyleClass().remove(ERROR);
            if (failed) {
                status.getStyleClass().add(ERROR);
            }
        });
        ProgressBar progress = new ProgressBar();
        progress.progressProperty().bind(viewModel.progressProperty());
        progress.visibleProperty().bind(viewModel.busyProperty());
        progress.managedProperty().bind(viewModel.busyProperty());
        Button cancel = button("Cancel", Feather.X_CIRCLE, "tuning-cancel", viewModel::cancel);
        cancel.visibleProperty().bind(viewModel.busyProperty());
        cancel.managedProperty().bind(viewModel.busyProperty());
        HBox heading = new HBox(12, title, progress, cancel, status);
        heading.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(status, Priority.ALWAYS);

        SplitPane split = new SplitPane(editors(), results());
        split.setDividerPositions(0.38);
        VBox.setVgrow(split, Priority.ALWAYS);
        javafx.scene.layout.FlowPane bar = toolbar();
        VBox empty = emptyState();
        // Until a portfolio is scored there is no draft: the screen says how to get one rather than showing dead controls.
        for (javafx.scene.Node part : List.of(bar, split)) {
            part.visibleProperty().bind(viewModel.draftProperty().isNotNull());
            part.managedProperty().bind(part.visibleProperty());
        }
        empty.visibleProperty().bind(viewModel.draftProperty().isNull());
        empty.managedProperty().bind(empty.visibleProperty());
        root.getChildren().addAll(heading, empty, bar, split);

        viewModel.draftProperty().addListener((o, old, draft) -> {
            sync();
            // The scale shown follows the draft (undo, redo, revert), so the next point edited starts from it.
            if (draft != null && scaleMeasure != null) {
                showScale(measureTable.getSelectionModel().getSelectedItem());
            }
        });
        viewModel.scopeProperty().addListener((o, old, scope) -> sync());
        viewModel.locked().addListener((javafx.collections.SetChangeListener<String>) change -> sync());
        viewModel.previewProperty().addListener((o, old, preview) -> show(preview));
        viewModel.proposalProperty().addListener((o, old, proposal) -> showProposal(proposal));
        root.addEventFilter(KeyEvent.KEY_PRESSED, this::shortcuts);
        // Built after a draft was loaded: show it as it stands.
        sync();
        show(viewModel.previewProperty().get());
        showProposal(viewModel.proposalProperty().get());
    }

    public Parent root() {
        return root;
    }

    private VBox emptyState() {
        Label title = new Label("Nothing to tune yet");
        title.getStyleClass().add("bw-empty-title");
        Label text = new Label("Tuning starts from the active model over the scored portfolio. Import data on the Data"
                + " screen (or the sample portfolio); once the portfolio is scored, its weights, cut-offs and measures"
                + " appear here to edit, with the figures they would give.");
        text.setWrapText(true);
        text.setMaxWidth(620);
        VBox box = new VBox(10, title, text);
        box.setId("tuning-empty");
        box.getStyleClass().add("bw-empty-state");
        return box;
    }

    /** The window's save shortcut: focuses the version name when there is none yet, else saves. */
    public void save() {
        saveAction.run();
    }

    private Runnable saveAction = () -> { };

    // The toolbar: scope, history, comparison, suggestions, save

    private javafx.scene.layout.FlowPane toolbar() {
        ComboBox<String> scope = new ComboBox<>();
        scope.setId("tuning-scope");
        scope.getItems().add(TuningViewModel.MODEL_SCOPE);
        scope.getItems().addAll(HealthModel.STAGE_IDS);
        scope.setConverter(new StringConverter<>() {
            @Override
            public String toString(String id) {
                if (id == null || id.isEmpty()) {
                    return "Every stage (the model)";
                }
                return viewModel.draftProperty().get() == null ? id : "Stage: " + viewModel.draftProperty().get().stageLabel(id);
            }

            @Override
            public String fromString(String text) {
                return text;
            }
        });
        scope.valueProperty().bindBidirectional(viewModel.scopeProperty());
        scope.setTooltip(new Tooltip("Edit the model's weights and cut-offs, or one lifecycle stage's overrides"));

        Button undo = button("Undo", Feather.CORNER_UP_LEFT, "tuning-undo", viewModel::undo);
        undo.disableProperty().bind(viewModel.canUndoProperty().not());
        undo.setTooltip(new Tooltip("Undo the last edit (Ctrl+Z)"));
        Button redo = button("Redo", Feather.CORNER_UP_RIGHT, "tuning-redo", viewModel::redo);
        redo.disableProperty().bind(viewModel.canRedoProperty().not());
        redo.setTooltip(new Tooltip("Redo (Ctrl+Y)"));
        Button revert = button("Revert", Feather.ROTATE_CCW, "tuning-revert", viewModel::revert);
        revert.disableProperty().bind(viewModel.dirtyProperty().not());
        revert.setTooltip(new Tooltip("Back to the active version (undoable)"));

        ComboBox<ModelVersion> compare = new ComboBox<>(viewModel.versions());
        compare.setId("tuning-compare");
        compare.valueProperty().bindBidirectional(viewModel.compareWithProperty());
        compare.setCellFactory(list -> new VersionCell());
        compare.setButtonCell(new VersionCell());
        compare.setTooltip(new Tooltip("The saved version the draft's figures and band changes are compared with"));
        Label compareLabel = new Label("Compare with");
        HelpTips.install(compareLabel, Term.MODEL_VERSION, Term.ACTIVE_VERSION);

        Button suggestWeights = button("Suggest weights", Feather.TRENDING_UP, "tuning-suggest-weights", viewModel::suggestWeights);
        Button suggestBands = button("Suggest cut-off", Feather.SLIDERS, "tuning-suggest-bands", viewModel::suggestBands);
        suggestWeights.disableProperty().bind(viewModel.busyProperty());
        suggestBands.disableProperty().bind(viewModel.busyProperty());

        TextField name = new TextField();
        name.setId("tuning-version-name");
        name.setPromptText("New version's name");
        name.setPrefColumnCount(12);
        TextField note = new TextField();
        note.setId("tuning-version-note");
        note.setPromptText("Note (why)");
        note.setPrefColumnCount(14);
        Button save = button("Save version", Feather.SAVE, "tuning-save", () -> {
            viewModel.save(name.getText(), note.getText());
            name.clear();
            note.clear();
        });
        save.disableProperty().bind(viewModel.dirtyProperty().not().or(name.textProperty().isEmpty()).or(viewModel.busyProperty()));
        save.setTooltip(new Tooltip("Save the draft as a new version (Ctrl+S). Saving does not make it active:"
                + " choose Activate… under Model versions for that"));
        saveAction = () -> {
            if (name.getText().isBlank()) {
                name.requestFocus();
            } else if (!save.isDisabled()) {
                save.fire();
            }
        };
        HBox history = new HBox(6, scope, undo, redo, revert);
        HBox comparing = new HBox(6, compareLabel, compare);
        HBox suggesting = new HBox(6, suggestWeights, suggestBands);
        HBox saving = new HBox(6, name, note, save);
        for (HBox group : List.of(history, comparing, suggesting, saving)) {
            group.setAlignment(Pos.CENTER_LEFT);
            group.getChildren().forEach(n -> {
                if (n instanceof Region r) {
                    r.setMinWidth(Region.USE_PREF_SIZE);
                }
            });
        }
        // Groups wrap onto a second line on a narrow window rather than cutting their labels short.
        javafx.scene.layout.FlowPane bar = new javafx.scene.layout.FlowPane(16, 8, history, comparing, suggesting, saving);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private void shortcuts(KeyEvent event) {
        if (new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN).match(event)) {
            viewModel.undo();
            event.consume();
        } else if (new KeyCodeCombination(KeyCode.Y, KeyCombination.SHORTCUT_DOWN).match(event)
                || new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN).match(event)) {
            viewModel.redo();
            event.consume();
        }
    }

    // The editors

    private ScrollPane editors() {
        VBox weights = card("Category weights", "Shares of the total; a lock keeps a share put while others move.");
        weights.setId("tuning-weights");
        HelpTips.install(weights.getChildren().get(0), Term.WEIGHT, Term.CATEGORY);
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        // The rows are made when the first draft arrives, and made again for a draft of other categories or measures
        // (a version with a different shape, activated elsewhere); the model decides them.
        viewModel.draftProperty().addListener(new ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends HealthModel> o, HealthModel old, HealthModel draft) {
                if (draft != null && !shapeOf(draft).equals(builtShape)) {
                    buildRows(grid, draft);
                    sync();
                }
            }
        });
        Label refusal = new Label();
        refusal.setId("tuning-weight-refusal");
        refusal.setWrapText(true);
        refusal.getStyleClass().add(ERROR);
        refusal.textProperty().bind(viewModel.weightRefusalProperty());
        refusal.visibleProperty().bind(viewModel.weightRefusalProperty().isNotNull());
        refusal.managedProperty().bind(refusal.visibleProperty());
        // A refused move puts the sliders back where the draft has them, the one being dragged too.
        viewModel.weightRefusalProperty().addListener((o, old, why) -> {
            if (why != null) {
                javafx.application.Platform.runLater(() -> sync(true));
            }
        });
        weights.getChildren().addAll(grid, refusal);
        if (viewModel.draftProperty().get() != null) {
            buildRows(grid, viewModel.draftProperty().get());
        }

        VBox cutoffs = card("Band cut-offs", "Red below the left thumb, yellow below the right, green above.");
        HelpTips.install(cutoffs.getChildren().get(0), Term.BAND_CUT_OFF);
        bands.setId("tuning-bands");
        bands.setShowTickLabels(true);
        bands.setShowTickMarks(true);
        bands.setMajorTickUnit(10);
        bands.setBlockIncrement(1);
        bands.lowValueProperty().addListener((o, old, v) -> bandsMoved(bands.isLowValueChanging() || bands.isHighValueChanging()));
        bands.highValueProperty().addListener((o, old, v) -> bandsMoved(bands.isLowValueChanging() || bands.isHighValueChanging()));
        // Dragging the bar between the thumbs moves both; the move ends once neither is changing.
        bands.lowValueChangingProperty().addListener((o, was, changing) -> {
            if (!changing && !bands.isHighValueChanging()) {
                bandsMoved(false);
            }
        });
        bands.highValueChangingProperty().addListener((o, was, changing) -> {
            if (!changing && !bands.isLowValueChanging()) {
                bandsMoved(false);
            }
        });
        bandsText.setId("tuning-bands-text");
        bandsText.getStyleClass().add(NUMERIC);
        bandsInherited.getStyleClass().add(INHERITED);
        bandsInherited.managedProperty().bind(bandsInherited.visibleProperty());
        bandsText.setMinWidth(Region.USE_PREF_SIZE);
        Button resetStage = button("Reset stage to the model", Feather.REFRESH_CW, "tuning-reset-stage", viewModel::resetStage);
        resetStage.disableProperty().bind(viewModel.scopeProperty().isEmpty());
        HBox bandsRow = new HBox(10, bandsText, bandsInherited);
        bandsRow.setAlignment(Pos.CENTER_LEFT);
        cutoffs.getChildren().addAll(bands, bandsRow, resetStage);

        VBox measureCard = card("Measures", "Switch a measure off, or select it to edit its scale (raw value → score).");
        HelpTips.install(measureCard.getChildren().get(0), Term.MEASURE, Term.SCALE);
        measureTable.setId("tuning-measures");
        measureTable.setEditable(true);
        measureTable.setPrefHeight(250);
        measureTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        TableColumn<MeasureRow, Boolean> on = new TableColumn<>("On");
        on.setCellValueFactory(c -> c.getValue().enabled);
        on.setCellFactory(CheckBoxTableCell.forTableColumn(on));
        on.setEditable(true);
        on.setMaxWidth(50);
        on.setMinWidth(44);
        TableColumn<MeasureRow, String> label = new TableColumn<>("Measure");
        label.setCellValueFactory(c -> new javafx.beans.property.SimpleStringProperty(c.getValue().label));
        TableColumn<MeasureRow, String> category = new TableColumn<>("Category");
        category.setCellValueFactory(c -> new javafx.beans.property.SimpleStringProperty(c.getValue().category));
        category.setMinWidth(95);
        TableColumn<MeasureRow, String> share = new TableColumn<>("Share");
        share.setId("tuning-measure-share");
        share.setCellValueFactory(c -> c.getValue().share);
        share.setMaxWidth(80);
        share.setMinWidth(70);
        share.getStyleClass().add(NUMERIC);
        measureTable.getColumns().add(on);
        measureTable.getColumns().add(label);
        measureTable.getColumns().add(share);
        measureTable.getColumns().add(category);
        measureTable.getSelectionModel().selectedItemProperty().addListener((o, old, row) -> showScale(row));

        TableView<PointRow> scale = new TableView<>(scalePoints);
        scale.setId("tuning-scale");
        scale.setEditable(true);
        scale.setPrefHeight(150);
        scale.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        scale.setPlaceholder(new Label("Select a measure"));
        TableColumn<PointRow, Double> raw = new TableColumn<>("Raw value");
        raw.setCellValueFactory(c -> c.getValue().raw.asObject());
        raw.setCellFactory(TextFieldTableCell.forTableColumn(new DoubleStringConverter()));
        raw.setOnEditCommit(e -> {
            e.getRowValue().raw.set(e.getNewValue() == null ? e.getOldValue() : e.getNewValue());
            applyScale();
        });
        TableColumn<PointRow, Double> points = new TableColumn<>("Score");
        points.setCellValueFactory(c -> c.getValue().score.asObject());
        points.setCellFactory(TextFieldTableCell.forTableColumn(new DoubleStringConverter()));
        points.setOnEditCommit(e -> {
            e.getRowValue().score.set(e.getNewValue() == null ? e.getOldValue() : e.getNewValue());
            applyScale();
        });
        scale.getColumns().add(raw);
        scale.getColumns().add(points);
        Button addPoint = button("Add point", Feather.PLUS, "tuning-scale-add", () -> {
            if (!scalePoints.isEmpty()) {
                PointRow last = scalePoints.get(scalePoints.size() - 1);
                scalePoints.add(new PointRow(last.raw.get() + 1, last.score.get()));
                applyScale();
            }
        });
        Button removePoint = button("Remove point", Feather.MINUS, "tuning-scale-remove", () -> {
            PointRow selected = scale.getSelectionModel().getSelectedItem();
            if (selected != null && scalePoints.size() > 2) {
                scalePoints.remove(selected);
                applyScale();
            }
        });
        removePoint.disableProperty().bind(scale.getSelectionModel().selectedItemProperty().isNull());
        addPoint.disableProperty().bind(measureTable.getSelectionModel().selectedItemProperty().isNull());
        measureCard.getChildren().addAll(measureTable, scale, new HBox(8, addPoint, removePoint));

        VBox column = new VBox(12, weights, cutoffs, measureCard);
        column.setPadding(new Insets(4, 12, 4, 4));
        ScrollPane scroll = new ScrollPane(column);
        scroll.setFitToWidth(true);
        scroll.setMinWidth(380);
        return scroll;
    }

    /** The categories and measures a model's rows are made for. */
    private static List<String> shapeOf(HealthModel model) {
        List<String> shape = new ArrayList<>();
        model.categories().forEach(c -> shape.add("category " + c.id() + " " + c.label()));
        model.measures().forEach(m -> shape.add("measure " + m.id() + " " + m.label() + " " + m.category()));
        return shape;
    }

    private List<String> builtShape = List.of();

    private void buildRows(GridPane grid, HealthModel model) {
        grid.getChildren().clear();
        sliders.clear();
        shares.clear();
        inheritedTags.clear();
        measures.clear();
        viewModel.locked().retainAll(model.categories().stream().map(HealthModel.Category::id).toList());
        buildWeightRows(grid, model);
        buildMeasureRows(model);
        builtShape = shapeOf(model);
    }

    private void buildWeightRows(GridPane grid, HealthModel model) {
        int row = 0;
        for (HealthModel.Category category : model.categories()) {
            String id = category.id();
            Label name = new Label(category.label());
            name.setMinWidth(90);
            Slider slider = new Slider(0, 100, 0);
            slider.setId("weight-" + id);
            slider.setBlockIncrement(1);
            slider.setMajorTickUnit(25);
            slider.setShowTickMarks(true);
            GridPane.setHgrow(slider, Priority.ALWAYS);
            slider.valueProperty().addListener((o, old, value) -> {
                if (!syncing) {
                    viewModel.setWeight(id, value.doubleValue(), slider.isValueChanging());
                }
            });
            // A drag along the track (not the thumb) is one move too.
            slider.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_PRESSED, e -> slider.setValueChanging(true));
            slider.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_RELEASED, e -> slider.setValueChanging(false));
            slider.valueChangingProperty().addListener((o, was, changing) -> {
                if (!changing && !syncing) {
                    viewModel.setWeight(id, slider.getValue(), false);
                    if (viewModel.weightRefusalProperty().get() != null) {
                        sync(true);
                    }
                }
            });
            Label share = new Label();
            share.setId("share-" + id);
            HelpTips.install(share, Term.WEIGHT);
            share.getStyleClass().add(NUMERIC);
            // Wide enough for "100.0%" in the figures' font, whatever the share.
            share.setMinWidth(Region.USE_PREF_SIZE);
            share.setAlignment(Pos.CENTER_RIGHT);
            ToggleButton lock = new ToggleButton();
            lock.setId("lock-" + id);
            lock.setGraphic(new FontIcon(Feather.UNLOCK));
            lock.setTooltip(new Tooltip("Keep " + category.label() + "'s share while others move"));
            lock.selectedProperty().addListener((o, was, on) -> {
                lock.setGraphic(new FontIcon(on ? Feather.LOCK : Feather.UNLOCK));
                if (on) {
                    viewModel.locked().add(id);
                } else {
                    viewModel.locked().remove(id);
                }
            });
            // Rows made again keep the locks the view model still holds.
            lock.setSelected(viewModel.locked().contains(id));
            Label inherited = new Label("inherited");
            inherited.getStyleClass().add(INHERITED);
            inherited.setMinWidth(60);
            grid.addRow(row++, name, slider, share, lock, inherited);
            sliders.put(id, slider);
            shares.put(id, share);
            inheritedTags.put(id, inherited);
        }
    }

    private void buildMeasureRows(HealthModel model) {
        for (HealthModel.Measure m : model.measures()) {
            MeasureRow row = new MeasureRow(m.id(), m.label(), model.categoryLabel(m.category()));
            row.enabled.addListener((o, was, on) -> {
                if (!syncing) {
                    viewModel.setMeasureEnabled(row.id, on);
                }
            });
            measures.add(row);
        }
    }

    private void bandsMoved(boolean dragging) {
        if (!syncing) {
            viewModel.setBands(bands.getLowValue(), bands.getHighValue(), dragging);
        }
    }

    private void showScale(MeasureRow row) {
        scaleMeasure = row == null ? null : row.id;
        List<PointRow> rows = new ArrayList<>();
        if (row != null) {
            for (HealthModel.Measure m : viewModel.draftProperty().get().measures()) {
                if (m.id().equals(row.id)) {
                    m.scale().forEach(p -> rows.add(new PointRow(p[0], p[1])));
                }
            }
        }
        scalePoints.setAll(rows);
    }

    private void applyScale() {
        if (scaleMeasure == null) {
            return;
        }
        List<double[]> points = new ArrayList<>();
        scalePoints.forEach(p -> points.add(new double[] {p.raw.get(), p.score.get()}));
        if (!viewModel.setScale(scaleMeasure, points)) {
            // Refused: show the scale as it stands; the reason is in the status line.
            showScale(measureTable.getSelectionModel().getSelectedItem());
        }
    }

    /** Brings every control in line with the draft and the scope. */
    private void sync() {
        sync(false);
    }

    /** The same; {@code force}: a slider being dragged is put back too (its move was refused). */
    private void sync(boolean force) {
        HealthModel draft = viewModel.draftProperty().get();
        if (draft == null || sliders.isEmpty()) {
            return;
        }
        syncing = true;
        try {
            double[] percent = viewModel.percentages();
            int i = 0;
            for (HealthModel.Category category : draft.categories()) {
                Slider slider = sliders.get(category.id());
                if (force || !slider.isValueChanging()) {
                    slider.setValue(percent[i]);
                }
                shares.get(category.id()).setText(String.format(Locale.ROOT, "%.1f%%", percent[i]));
                inheritedTags.get(category.id()).setVisible(viewModel.inherits(category.id()));
                i++;
            }
            HealthModel.Bands b = viewModel.bands();
            if (!bands.isLowValueChanging() && !bands.isHighValueChanging()) {
                bands.setHighValue(100);
                bands.setLowValue(b.red());
                bands.setHighValue(b.yellow());
            }
            bandsText.setText(String.format(Locale.ROOT, "Red below %.1f · yellow below %.1f", b.red(), b.yellow()));
            bandsInherited.setVisible(viewModel.inheritsBands());
            for (MeasureRow row : measures) {
                row.enabled.set(viewModel.measureEnabled(row.id));
                row.share.set(String.format(Locale.ROOT, "%.0f%%", viewModel.measureShare(row.id)));
            }
        } finally {
            syncing = false;
        }
    }

    // The results

    private ScrollPane results() {
        VBox headline = card("Backtest", "Past cut-offs scored under the draft; the change is against the compared version.");
        HelpTips.install(headline.getChildren().get(0), Term.BACKTEST, Term.DRAFT);
        // The figures wrap on a narrow window rather than pushing the column wider than the screen.
        javafx.scene.layout.FlowPane figureGrid = new javafx.scene.layout.FlowPane(12, 8);
        String[][] names = {
            {"auc", "ROC AUC"}, {"precision", "Precision at red"}, {"recall", "Recall at red"}, {"lift", "Lift, riskiest 10%"},
            {"rate-red", "Churn rate, red"}, {"rate-yellow", "Churn rate, yellow"}, {"rate-green", "Churn rate, green"}
        };
        for (int i = 0; i < names.length; i++) {
            Label caption = new Label(names[i][1]);
            caption.getStyleClass().add(HINT);
            Label value = new Label("–");
            value.setId("figure-" + names[i][0]);
            value.getStyleClass().addAll(FIGURE_VALUE, NUMERIC);
            // The figure keeps its digits; its change beside it gives way first.
            value.setMinWidth(Region.USE_PREF_SIZE);
            Label delta = new Label();
            delta.setId("delta-" + names[i][0]);
            delta.getStyleClass().add(NUMERIC);
            VBox cell = new VBox(2, caption, new HBox(6, value, delta));
            cell.getStyleClass().add(FIGURE);
            HelpTips.install(cell, figureTerms(names[i][0]));
            cell.setPrefWidth(150);
            cell.setMinWidth(Region.USE_PREF_SIZE);
            figureGrid.getChildren().add(cell);
            figures.put(names[i][0], value);
            deltas.put(names[i][0], delta);
        }
        headline.getChildren().add(figureGrid);

        VBox distribution = card("Scores now", "Live accounts by score under the draft, coloured by band.");
        HelpTips.install(distribution.getChildren().get(0), Term.SCORE, Term.BAND);
        CategoryAxis bins = new CategoryAxis();
        bins.setLabel("Score");
        NumberAxis counts = new NumberAxis();
        counts.setLabel("Accounts");
        StackedBarChart<String, Number> chart = new StackedBarChart<>(bins, counts);
        chart.setId("tuning-histogram");
        chart.getStyleClass().add(HISTOGRAM);
        chart.setAnimated(false);
        chart.setLegendVisible(false);
        chart.setCategoryGap(1);
        chart.setPrefHeight(240);
        chart.getData().addAll(histogram);
        com.bellwether.ui.ChartPicture.install(chart, () -> "Scores now under the draft", viewModel::chartCaption,
                com.bellwether.ui.ChartPicture.saveAs(dialogs, "scores-now.png", viewModel::exportImage));
        for (int i = 0; i < 3; i++) {
            bandTotals[i].setId("total-" + Band.values()[i].id());
            bandTotals[i].getStyleClass().add(NUMERIC);
            bandTotals[i].getStyleClass().add("bw-band-" + Band.values()[i].id());
        }
        HBox totals = new HBox(24, bandTotals);
        distribution.getChildren().addAll(chart, totals);

        VBox changed = card("Band changes", "Double-click an account to open it.");
        HelpTips.install(changed.getChildren().get(0), Term.DRAFT, Term.BAND);
        changeSummary.setId("tuning-change-summary");
        changeSummary.setWrapText(true);
        changes.setId("tuning-changes");
        changes.setPrefHeight(220);
        changes.setPlaceholder(new Label("No account would change band"));
        changes.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<TuningViewModel.BandChange, String> account = new TableColumn<>("Account");
        account.setCellValueFactory(c -> new javafx.beans.property.SimpleStringProperty(c.getValue().name()));
        TableColumn<TuningViewModel.BandChange, String> move = new TableColumn<>("Band");
        move.setCellValueFactory(c -> new javafx.beans.property.SimpleStringProperty(
                c.getValue().from().id() + " → " + c.getValue().to().id()));
        TableColumn<TuningViewModel.BandChange, String> score = new TableColumn<>("Score");
        score.setCellValueFactory(c -> new javafx.beans.property.SimpleStringProperty(String.format(Locale.ROOT, "%.0f → %.0f",
                c.getValue().before(), c.getValue().after())));
        changes.getColumns().add(account);
        changes.getColumns().add(move);
        changes.getColumns().add(score);
        changes.setRowFactory(table -> {
            javafx.scene.control.TableRow<TuningViewModel.BandChange> row = new javafx.scene.control.TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && !row.isEmpty()) {
                    viewModel.open(row.getItem().accountId());
                }
            });
            return row;
        });
        changed.getChildren().addAll(changeSummary, changes);

        VBox edits = card("What the draft changes", "Against the compared version, as the version diff states it.");
        modelChanges.setId("tuning-model-changes");
        modelChanges.setPrefHeight(130);
        modelChanges.setPlaceholder(new Label("The draft is the compared version."));
        edits.getChildren().add(modelChanges);

        proposalBox.getStyleClass().addAll(CARD, PROPOSAL);
        proposalBox.setId("tuning-proposal");
        proposalBox.setVisible(false);
        proposalBox.setManaged(false);

        VBox column = new VBox(12, proposalBox, modelVersions(), headline, distribution, changed, edits, versionDiff());
        column.setPadding(new Insets(4, 4, 4, 12));
        ScrollPane scroll = new ScrollPane(column);
        scroll.setFitToWidth(true);
        resultsScroll = scroll;
        return scroll;
    }

    private ScrollPane resultsScroll;

    /** Scrolls the results so the node's bottom edge (its buttons) is in sight, after the next layout. */
    private void reveal(javafx.scene.Node node) {
        javafx.application.Platform.runLater(() -> {
            ScrollPane scroll = resultsScroll;
            javafx.scene.Node content = scroll.getContent();
            javafx.geometry.Bounds shown = content.sceneToLocal(node.localToScene(node.getBoundsInLocal()));
            double overflow = content.getBoundsInLocal().getHeight() - scroll.getViewportBounds().getHeight();
            if (overflow > 0) {
                double top = scroll.getVvalue() * overflow;
                double bottom = top + scroll.getViewportBounds().getHeight();
                if (shown.getMaxY() > bottom || shown.getMinY() < top) {
                    double wanted = Math.min(shown.getMinY(), shown.getMaxY() - scroll.getViewportBounds().getHeight());
                    scroll.setVvalue(Math.max(0, Math.min(1, Math.max(wanted, 0) / overflow)));
                }
            }
        });
    }

    /**
     * Every saved version (who saved it, when, why, which is active) and Activate…: the difference activating the one
     * selected would make is worked out first and shown here, and nothing changes until the user confirms.
     */
    private VBox modelVersions() {
        VBox card = card("Model versions", "Saving keeps a version beside the active one. Select one, an earlier one"
                + " too, and choose Activate… to see what it would change before it scores the portfolio.");
        card.setId("tuning-versions-card");
        TableView<ModelVersion> table = new TableView<>(viewModel.versions());
        table.setId("tuning-versions");
        table.setPrefHeight(150);
        table.setMinHeight(110);
        // The columns share the card's width on a narrow window rather than widening the column of cards.
        table.setMinWidth(0);
        table.setPrefWidth(300);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No versions yet: they appear once the portfolio is scored."
                + " Import data on the Data screen first."));
        table.getColumns().add(column("Version", 170, v -> v.label()));
        table.getColumns().add(column("Active", 60, v -> v.active() ? "active" : ""));
        table.getColumns().add(column("Saved by", 90, ModelVersion::author));
        table.getColumns().add(column("Saved", 170, v -> v.createdAt() == null ? "" : SAVED_AT.format(
                v.createdAt().withOffsetSameInstant(java.time.ZoneOffset.UTC))));
        table.getColumns().add(column("Note", 160, ModelVersion::note));
        Button activate = button("Activate…", Feather.CHECK_CIRCLE, "tuning-activate", () ->
                viewModel.previewActivation(table.getSelectionModel().getSelectedItem()));
        activate.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull()
                .or(javafx.beans.binding.Bindings.createBooleanBinding(() -> {
                    ModelVersion selected = table.getSelectionModel().getSelectedItem();
                    return selected != null && selected.active();
                }, table.getSelectionModel().selectedItemProperty()))
                .or(viewModel.busyProperty()).or(viewModel.activationProperty().isNotNull()));
        activate.setTooltip(new Tooltip("Show what making the selected version active would change, then confirm"));
        Label hint = new Label();
        hint.getStyleClass().add(HINT);
        hint.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            ModelVersion selected = table.getSelectionModel().getSelectedItem();
            return selected == null ? "Select a version to activate it." : selected.active()
                    ? selected.label() + " is the active model." : "";
        }, table.getSelectionModel().selectedItemProperty()));
        HBox actions = new HBox(10, activate, hint);
        actions.setAlignment(Pos.CENTER_LEFT);
        Label error = new Label();
        error.setId("tuning-activation-error");
        error.setWrapText(true);
        error.getStyleClass().add(ERROR);
        error.textProperty().bind(viewModel.activationErrorProperty());
        error.visibleProperty().bind(viewModel.activationErrorProperty().isNotNull());
        error.managedProperty().bind(error.visibleProperty());
        VBox impact = new VBox(8);
        impact.setId("tuning-activation");
        impact.getStyleClass().add(IMPACT);
        impact.visibleProperty().bind(viewModel.activationProperty().isNotNull());
        impact.managedProperty().bind(impact.visibleProperty());
        viewModel.activationProperty().addListener((o, old, shown) -> {
            showActivation(impact, shown);
            if (shown != null) {
                reveal(impact);
            }
        });
        card.getChildren().addAll(table, actions, error, impact);
        return card;
    }

    private static final java.time.format.DateTimeFormatter SAVED_AT =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT);

    private static TableColumn<ModelVersion, String> column(String title, double width,
                                                            java.util.function.Function<ModelVersion, String> text) {
        TableColumn<ModelVersion, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new javafx.beans.property.SimpleStringProperty(text.apply(c.getValue())));
        column.setPrefWidth(width);
        return column;
    }

    /** The difference activating would make, and the two ways on: confirm or leave the active version be. */
    private void showActivation(VBox box, ActivationImpact impact) {
        box.getChildren().clear();
        if (impact == null) {
            return;
        }
        Label title = new Label("Activate " + impact.target().label() + "?");
        title.getStyleClass().add(CARD_TITLE);
        Label summary = new Label("In place of " + impact.active().label() + ", scored as of " + impact.asOf() + " ("
                + Plurals.count(impact.accountsScored(), "live account") + "). Portfolio, Alerts and the status bar"
                + " switch to it; you can activate " + impact.active().label() + " again later.");
        summary.setWrapText(true);
        GridPane bandsGrid = new GridPane();
        bandsGrid.setHgap(14);
        bandsGrid.setVgap(2);
        bandsGrid.addRow(0, hint("Band"), hint("Now"), hint("After"), hint("ARR now"), hint("ARR after"));
        int row = 1;
        for (Band band : List.of(Band.RED, Band.YELLOW, Band.GREEN)) {
            Label name = new Label(capitalised(band.id()));
            name.getStyleClass().add("bw-band-" + band.id());
            bandsGrid.addRow(row++, name, numeric(Plurals.count(impact.before().accounts(band), "account")),
                    numeric(Plurals.count(impact.after().accounts(band), "account")),
                    numeric(money(impact.before().arr(band))), numeric(money(impact.after().arr(band))));
        }
        Label moves = new Label(impact.accounts().isEmpty() ? "No account would change band."
                : Plurals.count(impact.accounts().size(), "account") + " would change band: "
                + String.join("; ", impact.moves().stream().map(m -> m.from().id() + " → " + m.to().id() + " "
                + Plurals.count(m.accounts(), "account") + " (ARR " + money(m.arr()) + ")").toList()) + ".");
        moves.setId("tuning-activation-moves");
        moves.setWrapText(true);
        Label alerts = new Label("Alerts that would fire: " + Plurals.count(impact.alertsAfter().total(), "alert")
                + " (now " + impact.alertsBefore().total() + "); " + Plurals.count(impact.alertsStarting(), "alert")
                + " would start firing, " + impact.alertsStopping() + " would stop.");
        alerts.setId("tuning-activation-alerts");
        alerts.setWrapText(true);
        box.getChildren().addAll(title, summary, bandsGrid, moves, alerts);
        if (viewModel.dirtyProperty().get() && !TuningViewModel.sameModel(viewModel.draftProperty().get(),
                impact.target().model())) {
            Label draftNote = new Label("Your unsaved draft stays on screen; save it first to keep it as a version.");
            draftNote.getStyleClass().add(HINT);
            draftNote.setWrapText(true);
            box.getChildren().add(draftNote);
        }
        Button confirm = button("Activate " + impact.target().label(), Feather.CHECK, "tuning-activation-confirm",
                viewModel::confirmActivation);
        confirm.getStyleClass().add("accent");
        confirm.disableProperty().bind(viewModel.busyProperty());
        Button cancel = button("Cancel", Feather.X, "tuning-activation-cancel", viewModel::cancelActivation);
        box.getChildren().add(new HBox(8, confirm, cancel));
    }

    private static Label hint(String text) {
        Label label = new Label(text);
        label.getStyleClass().add(HINT);
        return label;
    }

    private static Label numeric(String text) {
        Label label = new Label(text);
        label.getStyleClass().add(NUMERIC);
        return label;
    }

    /** Any two saved versions side by side: what changed from one to the other. */
    private VBox versionDiff() {
        VBox card = card("Saved versions compared", "Pick two versions to see what changed from the first to the second.");
        ComboBox<ModelVersion> from = new ComboBox<>(viewModel.versions());
        ComboBox<ModelVersion> to = new ComboBox<>(viewModel.versions());
        from.setId("tuning-diff-from");
        to.setId("tuning-diff-to");
        for (ComboBox<ModelVersion> box : List.of(from, to)) {
            box.setCellFactory(list -> new VersionCell());
            box.setButtonCell(new VersionCell());
        }
        javafx.scene.control.ListView<String> changesBetween = new javafx.scene.control.ListView<>();
        changesBetween.setId("tuning-diff");
        changesBetween.setPrefHeight(130);
        changesBetween.setPlaceholder(new Label("No difference between the two."));
        Runnable refresh = () -> changesBetween.getItems().setAll(TuningViewModel.diff(from.getValue(), to.getValue()));
        from.valueProperty().addListener((o, old, v) -> refresh.run());
        to.valueProperty().addListener((o, old, v) -> refresh.run());
        HBox pick = new HBox(8, new Label("From"), from, new Label("to"), to);
        pick.setAlignment(Pos.CENTER_LEFT);
        card.getChildren().addAll(pick, changesBetween);
        return card;
    }

    private void show(TuningViewModel.Preview preview) {
        if (preview == null) {
            return;
        }
        for (int b = 0; b < 3; b++) {
            List<XYChart.Data<String, Number>> data = new ArrayList<>();
            for (int bin = 0; bin < TuningViewModel.BINS; bin++) {
                data.add(new XYChart.Data<>(binLabel(bin), preview.histogram()[bin][b]));
            }
            if (histogram[b].getData().size() == data.size()) {
                for (int bin = 0; bin < data.size(); bin++) {
                    histogram[b].getData().get(bin).setYValue(data.get(bin).getYValue());
                }
            } else {
                histogram[b].getData().setAll(data);
            }
        }
        for (Band band : Band.values()) {
            int b = band.ordinal();
            bandTotals[b].setText(capitalised(band.id()) + ": " + Plurals.count(preview.accounts()[b], "account")
                    + ", ARR " + money(preview.arr()[b]));
        }
        BacktestFrame.Headline now = preview.headline();
        BacktestFrame.Headline was = preview.compared();
        figure("auc", now.rocAuc(), was.rocAuc(), "%.3f", 1, true);
        figure("precision", now.red().precision(), was.red().precision(), "%.0f%%", 100, true);
        figure("recall", now.red().recall(), was.red().recall(), "%.0f%%", 100, true);
        figure("lift", now.top().lift(), was.top().lift(), "%.2f", 1, true);
        figure("rate-red", now.bandRates().rate(Band.RED), was.bandRates().rate(Band.RED), "%.1f%%", 100, true);
        figure("rate-yellow", now.bandRates().rate(Band.YELLOW), was.bandRates().rate(Band.YELLOW), "%.1f%%", 100, false);
        figure("rate-green", now.bandRates().rate(Band.GREEN), was.bandRates().rate(Band.GREEN), "%.1f%%", 100, false);
        changeSummary.setText(preview.changeSummary());
        changes.getItems().setAll(preview.changes());
        modelChanges.getItems().setAll(preview.modelChanges());
        if (StartupTrace.isOn() && root.getScene() != null) {
            timeRepaint(preview);
        }
    }

    /** The time from the edit to the end of the pulse that lays out and paints its preview. */
    private void timeRepaint(TuningViewModel.Preview preview) {
        StartupTrace.afterNextLayout(root.getScene(), () -> TIMINGS.info(String.format(Locale.ROOT,
                "edit to repaint %.1f ms (re-scoring and backtest %.1f ms)",
                (System.nanoTime() - preview.requestedAt()) / 1e6, preview.computeNanos() / 1e6)));
    }

    private void figure(String id, double now, double was, String format, double scale, boolean higherIsBetter) {
        figures.get(id).setText(Double.isNaN(now) ? "–" : String.format(Locale.ROOT, format, now * scale));
        Label delta = deltas.get(id);
        delta.getStyleClass().removeAll(DELTA_UP, DELTA_DOWN);
        double change = (now - was) * scale;
        if (Double.isNaN(change) || Math.abs(change) < 1e-9) {
            delta.setText("");
            return;
        }
        String unit = format.endsWith("%%") ? " pts" : "";
        String number = format.replace("%%", "");
        delta.setText(String.format(Locale.ROOT, "(" + (change > 0 ? "+" : "") + number + unit + ")", change));
        delta.getStyleClass().add((change > 0) == higherIsBetter ? DELTA_UP : DELTA_DOWN);
    }

    private void showProposal(TuningViewModel.Proposal proposal) {
        proposalBox.getChildren().clear();
        boolean shown = proposal != null;
        proposalBox.setVisible(shown);
        proposalBox.setManaged(shown);
        if (!shown) {
            return;
        }
        Label title = new Label(proposal.title());
        title.getStyleClass().add(CARD_TITLE);
        TextArea details = new TextArea(proposal.details());
        details.setId("tuning-proposal-details");
        details.setEditable(false);
        details.setWrapText(true);
        details.setPrefRowCount(Math.min(14, Math.max(5, proposal.details().split("\n").length + 1)));
        Button apply = button("Apply to the draft", Feather.CHECK, "tuning-proposal-apply", viewModel::acceptProposal);
        apply.setDisable(proposal.model() == null);
        apply.getStyleClass().add("accent");
        Button discard = button("Discard", Feather.X, "tuning-proposal-discard", viewModel::discardProposal);
        proposalBox.getChildren().addAll(title, details, new HBox(8, apply, discard));
    }

    // Small parts

    private static VBox card(String title, String hint) {
        Label heading = new Label(title);
        heading.getStyleClass().add(CARD_TITLE);
        Label help = new Label(hint);
        help.getStyleClass().add(HINT);
        help.setWrapText(true);
        VBox card = new VBox(8, heading, help);
        card.getStyleClass().add(CARD);
        return card;
    }

    private static Button button(String text, Feather icon, String id, Runnable action) {
        Button button = new Button(text, new FontIcon(icon));
        button.setId(id);
        button.setOnAction(e -> action.run());
        return button;
    }

    @SuppressWarnings("unchecked")
    private static XYChart.Series<String, Number>[] newHistogram() {
        XYChart.Series<String, Number>[] series = new XYChart.Series[3];
        for (Band band : Band.values()) {
            series[band.ordinal()] = new XYChart.Series<>();
            series[band.ordinal()].setName(capitalised(band.id()));
        }
        return series;
    }

    private static String binLabel(int bin) {
        int width = 100 / TuningViewModel.BINS;
        return Integer.toString(bin * width);
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String money(double value) {
        return com.bellwether.domain.Money.format(value);
    }


    /** A measure in the on/off table. */
    static final class MeasureRow {
        final String id;
        final String label;
        final String category;
        final javafx.beans.property.BooleanProperty enabled = new javafx.beans.property.SimpleBooleanProperty(true);
        /** The measure's weight as a share of its category's, e.g. "40%". */
        final javafx.beans.property.StringProperty share = new javafx.beans.property.SimpleStringProperty("");

        MeasureRow(String id, String label, String category) {
            this.id = id;
            this.label = label;
            this.category = category;
        }
    }

    /** One point of the scale being edited. */
    static final class PointRow {
        final javafx.beans.property.DoubleProperty raw = new javafx.beans.property.SimpleDoubleProperty();
        final javafx.beans.property.DoubleProperty score = new javafx.beans.property.SimpleDoubleProperty();

        PointRow(double raw, double score) {
            this.raw.set(raw);
            this.score.set(score);
        }
    }

    private static final class VersionCell extends ListCell<ModelVersion> {
        @Override
        protected void updateItem(ModelVersion version, boolean empty) {
            super.updateItem(version, empty);
            setText(empty || version == null ? null : version.label() + (version.active() ? " (active)" : ""));
        }
    }

    /** What a backtest figure's caption means, for its tooltip. */
    private static Term[] figureTerms(String figure) {
        return switch (figure) {
            case "auc" -> new Term[] {Term.ROC_AUC};
            case "precision" -> new Term[] {Term.PRECISION};
            case "recall" -> new Term[] {Term.RECALL};
            case "lift" -> new Term[] {Term.LIFT};
            default -> new Term[] {Term.CHURN_RATE_PER_BAND};
        };
    }
}
