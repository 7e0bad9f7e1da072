package com.bellwether.ui.account;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.DateCell;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;
import javafx.scene.shape.Shape;
import javafx.util.StringConverter;

import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import com.bellwether.domain.Note;
import com.bellwether.scoring.AccountScore;
import com.bellwether.scoring.AccountSignals;
import com.bellwether.app.AdjustmentEntry;
import com.bellwether.ui.BandPalette;
import com.bellwether.ui.Dialogs;

/**
 * The CSM's view of one account: score and band, the score over two years with what happened along the way, the
 * categories and every measure with its trend, the explanation and actions, the CSM adjustments with their trail,
 * why the score changed between two dates, and the raw signals.
 */
public final class AccountView {

    static final String TITLE = "bw-screen-title";
    static final String CARD = "bw-card";
    static final String CARD_TITLE = "bw-card-title";
    static final String HINT = "bw-hint";
    static final String SCREEN = "bw-account";
    static final String HEADER = "bw-account-header";
    static final String SCORE = "bw-score";
    static final String SECTION = "bw-account-section";
    static final String CATEGORY_TRACK = "bw-category-track";
    static final String TREND_UP = "bw-trend-up";
    static final String TREND_DOWN = "bw-trend-down";
    static final String TREND_FLAT = "bw-trend-flat";
    static final String POINTS_UP = "bw-points-up";
    static final String POINTS_DOWN = "bw-points-down";
    static final String STATUS_ACTIVE = "bw-adjustment-active";
    static final String STATUS_INACTIVE = "bw-adjustment-inactive";
    static final String REMOVE = "bw-remove-adjustment";
    static final String SIGNAL_CHART = "bw-signal-chart";
    static final String LEGEND = "bw-marker-legend";
    static final String STYLESHEET = "account.css";
    static final String ERROR_TEXT = "bw-error-text";
    static final String EMPTY_STATE = "bw-empty-state";
    private static final javafx.css.PseudoClass ERROR = javafx.css.PseudoClass.getPseudoClass("error");

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private static final DateTimeFormatter SHORT_MONTH = DateTimeFormatter.ofPattern("MMM", Locale.ENGLISH);
    private static final DateTimeFormatter MONTH_YEAR = DateTimeFormatter.ofPattern("MMM yy", Locale.ENGLISH);
    private static final double BAR_WIDTH = 220;
    /** The largest figure the points field takes as typed (the model's bound refuses anything past its own). */
    private static final int TYPED_LIMIT = 999;
    /** Dates as everywhere else on the screen, 2026-09-30, whatever the locale. */
    private static final StringConverter<LocalDate> ISO_DATES = new StringConverter<>() {
        @Override
        public String toString(LocalDate date) {
            return date == null ? "" : date.toString();
        }

        @Override
        public LocalDate fromString(String text) {
            try {
                return text == null || text.isBlank() ? null : LocalDate.parse(text.strip());
            } catch (java.time.format.DateTimeParseException e) {
                return null;
            }
        }
    };

    private final AccountViewModel viewModel;
    private final Dialogs dialogs;
    private final VBox root = new VBox(10);
    private final Label title = new Label("No account open");
    private final Label facts = new Label("Find an account above by name or id, or double-click one in the portfolio.");
    private final Label score = new Label();
    private final Label scoreDetail = new Label();
    private final Label explanation = new Label();
    private final Label actions = new Label();
    private final TableView<AccountViewModel.MeasureRow> measures = new TableView<>();
    private final ScoreChart chart = new ScoreChart();
    private final XYChart.Series<Number, Number> baseSeries = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> adjustedSeries = new XYChart.Series<>();
    private final Label bandLegend = new Label();
    private final GridPane categoryBars = new GridPane();
    private final GridPane signalGrid = new GridPane();
    // Held here: a bidirectional binding holds its ends weakly.
    private final ObjectProperty<Integer> pointsValue;

    /** Dialogs answer the confirmation before an adjustment is removed. */
    public AccountView(AccountViewModel viewModel, Dialogs dialogs) {
        this.viewModel = viewModel;
        this.dialogs = dialogs;
        this.pointsValue = viewModel.adjustmentPointsProperty().asObject();
        root.getStyleClass().add(SCREEN);
        root.getStylesheets().add(AccountView.class.getResource(STYLESHEET).toExternalForm());
        root.setPadding(new Insets(16, 16, 8, 16));

        TabPane tabs = new TabPane(
                tab("Health", "tab-health", Feather.ACTIVITY, health()),
                tab("Adjustments", "tab-adjustments", Feather.EDIT_3, adjustments()),
                tab("Why it changed", "tab-why", Feather.GIT_COMMIT, whyItChanged()),
                tab("Signals", "tab-signals", Feather.BAR_CHART_2, signals()));
        tabs.setId("account-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        VBox.setVgrow(tabs, Priority.ALWAYS);
        // Until an account is open the header says how to open one; empty charts and tables would say nothing.
        tabs.visibleProperty().bind(viewModel.asOfProperty().isNotNull());
        tabs.managedProperty().bind(tabs.visibleProperty());
        root.getChildren().addAll(header(), tabs);

        viewModel.scoreProperty().addListener((o, old, s) -> show(s));
        viewModel.history().addListener((ListChangeListener<AccountViewModel.HistoryPoint>) c ->
                chart.history(viewModel.history(), baseSeries, adjustedSeries));
        viewModel.markers().addListener((ListChangeListener<AccountViewModel.Marker>) c -> chart.markers(viewModel.markers()));
        viewModel.bandsProperty().addListener((o, old, bands) -> {
            chart.bands(bands);
            bandLegend.setText(bands == null ? "" : String.format(Locale.ROOT,
                    "Bands: red below %.0f, yellow below %.0f, green from %.0f.", bands.red(), bands.yellow(), bands.yellow()));
        });
        viewModel.categories().addListener((ListChangeListener<AccountViewModel.CategoryBar>) c -> showCategories());
        viewModel.signalsProperty().addListener((o, old, s) -> showSignals(s));
    }

    public Parent root() {
        return root;
    }

    // The header: who, and the score

    private Node header() {
        title.getStyleClass().add(TITLE);
        title.setId("account-title");
        title.setMinWidth(0);
        facts.setId("account-facts");
        facts.getStyleClass().add(HINT);
        score.setId("account-score");
        score.getStyleClass().add(SCORE);
        score.setMinWidth(Region.USE_PREF_SIZE);
        scoreDetail.setId("account-score-detail");
        scoreDetail.setMinWidth(Region.USE_PREF_SIZE);
        VBox who = new VBox(2, title, facts);
        who.setMinWidth(0);
        HBox.setHgrow(who, Priority.ALWAYS);
        VBox scoreBox = new VBox(0, score, scoreDetail);
        scoreBox.setAlignment(Pos.CENTER_RIGHT);
        scoreBox.setMinWidth(Region.USE_PREF_SIZE);
        HBox heading = new HBox(16, who, scoreBox);
        heading.setAlignment(Pos.CENTER_LEFT);
        heading.getStyleClass().add(HEADER);
        return new VBox(8, finder(), heading);
    }

    /** The account picker (by name or id), "Back to today" when an earlier day is shown, and what was last done. */
    private Node finder() {
        org.controlsfx.control.SearchableComboBox<com.bellwether.domain.Account> picker =
                new org.controlsfx.control.SearchableComboBox<>(viewModel.accountChoices());
        picker.setId("account-picker");
        picker.setPromptText("Find an account by name or id");
        picker.setPrefWidth(320);
        picker.setMinWidth(200);
        picker.setConverter(new StringConverter<>() {
            @Override
            public String toString(com.bellwether.domain.Account account) {
                return account == null ? "" : account.name() + " (" + account.accountId() + ")";
            }

            @Override
            public com.bellwether.domain.Account fromString(String text) {
                return null;
            }
        });
        picker.valueProperty().addListener((o, old, account) -> {
            if (account != null) {
                viewModel.open(account.accountId());
            }
        });
        // The picker names the account shown, however it was opened.
        viewModel.scoreProperty().addListener((o, old, s) -> {
            if (s != null && (picker.getValue() == null || !picker.getValue().accountId().equals(s.accountId()))) {
                var portfolio = viewModel.portfolioProperty().get();
                int a = portfolio == null ? -1 : portfolio.indexOf(s.accountId());
                picker.setValue(a < 0 ? null : portfolio.account(a));
            }
        });
        Button today = new Button("Back to today", new FontIcon(Feather.CORNER_UP_LEFT));
        today.setId("account-back-to-today");
        today.visibleProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> viewModel.viewingEarlier().get(), viewModel.viewingEarlier()));
        today.managedProperty().bind(today.visibleProperty());
        today.disableProperty().bind(viewModel.busyProperty());
        today.setOnAction(e -> viewModel.backToToday());
        javafx.beans.binding.StringBinding todayText = javafx.beans.binding.Bindings.createStringBinding(
                () -> viewModel.todayProperty().get() == null ? "Back to today"
                        : "Back to today (" + viewModel.todayProperty().get() + ")", viewModel.todayProperty());
        today.textProperty().bind(todayText);
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(viewModel.busyProperty());
        Label message = new Label();
        message.setId("account-message");
        message.getStyleClass().add(HINT);
        message.textProperty().bind(viewModel.messageProperty());
        message.setMinWidth(0);
        // A failure to score the account is an error; what was done is a hint.
        message.textProperty().addListener((o, old, text) -> message.pseudoClassStateChanged(ERROR,
                text.startsWith("The account could not") || text.startsWith("The comparison failed")));
        Label pick = new Label("Account");
        pick.setLabelFor(picker);
        HBox bar = new HBox(8, pick, picker, today, busy, message);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private void show(AccountScore s) {
        if (s == null) {
            return;
        }
        title.setText(s.name());
        // A stale account is scored as of the day its data stopped: that one date says both.
        facts.setText(s.accountId() + " · " + s.stageLabel() + " · "
                + (s.stale() ? "stale data since " + s.staleSince() : "as of " + s.asOf()));
        score.setText(s.band() == null ? "no score" : String.format(Locale.ROOT, "%.0f  %s", s.score(), s.band().id()));
        score.setTextFill(BandPalette.of(s.band()));
        scoreDetail.setText(s.band() == null ? "" : String.format(Locale.ROOT,
                "computed %.0f · CSM adjustment %+.0f · 30 days %s", s.baseScore(), s.adjustment(),
                s.change30d() == null ? "–" : String.format(Locale.ROOT, "%+.0f", s.change30d())));
        explanation.setText(s.explanation());
        StringBuilder list = new StringBuilder();
        for (AccountScore.RecommendedAction action : s.actions()) {
            list.append("• ").append(action.title());
            if (action.owner() != null) {
                list.append(" (").append(action.owner()).append(')');
            }
            if (action.why() != null && !action.why().isBlank()) {
                list.append(" — ").append(action.why());
            }
            list.append('\n');
        }
        actions.setText(list.length() == 0 ? "Nothing to do now." : list.toString().strip());
    }

    // Health: the score over time, categories, explanation, actions and measures

    private Node health() {
        baseSeries.setName("Computed score");
        adjustedSeries.setName("Adjusted score (with CSM adjustments)");
        chart.setId("account-history");
        chart.getData().add(baseSeries);
        chart.getData().add(adjustedSeries);
        chart.setPrefHeight(300);
        chart.setMinHeight(260);
        VBox history = card("Score over time", chart, markerLegend());
        com.bellwether.ui.ChartPicture.install(chart, () -> "Score over time: " + title.getText(), viewModel::chartCaption,
                com.bellwether.ui.ChartPicture.saveAs(dialogs, "score-over-time.png", viewModel::exportImage));

        explanation.setId("account-explanation");
        explanation.setWrapText(true);
        actions.setId("account-actions");
        actions.setWrapText(true);
        categoryBars.setId("account-categories");
        categoryBars.setHgap(8);
        categoryBars.setVgap(8);
        VBox categories = card("Categories", categoryBars);
        categories.setMinWidth(Region.USE_PREF_SIZE);
        VBox why = card("Why", explanation);
        VBox todo = card("Recommended actions", actions);
        HBox.setHgrow(why, Priority.ALWAYS);
        HBox.setHgrow(todo, Priority.ALWAYS);
        why.setPrefWidth(300);
        todo.setPrefWidth(360);
        // On a narrow window the explanation and the actions wrap into narrower cards rather than pushing the screen
        // wider than the window.
        why.setMinWidth(140);
        todo.setMinWidth(140);
        HBox middle = new HBox(12, categories, why, todo);

        measureTable();
        VBox measureCard = card("Measures", measures);
        return scrolled(new VBox(12, history, middle, measureCard));
    }

    private Node markerLegend() {
        Line version = new Line(0, 0, 0, 14);
        version.getStyleClass().addAll(ScoreChart.MARKER, ScoreChart.VERSION_LINE);
        Shape adjustment = ScoreChart.diamond();
        adjustment.getStyleClass().addAll(ScoreChart.MARKER, ScoreChart.ADJUSTMENT);
        Shape outcome = ScoreChart.triangle();
        outcome.getStyleClass().addAll(ScoreChart.MARKER, ScoreChart.OUTCOME);
        bandLegend.getStyleClass().add(HINT);
        Label hover = new Label("Point at a marker for details.");
        hover.getStyleClass().add(HINT);
        javafx.scene.layout.FlowPane legend = new javafx.scene.layout.FlowPane(18, 4, legendItem(version, "Model version saved"),
                legendItem(adjustment, "CSM adjustment"), legendItem(outcome, "Outcome (renewal, expansion, contraction, churn)"),
                bandLegend, hover);
        legend.setAlignment(Pos.CENTER_LEFT);
        legend.getStyleClass().add(LEGEND);
        return legend;
    }

    private static Node legendItem(Node symbol, String text) {
        Label label = new Label(text, new StackPane(symbol));
        label.setContentDisplay(ContentDisplay.LEFT);
        label.setGraphicTextGap(6);
        return label;
    }

    private void showCategories() {
        categoryBars.getChildren().clear();
        int row = 0;
        for (AccountViewModel.CategoryBar bar : viewModel.categories()) {
            Label name = new Label(bar.label());
            Region track = new Region();
            track.getStyleClass().add(CATEGORY_TRACK);
            track.setPrefSize(BAR_WIDTH, 16);
            track.setMinSize(BAR_WIDTH, 16);
            Rectangle fill = new Rectangle(Double.isNaN(bar.score()) ? 0 : BAR_WIDTH * bar.score() / 100, 16);
            fill.setFill(BandPalette.of(bar.band()));
            fill.setArcWidth(4);
            fill.setArcHeight(4);
            StackPane barPane = new StackPane(track, fill);
            StackPane.setAlignment(fill, Pos.CENTER_LEFT);
            Label value = new Label(Double.isNaN(bar.score()) ? "no data"
                    : String.format(Locale.ROOT, "%.0f  (%s)", bar.score(), bar.band().id()));
            value.setId("category-" + bar.id());
            value.setTextFill(BandPalette.of(bar.band()));
            Label weight = new Label(String.format(Locale.ROOT, "weight %.0f", bar.weight()));
            weight.getStyleClass().add(HINT);
            categoryBars.addRow(row++, name, barPane, value, weight);
        }
    }

    private void measureTable() {
        measures.setId("account-measures");
        measures.setItems(viewModel.measures());
        measures.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        measures.getColumns().add(column("Category", 100, m -> m.category()));
        measures.getColumns().add(column("Measure", 270, m -> m.label()));
        measures.getColumns().add(numeric("Value", 90, m -> Double.isNaN(m.raw()) ? "no data"
                : String.format(Locale.ROOT, "%.2f", m.raw())));
        measures.getColumns().add(numeric("Score", 70, m -> Double.isNaN(m.score()) ? "skipped"
                : String.format(Locale.ROOT, "%.0f", m.score())));
        TableColumn<AccountViewModel.MeasureRow, AccountViewModel.MeasureRow> trend = new TableColumn<>("30-day trend");
        trend.setPrefWidth(120);
        trend.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        trend.setCellFactory(c -> new TrendCell());
        measures.getColumns().add(trend);
        measures.getColumns().add(numeric("Points lost", 100, m -> String.format(Locale.ROOT, "%.1f", m.pointsLost())));
        measures.getColumns().add(column("What it says", 360, m -> m.text()));
        measures.setPlaceholder(new Label("No account open."));
        measures.setPrefHeight(40 * 12 + 44);
        measures.setMinHeight(240);
    }

    /** The change of a measure's score over 30 days, with an arrow. */
    private static final class TrendCell extends TableCell<AccountViewModel.MeasureRow, AccountViewModel.MeasureRow> {

        @Override
        protected void updateItem(AccountViewModel.MeasureRow row, boolean empty) {
            super.updateItem(row, empty);
            getStyleClass().removeAll(TREND_UP, TREND_DOWN, TREND_FLAT);
            if (empty || row == null || Double.isNaN(row.trend())) {
                setText(empty || row == null ? null : "–");
                setGraphic(null);
                return;
            }
            double trend = row.trend();
            boolean flat = Math.abs(trend) < 0.5;
            FontIcon arrow = new FontIcon(flat ? Feather.ARROW_RIGHT : trend > 0 ? Feather.ARROW_UP_RIGHT : Feather.ARROW_DOWN_RIGHT);
            getStyleClass().add(flat ? TREND_FLAT : trend > 0 ? TREND_UP : TREND_DOWN);
            setGraphic(arrow);
            setText(String.format(Locale.ROOT, "%+.0f", trend));
        }
    }

    // Adjustments: the form, the list and the trail

    private Node adjustments() {
        Spinner<Integer> points = new Spinner<>();
        points.setId("adjustment-points");
        points.setEditable(true);
        points.setPrefWidth(110);
        // Wider than the model's bound: a figure beyond it is refused with the bound named, not cut to it unsaid.
        SpinnerValueFactory.IntegerSpinnerValueFactory range = new SpinnerValueFactory.IntegerSpinnerValueFactory(
                -TYPED_LIMIT, TYPED_LIMIT, 0);
        points.setValueFactory(range);
        range.valueProperty().bindBidirectional(pointsValue);
        TextField reason = new TextField();
        reason.setId("adjustment-reason");
        reason.setPromptText("Why the data does not tell the whole story (required)");
        reason.textProperty().bindBidirectional(viewModel.adjustmentReasonProperty());
        HBox.setHgrow(reason, Priority.ALWAYS);
        DatePicker expires = new DatePicker();
        expires.setId("adjustment-expires");
        expires.setPromptText("never");
        expires.setConverter(ISO_DATES);
        expires.setPrefWidth(150);
        expires.valueProperty().bindBidirectional(viewModel.adjustmentExpiresProperty());
        expires.setDayCellFactory(picker -> new DateCell() {
            @Override
            public void updateItem(LocalDate date, boolean empty) {
                super.updateItem(date, empty);
                LocalDate asOf = viewModel.asOfProperty().get();
                setDisable(empty || (asOf != null && !date.isAfter(asOf)));
            }
        });
        Button add = new Button("Add adjustment", new FontIcon(Feather.PLUS));
        add.setId("adjustment-add");
        add.getStyleClass().add("accent");
        add.disableProperty().bind(javafx.beans.binding.Bindings.not(viewModel.canAddAdjustment()));
        add.setOnAction(e -> viewModel.addAdjustment());
        add.setDefaultButton(false);
        Label problem = new Label();
        problem.setId("adjustment-problem");
        problem.getStyleClass().add(HINT);
        problem.textProperty().bind(viewModel.adjustmentProblemProperty());
        problem.setWrapText(true);
        // Points past the bound are an error in the form; a field still to fill in is a hint.
        problem.textProperty().addListener((o, old, text) -> problem.pseudoClassStateChanged(ERROR,
                Math.abs(viewModel.adjustmentPointsProperty().get()) > viewModel.adjustmentBoundProperty().get()));
        Label refused = new Label();
        refused.setId("adjustment-error");
        refused.getStyleClass().add(ERROR_TEXT);
        refused.setWrapText(true);
        refused.textProperty().bind(viewModel.adjustmentErrorProperty());
        refused.visibleProperty().bind(viewModel.adjustmentErrorProperty().isNotEmpty());
        refused.managedProperty().bind(refused.visibleProperty());
        Label boundHint = new Label();
        boundHint.getStyleClass().add(HINT);
        boundHint.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> String.format(Locale.ROOT,
                "Points within ±%.0f (the model's bound on all active adjustments together). Dated the as-of date, "
                        + "written as yours; an expiry, when given, must be after the as-of date.",
                viewModel.adjustmentBoundProperty().get()), viewModel.adjustmentBoundProperty()));
        boundHint.setWrapText(true);
        HBox fields = new HBox(10, labelled("Points", points), labelled("Reason", reason), labelled("Expires", expires), add);
        fields.setAlignment(Pos.BOTTOM_LEFT);
        HBox.setHgrow(fields.getChildren().get(1), Priority.ALWAYS);
        VBox form = card("Add an adjustment", fields, refused, problem, boundHint);

        TableView<AccountViewModel.AdjustmentRow> list = new TableView<>(viewModel.adjustments());
        list.setId("account-adjustments");
        list.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        list.getColumns().add(column("Date", 100, r -> r.note().date().toString()));
        list.getColumns().add(column("Author", 150, r -> r.note().author()));
        list.getColumns().add(numeric("Points", 70, r -> String.format(Locale.ROOT, "%+d", r.note().adjustment())));
        list.getColumns().add(column("Expires", 100, r -> r.note().expires() == null ? "never" : r.note().expires().toString()));
        TableColumn<AccountViewModel.AdjustmentRow, AccountViewModel.AdjustmentRow> status = new TableColumn<>("Status");
        status.setPrefWidth(90);
        status.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        status.setCellFactory(c -> new StatusCell());
        list.getColumns().add(status);
        TableColumn<AccountViewModel.AdjustmentRow, AccountViewModel.AdjustmentRow> remove = new TableColumn<>("");
        remove.setPrefWidth(125);
        remove.setMinWidth(125);
        remove.setSortable(false);
        remove.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        remove.setCellFactory(c -> new RemoveCell());
        list.getColumns().add(remove);
        TableColumn<AccountViewModel.AdjustmentRow, String> right = column("Right?", 230, AccountViewModel.AdjustmentRow::outcome);
        right.setId("account-adjustment-outcome");
        list.getColumns().add(right);
        list.getColumns().add(column("Reason", 360, r -> r.note().reason()));
        keepReadable(list);
        list.setPlaceholder(new Label("No adjustments on this account."));
        list.setPrefHeight(230);
        list.setMinHeight(160);

        TableView<AdjustmentEntry> trail = new TableView<>(viewModel.audit());
        trail.setId("account-audit");
        trail.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        trail.getColumns().add(column("When", 140, a -> a.changedAt().atZoneSameInstant(ZoneId.systemDefault()).format(WHEN)));
        trail.getColumns().add(column("Action", 80, a -> a.added() ? "added" : "removed"));
        trail.getColumns().add(column("By", 120, AdjustmentEntry::changedBy));
        trail.getColumns().add(column("Note date", 100, a -> a.noteDate().toString()));
        trail.getColumns().add(column("Author", 120, AdjustmentEntry::author));
        trail.getColumns().add(numeric("Points", 70, a -> String.format(Locale.ROOT, "%+d", a.points())));
        trail.getColumns().add(column("Expires", 100, a -> a.expires() == null ? "never" : a.expires().toString()));
        TableColumn<AdjustmentEntry, String> trailRight = column("Right?", 230,
                a -> a.added() ? viewModel.outcomeOf(a.noteDate(), a.author()) : "");
        trailRight.setId("account-audit-outcome");
        trail.getColumns().add(trailRight);
        trail.getColumns().add(column("Reason", 300, AdjustmentEntry::reason));
        keepReadable(trail);
        trail.setPlaceholder(new Label("Nothing added or removed here yet."));
        trail.setPrefHeight(200);
        trail.setMinHeight(140);
        return scrolled(new VBox(12, form, card("Adjustments of this account", list),
                card("Trail of changes", trail)));
    }

    private static Node labelled(String text, Node field) {
        Label label = new Label(text);
        label.setLabelFor(field);
        label.getStyleClass().add(HINT);
        return new VBox(3, label, field);
    }

    private static final class StatusCell extends TableCell<AccountViewModel.AdjustmentRow, AccountViewModel.AdjustmentRow> {

        @Override
        protected void updateItem(AccountViewModel.AdjustmentRow row, boolean empty) {
            super.updateItem(row, empty);
            getStyleClass().removeAll(STATUS_ACTIVE, STATUS_INACTIVE);
            if (empty || row == null) {
                setText(null);
                return;
            }
            setText(switch (row.status()) {
                case ACTIVE -> "active";
                case EXPIRED -> "expired";
                case LATER -> "later";
            });
            getStyleClass().add(row.status() == AccountViewModel.AdjustmentRow.Status.ACTIVE ? STATUS_ACTIVE : STATUS_INACTIVE);
        }
    }

    private final class RemoveCell extends TableCell<AccountViewModel.AdjustmentRow, AccountViewModel.AdjustmentRow> {

        private final Button button = new Button("Remove", new FontIcon(Feather.TRASH_2));

        RemoveCell() {
            button.getStyleClass().addAll(REMOVE, "flat", "danger");
            button.disableProperty().bind(javafx.beans.binding.Bindings.not(viewModel.recordingProperty())
                    .or(viewModel.busyProperty()));
            button.setOnAction(e -> {
                AccountViewModel.AdjustmentRow row = getItem();
                if (row == null) {
                    return;
                }
                Note note = row.note();
                if (dialogs.confirm("Remove the adjustment", String.format(Locale.ROOT,
                        "Remove the adjustment of %+d points by %s dated %s (\"%s\")? The removal is kept in the trail.",
                        note.adjustment(), note.author(), note.date(), note.reason()))) {
                    viewModel.removeAdjustment(note);
                }
            });
        }

        @Override
        protected void updateItem(AccountViewModel.AdjustmentRow row, boolean empty) {
            super.updateItem(row, empty);
            setGraphic(empty || row == null ? null : button);
        }
    }

    // Why it changed

    private Node whyItChanged() {
        DatePicker from = new DatePicker();
        from.setId("compare-from");
        from.setConverter(ISO_DATES);
        from.valueProperty().bindBidirectional(viewModel.compareFromProperty());
        DatePicker to = new DatePicker();
        to.setId("compare-to");
        to.setConverter(ISO_DATES);
        to.valueProperty().bindBidirectional(viewModel.compareToProperty());
        Button compare = new Button("Compare", new FontIcon(Feather.GIT_PULL_REQUEST));
        compare.setId("compare");
        compare.disableProperty().bind(viewModel.scoreProperty().isNull());
        compare.setOnAction(e -> viewModel.compare());
        HBox pickers = new HBox(10, labelled("From", from), labelled("To", to), compare);
        pickers.setAlignment(Pos.BOTTOM_LEFT);
        Label summary = new Label();
        summary.setId("change-summary");
        summary.setWrapText(true);
        summary.textProperty().bind(viewModel.changeSummaryProperty());
        Label note = new Label("Data: the change of the computed score under the earlier model. Model: the later model "
                + "against the model saved last on or before the earlier date, at the later date. Adjustment: the change "
                + "of the active CSM adjustments.");
        note.getStyleClass().add(HINT);
        note.setWrapText(true);

        TableView<AccountViewModel.ChangeRow> table = new TableView<>(viewModel.changeRows());
        table.setId("change-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("Part", 160, AccountViewModel.ChangeRow::part));
        table.getColumns().add(column("Of what", 320, AccountViewModel.ChangeRow::item));
        TableColumn<AccountViewModel.ChangeRow, AccountViewModel.ChangeRow> points = new TableColumn<>("Points");
        points.setPrefWidth(100);
        points.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        points.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(AccountViewModel.ChangeRow row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().removeAll(POINTS_UP, POINTS_DOWN);
                if (empty || row == null) {
                    setText(null);
                    return;
                }
                double p = Math.abs(row.points()) < 0.05 ? 0 : row.points();
                setText(String.format(Locale.ROOT, "%+.1f", p));
                if (p != 0) {
                    getStyleClass().add(p > 0 ? POINTS_UP : POINTS_DOWN);
                }
            }
        });
        points.getStyleClass().add("bw-numeric");
        table.getColumns().add(points);
        table.setPlaceholder(new Label("Choose two dates and compare."));
        table.setPrefHeight(420);
        table.setMinHeight(240);
        VBox parts = card("The change, part by part", table);
        parts.setId("change-parts");
        // Nothing to compare (no score on one date): the summary says so, and no table of empty parts is shown.
        parts.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(viewModel.changeRows())
                .or(viewModel.changeSummaryProperty().isEmpty()));
        parts.managedProperty().bind(parts.visibleProperty());
        summary.textProperty().addListener((o, old, text) -> summary.pseudoClassStateChanged(
                javafx.css.PseudoClass.getPseudoClass("empty"), viewModel.changeRows().isEmpty() && !text.isEmpty()));
        summary.getStyleClass().add(EMPTY_STATE);
        return scrolled(new VBox(12, card("Compare two dates", pickers, summary, note), parts));
    }

    // Signals: small charts of the raw data

    private Node signals() {
        signalGrid.setId("account-signals");
        signalGrid.setHgap(12);
        signalGrid.setVgap(12);
        for (int c = 0; c < 3; c++) {
            ColumnConstraints column = new ColumnConstraints();
            column.setPercentWidth(100.0 / 3);
            column.setHgrow(Priority.ALWAYS);
            signalGrid.getColumnConstraints().add(column);
        }
        Label placeholder = new Label("No account open.");
        placeholder.getStyleClass().add(HINT);
        signalGrid.add(placeholder, 0, 0);
        return scrolled(signalGrid);
    }

    private void showSignals(AccountSignals s) {
        signalGrid.getChildren().clear();
        if (s == null) {
            return;
        }
        int cell = 0;
        for (AccountSignals.MetricSeries metric : s.usage()) {
            LineChart<Number, Number> line = smallDateChart(s.asOf().minusWeeks(AccountSignals.USAGE_WEEKS), s.asOf());
            XYChart.Series<Number, Number> series = new XYChart.Series<>();
            metric.weekly().forEach(p -> series.getData().add(new XYChart.Data<>(p.date().toEpochDay(), p.value())));
            line.getData().add(series);
            place(cell++, smallCard(metricLabel(metric.metric()) + ", daily mean by week", "signal-" + metric.metric(), line));
        }
        place(cell++, smallCard("Tickets opened per month", "signal-tickets", monthBars(s.ticketsPerMonth())));
        place(cell++, smallCard("Interactions per month", "signal-interactions", monthBars(s.interactionsPerMonth())));
        LineChart<Number, Number> nps = smallDateChart(s.asOf().minusMonths(AccountSignals.NPS_MONTHS), s.asOf());
        NumberAxis npsAxis = (NumberAxis) nps.getYAxis();
        npsAxis.setAutoRanging(false);
        npsAxis.setLowerBound(0);
        npsAxis.setUpperBound(10);
        npsAxis.setTickUnit(2);
        XYChart.Series<Number, Number> answers = new XYChart.Series<>();
        s.npsAnswers().forEach(p -> answers.getData().add(new XYChart.Data<>(p.date().toEpochDay(), p.value())));
        nps.getData().add(answers);
        place(cell, smallCard("NPS answers (0–10), two years" + (s.npsAnswers().isEmpty() ? ": none" : ""), "signal-nps", nps));
    }

    private static String metricLabel(String metric) {
        String words = metric.replace('_', ' ');
        return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private void place(int cell, Node node) {
        signalGrid.add(node, cell % 3, cell / 3);
    }

    private static Node smallCard(String heading, String id, XYChart<?, ?> chart) {
        chart.setId(id);
        chart.getStyleClass().add(SIGNAL_CHART);
        chart.setLegendVisible(false);
        chart.setAnimated(false);
        chart.setPrefHeight(190);
        chart.setMinHeight(170);
        chart.setMinWidth(0);
        Label label = new Label(heading);
        label.getStyleClass().add(CARD_TITLE);
        VBox card = new VBox(4, label, chart);
        card.getStyleClass().add(CARD);
        card.setMinWidth(0);
        return card;
    }

    private static LineChart<Number, Number> smallDateChart(LocalDate from, LocalDate to) {
        NumberAxis days = new NumberAxis(from.toEpochDay(), to.toEpochDay(), Math.max(1, (to.toEpochDay() - from.toEpochDay()) / 4.0));
        days.setMinorTickVisible(false);
        days.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number day) {
                return LocalDate.ofEpochDay(Math.round(day.doubleValue())).format(MONTH_YEAR);
            }

            @Override
            public Number fromString(String text) {
                return null;
            }
        });
        NumberAxis values = new NumberAxis();
        values.setForceZeroInRange(true);
        LineChart<Number, Number> chart = new LineChart<>(days, values);
        chart.setCreateSymbols(true);
        return chart;
    }

    private static BarChart<String, Number> monthBars(List<AccountSignals.MonthCount> counts) {
        CategoryAxis months = new CategoryAxis();
        NumberAxis values = new NumberAxis();
        values.setMinorTickVisible(false);
        values.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number count) {
                // Counts are whole; an automatic tick between them gets no label.
                double value = count.doubleValue();
                return value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value) : "";
            }

            @Override
            public Number fromString(String text) {
                return null;
            }
        });
        BarChart<String, Number> chart = new BarChart<>(months, values);
        chart.setBarGap(1);
        chart.setCategoryGap(4);
        XYChart.Series<String, Number> series = new XYChart.Series<>();
        counts.forEach(c -> series.getData().add(new XYChart.Data<>(c.month().format(SHORT_MONTH), c.count())));
        chart.getData().add(series);
        return chart;
    }

    // Building blocks

    private static Tab tab(String text, String id, Feather icon, Node content) {
        Tab tab = new Tab(text, content);
        tab.setId(id);
        tab.setGraphic(new FontIcon(icon));
        return tab;
    }

    private static ScrollPane scrolled(Node content) {
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add(SECTION);
        scroll.setPadding(new Insets(12, 4, 12, 4));
        return scroll;
    }

    private static VBox card(String heading, Node... content) {
        Label label = new Label(heading);
        label.getStyleClass().add(CARD_TITLE);
        VBox card = new VBox(8, label);
        card.getChildren().addAll(content);
        card.getStyleClass().add(CARD);
        card.setMinWidth(220);
        return card;
    }

    /** No column narrower than its width (up to 200): on a small window the table scrolls sideways instead. */
    private static void keepReadable(TableView<?> table) {
        table.getColumns().forEach(c -> c.setMinWidth(Math.min(c.getPrefWidth(), 200)));
    }

        private static <S> TableColumn<S, String> column(String heading, double width, Function<S, String> text) {
        TableColumn<S, String> column = new TableColumn<>(heading);
        column.setPrefWidth(width);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(text.apply(c.getValue())));
        return column;
    }

    private static <S> TableColumn<S, String> numeric(String heading, double width, Function<S, String> text) {
        TableColumn<S, String> column = column(heading, width, text);
        column.getStyleClass().add("bw-numeric");
        return column;
    }
}
