package com.bellwether.ui.account;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Rectangle;
import javafx.scene.shape.Shape;
import javafx.util.Duration;
import javafx.util.StringConverter;

import com.bellwether.scoring.Band;
import com.bellwether.scoring.HealthModel;
import com.bellwether.ui.BandPalette;

/**
 * The score over time on a date axis (epoch days), with the band zones behind the lines and markers for model
 * versions (vertical lines), CSM adjustments (diamonds) and outcomes (triangles), each with a tooltip.
 */
final class ScoreChart extends LineChart<Number, Number> {

    static final String MARKER = "bw-marker";
    static final String VERSION_LINE = "bw-marker-version";
    static final String VERSION_LABEL = "bw-marker-version-label";
    static final String ADJUSTMENT = "bw-marker-adjustment";
    static final String OUTCOME = "bw-marker-outcome";
    static final String BAND_ZONE = "bw-band-zone";
    static final String CHART = "bw-score-chart";

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM yyyy", Locale.ENGLISH);
    private static final double ZONE_OPACITY = 0.14;

    private final NumberAxis days;
    private final NumberAxis points;
    private final Rectangle[] zones = new Rectangle[3];
    private final List<Placed> placed = new ArrayList<>();
    private HealthModel.Bands bands;

    private record Placed(AccountViewModel.Marker marker, Node[] nodes) {
    }

    ScoreChart() {
        super(new NumberAxis(), new NumberAxis(0, 100, 20));
        days = (NumberAxis) getXAxis();
        points = (NumberAxis) getYAxis();
        days.setAutoRanging(false);
        days.setMinorTickVisible(false);
        days.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number day) {
                return LocalDate.ofEpochDay(Math.round(day.doubleValue())).format(MONTH);
            }

            @Override
            public Number fromString(String text) {
                return null;
            }
        });
        points.setLabel("score");
        getStyleClass().add(CHART);
        setAnimated(false);
        for (Band band : Band.values()) {
            Rectangle zone = new Rectangle();
            zone.setFill(BandPalette.of(band));
            zone.setOpacity(ZONE_OPACITY);
            zone.getStyleClass().add(BAND_ZONE);
            zone.setMouseTransparent(true);
            zones[band.ordinal()] = zone;
        }
        getPlotChildren().addAll(0, List.of(zones));
    }

    /** The span of the date axis, about six ticks across. */
    void span(LocalDate from, LocalDate to) {
        days.setLowerBound(from.toEpochDay());
        days.setUpperBound(to.toEpochDay());
        days.setTickUnit(Math.max(1, (to.toEpochDay() - from.toEpochDay()) / 8.0));
    }

    void bands(HealthModel.Bands cutOffs) {
        this.bands = cutOffs;
        requestChartLayout();
    }

    void markers(List<AccountViewModel.Marker> markers) {
        for (Placed p : placed) {
            getPlotChildren().removeAll(p.nodes());
        }
        placed.clear();
        for (AccountViewModel.Marker marker : markers) {
            Node[] nodes = switch (marker.kind()) {
                case MODEL_VERSION -> versionLine(marker);
                case ADJUSTMENT -> new Node[] {symbol(diamond(), ADJUSTMENT, marker)};
                case OUTCOME -> new Node[] {symbol(triangle(), OUTCOME, marker)};
            };
            placed.add(new Placed(marker, nodes));
            getPlotChildren().addAll(nodes);
        }
        requestChartLayout();
    }

    static Polygon diamond() {
        return new Polygon(0, -7, 7, 0, 0, 7, -7, 0);
    }

    static Polygon triangle() {
        return new Polygon(0, -8, 7, 5, -7, 5);
    }

    private static Node symbol(Shape shape, String styleClass, AccountViewModel.Marker marker) {
        shape.getStyleClass().addAll(MARKER, styleClass);
        install(shape, marker.detail());
        return shape;
    }

    private static Node[] versionLine(AccountViewModel.Marker marker) {
        Line line = new Line();
        line.getStyleClass().addAll(MARKER, VERSION_LINE);
        Label label = new Label(marker.label());
        label.getStyleClass().addAll(MARKER, VERSION_LABEL);
        install(line, marker.detail());
        install(label, marker.detail());
        return new Node[] {line, label};
    }

    private static void install(Node node, String text) {
        Tooltip tip = new Tooltip(text);
        tip.setShowDelay(Duration.millis(150));
        tip.setWrapText(true);
        tip.setMaxWidth(420);
        Tooltip.install(node, tip);
    }

    @Override
    protected void layoutPlotChildren() {
        super.layoutPlotChildren();
        double left = days.getDisplayPosition(days.getLowerBound());
        double right = days.getDisplayPosition(days.getUpperBound());
        double[] edges = bands == null ? new double[] {0, 0, 0, 100} : new double[] {0, bands.red(), bands.yellow(), 100};
        for (int b = 0; b < 3; b++) {
            double top = points.getDisplayPosition(edges[b + 1]);
            double bottom = points.getDisplayPosition(edges[b]);
            zones[b].setX(left);
            zones[b].setY(top);
            zones[b].setWidth(Math.max(0, right - left));
            zones[b].setHeight(Math.max(0, bottom - top));
            zones[b].setVisible(bands != null);
        }
        double top = points.getDisplayPosition(100);
        double bottom = points.getDisplayPosition(0);
        for (Placed p : placed) {
            double x = days.getDisplayPosition(p.marker().date().toEpochDay());
            double score = p.marker().score();
            double y = points.getDisplayPosition(Double.isNaN(score) ? 2 : score);
            switch (p.marker().kind()) {
                case MODEL_VERSION -> {
                    Line line = (Line) p.nodes()[0];
                    line.setStartX(x);
                    line.setEndX(x);
                    line.setStartY(top);
                    line.setEndY(bottom);
                    Label label = (Label) p.nodes()[1];
                    label.autosize();
                    label.relocate(x + 3, top + 2);
                }
                default -> {
                    p.nodes()[0].setLayoutX(x);
                    p.nodes()[0].setLayoutY(y);
                }
            }
            for (Node node : p.nodes()) {
                node.toFront();
            }
        }
    }

    /** Two series, the computed score and the adjusted one, from the view model's history. */
    void history(List<AccountViewModel.HistoryPoint> history, XYChart.Series<Number, Number> base,
                 XYChart.Series<Number, Number> adjusted) {
        List<XYChart.Data<Number, Number>> basePoints = new ArrayList<>();
        List<XYChart.Data<Number, Number>> adjustedPoints = new ArrayList<>();
        for (AccountViewModel.HistoryPoint point : history) {
            if (!Double.isNaN(point.score())) {
                basePoints.add(new XYChart.Data<>(point.date().toEpochDay(), point.base()));
                adjustedPoints.add(new XYChart.Data<>(point.date().toEpochDay(), point.score()));
            }
        }
        base.getData().setAll(basePoints);
        adjusted.getData().setAll(adjustedPoints);
        if (!history.isEmpty()) {
            span(history.get(0).date(), history.get(history.size() - 1).date());
        }
    }
}
