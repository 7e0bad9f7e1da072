package com.bellwether.ui.backtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javafx.scene.chart.XYChart;

import com.bellwether.backtest.BacktestReport;
import com.bellwether.backtest.Metrics;

/** The report's curves and distributions as chart series. */
final class ReportCharts {

    /** Lead times are counted in bins of this many days. */
    static final int LEAD_BIN_DAYS = 30;

    private ReportCharts() {
    }

    /** False-positive rate against recall, from the origin. */
    static XYChart.Series<Number, Number> roc(String name, BacktestReport report) {
        return roc(name, report.rocCurve());
    }

    static XYChart.Series<Number, Number> roc(String name, java.util.List<Metrics.CurvePoint> curve) {
        XYChart.Series<Number, Number> series = new XYChart.Series<>();
        series.setName(name);
        series.getData().add(new XYChart.Data<>(0, 0));
        for (Metrics.CurvePoint p : curve) {
            series.getData().add(new XYChart.Data<>(p.falsePositiveRate(), p.recall()));
        }
        return series;
    }

    /** Recall against precision, riskiest threshold first. */
    static XYChart.Series<Number, Number> precisionRecall(String name, BacktestReport report) {
        return precisionRecall(name, report.prCurve());
    }

    static XYChart.Series<Number, Number> precisionRecall(String name, java.util.List<Metrics.CurvePoint> curve) {
        XYChart.Series<Number, Number> series = new XYChart.Series<>();
        series.setName(name);
        for (Metrics.CurvePoint p : curve) {
            if (!Double.isNaN(p.precision())) {
                series.getData().add(new XYChart.Data<>(p.recall(), p.precision()));
            }
        }
        return series;
    }

    /** Share of points flagged, riskiest first, against share of churners caught (a cumulative gains curve). */
    static XYChart.Series<Number, Number> capture(String name, BacktestReport report) {
        return capture(name, report.rocCurve(), report.points());
    }

    static XYChart.Series<Number, Number> capture(String name, java.util.List<Metrics.CurvePoint> curve, long points) {
        XYChart.Series<Number, Number> series = new XYChart.Series<>();
        series.setName(name);
        series.getData().add(new XYChart.Data<>(0, 0));
        if (points > 0) {
            for (Metrics.CurvePoint p : curve) {
                series.getData().add(new XYChart.Data<>((double) p.flagged() / points, p.recall()));
            }
        }
        return series;
    }

    /** The diagonal a model without skill would follow on ROC and capture charts. */
    static XYChart.Series<Number, Number> chance() {
        XYChart.Series<Number, Number> series = new XYChart.Series<>();
        series.setName("Chance");
        series.getData().add(new XYChart.Data<>(0, 0));
        series.getData().add(new XYChart.Data<>(1, 1));
        return series;
    }

    /** The churn rate of the whole population, the precision a model without skill would have. */
    static XYChart.Series<Number, Number> baseRate(double churnRate) {
        XYChart.Series<Number, Number> series = new XYChart.Series<>();
        series.setName(String.format(Locale.ROOT, "Churn rate (%.1f%%)", 100 * churnRate));
        series.getData().add(new XYChart.Data<>(0, churnRate));
        series.getData().add(new XYChart.Data<>(1, churnRate));
        return series;
    }

    /** Caught churns per lead-time bin of {@value #LEAD_BIN_DAYS} days, every bin up to the longest. */
    static XYChart.Series<String, Number> leadTimes(BacktestReport.LeadTime leadTime) {
        XYChart.Series<String, Number> series = new XYChart.Series<>();
        series.setName("Caught churns");
        List<Integer> days = leadTime == null ? List.of() : leadTime.days();
        if (days.isEmpty()) {
            return series;
        }
        int bins = days.stream().mapToInt(d -> Math.max(0, d) / LEAD_BIN_DAYS).max().orElse(0) + 1;
        long[] counts = new long[bins];
        for (int d : days) {
            counts[Math.max(0, d) / LEAD_BIN_DAYS]++;
        }
        List<XYChart.Data<String, Number>> data = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            data.add(new XYChart.Data<>(binLabel(b), counts[b]));
        }
        series.getData().setAll(data);
        return series;
    }

    static String binLabel(int bin) {
        return (bin * LEAD_BIN_DAYS) + "–" + ((bin + 1) * LEAD_BIN_DAYS - 1);
    }
}
