package com.bellwether.ui.backtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
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
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.util.StringConverter;

import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import com.bellwether.backtest.BacktestReport;
import com.bellwether.backtest.Backtester.NamedModel;
import com.bellwether.backtest.Metrics;
import com.bellwether.scoring.Band;
import com.bellwether.ui.BandPalette;
import com.bellwether.ui.ChartPicture;
import com.bellwether.ui.Dialogs;
import com.bellwether.ui.help.HelpTips;
import com.bellwether.ui.help.Term;

/**
 * The backtest: parameters and a run, the headline figures, the curves and band charts, the misses with their
 * explanations, and the figures per segment and stage. Each chart can be saved as PNG, the report as JSON.
 */
public final class BacktestView {

    static final String STYLESHEET = "backtest.css";
    static final String ROOT = "bw-backtest";
    static final String TITLE = "bw-backtest-title";
    static final String SUBTITLE = "bw-backtest-subtitle";
    static final String PARAMETERS = "bw-backtest-parameters";
    static final String FIELD_LABEL = "bw-backtest-field-label";
    static final String PROBLEM = "bw-backtest-problem";
    static final String STATUS = "bw-backtest-status";
    static final String FIGURES = "bw-backtest-figures";
    static final String FIGURE = "bw-backtest-figure";
    static final String FIGURE_VALUE = "bw-backtest-figure-value";
    static final String FIGURE_CAPTION = "bw-backtest-figure-caption";
    static final String CARD = "bw-backtest-card";
    static final String SECTION_TITLE = "bw-backtest-section-title";
    static final String NOTE = "bw-backtest-note";
    static final String CURVE_CHART = "bw-curve-chart";
    static final String BAR_CHART = "bw-backtest-bars";
    static final String EXPLANATION = "bw-backtest-explanation";
    static final String NUMERIC = "bw-backtest-numeric";
    static final String ICON_BUTTON = "bw-backtest-icon-button";
    static final String EMPTY_STATE = "bw-backtest-empty";

    /** Bar style classes by band ordinal: red, yellow, green. */
    static final String[] BAND_BAR = {"bw-band-red", "bw-band-yellow", "bw-band-green"};

    private static final double CHART_HEIGHT = 300;

    private final BacktestViewModel viewModel;
    private final Dialogs dialogs;
    private final VBox content = new VBox(12);
    private final ScrollPane root = new ScrollPane(content);

    private final LineChart<Number, Number> roc = curveChart("backtest-roc", "False-positive rate", "True-positive rate");
    private final LineChart<Number, Number> precisionRecall = curveChart("backtest-pr", "Recall", "Precision");
    private final LineChart<Number, Number> capture = curveChart("backtest-capture", "Share flagged, riskiest first",
            "Churners caught");
    private final BarChart<String, Number> bandChurn = barChart("backtest-band-churn", "Band", "Churn rate (%)");
    private final BarChart<String, Number> leadTime = barChart("backtest-lead-time", "Days of warning before the churn",
            "Caught churns");
    private final ConfusionMatrixPane red = new ConfusionMatrixPane("Flagged at red", "Red", "confusion-red");
    private final ConfusionMatrixPane redOrYellow = new ConfusionMatrixPane("Flagged at red or yellow", "Red or yellow",
            "confusion-red-or-yellow");

    private final Label auc = figureValue("backtest-auc");
    private final Label averagePrecision = figureValue("backtest-ap");
    private final Label points = figureValue("backtest-points");
    private final Label churners = figureValue("backtest-churners");
    private final Label lift = figureValue("backtest-lift");
    private final Label medianLead = figureValue("backtest-lead");
    private final Label arrRecall = figureValue("backtest-arr-recall");
    private final Label liftCaption = new Label("Lift, riskiest 10%");
    private final Label captureNote = new Label();
    private final Label leadNote = new Label();
    private final Label curvesNote = new Label();
    private final Label bandNote = new Label();

    public BacktestView(BacktestViewModel viewModel, Dialogs dialogs) {
        this.viewModel = viewModel;
        this.dialogs = dialogs;
        root.getStyleClass().add(ROOT);
        root.getStylesheets().add(BacktestView.class.getResource(STYLESHEET).toExternalForm());
        root.setFitToWidth(true);
        content.setPadding(new Insets(16));
        Node figures = figures();
        Node charts = charts();
        Node misses = misses();
        // Before the first run there is nothing to draw: a word on what to do instead of empty axes and dashes.
        for (Node result : List.of(figures, charts, misses)) {
            result.visibleProperty().bind(viewModel.reportProperty().isNotNull());
            result.managedProperty().bind(result.visibleProperty());
        }
        content.getChildren().addAll(heading(), parameters(), problem(), emptyState(), figures, charts, misses);
        viewModel.reportProperty().addListener((o, old, report) -> showReport());
        viewModel.comparisonReportProperty().addListener((o, old, report) -> showReport());
        viewModel.scopedCurvesProperty().addListener((o, old, curves) -> showReport());
        viewModel.figuresProperty().addListener((o, old, block) -> showFigures());
        showReport();
    }

    public Parent root() {
        return root;
    }

    // Layout

    private Node heading() {
        Label title = new Label("Backtest");
        title.getStyleClass().add(TITLE);
        Label subtitle = new Label("Had this model been running, would it have warned us about the customers who then"
                + " churned, and how often would it have cried wolf?");
        subtitle.getStyleClass().add(SUBTITLE);
        subtitle.setWrapText(true);
        javafx.scene.control.SplitMenuButton export = com.bellwether.ui.ExportMenu.of("Export report…", "backtest-export",
                "The report as an Excel workbook (headline, cut-offs, segments and stages, misses) or as report.json",
                dialogs, "Export the backtest report", viewModel::exportJson,
                new com.bellwether.ui.ExportMenu.Format("Excel workbook (.xlsx)…", "report.xlsx"),
                new com.bellwether.ui.ExportMenu.Format("JSON (report.json)…", "report.json"));
        export.setGraphic(new FontIcon(Feather.DOWNLOAD));
        export.disableProperty().bind(viewModel.reportProperty().isNull().or(viewModel.runningProperty()));
        // The subtitle wraps on a narrow window; the button keeps its words.
        export.setMinWidth(Region.USE_PREF_SIZE);
        VBox titles = new VBox(2, title, subtitle);
        HBox.setHgrow(titles, Priority.ALWAYS);
        HBox heading = new HBox(12, titles, export);
        heading.setAlignment(Pos.TOP_LEFT);
        return heading;
    }

    private Node parameters() {
        DatePicker from = new DatePicker();
        from.setId("backtest-from");
        from.setPromptText("automatic");
        from.valueProperty().bindBidirectional(viewModel.fromProperty());
        from.setPrefWidth(140);
        DatePicker to = new DatePicker();
        to.setId("backtest-to");
        to.setPromptText("automatic");
        to.valueProperty().bindBidirectional(viewModel.toProperty());
        to.setPrefWidth(140);
        TextField step = new TextField();
        step.setId("backtest-step");
        step.textProperty().bindBidirectional(viewModel.stepProperty());
        step.setPrefColumnCount(4);
        step.setTooltip(new Tooltip("Between cut-offs: 1m, 2w, 30d or 1y"));
        TextField horizon = new TextField();
        horizon.setId("backtest-horizon");
        horizon.textProperty().bindBidirectional(viewModel.horizonProperty());
        horizon.setPrefColumnCount(4);
        horizon.setTooltip(new Tooltip("Churn is looked for in the days after each cut-off: 90d, 12w, 3m or a number of days"));
        ComboBox<com.bellwether.backtest.Target> target = new ComboBox<>(
                javafx.collections.FXCollections.observableArrayList(com.bellwether.backtest.Target.values()));
        target.setId("backtest-target");
        target.valueProperty().bindBidirectional(viewModel.targetProperty());
        target.setConverter(new StringConverter<>() {
            @Override
            public String toString(com.bellwether.backtest.Target value) {
                return value == null ? "" : value == com.bellwether.backtest.Target.EXPANSION ? "Expansion" : "Churn";
            }

            @Override
            public com.bellwether.backtest.Target fromString(String text) {
                return null;
            }
        });
        target.setTooltip(new Tooltip("Churn: the riskiest first, flagged at red. Expansion: the candidates of the"
                + " model's expansion rules first, then by score"));
        CheckBox contraction = new CheckBox("Contraction counts as churn");
        contraction.disableProperty().bind(viewModel.targetProperty().isEqualTo(com.bellwether.backtest.Target.EXPANSION));
        contraction.setId("backtest-contraction");
        contraction.selectedProperty().bindBidirectional(viewModel.contractionAsChurnProperty());
        ComboBox<NamedModel> compare = new ComboBox<>(viewModel.comparisons());
        compare.setId("backtest-compare");
        compare.valueProperty().bindBidirectional(viewModel.comparisonProperty());
        compare.setConverter(new StringConverter<>() {
            @Override
            public String toString(NamedModel model) {
                return model == null ? "" : model.name();
            }

            @Override
            public NamedModel fromString(String text) {
                return null;
            }
        });
        compare.setPrefWidth(270);

        Button run = new Button("Run", new FontIcon(Feather.PLAY));
        run.setId("backtest-run");
        run.setDefaultButton(true);
        run.disableProperty().bind(viewModel.runningProperty());
        run.setOnAction(e -> viewModel.run());
        Button cancel = new Button("Cancel", new FontIcon(Feather.X));
        cancel.setId("backtest-cancel");
        cancel.disableProperty().bind(viewModel.runningProperty().not());
        cancel.setOnAction(e -> viewModel.cancel());
        ProgressBar progress = new ProgressBar();
        progress.setId("backtest-progress");
        progress.setPrefWidth(120);
        progress.progressProperty().bind(viewModel.progressProperty());
        progress.visibleProperty().bind(viewModel.runningProperty());
        progress.managedProperty().bind(viewModel.runningProperty());
        Label status = new Label();
        status.setId("backtest-status");
        status.getStyleClass().add(STATUS);
        status.textProperty().bind(viewModel.statusProperty());

        FlowPane fields = new FlowPane(14, 8,
                field("Target", target), field("From", from), field("To", to), field("Step", step), field("Horizon", horizon),
                contraction,
                field("Compare with", compare));
        HelpTips.install(step.getParent(), Term.CUT_OFF_DATE);
        HelpTips.install(horizon.getParent(), Term.HORIZON);
        fields.setAlignment(Pos.CENTER_LEFT);
        fields.setRowValignment(javafx.geometry.VPos.CENTER);
        HBox actions = new HBox(8, run, cancel, progress, status);
        actions.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(10, fields, actions);
        box.getStyleClass().add(PARAMETERS);
        return box;
    }

    private Node emptyState() {
        Label title = new Label("No backtest yet");
        title.getStyleClass().add(SECTION_TITLE);
        Label text = new Label();
        text.setId("backtest-empty-text");
        text.setWrapText(true);
        text.textProperty().bind(Bindings.when(viewModel.runningProperty())
                .then("The backtest is running; its figures, curves and misses show here when it ends.")
                .otherwise("A backtest scores every account at each cut-off between the dates above and checks who "
                        + "churned within the horizon after it: how early and how well the score warned. Choose the "
                        + "dates, step and horizon above (the defaults cover the data), then run it."));
        Button run = new Button("Run the backtest", new FontIcon(Feather.PLAY));
        run.setId("backtest-run-empty");
        run.getStyleClass().add("accent");
        run.disableProperty().bind(viewModel.runningProperty());
        run.setOnAction(e -> viewModel.run());
        VBox box = new VBox(10, title, text, run);
        box.setId("backtest-empty");
        box.getStyleClass().addAll(CARD, EMPTY_STATE);
        box.visibleProperty().bind(viewModel.reportProperty().isNull());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private Node problem() {
        Label problem = new Label();
        problem.setId("backtest-problem");
        problem.getStyleClass().add(PROBLEM);
        problem.setGraphic(new FontIcon(Feather.ALERT_TRIANGLE));
        problem.setWrapText(true);
        problem.setMaxWidth(Double.MAX_VALUE);
        problem.textProperty().bind(viewModel.problemProperty());
        problem.visibleProperty().bind(viewModel.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        return problem;
    }

    private Node figures() {
        ComboBox<BacktestViewModel.Scope> scope = new ComboBox<>(viewModel.scopes());
        scope.setId("backtest-scope");
        scope.valueProperty().bindBidirectional(viewModel.scopeProperty());
        scope.setPrefWidth(220);
        scope.setButtonCell(new ListCell<>() {
            @Override
            protected void updateItem(BacktestViewModel.Scope item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? BacktestViewModel.Scope.ALL.label() : item.label());
            }
        });
        Label scopeLabel = new Label("Figures for");
        scopeLabel.getStyleClass().add(FIELD_LABEL);
        VBox scopeBox = new VBox(4, scopeLabel, scope);
        scopeBox.setAlignment(Pos.CENTER_LEFT);
        FlowPane row = new FlowPane(10, 10, scopeBox,
                figure(auc, "ROC AUC"), figure(averagePrecision, "Average precision"), figure(points, "Points"),
                figure(churners, "Churners (rate)"), figure(lift, liftCaption),
                figure(medianLead, new Label("Median lead time, all accounts")),
                figure(arrRecall, new Label("ARR-weighted recall, all accounts")));
        row.getStyleClass().add(FIGURES);
        HelpTips.install(auc.getParent(), Term.ROC_AUC);
        HelpTips.install(averagePrecision.getParent(), Term.AVERAGE_PRECISION);
        HelpTips.install(points.getParent(), Term.POINT);
        HelpTips.install(churners.getParent(), Term.CHURNER, Term.CHURN_RATE);
        HelpTips.install(lift.getParent(), Term.LIFT);
        HelpTips.install(medianLead.getParent(), Term.LEAD_TIME);
        HelpTips.install(arrRecall.getParent(), Term.ARR_WEIGHTED_RECALL);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private Node charts() {
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(12);
        for (int i = 0; i < 3; i++) {
            ColumnConstraints column = new ColumnConstraints();
            column.setPercentWidth(100.0 / 3);
            column.setFillWidth(true);
            grid.getColumnConstraints().add(column);
        }
        captureNote.getStyleClass().add(NOTE);
        leadNote.getStyleClass().add(NOTE);
        curvesNote.getStyleClass().add(NOTE);
        curvesNote.textProperty().bind(Bindings.createStringBinding(() -> {
            BacktestViewModel.Scope scope = viewModel.scopeProperty().get();
            return scope == null || scope.kind() == BacktestViewModel.Scope.Kind.ALL ? "All accounts, every cut-off"
                    : scope.label() + ", every cut-off";
        }, viewModel.scopeProperty()));
        grid.add(card("ROC curve", "roc", roc, roc, curvesNote), 0, 0);
        grid.add(card("Precision–recall curve", "precision-recall", precisionRecall, precisionRecall, new Label()), 1, 0);
        grid.add(card("Capture of churners (lift)", "capture", capture, capture, captureNote), 2, 0);
        bandChurn.setStyle(bandColours());
        grid.add(card("Churn rate per band", "churn-by-band", bandChurn, bandChurn, bandNote), 0, 1);
        grid.add(card("Lead time of caught churns", "lead-time", leadTime, leadTime, leadNote), 1, 1);
        VBox matrices = new VBox(14, red, redOrYellow);
        matrices.setId("backtest-confusion");
        matrices.setPadding(new Insets(4, 0, 0, 0));
        HelpTips.install(roc, Term.ROC_CURVE, Term.ROC_AUC);
        HelpTips.install(precisionRecall, Term.PRECISION_RECALL_CURVE, Term.AVERAGE_PRECISION);
        HelpTips.install(capture, Term.CAPTURE, Term.LIFT);
        HelpTips.install(bandChurn, Term.CHURN_RATE_PER_BAND);
        HelpTips.install(leadTime, Term.LEAD_TIME);
        grid.add(card("Confusion matrices", "confusion", matrices, matrices, new Label()), 2, 1);
        return grid;
    }

    private Node misses() {
        TableView<BacktestReport.ListedPoint> falseNegatives = missTable("backtest-false-negatives",
                "No churner was missed in this scope.", viewModel.falseNegatives());
        TableView<BacktestReport.ListedPoint> falsePositives = missTable("backtest-false-positives",
                "No red account stayed in this scope.", viewModel.falsePositives());
        Tab negatives = new Tab("", falseNegatives);
        negatives.textProperty().bind(Bindings.size(viewModel.falseNegatives()).asString("Missed churns (false negatives): %,d"));
        Tab positives = new Tab("", falsePositives);
        positives.textProperty().bind(Bindings.size(viewModel.falsePositives()).asString("False alarms (false positives): %,d"));
        HelpTips.install(negatives, Term.FALSE_NEGATIVE);
        HelpTips.install(positives, Term.FALSE_POSITIVE);
        Tab breakdown = new Tab("Segments and stages", breakdownTable());
        Tab variants = HelpTips.install(new Tab("Model variants", variantsTable()), Term.BASELINE);
        Tab overrides = new Tab("Were the overrides right?", adjustmentsTable());
        overrides.setId("backtest-overrides-tab");
        TabPane tabs = new TabPane(negatives, positives, breakdown, variants, overrides);
        tabs.setId("backtest-tables");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setPrefHeight(380);
        tabs.setMinHeight(300);
        HBox.setHgrow(tabs, Priority.ALWAYS);

        HBox box = new HBox(12, tabs, explanationPanel());
        box.setMinHeight(300);
        return box;
    }

    private Node explanationPanel() {
        Label heading = new Label("Why it scored so");
        heading.getStyleClass().add(SECTION_TITLE);
        Label account = new Label();
        account.setId("backtest-selected-account");
        account.setWrapText(true);
        account.textProperty().bind(Bindings.createStringBinding(() -> {
            BacktestReport.ListedPoint point = viewModel.selectedProperty().get();
            if (point == null) {
                return "Click a missed churn or a false alarm to read its explanation as of the cut-off; double-click "
                        + "it, or use the button below, to open the account as of then.";
            }
            return String.format(Locale.ROOT, "%s (%s) on %s: score %.0f, %s", point.name(), point.accountId(),
                    point.cutoff(), point.score(), point.band());
        }, viewModel.selectedProperty()));
        Label explanation = new Label();
        explanation.setId("backtest-explanation");
        explanation.setWrapText(true);
        explanation.textProperty().bind(viewModel.explanationProperty());
        explanation.setMaxWidth(Double.MAX_VALUE);
        ScrollPane scroll = new ScrollPane(explanation);
        scroll.setFitToWidth(true);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        Button open = new Button("Open the account as of then", new FontIcon(Feather.EXTERNAL_LINK));
        open.setId("backtest-open-account");
        open.disableProperty().bind(viewModel.selectedProperty().isNull());
        open.setOnAction(e -> viewModel.open(viewModel.selectedProperty().get()));
        VBox panel = new VBox(8, heading, account, scroll, open);
        panel.getStyleClass().addAll(CARD, EXPLANATION);
        panel.setPrefWidth(340);
        panel.setMinWidth(300);
        return panel;
    }

    // Showing the report

    private void showReport() {
        BacktestReport report = viewModel.reportProperty().get();
        BacktestReport other = viewModel.comparisonReportProperty().get();
        String modelName = viewModel.model() == null || viewModel.model().name() == null ? "Model" : viewModel.model().name();
        String otherName = viewModel.comparisonProperty().get() == null ? "Comparison" : viewModel.comparisonProperty().get().name();
        List<XYChart.Series<Number, Number>> rocSeries = new ArrayList<>();
        List<XYChart.Series<Number, Number>> prSeries = new ArrayList<>();
        List<XYChart.Series<Number, Number>> captureSeries = new ArrayList<>();
        BacktestViewModel.ScopedCurves scoped = viewModel.scopedCurvesProperty().get();
        if (report != null && scoped != null) {
            // One segment's or stage's points: its own curves, the comparison's on the same points.
            double rate = scoped.points() == 0 ? Double.NaN : (double) scoped.churners() / scoped.points();
            rocSeries.add(ReportCharts.chance());
            rocSeries.add(ReportCharts.roc(modelName, scoped.model()));
            prSeries.add(ReportCharts.baseRate(rate));
            prSeries.add(ReportCharts.precisionRecall(modelName, scoped.model()));
            captureSeries.add(ReportCharts.chance());
            captureSeries.add(ReportCharts.capture(modelName, scoped.model(), scoped.points()));
            if (scoped.comparison() != null) {
                rocSeries.add(ReportCharts.roc(otherName, scoped.comparison()));
                prSeries.add(ReportCharts.precisionRecall(otherName, scoped.comparison()));
                captureSeries.add(ReportCharts.capture(otherName, scoped.comparison(), scoped.points()));
            }
        } else if (report != null) {
            rocSeries.add(ReportCharts.chance());
            rocSeries.add(ReportCharts.roc(withFigure(modelName, "AUC", report.rocAuc()), report));
            prSeries.add(ReportCharts.baseRate(report.churnRate()));
            prSeries.add(ReportCharts.precisionRecall(withFigure(modelName, "AP", report.averagePrecision()), report));
            captureSeries.add(ReportCharts.chance());
            captureSeries.add(ReportCharts.capture(modelName, report));
            if (other != null) {
                rocSeries.add(ReportCharts.roc(withFigure(otherName, "AUC", other.rocAuc()), other));
                prSeries.add(ReportCharts.precisionRecall(withFigure(otherName, "AP", other.averagePrecision()), other));
                captureSeries.add(ReportCharts.capture(otherName, other));
            }
        }
        roc.getData().setAll(rocSeries);
        precisionRecall.getData().setAll(prSeries);
        capture.getData().setAll(captureSeries);
        captureNote.setText(report == null ? "" : report.lift().stream()
                .map(l -> String.format(Locale.ROOT, "Riskiest %s%%: %s of churners, lift %.2f×", number(l.percent()),
                        share(l.capture()), l.lift()))
                .reduce((a, b) -> a + "; " + b).orElse(""));

        XYChart.Series<String, Number> leads = ReportCharts.leadTimes(report == null ? null : report.leadTime());
        wholeNumbers((NumberAxis) leadTime.getYAxis(),
                leads.getData().stream().mapToDouble(d -> d.getYValue().doubleValue()).max().orElse(0));
        leadTime.getData().setAll(List.of(leads));
        BacktestReport.LeadTime lead = report == null ? null : report.leadTime();
        leadNote.setText(lead == null ? "" : String.format(Locale.ROOT,
                "%,d of %,d churn events caught at red; quartiles %s / %s / %s days", lead.caught(), lead.churnEvents(),
                days(lead.p25Days()), days(lead.medianDays()), days(lead.p75Days())));
        medianLead.setText(lead == null || lead.medianDays() == null ? "–" : days(lead.medianDays()) + " days");
        arrRecall.setText(report == null ? "–" : share(report.arrWeightedRecall().recall()));
        showFigures();
    }

    private void showFigures() {
        BacktestReport.Block block = viewModel.figuresProperty().get();
        auc.setText(block == null ? "–" : ratio(block.rocAuc()));
        averagePrecision.setText(block == null ? "–" : ratio(block.averagePrecision()));
        points.setText(block == null ? "–" : String.format(Locale.ROOT, "%,d", block.points()));
        churners.setText(block == null ? "–" : String.format(Locale.ROOT, "%,d (%s)", block.churners(), share(block.churnRate())));
        Metrics.Lift top = block == null ? null : block.lift();
        liftCaption.setText(top == null ? "Lift" : "Lift, riskiest " + number(top.percent()) + "%");
        lift.setText(top == null ? "–" : String.format(Locale.ROOT, "%.2f×", top.lift()));
        red.show(block == null ? null : block.confusionRed());
        redOrYellow.show(block == null ? null : block.confusionRedOrYellow());

        XYChart.Series<String, Number> rates = new XYChart.Series<>();
        rates.setName("Churn rate");
        List<String> notes = new ArrayList<>();
        if (block != null) {
            for (Band band : Band.values()) {
                BacktestReport.BandRate rate = block.churnRateByBand().get(band.id());
                double percent = rate == null || Double.isNaN(rate.rate()) ? 0 : 100 * rate.rate();
                rates.getData().add(new XYChart.Data<>(band.id(), percent));
                notes.add(rate == null || rate.points() == 0 ? band.id() + ": no points" : String.format(Locale.ROOT,
                        "%s: %,d of %,d churned", band.id(), rate.churners(), rate.points()));
            }
        }
        bandChurn.getData().setAll(List.of(rates));
        for (int i = 0; i < rates.getData().size(); i++) {
            Node bar = rates.getData().get(i).getNode();
            if (bar != null) {
                bar.getStyleClass().add(BAND_BAR[i]);
            }
        }
        bandNote.setText(String.join("; ", notes));
    }

    /** Band colours from BandPalette as looked-up colours for backtest.css (-bw-band-red, ...), the one inline style. */
    private static String bandColours() {
        StringBuilder style = new StringBuilder();
        for (Band band : Band.values()) {
            Color colour = BandPalette.of(band);
            style.append(String.format(Locale.ROOT, "-bw-band-%s: rgb(%d, %d, %d); ", band.id(),
                    Math.round(colour.getRed() * 255), Math.round(colour.getGreen() * 255), Math.round(colour.getBlue() * 255)));
        }
        return style.toString().trim();
    }

    // Building blocks

    private Node card(String title, String name, Node body, Node snapshotOf, Label note) {
        Label heading = new Label(title);
        heading.getStyleClass().add(SECTION_TITLE);
        HBox.setHgrow(heading, Priority.ALWAYS);
        heading.setMaxWidth(Double.MAX_VALUE);
        Region chart = (Region) snapshotOf;
        Consumer<javafx.scene.image.Image> savePng = ChartPicture.saveAs(dialogs, "backtest-" + name + ".png",
                viewModel::exportImage);
        Button save = new Button(null, new FontIcon(Feather.IMAGE));
        save.setId("backtest-png-" + name);
        save.getStyleClass().add(ICON_BUTTON);
        save.setTooltip(new Tooltip("Save this chart as PNG (1600×1000, with its title, model and dates)"));
        save.disableProperty().bind(viewModel.reportProperty().isNull());
        save.setOnAction(e -> savePng.accept(ChartPicture.render(chart, title, viewModel.chartCaption())));
        Button copy = new Button(null, new FontIcon(Feather.COPY));
        copy.setId("backtest-copy-" + name);
        copy.getStyleClass().add(ICON_BUTTON);
        copy.setTooltip(new Tooltip("Copy this chart, to paste into a slide or a document"));
        copy.disableProperty().bind(viewModel.reportProperty().isNull());
        copy.setOnAction(e -> {
            ChartPicture.copy(ChartPicture.render(chart, title, viewModel.chartCaption()));
            viewModel.copied(title);
        });
        ChartPicture.install(chart, () -> title, viewModel::chartCaption, savePng);
        HBox top = new HBox(8, heading, copy, save);
        top.setAlignment(Pos.CENTER_LEFT);
        note.setWrapText(true);
        if (!note.getStyleClass().contains(NOTE)) {
            note.getStyleClass().add(NOTE);
        }
        VBox.setVgrow(body, Priority.ALWAYS);
        VBox card = new VBox(6, top, body, note);
        card.getStyleClass().add(CARD);
        card.setMinWidth(0);
        return card;
    }

    private static LineChart<Number, Number> curveChart(String id, String xLabel, String yLabel) {
        LineChart<Number, Number> chart = new LineChart<>(unitAxis(xLabel), unitAxis(yLabel));
        chart.setId(id);
        chart.getStyleClass().add(CURVE_CHART);
        chart.setCreateSymbols(false);
        chart.setAnimated(false);
        chart.setLegendVisible(true);
        chart.setPrefHeight(CHART_HEIGHT);
        chart.setMinHeight(CHART_HEIGHT);
        chart.setMinWidth(0);
        return chart;
    }

    private static NumberAxis unitAxis(String label) {
        NumberAxis axis = new NumberAxis(0, 1, 0.2);
        axis.setAutoRanging(false);
        axis.setLabel(label);
        axis.setMinorTickCount(1);
        return axis;
    }

    private static BarChart<String, Number> barChart(String id, String xLabel, String yLabel) {
        CategoryAxis categories = new CategoryAxis();
        categories.setLabel(xLabel);
        NumberAxis values = new NumberAxis();
        values.setLabel(yLabel);
        values.setForceZeroInRange(true);
        BarChart<String, Number> chart = new BarChart<>(categories, values);
        chart.setId(id);
        chart.getStyleClass().add(BAR_CHART);
        chart.setAnimated(false);
        chart.setLegendVisible(false);
        chart.setCategoryGap(14);
        chart.setPrefHeight(CHART_HEIGHT);
        chart.setMinHeight(CHART_HEIGHT);
        chart.setMinWidth(0);
        return chart;
    }

    /** A count axis from 0 with whole-number ticks, about five of them. */
    private static void wholeNumbers(NumberAxis axis, double max) {
        double step = 1;
        for (double unit : new double[] {1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000}) {
            step = unit;
            if (max / unit <= 6) {
                break;
            }
        }
        axis.setAutoRanging(false);
        axis.setLowerBound(0);
        axis.setUpperBound(Math.max(step, Math.ceil(max / step) * step));
        axis.setTickUnit(step);
        axis.setMinorTickCount(0);
    }

    private static Label figureValue(String id) {
        Label label = new Label("–");
        label.setId(id);
        label.getStyleClass().add(FIGURE_VALUE);
        return label;
    }

    private static Node figure(Label value, String caption) {
        return figure(value, new Label(caption));
    }

    private static Node figure(Label value, Label caption) {
        caption.getStyleClass().add(FIGURE_CAPTION);
        VBox box = new VBox(2, caption, value);
        box.getStyleClass().add(FIGURE);
        return box;
    }

    private static Node field(String label, Node control) {
        Label caption = new Label(label);
        caption.getStyleClass().add(FIELD_LABEL);
        caption.setLabelFor(control);
        caption.setMinWidth(Region.USE_PREF_SIZE);
        HBox box = new HBox(6, caption, control);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private TableView<BacktestReport.ListedPoint> missTable(String id, String empty,
                                                           javafx.collections.ObservableList<BacktestReport.ListedPoint> items) {
        TableView<BacktestReport.ListedPoint> table = new TableView<>();
        table.setId(id);
        javafx.collections.transformation.SortedList<BacktestReport.ListedPoint> sorted =
                new javafx.collections.transformation.SortedList<>(items);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.setPlaceholder(new Label(empty));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<BacktestReport.ListedPoint, String> account = text("Account", BacktestReport.ListedPoint::name, 170);
        account.setMinWidth(150);
        TableColumn<BacktestReport.ListedPoint, String> cutoff = text("Cut-off", p -> p.cutoff().toString(), 96);
        cutoff.setMinWidth(96);
        TableColumn<BacktestReport.ListedPoint, Number> score = number("Score", BacktestReport.ListedPoint::score,
                v -> String.format(Locale.ROOT, "%.0f", v), 64);
        TableColumn<BacktestReport.ListedPoint, String> band = new TableColumn<>("Band");
        band.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().band()));
        band.setCellFactory(column -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item);
                setTextFill(BandPalette.of(empty || item == null ? null : bandOf(item)));
            }
        });
        band.setPrefWidth(66);
        band.setMinWidth(60);
        TableColumn<BacktestReport.ListedPoint, Number> arr = number("ARR",
                p -> p.arr() == null ? Double.NaN : p.arr(), v -> money(v), 76);
        TableColumn<BacktestReport.ListedPoint, String> segment = text("Segment", BacktestReport.ListedPoint::segment, 96);
        segment.setMinWidth(90);
        TableColumn<BacktestReport.ListedPoint, String> stage = text("Stage", p -> viewModel.model() == null ? p.stage()
                : viewModel.model().stageLabel(p.stage()), 90);
        TableColumn<BacktestReport.ListedPoint, String> reason = text("Top reason",
                p -> BacktestViewModel.topReason(p.explanation()), 260);
        table.getColumns().add(account);
        table.getColumns().add(HelpTips.install(cutoff, Term.CUT_OFF_DATE));
        table.getColumns().add(HelpTips.install(score, Term.SCORE));
        table.getColumns().add(HelpTips.install(band, Term.BAND));
        table.getColumns().add(HelpTips.install(arr, Term.ARR));
        table.getColumns().add(HelpTips.install(segment, Term.SEGMENT));
        table.getColumns().add(HelpTips.install(stage, Term.LIFECYCLE_STAGE));
        table.getColumns().add(HelpTips.install(reason, Term.TOP_REASON));
        // One click reads the explanation beside the table; a double click (or the panel's button) opens the account.
        table.getSelectionModel().selectedItemProperty().addListener((o, old, point) -> {
            if (point != null) {
                viewModel.select(point);
            }
        });
        table.setRowFactory(view -> {
            javafx.scene.control.TableRow<BacktestReport.ListedPoint> row = new javafx.scene.control.TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    viewModel.open(row.getItem());
                }
            });
            return row;
        });
        return table;
    }

    private TableView<BacktestViewModel.BreakdownRow> breakdownTable() {
        TableView<BacktestViewModel.BreakdownRow> table = new TableView<>(viewModel.breakdown());
        table.setId("backtest-breakdown");
        table.setPlaceholder(new Label("Run the backtest to see its figures per segment and stage."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(text("By", BacktestViewModel.BreakdownRow::dimension, 70));
        table.getColumns().add(text("Group", BacktestViewModel.BreakdownRow::name, 120));
        table.getColumns().add(HelpTips.install(number("Points", r -> r.figures().points(), v -> String.format(Locale.ROOT, "%,.0f", v), 74), Term.POINT));
        table.getColumns().add(HelpTips.install(number("Churners", r -> r.figures().churners(), v -> String.format(Locale.ROOT, "%,.0f", v), 80), Term.CHURNER));
        table.getColumns().add(HelpTips.install(number("Churn rate", r -> r.figures().churnRate(), BacktestView::share, 84), Term.CHURN_RATE));
        table.getColumns().add(HelpTips.install(number("ROC AUC", r -> r.figures().rocAuc(), BacktestView::ratio, 76), Term.ROC_AUC));
        table.getColumns().add(HelpTips.install(number("Avg precision", r -> r.figures().averagePrecision(), BacktestView::ratio, 96), Term.AVERAGE_PRECISION));
        table.getColumns().add(HelpTips.install(number("Precision at red", r -> r.figures().confusionRed().precision(), BacktestView::share, 112), Term.PRECISION));
        table.getColumns().add(HelpTips.install(number("Recall at red", r -> r.figures().confusionRed().recall(), BacktestView::share, 96), Term.RECALL));
        for (Band band : Band.values()) {
            table.getColumns().add(HelpTips.install(number("Churn " + band.id(), r -> {
                BacktestReport.BandRate rate = r.figures().churnRateByBand().get(band.id());
                return rate == null ? Double.NaN : rate.rate();
            }, BacktestView::share, 84), Term.CHURN_RATE_PER_BAND));
        }
        table.getColumns().add(HelpTips.install(number("Lift", r -> r.figures().lift() == null ? Double.NaN
                : r.figures().lift().lift(), BacktestView::ratio, 60), Term.LIFT));
        return table;
    }

    private TableView<BacktestReport.Variant> variantsTable() {
        TableView<BacktestReport.Variant> table = new TableView<>();
        table.setId("backtest-variants");
        table.setPlaceholder(new Label("Run the backtest to compare the model with its baselines."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        viewModel.reportProperty().addListener((o, old, report) ->
                table.getItems().setAll(report == null ? List.of() : report.variants()));
        table.getColumns().add(text("Model", BacktestReport.Variant::name, 260));
        table.getColumns().add(HelpTips.install(number("ROC AUC", BacktestReport.Variant::rocAuc, BacktestView::ratio, 80), Term.ROC_AUC));
        table.getColumns().add(HelpTips.install(number("Avg precision", BacktestReport.Variant::averagePrecision, BacktestView::ratio, 100), Term.AVERAGE_PRECISION));
        table.getColumns().add(HelpTips.install(number("Precision at red", BacktestReport.Variant::precisionRed, BacktestView::share, 116), Term.PRECISION));
        table.getColumns().add(HelpTips.install(number("Recall at red", BacktestReport.Variant::recallRed, BacktestView::share, 100), Term.RECALL));
        table.getColumns().add(HelpTips.install(number("Lift", BacktestReport.Variant::liftTop, BacktestView::ratio, 60), Term.LIFT));
        table.getColumns().add(number("AUC vs model", BacktestReport.Variant::rocAucDiff, BacktestView::signed, 100));
        return table;
    }

    /** Each CSM's adjustments judged over the horizon (docs/backtest.md, "Were the overrides right?"). */
    private TableView<BacktestViewModel.AdjustmentLine> adjustmentsTable() {
        TableView<BacktestViewModel.AdjustmentLine> table = new TableView<>();
        table.setId("backtest-overrides");
        table.setPlaceholder(new Label("No CSM adjustment to judge (the section is for the churn target)."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        viewModel.reportProperty().addListener((o, old, report) ->
                table.getItems().setAll(BacktestViewModel.adjustmentLines(report)));
        table.getColumns().add(text("CSM", BacktestViewModel.AdjustmentLine::csm, 150));
        table.getColumns().add(number("Adjustments", l -> l.tally().adjustments(), BacktestView::whole, 115));
        table.getColumns().add(number("Right", l -> l.tally().right(), BacktestView::whole, 70));
        table.getColumns().add(number("Wrong", l -> l.tally().wrong(), BacktestView::whole, 70));
        table.getColumns().add(number("Not yet known", l -> l.tally().notYetKnown(), BacktestView::whole, 125));
        table.getColumns().add(number("AUC computed", l -> l.tally().computedRocAuc(), BacktestView::ratio, 120));
        table.getColumns().add(number("AUC adjusted", l -> l.tally().adjustedRocAuc(), BacktestView::ratio, 120));
        // Never narrower than its header: a small window scrolls the table sideways instead.
        table.getColumns().forEach(c -> c.setMinWidth(c.getPrefWidth()));
        return table;
    }

    private static String whole(Double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    private static <S> TableColumn<S, String> text(String title, Function<S, String> value, double width) {
        TableColumn<S, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        column.setPrefWidth(width);
        return column;
    }

    private static <S> TableColumn<S, Number> number(String title, Function<S, Number> value, Function<Double, String> format,
                                                     double width) {
        TableColumn<S, Number> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        column.setCellFactory(c -> {
            TableCell<S, Number> cell = new TableCell<>() {
                @Override
                protected void updateItem(Number item, boolean empty) {
                    super.updateItem(item, empty);
                    setText(empty || item == null ? null : format.apply(item.doubleValue()));
                }
            };
            cell.getStyleClass().add(NUMERIC);
            return cell;
        });
        column.setPrefWidth(width);
        column.setMinWidth(Math.min(width, 60));
        return column;
    }

    private static Band bandOf(String id) {
        for (Band band : Band.values()) {
            if (band.id().equals(id)) {
                return band;
            }
        }
        return null;
    }

    // Formats

    private static String withFigure(String name, String figure, double value) {
        return name + " (" + figure + " " + ratio(value) + ")";
    }

    static String ratio(double value) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%.3f", value);
    }

    static String share(double value) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%.1f%%", 100 * value);
    }

    static String signed(double value) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%+.3f", value);
    }

    static String money(double value) {
        return com.bellwether.domain.Money.format(value);
    }


    private static String number(double value) {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String days(Double value) {
        return value == null ? "–" : String.format(Locale.ROOT, "%.0f", value);
    }
}
