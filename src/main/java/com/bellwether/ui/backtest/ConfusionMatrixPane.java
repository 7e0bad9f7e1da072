package com.bellwether.ui.backtest;

import java.util.Locale;

import javafx.geometry.HPos;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import com.bellwether.backtest.Metrics;
import com.bellwether.ui.help.HelpTips;
import com.bellwether.ui.help.Term;

/** A confusion matrix as a two-by-two grid of labelled counts, with precision, recall and F1 below. */
final class ConfusionMatrixPane extends VBox {

    static final String MATRIX = "bw-confusion";
    static final String HEADER = "bw-confusion-header";
    static final String CELL = "bw-confusion-cell";
    static final String HIT = "bw-confusion-hit";
    static final String MISS = "bw-confusion-miss";
    static final String CAPTION = "bw-confusion-caption";

    private final Label truePositives = cell(HIT);
    private final Label falsePositives = cell(MISS);
    private final Label falseNegatives = cell(MISS);
    private final Label trueNegatives = cell(HIT);
    private final Label summary = new Label();

    ConfusionMatrixPane(String title, String flaggedLabel, String idPrefix) {
        super(4);
        getStyleClass().add(MATRIX);
        Label heading = new Label(title);
        heading.getStyleClass().add(BacktestView.SECTION_TITLE);
        GridPane grid = new GridPane();
        grid.setHgap(3);
        grid.setVgap(3);
        ColumnConstraints rowHeads = new ColumnConstraints();
        rowHeads.setMinWidth(86);
        ColumnConstraints cells = new ColumnConstraints();
        cells.setHgrow(Priority.ALWAYS);
        cells.setFillWidth(true);
        cells.setHalignment(HPos.CENTER);
        grid.getColumnConstraints().addAll(rowHeads, cells, cells);
        grid.add(header("Churned"), 1, 0);
        grid.add(header("Did not churn"), 2, 0);
        grid.add(header(flaggedLabel), 0, 1);
        grid.add(header("Not flagged"), 0, 2);
        grid.add(truePositives, 1, 1);
        grid.add(falsePositives, 2, 1);
        grid.add(falseNegatives, 1, 2);
        grid.add(trueNegatives, 2, 2);
        truePositives.setId(idPrefix + "-tp");
        falsePositives.setId(idPrefix + "-fp");
        falseNegatives.setId(idPrefix + "-fn");
        trueNegatives.setId(idPrefix + "-tn");
        summary.setId(idPrefix + "-summary");
        summary.getStyleClass().add(CAPTION);
        HelpTips.install(heading, Term.CONFUSION_MATRIX, Term.FLAGGED);
        HelpTips.install(truePositives, Term.TRUE_POSITIVE);
        HelpTips.install(falsePositives, Term.FALSE_POSITIVE);
        HelpTips.install(falseNegatives, Term.FALSE_NEGATIVE);
        HelpTips.install(trueNegatives, Term.TRUE_NEGATIVE);
        HelpTips.install(summary, Term.PRECISION, Term.RECALL, Term.F1);
        getChildren().addAll(heading, grid, summary);
        show(null);
    }

    void show(Metrics.Confusion confusion) {
        if (confusion == null) {
            for (Label label : new Label[] {truePositives, falsePositives, falseNegatives, trueNegatives}) {
                label.setText("–");
            }
            summary.setText("Precision –   Recall –   F1 –");
            return;
        }
        truePositives.setText(count(confusion.truePositives(), "caught"));
        falsePositives.setText(count(confusion.falsePositives(), "false alarms"));
        falseNegatives.setText(count(confusion.falseNegatives(), "missed"));
        trueNegatives.setText(count(confusion.trueNegatives(), "rightly calm"));
        summary.setText(String.format(Locale.ROOT, "Precision %s   Recall %s   F1 %s",
                BacktestView.share(confusion.precision()), BacktestView.share(confusion.recall()),
                BacktestView.ratio(confusion.f1())));
    }

    private static String count(long n, String what) {
        return String.format(Locale.ROOT, "%,d%n%s", n, what);
    }

    private static Label header(String text) {
        Label label = new Label(text);
        label.getStyleClass().add(HEADER);
        return label;
    }

    private static Label cell(String kind) {
        Label label = new Label();
        label.getStyleClass().addAll(CELL, kind);
        label.setMaxWidth(Double.MAX_VALUE);
        label.setWrapText(true);
        return label;
    }
}
