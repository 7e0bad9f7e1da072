package com.bellwether.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import com.bellwether.app.ExportSheets;
import com.bellwether.app.Exports;
import com.bellwether.app.ModelVersion;
import com.bellwether.app.XlsxFile;
import com.bellwether.app.Workspace;
import com.bellwether.scoring.AbsentSources;
import com.bellwether.scoring.AccountScore;
import com.bellwether.scoring.HealthModel;
import com.bellwether.scoring.Portfolio;
import com.fasterxml.jackson.databind.ObjectMapper;

import de.siegmar.fastcsv.writer.CsvWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bellwether score}: every live account's health as of a date, to CSV, JSON or an Excel workbook. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = {"Scores every account live at the as-of date and writes one row per account:",
                "account_id, name, as_of, stage, score, base_score, adjustment, band, one column per category,"
                        + " trend_30d, top_reasons, actions (JSON adds every measure and the explanation).",
                "An account whose data stopped arriving more than 35 days before the as-of date is scored as of the"
                        + " last day of its data; its as_of is that day, its top_reasons begin with \"Stale data since\", and"
                        + " a last column stale_since (staleSince in JSON) gives the day. The column is there only when some account is stale.",
                "The format follows --format, or else the --out file's name: .xlsx for Excel, .json for JSON, CSV otherwise."})
public final class ScoreCommand implements Callable<Integer> {

    @Mixin
    DatabaseOption database;

    @Option(names = "--model", paramLabel = "FILE", description = "A model file (default: the database's active model"
            + " version, the one the workbench scores with).")
    Path model;

    @Option(names = "--model-version", paramLabel = "N", description = "A saved model version (3 or v3) instead of"
            + " the active one; bellwether models lists them.")
    String modelVersion;

    @Option(names = "--as-of", paramLabel = "DATE", description = "The as-of date (default: the latest day the data is complete for).")
    LocalDate asOf;

    @Option(names = "--format", description = "csv, json or xlsx (default: by the --out file's name, csv if neither .json nor .xlsx).")
    String format;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The file to write.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String kind = format != null ? format.toLowerCase(Locale.ROOT) : formatOf(out);
        if (!kind.equals("csv") && !kind.equals("json") && !kind.equals("xlsx")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--format: expected csv, json or xlsx, not " + format);
        }
        if (model != null && modelVersion != null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--model and --model-version: give one of them, not both");
        }
        // A model file is read first: its mistakes are the user's to fix whatever the database.
        HealthModel fromFile = model == null ? null : HealthModel.read(model);
        Workspace workspace = database.openExisting();
        HealthModel healthModel;
        String used;
        if (fromFile != null) {
            healthModel = fromFile;
            used = fromFile.name() + " (the model in " + model.getFileName() + ")";
        } else {
            Optional<ModelVersion> version = modelVersion == null ? Optional.of(workspace.activeVersion())
                    : ModelsCommand.find(workspace, modelVersion, spec);
            if (version.isEmpty()) {
                return BellwetherCommand.INPUT_PROBLEMS;
            }
            healthModel = version.get().model();
            used = version.get().label() + (version.get().active() ? " (active)" : " (not the active version)");
        }
        Portfolio portfolio = workspace.portfolio();
        LocalDate date = asOf != null ? asOf : portfolio.asOfDate();
        if (date == null) {
            throw new IOException("The database at " + workspace.displayName() + " holds no dated data to score");
        }
        warnLeftOut(healthModel, portfolio, spec.commandLine().getErr());
        List<AccountScore> scores = workspace.score(healthModel, date, () -> false);
        if (out.toAbsolutePath().getParent() != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
        }
        if (kind.equals("csv")) {
            writeCsv(healthModel, scores);
        } else if (kind.equals("xlsx")) {
            XlsxFile.write(out, List.of(ExportSheets.scores(healthModel, scores)));
        } else {
            json().writeValue(out.toFile(), scores);
        }
        PrintWriter writer = spec.commandLine().getOut();
        long red = scores.stream().filter(s -> s.band() != null && s.band().id().equals("red")).count();
        long yellow = scores.stream().filter(s -> s.band() != null && s.band().id().equals("yellow")).count();
        long green = scores.stream().filter(s -> s.band() != null && s.band().id().equals("green")).count();
        long stale = scores.stream().filter(AccountScore::stale).count();
        writer.printf("Scored %d live accounts as of %s with %s: %d red, %d yellow, %d green%s. Wrote %s%n",
                scores.size(), date, used, red, yellow, green,
                stale == 0 ? "" : "; " + stale + " with stale data, scored as of the last day of their data", out);
        return 0;
    }

    private void writeCsv(HealthModel healthModel, List<AccountScore> scores) throws IOException {
        try (Writer file = Files.newBufferedWriter(out, StandardCharsets.UTF_8); CsvWriter csv = CsvWriter.builder().build(file)) {
            List<String> header = new ArrayList<>(List.of("account_id", "name", "as_of", "stage", "score", "base_score",
                    "adjustment", "band"));
            healthModel.categories().forEach(c -> header.add(c.id()));
            header.addAll(List.of("trend_30d", "top_reasons", "actions"));
            // Only when some account is stale, so a file of fresh data keeps the columns it always had.
            boolean anyStale = scores.stream().anyMatch(AccountScore::stale);
            if (anyStale) {
                header.add("stale_since");
            }
            csv.writeRecord(header);
            for (AccountScore s : scores) {
                List<String> row = new ArrayList<>(List.of(Exports.csvText(s.accountId()), Exports.csvText(s.name()),
                        s.asOf().toString(), Exports.csvText(s.stage()),
                        number(s.score()), number(s.baseScore()), number(s.adjustment()),
                        s.band() == null ? "" : s.band().id()));
                s.categories().forEach(c -> row.add(number(c.score())));
                row.add(s.change30d() == null ? "" : number(s.change30d()));
                String reasons = s.reasons().stream().limit(3).map(AccountScore.Reason::text)
                        .collect(Collectors.joining(" "));
                row.add(Exports.csvText(s.stale() ? AccountScore.staleText(s.staleSince()) + " " + reasons : reasons));
                row.add(Exports.csvText(s.actions().stream().map(AccountScore.RecommendedAction::title)
                        .collect(Collectors.joining("; "))));
                if (anyStale) {
                    row.add(s.stale() ? s.staleSince().toString() : "");
                }
                csv.writeRecord(row);
            }
        }
    }

    /** The format a file's name asks for: xlsx or json by its extension, csv otherwise. */
    static String formatOf(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".xlsx") ? "xlsx" : name.endsWith(".json") ? "json" : "csv";
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.1f", value);
    }

    /** JSON with dates as ISO text, NaN (no data) as null and numbers to two decimals. */
    static ObjectMapper json() {
        return Exports.json(2);
    }

    /**
     * A warning for each source the model reads that the data has none of (a misspelt usage metric among them): its
     * measures are left out of scoring; and for each category left with no measure.
     */
    static void warnLeftOut(HealthModel model, Portfolio portfolio, java.io.PrintWriter err) {
        for (String warning : AbsentSources.of(model, portfolio).warnings()) {
            err.println("warning: " + warning);
        }
    }
}
