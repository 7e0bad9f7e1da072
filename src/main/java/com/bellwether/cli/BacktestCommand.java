package com.bellwether.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import com.bellwether.app.ExportSheets;
import com.bellwether.app.Exports;
import com.bellwether.app.Workspace;
import com.bellwether.backtest.BacktestFrame;
import com.bellwether.backtest.BacktestReport;
import com.bellwether.backtest.BacktestSettings;
import com.bellwether.backtest.Backtester;
import com.bellwether.backtest.Suggestions;
import com.bellwether.backtest.Target;
import com.bellwether.domain.Account;
import com.bellwether.scoring.HealthModel;
import com.bellwether.scoring.HealthScorer;
import com.bellwether.scoring.Portfolio;
import com.bellwether.scoring.ScoreGrid;

import de.siegmar.fastcsv.writer.CsvWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bellwether backtest}: the model against historical churn, point in time. */
@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = {"Scores every live account at each cut-off date as of that date, labels it by churn (or, with",
                "--target expansion, by expansion) in the following horizon, and writes the report (ROC AUC, average precision, confusion matrices at red and",
                "red-or-yellow, churn rate per band, lift, lead time, ARR-weighted recall, per cut-off, segment and",
                "stage, false positives and negatives, baselines). See docs/backtest.md.",
                "A report named *.xlsx is an Excel workbook instead: a sheet each for the headline, the cut-offs, the",
                "segments and stages, and the misses (docs/exports.md)."})
public final class BacktestCommand implements Callable<Integer> {

    @Mixin
    DatabaseOption database;

    @Option(names = "--model", paramLabel = "FILE", description = "A model file (default: the database's active model"
            + " version, the one the workbench scores with).")
    Path model;

    @Mixin
    CutoffOptions cutoffs;

    @Option(names = "--target", defaultValue = "churn", paramLabel = "churn|expansion",
            description = "What the backtest predicts: churn, or expansion within the horizon (default: ${DEFAULT-VALUE}).")
    String target;

    @Option(names = "--cutoff", paramLabel = "SCORE",
            description = "Expansion target: flag a point as a candidate when its score is at or above SCORE (default:"
                    + " when one of the model's expansion rules holds, or green when it has none).")
    Double cutoff;

    @Option(names = "--contraction-as-churn", description = "Count contractions as churn.")
    boolean contractionAsChurn;

    @Option(names = "--keep-incomplete", description = "Keep (and flag) cut-offs whose horizon runs past the data.")
    boolean keepIncomplete;

    @Option(names = "--top", defaultValue = "10", paramLabel = "PERCENT",
            description = "Lift and capture in the riskiest PERCENT%% too (default: ${DEFAULT-VALUE}).")
    double top;

    @Option(names = "--compare", paramLabel = "FILE", description = "Other model files to compare on the same cut-offs.")
    List<Path> compare = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "report.json",
            description = "The report to write: JSON, or an Excel workbook when the name ends in .xlsx.")
    Path out;

    @Option(names = "--points", paramLabel = "points.csv",
            description = "Also write every scored point: account_id, cutoff, score, band, label, arr, segment, stage (and,"
                    + " for expansion, candidate: 1 when an expansion rule holds).")
    Path points;

    @Option(names = "--suggest-weights", description = "Suggest category weights, then measure weights within each category (searched on the earlier"
            + " cut-offs, checked on the later).")
    boolean suggestWeights;

    @Option(names = "--weight-bounds", paramLabel = "CATEGORY=MIN:MAX", split = ",",
            description = "Bounds for suggested weights, e.g. adoption=20:60,support=10:30.")
    Map<String, String> weightBounds = new LinkedHashMap<>();

    @Option(names = "--suggest-bands", paramLabel = "recall=0.7|capacity=N|f1",
            description = "Suggest the red cut-off for a target recall, a CSM capacity or the best F1.")
    String suggestBands;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        BacktestSettings settings;
        Map<String, double[]> bounds = new LinkedHashMap<>();
        try {
            Target goal = Target.parse(target);
            if (goal != Target.EXPANSION && cutoff != null) {
                throw new IllegalArgumentException("--cutoff: for --target expansion only (churn is flagged at red)");
            }
            if (goal == Target.EXPANSION && (suggestWeights || suggestBands != null || contractionAsChurn)) {
                throw new IllegalArgumentException("--suggest-weights, --suggest-bands and --contraction-as-churn are for"
                        + " --target churn only");
            }
            if (cutoff != null && !(cutoff >= 0 && cutoff <= 100)) {
                throw new IllegalArgumentException("--cutoff: expected a score from 0 to 100, not " + cutoff);
            }
            settings = new BacktestSettings(cutoffs.from, cutoffs.to, cutoffs.step(), cutoffs.horizonDays(),
                    contractionAsChurn, keepIncomplete, top, goal, cutoff);
            weightBounds.forEach((category, range) -> {
                String[] parts = range.split(":");
                if (parts.length != 2) {
                    throw new IllegalArgumentException("--weight-bounds: expected CATEGORY=MIN:MAX, not " + category + "=" + range);
                }
                bounds.put(category, new double[] {Double.parseDouble(parts[0]), Double.parseDouble(parts[1])});
            });
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (top <= 0 || top > 100) {
            throw new ParameterException(spec.commandLine(), "--top: expected a percentage above 0 and up to 100");
        }
        // Without a model file, the database's active version: the database is opened first to read it.
        Workspace opened = model == null ? database.openExisting() : null;
        HealthModel healthModel = opened != null ? opened.activeModel() : HealthModel.read(model);
        try {
            if (suggestBands != null) {
                com.bellwether.backtest.Suggestions.checkCriterion(suggestBands);
            }
            com.bellwether.backtest.Suggestions.checkBounds(healthModel, bounds);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        List<Backtester.NamedModel> variants = new ArrayList<>();
        for (Path file : compare) {
            HealthModel other = HealthModel.read(file);
            variants.add(new Backtester.NamedModel(file.getFileName() + (other.name() == null ? "" : " (" + other.name() + ")"), other));
        }
        Workspace workspace = opened != null ? opened : database.openExisting();
        Portfolio portfolio = workspace.portfolio();
        ScoreCommand.warnLeftOut(healthModel, portfolio, spec.commandLine().getErr());
        BacktestFrame frame;
        try {
            frame = workspace.backtest(healthModel, settings, () -> false);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        BacktestReport report = Backtester.report(frame, new Backtester.Options(variants, suggestBands, suggestWeights, bounds),
                () -> false);
        ExportSheets.writeBacktest(report, out);
        if (points != null) {
            writePoints(frame);
        }
        PrintWriter writer = spec.commandLine().getOut();
        if (settings.target() == Target.EXPANSION) {
            var flagged = report.confusionRed();
            String atCutoff = flagged.flagged() == 0 ? "no point flagged"
                    : String.format(Locale.ROOT, "%,d flagged, precision %.2f, recall %.2f", flagged.flagged(),
                            flagged.precision(), flagged.recall());
            writer.printf(Locale.ROOT, "Expansion backtest of %s over %d cut-offs from %s to %s, horizon %d days: %,d points,"
                            + " %,d expanded. ROC AUC %.3f, average precision %.3f; flagged when %s: %s. Wrote %s%n",
                    healthModel.name(), report.parameters().cutoffs(), report.parameters().from(), report.parameters().to(),
                    settings.horizonDays(), report.points(), report.churners(), report.rocAuc(), report.averagePrecision(),
                    report.parameters().flaggedWhen(), atCutoff, out);
            return 0;
        }
        writer.printf(Locale.ROOT, "Backtest of %s over %d cut-offs from %s to %s, horizon %d days: %,d points, %,d churned."
                        + " ROC AUC %.3f, average precision %.3f; at red: precision %.2f, recall %.2f. Wrote %s%n",
                healthModel.name(), report.parameters().cutoffs(), report.parameters().from(), report.parameters().to(),
                settings.horizonDays(), report.points(), report.churners(), report.rocAuc(), report.averagePrecision(),
                report.confusionRed().precision(), report.confusionRed().recall(), out);
        if (report.suggestedWeights() != null && report.suggestedWeights().refused() != null) {
            writer.println(report.suggestedWeights().refused());
        } else if (report.suggestedWeights() != null) {
            writer.println(Suggestions.summary(report.suggestedWeights()));
        }
        return 0;
    }


    private void writePoints(BacktestFrame frame) throws IOException {
        ScoreGrid grid = frame.grid();
        try (Writer file = Files.newBufferedWriter(points, StandardCharsets.UTF_8); CsvWriter csv = CsvWriter.builder().build(file)) {
            boolean expansion = frame.target() == Target.EXPANSION;
            List<String> header = new ArrayList<>(List.of("account_id", "cutoff", "score", "band", "label", "arr", "segment", "stage"));
            if (expansion) {
                header.add("candidate");
            }
            csv.writeRecord(header);
            for (int p : frame.population()) {
                LocalDate cutoff = frame.cutoffs().get(frame.cutoffOf(p));
                Account account = frame.portfolio().account(frame.accountOf(p), cutoff);
                List<String> row = new ArrayList<>(List.of(Exports.csvText(account.accountId()), cutoff.toString(),
                        Double.toString(grid.score(p)), grid.band(p).id(), frame.label(p) ? "1" : "0",
                        account.arr() == null ? "" : Double.toString(account.arr()),
                        Exports.csvText(account.segment()), Exports.csvText(grid.stage(p))));
                if (expansion) {
                    row.add(HealthScorer.expansionCandidate(grid, p) ? "1" : "0");
                }
                csv.writeRecord(row);
            }
        }
    }
}
