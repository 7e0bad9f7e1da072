package com.bellwether.ui.portfolio;

import java.util.Locale;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import com.bellwether.scoring.Band;
import com.bellwether.ui.BandPalette;
import com.bellwether.ui.Dialogs;
import com.bellwether.ui.help.HelpTips;
import com.bellwether.ui.help.Term;

/** Tiles for the portfolio at a glance, then every live account, searchable and sortable. */
public final class PortfolioView {

    static final String TITLE = "bw-screen-title";

    private final PortfolioViewModel viewModel;
    private final Dialogs dialogs;

    private final VBox root = new VBox(12);
    private final javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(root);
    private final FigureTile red = new FigureTile("tile-red", "Red", BandPalette.RED);
    private final FigureTile yellow = new FigureTile("tile-yellow", "Yellow", BandPalette.YELLOW);
    private final FigureTile green = new FigureTile("tile-green", "Green", BandPalette.GREEN);
    private final FigureTile atRisk = new FigureTile("tile-at-risk", "ARR in red or yellow", BandPalette.RED);
    private final FigureTile improved = new FigureTile("tile-improved", "Improved in 30 days", BandPalette.GREEN);
    private final FigureTile declined = new FigureTile("tile-declined", "Declined in 30 days", BandPalette.RED);
    private final FigureTile churnRates = new FigureTile("tile-churn", "Churn rate in red", BandPalette.RED);
    private final FigureTile candidates = new FigureTile("tile-expansion", "Expansion candidates", BandPalette.GREEN);

    public PortfolioView(PortfolioViewModel viewModel, Dialogs dialogs) {
        this.dialogs = dialogs;
        this.viewModel = viewModel;
        Label title = new Label("Portfolio");
        title.getStyleClass().add(TITLE);
        // The status gives way to the title on a narrow window, and shows whole in its tooltip.
        title.setMinWidth(Region.USE_PREF_SIZE);
        Label status = new Label();
        status.setId("portfolio-status");
        status.textProperty().bind(viewModel.statusProperty());
        Tooltip statusTip = new Tooltip();
        statusTip.textProperty().bind(viewModel.statusProperty());
        status.setTooltip(statusTip);
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(viewModel.busyProperty());
        javafx.scene.control.Button cancel = new javafx.scene.control.Button("Cancel");
        cancel.setId("portfolio-cancel");
        cancel.visibleProperty().bind(viewModel.busyProperty());
        cancel.managedProperty().bind(viewModel.busyProperty());
        cancel.setOnAction(e -> viewModel.cancel());
        HBox heading = new HBox(12, title, busy, cancel, status);
        heading.setAlignment(Pos.CENTER_LEFT);

        HelpTips.install(red, Term.ACCOUNTS_PER_BAND, Term.BAND);
        HelpTips.install(yellow, Term.ACCOUNTS_PER_BAND, Term.BAND);
        HelpTips.install(green, Term.ACCOUNTS_PER_BAND, Term.BAND);
        HelpTips.install(atRisk, Term.ARR_AT_RISK);
        HelpTips.install(improved, Term.IMPROVED, Term.CHANGE_30_DAYS);
        HelpTips.install(declined, Term.DECLINED, Term.CHANGE_30_DAYS);
        HelpTips.install(churnRates, Term.CHURN_RATE_PER_BAND);
        HelpTips.install(candidates, Term.EXPANSION_CANDIDATE);
        improved.setDescription("score up 5 points or more");
        declined.setDescription("score down 5 points or more");
        churnRates.setDescription("run a backtest to see it");
        viewModel.churnRatesProperty().addListener((o, old, rates) -> showChurnRates(rates));
        // One row of figures, narrowing (their titles wrap) on a small window, so the table below keeps the height.
        HBox tileRow = new HBox(8, red, yellow, green, atRisk, improved, declined, churnRates, candidates);
        tileRow.setId("portfolio-tiles");
        tileRow.setMinHeight(Region.USE_PREF_SIZE);
        tileRow.getChildren().forEach(tile -> HBox.setHgrow(tile, Priority.ALWAYS));
        viewModel.totalsProperty().addListener((o, old, totals) -> show(totals));

        TextField search = new TextField();
        search.setId("portfolio-search");
        search.setPromptText("Search by account, segment, CSM or stage");
        search.textProperty().bindBidirectional(viewModel.searchProperty());
        search.setPrefWidth(360);
        search.setMinWidth(200);
        javafx.scene.control.SplitMenuButton export = exportMenu();
        export.setMinWidth(Region.USE_PREF_SIZE);
        javafx.scene.control.CheckBox candidatesOnly = new javafx.scene.control.CheckBox("Expansion candidates only");
        candidatesOnly.setId("portfolio-candidates-only");
        candidatesOnly.selectedProperty().bindBidirectional(viewModel.candidatesOnlyProperty());
        candidatesOnly.setMinWidth(Region.USE_PREF_SIZE);
        HBox tools = new HBox(8, search, candidatesOnly, export);
        tools.setAlignment(Pos.CENTER_RIGHT);

        TableView<AccountRow> table = table();
        // The charts are a tab away and the search sits in the tabs' row: the table keeps the screen's height, at
        // least ten rows on a 700-pixel screen.
        javafx.scene.control.Tab accounts = new javafx.scene.control.Tab("Accounts", table);
        javafx.scene.control.TabPane sections = new javafx.scene.control.TabPane(accounts,
                new javafx.scene.control.Tab("Band mix", bandMixChart()),
                new javafx.scene.control.Tab("Breakdown", breakdown()));
        sections.setId("portfolio-sections");
        sections.setTabClosingPolicy(javafx.scene.control.TabPane.TabClosingPolicy.UNAVAILABLE);
        tools.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        tools.setPickOnBounds(false);
        tools.visibleProperty().bind(accounts.selectedProperty());
        javafx.scene.layout.StackPane.setAlignment(tools, Pos.TOP_RIGHT);
        javafx.scene.layout.StackPane body = new javafx.scene.layout.StackPane(sections, tools);
        VBox.setVgrow(body, Priority.ALWAYS);
        root.getChildren().addAll(heading, tileRow, body);
        root.setPadding(new Insets(12, 16, 8, 16));
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
    }

    public Parent root() {
        return scroll;
    }

    /**
     * Accounts per band by segment, stage or CSM, as stacked bars in the band colours; a click on a bar searches
     * the table for its group.
     */
    private Parent breakdown() {
        javafx.scene.control.ChoiceBox<String> by = new javafx.scene.control.ChoiceBox<>(
                javafx.collections.FXCollections.observableArrayList("Segment", "Stage", "CSM"));
        by.setId("breakdown-by");
        by.setValue("Segment");
        javafx.scene.chart.CategoryAxis groups = new javafx.scene.chart.CategoryAxis();
        javafx.scene.chart.NumberAxis count = new javafx.scene.chart.NumberAxis();
        count.setLabel("accounts");
        javafx.scene.chart.StackedBarChart<String, Number> chart = new javafx.scene.chart.StackedBarChart<>(groups, count);
        chart.setId("breakdown");
        com.bellwether.ui.ChartPicture.install(chart, () -> "Accounts per band by " + by.getValue().toLowerCase(java.util.Locale.ROOT),
                viewModel::chartCaption, com.bellwether.ui.ChartPicture.saveAs(dialogs, "breakdown.png", viewModel::exportImage));
        chart.getStyleClass().add("bw-breakdown");
        chart.setAnimated(false);
        chart.setLegendVisible(false);
        chart.setPrefHeight(220);
        // Each group's bar per band, as last drawn: a row or two re-scored (a CSM adjustment) moves a count, no more.
        java.util.Map<String, javafx.scene.chart.XYChart.Data<String, Number>[]> bars = new java.util.HashMap<>();
        java.util.function.Function<AccountRow, String> groupOf = row -> {
            String group = switch (by.getValue()) {
                case "Stage" -> row.score().stageLabel();
                case "CSM" -> row.account().csm();
                default -> row.account().segment();
            };
            return group == null ? "(none)" : group;
        };
        Runnable refresh = () -> {
            java.util.Map<String, long[]> counts = new java.util.TreeMap<>();
            for (AccountRow row : viewModel.allRows()) {
                if (row.score().band() != null) {
                    counts.computeIfAbsent(groupOf.apply(row), g -> new long[3])[row.score().band().ordinal()]++;
                }
            }
            bars.clear();
            java.util.List<javafx.scene.chart.XYChart.Series<String, Number>> series = new java.util.ArrayList<>();
            for (Band band : Band.values()) {
                javafx.scene.chart.XYChart.Series<String, Number> s = new javafx.scene.chart.XYChart.Series<>();
                s.setName(band.id());
                counts.forEach((group, n) -> {
                    javafx.scene.chart.XYChart.Data<String, Number> bar = new javafx.scene.chart.XYChart.Data<>(group, n[band.ordinal()]);
                    @SuppressWarnings("unchecked")
                    javafx.scene.chart.XYChart.Data<String, Number>[] perBand = bars.computeIfAbsent(group,
                            g -> new javafx.scene.chart.XYChart.Data[Band.values().length]);
                    perBand[band.ordinal()] = bar;
                    s.getData().add(bar);
                });
                series.add(s);
            }
            chart.getData().setAll(series);
            for (javafx.scene.chart.XYChart.Series<String, Number> s : chart.getData()) {
                for (javafx.scene.chart.XYChart.Data<String, Number> d : s.getData()) {
                    if (d.getNode() != null) {
                        d.getNode().setOnMouseClicked(e -> viewModel.searchProperty().set(d.getXValue()));
                    }
                }
            }
        };
        by.valueProperty().addListener((o, old, value) -> refresh.run());
        viewModel.allRows().addListener((javafx.collections.ListChangeListener<AccountRow>) c -> {
            java.util.List<AccountRow> removed = new java.util.ArrayList<>();
            java.util.List<AccountRow> added = new java.util.ArrayList<>();
            boolean few = true;
            while (c.next()) {
                few &= !c.wasPermutated() && c.getRemovedSize() + c.getAddedSize() <= 16;
                if (few) {
                    removed.addAll(c.getRemoved());
                    added.addAll(c.getAddedSubList());
                }
            }
            if (!few || !moveCounts(bars, groupOf, removed, -1) || !moveCounts(bars, groupOf, added, 1)) {
                refresh.run();
            }
        });
        Label hint = new Label("Click a bar to list its accounts.");
        hint.getStyleClass().add("bw-hint");
        HBox top = new HBox(8, new Label("By"), by, hint);
        top.setAlignment(Pos.CENTER_LEFT);
        VBox.setVgrow(chart, Priority.ALWAYS);
        VBox box = new VBox(6, top, chart);
        box.setPadding(new Insets(8, 0, 0, 0));
        return box;
    }

    /**
     * Moves the drawn counts by {@code step} for each row; false (and the caller draws anew) when a row's group
     * has no bar yet.
     */
    private static boolean moveCounts(java.util.Map<String, javafx.scene.chart.XYChart.Data<String, Number>[]> bars,
                                      java.util.function.Function<AccountRow, String> groupOf, java.util.List<AccountRow> rows,
                                      int step) {
        for (AccountRow row : rows) {
            if (row.score().band() == null) {
                continue;
            }
            javafx.scene.chart.XYChart.Data<String, Number>[] perBand = bars.get(groupOf.apply(row));
            if (perBand == null) {
                return false;
            }
            javafx.scene.chart.XYChart.Data<String, Number> bar = perBand[row.score().band().ordinal()];
            bar.setYValue(bar.getYValue().longValue() + step);
        }
        return true;
    }

    /** Share of accounts per band, month by month; the series colours follow BandPalette (see bellwether.css). */
    /** Export: Excel by default; the menu offers CSV too. The name chosen decides (.xlsx or .csv). */
    private javafx.scene.control.SplitMenuButton exportMenu() {
        javafx.scene.control.SplitMenuButton export = com.bellwether.ui.ExportMenu.of("Export…", "portfolio-export",
                "Write the accounts the table shows to Excel (.xlsx) or CSV", dialogs, "Export the account table",
                viewModel::export, new com.bellwether.ui.ExportMenu.Format("Excel workbook (.xlsx)…", "portfolio.xlsx"),
                new com.bellwether.ui.ExportMenu.Format("CSV (.csv)…", "portfolio.csv"));
        export.disableProperty().bind(viewModel.busyProperty());
        return export;
    }

    private Parent bandMixChart() {
        javafx.scene.chart.CategoryAxis months = new javafx.scene.chart.CategoryAxis();
        javafx.scene.chart.NumberAxis share = new javafx.scene.chart.NumberAxis(0, 100, 25);
        share.setLabel("%");
        javafx.scene.chart.StackedAreaChart<String, Number> chart = new javafx.scene.chart.StackedAreaChart<>(months, share);
        chart.setId("band-mix");
        HelpTips.install(chart, Term.BAND_MIX);
        chart.getStyleClass().add("bw-band-mix");
        chart.setTitle("Band mix, month by month");
        com.bellwether.ui.ChartPicture.install(chart, () -> "Band mix, month by month, " + viewModel.bandMixSpan(),
                () -> (viewModel.mixVersionProperty().get() == null ? viewModel.chartCaption()
                        : "Under " + viewModel.mixVersionProperty().get().label() + " · " + viewModel.chartCaption()),
                com.bellwether.ui.ChartPicture.saveAs(dialogs, "band-mix.png", viewModel::exportImage));
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setPrefHeight(205);
        chart.setMinWidth(420);
        Runnable refresh = () -> {
            javafx.scene.chart.XYChart.Series<String, Number> redSeries = new javafx.scene.chart.XYChart.Series<>();
            redSeries.setName("red");
            javafx.scene.chart.XYChart.Series<String, Number> yellowSeries = new javafx.scene.chart.XYChart.Series<>();
            yellowSeries.setName("yellow");
            javafx.scene.chart.XYChart.Series<String, Number> greenSeries = new javafx.scene.chart.XYChart.Series<>();
            greenSeries.setName("green");
            for (PortfolioViewModel.BandMix mix : viewModel.bandMix()) {
                String month = mix.date().toString().substring(0, 7);
                redSeries.getData().add(new javafx.scene.chart.XYChart.Data<>(month, mix.red()));
                yellowSeries.getData().add(new javafx.scene.chart.XYChart.Data<>(month, mix.yellow()));
                greenSeries.getData().add(new javafx.scene.chart.XYChart.Data<>(month, mix.green()));
            }
            chart.getData().setAll(java.util.List.of(redSeries, yellowSeries, greenSeries));
        };
        viewModel.bandMix().addListener((javafx.collections.ListChangeListener<PortfolioViewModel.BandMix>) c -> refresh.run());
        // The same months scored under any saved version: what the history would have looked like under it.
        javafx.scene.control.ComboBox<com.bellwether.app.ModelVersion> under = new javafx.scene.control.ComboBox<>(viewModel.versions());
        under.setId("band-mix-version");
        under.valueProperty().bindBidirectional(viewModel.mixVersionProperty());
        javafx.util.Callback<javafx.scene.control.ListView<com.bellwether.app.ModelVersion>, javafx.scene.control.ListCell<com.bellwether.app.ModelVersion>> cells =
                list -> new javafx.scene.control.ListCell<>() {
                    @Override
                    protected void updateItem(com.bellwether.app.ModelVersion version, boolean empty) {
                        super.updateItem(version, empty);
                        setText(empty || version == null ? null : version.label() + (version.active() ? " (active)" : ""));
                    }
                };
        under.setCellFactory(cells);
        under.setButtonCell(cells.call(null));
        under.disableProperty().bind(viewModel.busyProperty());
        viewModel.mixVersionProperty().addListener((o, old, version) -> chart.setTitle(version == null || version.active()
                ? "Band mix, month by month" : "Band mix, month by month, under " + version.label()));
        Label underLabel = new Label("Scored under");
        HBox pick = new HBox(8, underLabel, under);
        pick.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(4, chart, pick);
        VBox.setVgrow(chart, Priority.ALWAYS);
        return box;
    }

    private void show(PortfolioViewModel.Totals totals) {
        if (totals == null) {
            return;
        }
        band(red, totals, Band.RED);
        band(yellow, totals, Band.YELLOW);
        band(green, totals, Band.GREEN);
        atRisk.setValue(money(totals.arrAtRisk()));
        atRisk.setDescription(com.bellwether.domain.Plurals.count(totals.accounts(Band.RED) + totals.accounts(Band.YELLOW),
                "account"));
        candidates.setValue(String.format(Locale.ROOT, "%,d", totals.candidates()));
        candidates.setDescription(com.bellwether.domain.Plurals.noun(totals.candidates(), "account", "accounts") + " · "
                + money(totals.candidateArr()) + " ARR");
        improved.setValue(String.format(Locale.ROOT, "%,d", totals.improved()));
        declined.setValue(String.format(Locale.ROOT, "%,d", totals.declined()));
    }

    private static void band(FigureTile tile, PortfolioViewModel.Totals totals, Band band) {
        long accounts = totals.accounts(band);
        tile.setValue(String.format(Locale.ROOT, "%,d", accounts));
        tile.setDescription(com.bellwether.domain.Plurals.noun(accounts, "account", "accounts") + " · "
                + money(totals.arr(band)) + " ARR");
    }

    private void showChurnRates(PortfolioViewModel.ChurnRates rates) {
        if (rates == null) {
            churnRates.setValue("–");
            churnRates.setDescription("run a backtest to see it");
            return;
        }
        churnRates.setValue(String.format(Locale.ROOT, "%.1f%%", 100 * rates.red()));
        churnRates.setDescription(String.format(Locale.ROOT, "yellow %.1f%%, green %.1f%% (backtest, %d days)",
                100 * rates.yellow(), 100 * rates.green(), rates.horizonDays()));
    }

    static String money(double amount) {
        return com.bellwether.domain.Money.format(amount);
    }


    private TableView<AccountRow> table() {
        TableView<AccountRow> table = new TableView<>();
        table.setId("portfolio-table");
        table.getStyleClass().add(atlantafx.base.theme.Styles.DENSE);
        table.setItems(viewModel.visibleRows());
        // Columns as wide as their longest text (the table scrolls sideways when they do not fit), never cut.
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        Label placeholder = new Label();
        placeholder.setId("portfolio-placeholder");
        placeholder.setWrapText(true);
        placeholder.setMaxWidth(520);
        placeholder.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> viewModel.busyProperty().get()
                        ? "Scoring the portfolio…"
                        : !viewModel.allRows().isEmpty() ? "No account matches the search or the column filters."
                        : "No accounts to show yet. Open Import to bring in your own data, or load the sample data on the Data screen.",
                viewModel.busyProperty(), viewModel.allRows()));
        table.setPlaceholder(placeholder);

        TableColumn<AccountRow, String> name = text("Account", r -> r.account().name(), 190);
        TableColumn<AccountRow, String> segment = text("Segment", r -> r.account().segment(), 100);
        segment.setMinWidth(100);
        TableColumn<AccountRow, String> stage = text("Stage", r -> r.score().stageLabel(), 108);
        stage.setMinWidth(108);
        TableColumn<AccountRow, String> csm = text("CSM", r -> r.account().csm(), 130);
        TableColumn<AccountRow, Number> arr = new TableColumn<>("ARR");
        arr.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().arr()));
        arr.setCellFactory(column -> numberCell(v -> money(v.doubleValue())));
        arr.setPrefWidth(80);
        TableColumn<AccountRow, Number> score = new TableColumn<>("Score");
        score.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().score().score()));
        score.setCellFactory(column -> numberCell(v -> Double.isNaN(v.doubleValue()) ? "" : String.format(Locale.ROOT, "%.0f", v.doubleValue())));
        // Room for the header and its sort arrow.
        score.setPrefWidth(84);
        score.setMinWidth(84);
        TableColumn<AccountRow, Band> band = new TableColumn<>("Band");
        band.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().score().band()));
        band.setCellFactory(column -> new TableCell<>() {
            @Override
            protected void updateItem(Band item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.id());
                setTextFill(BandPalette.of(item));
            }
        });
        band.setPrefWidth(70);
        band.setMinWidth(64);
        TableColumn<AccountRow, Number> trend = new TableColumn<>("30 days");
        trend.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(
                c.getValue().score().change30d() == null ? Double.NaN : c.getValue().score().change30d()));
        trend.setCellFactory(column -> new TableCell<>() {
            @Override
            protected void updateItem(Number item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null || Double.isNaN(item.doubleValue())) {
                    setText(null);
                    return;
                }
                double change = item.doubleValue();
                setText((change >= 0.5 ? "▲ +" : change <= -0.5 ? "▼ " : "► ") + String.format(Locale.ROOT, "%.0f", change));
                setTextFill(change <= -5 ? BandPalette.RED : change >= 5 ? BandPalette.GREEN : BandPalette.NONE);
            }
        });
        trend.setPrefWidth(80);
        trend.setMinWidth(80);
        TableColumn<AccountRow, String> reason = text("Top reason", AccountRow::topReason, 280);
        TableColumn<AccountRow, String> action = text("Next action", AccountRow::nextAction, 240);
        TableColumn<AccountRow, String> expansion = text("Expansion", r -> r.expansionCandidate() ? "candidate" : "", 90);
        expansion.setId("portfolio-expansion-column");
        name.setId("column-name");
        reason.setId("column-reason");
        action.setId("column-action");
        viewModel.allRows().addListener((javafx.collections.ListChangeListener<AccountRow>) c -> {
            fitToLongest(name, r -> r.account().name(), 190);
            fitToLongest(reason, AccountRow::topReason, 280);
            fitToLongest(action, AccountRow::nextAction, 240);
        });
        // The score, its band and its trend next to the name, so a narrow window shows them without scrolling sideways.
        table.getColumns().add(name);
        table.getColumns().add(HelpTips.install(score, Term.SCORE));
        table.getColumns().add(HelpTips.install(band, Term.BAND));
        table.getColumns().add(HelpTips.install(trend, Term.CHANGE_30_DAYS));
        table.getColumns().add(HelpTips.install(arr, Term.ARR));
        table.getColumns().add(HelpTips.install(segment, Term.SEGMENT));
        table.getColumns().add(HelpTips.install(stage, Term.LIFECYCLE_STAGE));
        table.getColumns().add(HelpTips.install(csm, Term.CSM));
        table.getColumns().add(HelpTips.install(reason, Term.TOP_REASON));
        table.getColumns().add(HelpTips.install(action, Term.NEXT_ACTION, Term.PLAYBOOK));
        table.getColumns().add(expansion);
        table.setRowFactory(view -> {
            javafx.scene.control.TableRow<AccountRow> row = new javafx.scene.control.TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    viewModel.openedProperty().set(null);
                    viewModel.openedProperty().set(row.getItem());
                }
            });
            return row;
        });
        score.setSortType(TableColumn.SortType.ASCENDING);
        table.getSortOrder().add(score);
        // Column filters (right-click a header): the filter wraps the searched rows and keeps the header sorting.
        org.controlsfx.control.table.TableFilter.forTableView(table).lazy(true).apply();
        return table;
    }

    /**
     * Widens the column to its longest text (by characters, then measured in the table's font), up to 560 pixels;
     * the cell's tooltip shows a text longer than that whole.
     */
    private void fitToLongest(TableColumn<AccountRow, String> column, java.util.function.Function<AccountRow, String> value,
                              double least) {
        String longest = "";
        for (AccountRow row : viewModel.allRows()) {
            String text = value.apply(row);
            if (text != null && text.length() > longest.length()) {
                longest = text;
            }
        }
        javafx.scene.text.Text measure = new javafx.scene.text.Text(longest);
        // The theme's text size (14 px) or the system's, whichever is larger.
        javafx.scene.text.Font font = javafx.scene.text.Font.getDefault();
        measure.setFont(javafx.scene.text.Font.font(font.getFamily(), Math.max(14, font.getSize())));
        column.setPrefWidth(Math.min(560, Math.max(least, Math.ceil(measure.getLayoutBounds().getWidth() * 1.08) + 24)));
    }

    private static TableColumn<AccountRow, String> text(String title, java.util.function.Function<AccountRow, String> value,
                                                        double width) {
        TableColumn<AccountRow, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        column.setPrefWidth(width);
        column.setCellFactory(c -> new TableCell<>() {
            private final Tooltip whole = new Tooltip();

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                whole.setText(item);
                setTooltip(empty || item == null || item.isEmpty() ? null : whole);
            }
        });
        return column;
    }

    private static TableCell<AccountRow, Number> numberCell(java.util.function.Function<Number, String> format) {
        TableCell<AccountRow, Number> cell = new TableCell<>() {
            @Override
            protected void updateItem(Number item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : format.apply(item));
            }
        };
        cell.getStyleClass().add("bw-numeric");
        return cell;
    }
}
