package com.bellwether.ui.account;

import java.util.Locale;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import com.bellwether.scoring.AccountScore;
import com.bellwether.ui.BandPalette;

/** The CSM's view of one account: score and band, the explanation, the actions, every measure, and the history. */
public final class AccountView {

    static final String TITLE = "bw-screen-title";
    static final String CARD = "bw-card";
    static final String CARD_TITLE = "bw-card-title";

    private final VBox root = new VBox(12);
    private final Label title = new Label("No account open");
    private final Label facts = new Label("Double-click an account in the portfolio to open it.");
    private final Label score = new Label();
    private final Label scoreDetail = new Label();
    private final Label explanation = new Label();
    private final Label actions = new Label();
    private final TableView<AccountScore.MeasureResult> measures = new TableView<>();
    private final XYChart.Series<String, Number> history = new XYChart.Series<>();

    public AccountView(AccountViewModel viewModel) {
        title.getStyleClass().add(TITLE);
        title.setId("account-title");
        score.setId("account-score");
        score.getStyleClass().add("bw-score");
        explanation.setId("account-explanation");
        explanation.setWrapText(true);
        actions.setId("account-actions");
        actions.setWrapText(true);

        scoreDetail.setId("account-score-detail");
        VBox why = card("Why", explanation);
        VBox todo = card("Recommended actions", actions);
        todo.setMinWidth(400);
        todo.setPrefWidth(400);
        VBox scoreCard = card("Score", new VBox(4, score, scoreDetail));
        scoreCard.setMinWidth(280);
        HBox.setHgrow(why, Priority.ALWAYS);
        HBox summary = new HBox(12, scoreCard, why, todo);

        measureTable();
        CategoryAxis months = new CategoryAxis();
        NumberAxis points = new NumberAxis(0, 100, 20);
        LineChart<String, Number> chart = new LineChart<>(months, points);
        chart.setId("account-history");
        chart.setTitle("Score at each month's end");
        chart.setLegendVisible(false);
        chart.setAnimated(false);
        chart.getData().add(history);
        chart.setPrefHeight(260);
        HBox.setHgrow(measures, Priority.ALWAYS);
        HBox.setHgrow(chart, Priority.ALWAYS);
        HBox lower = new HBox(12, measures, chart);
        VBox.setVgrow(lower, Priority.ALWAYS);

        HBox heading = new HBox(12, title, facts);
        heading.setAlignment(Pos.BASELINE_LEFT);
        root.getChildren().addAll(heading, summary, lower);
        root.setPadding(new Insets(16));

        viewModel.scoreProperty().addListener((o, old, s) -> show(s));
        viewModel.history().addListener((javafx.collections.ListChangeListener<AccountViewModel.HistoryPoint>) c -> {
            history.getData().clear();
            for (AccountViewModel.HistoryPoint point : viewModel.history()) {
                if (!Double.isNaN(point.score())) {
                    history.getData().add(new XYChart.Data<>(point.date().toString().substring(0, 7), point.score()));
                }
            }
        });
    }

    public Parent root() {
        return root;
    }

    private static VBox card(String heading, javafx.scene.Node content) {
        Label label = new Label(heading);
        label.getStyleClass().add(CARD_TITLE);
        VBox card = new VBox(6, label, content);
        card.getStyleClass().add(CARD);
        card.setMinWidth(220);
        return card;
    }

    private void show(AccountScore s) {
        if (s == null) {
            return;
        }
        title.setText(s.name());
        facts.setText(s.accountId() + " · " + s.stageLabel() + " · as of " + s.asOf());
        score.setText(s.band() == null ? "no score" : String.format(Locale.ROOT, "%.0f  %s", s.score(), s.band().id()));
        scoreDetail.setText(s.band() == null ? "" : String.format(Locale.ROOT,
                "computed %.0f, CSM adjustment %+.0f%nchange in 30 days: %s", s.baseScore(), s.adjustment(),
                s.change30d() == null ? "–" : String.format(Locale.ROOT, "%+.0f", s.change30d())));
        score.setTextFill(BandPalette.of(s.band()));
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
        measures.getItems().setAll(s.measures());
    }

    private void measureTable() {
        measures.setId("account-measures");
        measures.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<AccountScore.MeasureResult, String> category = new TableColumn<>("Category");
        category.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().category()));
        TableColumn<AccountScore.MeasureResult, String> measure = new TableColumn<>("Measure");
        measure.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().label()));
        measure.setPrefWidth(220);
        TableColumn<AccountScore.MeasureResult, String> raw = new TableColumn<>("Value");
        raw.setCellValueFactory(c -> new ReadOnlyStringWrapper(Double.isNaN(c.getValue().raw()) ? "no data"
                : String.format(Locale.ROOT, "%.2f", c.getValue().raw())));
        TableColumn<AccountScore.MeasureResult, String> score = new TableColumn<>("Score");
        score.setCellValueFactory(c -> new ReadOnlyStringWrapper(Double.isNaN(c.getValue().score()) ? "skipped"
                : String.format(Locale.ROOT, "%.0f", c.getValue().score())));
        TableColumn<AccountScore.MeasureResult, String> lost = new TableColumn<>("Points lost");
        lost.setCellValueFactory(c -> new ReadOnlyStringWrapper(String.format(Locale.ROOT, "%.1f", c.getValue().pointsLost())));
        measures.getColumns().add(category);
        measures.getColumns().add(measure);
        measures.getColumns().add(raw);
        measures.getColumns().add(score);
        measures.getColumns().add(lost);
        measures.setPlaceholder(new Label("No account open."));
    }
}
