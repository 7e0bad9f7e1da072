package com.bellwether.app;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import com.bellwether.alerts.CrmTask;
import com.bellwether.alerts.CrmTasks;
import com.bellwether.backtest.BacktestReport;
import com.bellwether.backtest.Metrics;
import com.bellwether.backtest.ReportJson;
import com.bellwether.domain.Account;
import com.bellwether.scoring.AccountScore;
import com.bellwether.scoring.Band;
import com.bellwether.scoring.HealthModel;

/**
 * The spreadsheets Bellwether exports, one definition each for the workbench and the command line: the portfolio
 * table, the scores, the backtest report and the CRM tasks. docs/exports.md lists their sheets and columns.
 */
public final class ExportSheets {

    private ExportSheets() {
    }

    /** An account and its score, as the portfolio table shows them. */
    public record ScoredAccount(Account account, AccountScore score, String topReason, String nextAction) {
    }

    /** The portfolio table: one row per account as the table shows (and filters) them. */
    public static SheetTable portfolio(List<ScoredAccount> rows) {
        SheetTable table = new SheetTable("Portfolio").text("account_id").text("name").text("segment").text("stage")
                .text("csm").money("arr").score("score").score("base_score").score("adjustment").text("band")
                .score("trend_30d").text("top_reason").text("next_action");
        for (ScoredAccount row : rows) {
            AccountScore s = row.score();
            table.row(row.account().accountId(), row.account().name(), row.account().segment(), s.stage(),
                    row.account().csm(), row.account().arr(), s.score(), s.baseScore(), s.adjustment(), band(s.band()),
                    s.change30d(), row.topReason(), row.nextAction());
        }
        return table;
    }

    /** The scores of {@code bellwether score}: the columns of its CSV, numbers as numbers and dates as dates. */
    public static SheetTable scores(HealthModel model, List<AccountScore> scores) {
        SheetTable table = new SheetTable("Scores").text("account_id").text("name").date("as_of").text("stage")
                .score("score").score("base_score").score("adjustment").text("band");
        model.categories().forEach(c -> table.score(c.id()));
        table.score("trend_30d").text("top_reasons").text("actions");
        boolean anyStale = scores.stream().anyMatch(AccountScore::stale);
        if (anyStale) {
            table.date("stale_since");
        }
        for (AccountScore s : scores) {
            List<Object> row = new ArrayList<>(List.of());
            row.add(s.accountId());
            row.add(s.name());
            row.add(s.asOf());
            row.add(s.stage());
            row.add(s.score());
            row.add(s.baseScore());
            row.add(s.adjustment());
            row.add(band(s.band()));
            s.categories().forEach(c -> row.add(c.score()));
            row.add(s.change30d());
            String reasons = s.reasons().stream().limit(3).map(AccountScore.Reason::text).collect(Collectors.joining(" "));
            row.add(s.stale() ? AccountScore.staleText(s.staleSince()) + " " + reasons : reasons);
            row.add(s.actions().stream().map(AccountScore.RecommendedAction::title).collect(Collectors.joining("; ")));
            if (anyStale) {
                row.add(s.staleSince());
            }
            table.row(row.toArray());
        }
        return table;
    }

    /** The backtest report: a sheet each for the headline, the cut-offs, the segments and stages, and the misses. */
    public static List<SheetTable> backtest(BacktestReport report) {
        return List.of(headline(report), cutoffs(report), segmentsAndStages(report), misses(report));
    }

    /** The open alerts as CRM tasks, the columns of the CSV export. */
    public static SheetTable tasks(List<CrmTask> tasks) {
        SheetTable table = new SheetTable("CRM tasks");
        CrmTasks.CSV_HEADER.forEach(header -> table.column(header,
                header.equals("due_date") ? SheetTable.Kind.DATE : SheetTable.Kind.TEXT));
        for (CrmTask t : tasks) {
            table.row(t.externalId(), t.subject(), t.description(), t.accountId(), t.accountName(), t.owner(),
                    t.priority(), t.dueDate(), t.status());
        }
        return table;
    }

    /** Writes the report as .xlsx when the file's name ends so, as report.json otherwise. */
    public static void writeBacktest(BacktestReport report, Path file) throws IOException {
        if (XlsxFile.named(file)) {
            XlsxFile.write(file, backtest(report));
        } else {
            ReportJson.write(report, file);
        }
    }

    /** Writes the tasks as .xlsx, .csv or .json by the file's name; refuses any other name. */
    public static void writeTasks(List<CrmTask> tasks, Path file, BooleanSupplier cancelled) throws IOException {
        if (XlsxFile.named(file)) {
            XlsxFile.write(file, List.of(tasks(tasks)), cancelled);
        } else {
            CrmTasks.write(tasks, file);
        }
    }

    /** True when the tasks can be written to a file of this name. */
    public static boolean taskFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".csv") || name.endsWith(".json") || name.endsWith(XlsxFile.EXTENSION);
    }

    // The backtest's sheets

    private static SheetTable headline(BacktestReport r) {
        SheetTable table = new SheetTable("Headline").text("figure").ratio("value").text("about");
        BacktestReport.Parameters p = r.parameters();
        table.row("model", null, p.model() + (p.modelVersion() == null ? "" : " v" + p.modelVersion()));
        if (p.target() == com.bellwether.backtest.Target.EXPANSION) {
            // The sheets keep the churn report's names; this row says how to read them.
            table.row("target", null, "expansion: \"churners\" and \"churned\" count expansions, \"red\" is flagged when "
                    + p.flaggedWhen() + ", \"red or yellow\" is green");
        }
        table.row("first cut-off", date(p.from()), "");
        table.row("last cut-off", date(p.to()), "");
        table.row("data from", date(p.dataFrom()), "");
        table.row("data to", date(p.dataTo()), "");
        table.row("cut-offs", count(p.cutoffs()), "every " + (p.step() != null && p.step().startsWith("P")
                ? p.step().substring(1).toLowerCase(Locale.ROOT) : p.step()));
        table.row("horizon (days)", count(p.horizonDays()), p.contractionIsChurn()
                ? "churn or contraction within the horizon after a cut-off" : "churn within the horizon after a cut-off");
        for (String leftOut : p.measuresLeftOut()) {
            table.row("left out", null, leftOut);
        }
        table.row("points", count(r.points()), "accounts scored at a cut-off");
        table.row("churners", count(r.churners()), "points that churned within the horizon");
        table.row("churn rate", share(r.churnRate()), "");
        table.row("ROC AUC", r.rocAuc(), "chance that a churner scored riskier than an account that stayed");
        table.row("average precision", r.averagePrecision(), "precision averaged over every recall");
        confusion(table, "red", r.confusionRed());
        confusion(table, "red or yellow", r.confusionRedOrYellow());
        for (Band band : Band.values()) {
            BacktestReport.BandRate rate = r.churnRateByBand().get(band.id());
            if (rate != null) {
                table.row("churn rate, " + band.id(), share(rate.rate()), String.format(Locale.ROOT,
                        "%,d of %,d points churned", rate.churners(), rate.points()));
            }
        }
        for (Metrics.Lift lift : r.lift()) {
            String riskiest = String.format(Locale.ROOT, "riskiest %s%%", number(lift.percent()));
            table.row("lift, " + riskiest, lift.lift(), "churn rate among them over the whole churn rate");
            table.row("capture, " + riskiest, share(lift.capture()), "share of churners among them");
        }
        BacktestReport.LeadTime lead = r.leadTime();
        if (lead != null) {
            table.row("churn events", count(lead.churnEvents()), "");
            table.row("caught at red", count(lead.caught()), "churn events red at the last cut-off before them");
            table.row("lead time, median (days)", days(lead.medianDays()), "first red cut-off of the run to the churn");
            table.row("lead time, 25th percentile (days)", days(lead.p25Days()), "");
            table.row("lead time, 75th percentile (days)", days(lead.p75Days()), "");
        }
        BacktestReport.ArrRecall arr = r.arrWeightedRecall();
        if (arr != null) {
            table.row("churned ARR", new SheetTable.Formatted(arr.churnedArr(), SheetTable.Kind.MONEY), "");
            table.row("churned ARR caught at red", new SheetTable.Formatted(arr.redArr(), SheetTable.Kind.MONEY), "");
            table.row("ARR-weighted recall", share(arr.recall()), "");
        }
        return table;
    }

    private static void confusion(SheetTable table, String flaggedAt, Metrics.Confusion c) {
        if (c == null) {
            return;
        }
        table.row("flagged at " + flaggedAt, count(c.flagged()), "points in the band or worse");
        table.row("precision at " + flaggedAt, share(c.precision()), "share of flagged points that churned");
        table.row("recall at " + flaggedAt, share(c.recall()), "share of churners flagged");
        table.row("F1 at " + flaggedAt, c.f1(), "");
        table.row("true positives at " + flaggedAt, count(c.truePositives()), "flagged and churned");
        table.row("false positives at " + flaggedAt, count(c.falsePositives()), "flagged, stayed");
        table.row("false negatives at " + flaggedAt, count(c.falseNegatives()), "not flagged, churned");
        table.row("true negatives at " + flaggedAt, count(c.trueNegatives()), "not flagged, stayed");
    }

    private static SheetTable cutoffs(BacktestReport r) {
        SheetTable table = blockColumns(new SheetTable("Cut-offs").date("cutoff").text("incomplete_horizon"));
        for (BacktestReport.CutoffBlock block : r.perCutoff()) {
            table.row(blockRow(block.figures(), block.cutoff(), block.incompleteHorizon() ? "yes" : "no"));
        }
        return table;
    }

    private static SheetTable segmentsAndStages(BacktestReport r) {
        SheetTable table = blockColumns(new SheetTable("Segments and stages").text("dimension").text("name"));
        for (Map.Entry<String, BacktestReport.Block> e : r.bySegment().entrySet()) {
            table.row(blockRow(e.getValue(), "segment", e.getKey()));
        }
        for (Map.Entry<String, BacktestReport.Block> e : r.byStage().entrySet()) {
            table.row(blockRow(e.getValue(), "stage", e.getKey()));
        }
        return table;
    }

    private static SheetTable blockColumns(SheetTable table) {
        return table.integer("points").integer("churners").percent("churn_rate").ratio("roc_auc")
                .ratio("average_precision").integer("flagged_red").percent("precision_red").percent("recall_red")
                .integer("flagged_red_or_yellow").percent("precision_red_or_yellow").percent("recall_red_or_yellow")
                .percent("churn_rate_red").percent("churn_rate_yellow").percent("churn_rate_green")
                .ratio("lift_top").percent("capture_top");
    }

    private static Object[] blockRow(BacktestReport.Block b, Object first, Object second) {
        return new Object[] {first, second, b.points(), b.churners(), b.churnRate(), b.rocAuc(), b.averagePrecision(),
                b.confusionRed().flagged(), b.confusionRed().precision(), b.confusionRed().recall(),
                b.confusionRedOrYellow().flagged(), b.confusionRedOrYellow().precision(),
                b.confusionRedOrYellow().recall(), bandRate(b, Band.RED), bandRate(b, Band.YELLOW),
                bandRate(b, Band.GREEN), b.lift() == null ? null : b.lift().lift(),
                b.lift() == null ? null : b.lift().capture()};
    }

    private static SheetTable misses(BacktestReport r) {
        SheetTable table = new SheetTable("Misses").text("miss").text("account_id").text("name").date("cutoff")
                .score("score").text("band").money("arr").text("segment").text("stage").text("explanation");
        for (BacktestReport.ListedPoint p : r.falseNegatives()) {
            missRow(table, "churned, not red", p);
        }
        for (BacktestReport.ListedPoint p : r.falsePositives()) {
            missRow(table, "red, stayed", p);
        }
        return table;
    }

    private static void missRow(SheetTable table, String miss, BacktestReport.ListedPoint p) {
        table.row(miss, p.accountId(), p.name(), p.cutoff(), p.score(), p.band(), p.arr(), p.segment(), p.stage(),
                p.explanation());
    }

    private static Double bandRate(BacktestReport.Block block, Band band) {
        BacktestReport.BandRate rate = block.churnRateByBand() == null ? null : block.churnRateByBand().get(band.id());
        return rate == null ? null : rate.rate();
    }

    private static String band(Band band) {
        return band == null ? null : band.id();
    }

    private static SheetTable.Formatted count(long value) {
        return new SheetTable.Formatted(value, SheetTable.Kind.INTEGER);
    }

    private static SheetTable.Formatted share(double value) {
        return new SheetTable.Formatted(value, SheetTable.Kind.PERCENT);
    }

    private static SheetTable.Formatted days(Double value) {
        return new SheetTable.Formatted(value, SheetTable.Kind.SCORE);
    }

    private static SheetTable.Formatted date(LocalDate date) {
        return new SheetTable.Formatted(date, SheetTable.Kind.DATE);
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
