package com.bellwether.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import com.bellwether.app.Workspace;
import com.bellwether.backtest.BacktestSettings;
import com.bellwether.backtest.EffectEstimate;
import com.bellwether.backtest.EffectsReport;
import com.bellwether.backtest.EffectsSettings;
import com.bellwether.scoring.HealthModel;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bellwether effects}: did the action help? Acted-on triggers against comparable ones, per rule. */
@Command(name = "effects", mixinStandardHelpOptions = true,
        description = {"For each playbook rule and each alert rule: how often it newly held at the cut-offs, how often",
                "a task done within --act-within days acted on it, and churn and expansion within the horizon for",
                "acted-on accounts against comparable ones (same band, segment and stage) not acted on, with a 95%%",
                "interval. Associations, not proof. See docs/backtest.md, \"Did the action help\"."})
public final class EffectsCommand implements Callable<Integer> {

    @Mixin
    DatabaseOption database;

    @Option(names = "--model", paramLabel = "FILE", description = "A model file (default: the database's active model"
            + " version).")
    Path model;

    @Mixin
    CutoffOptions cutoffs;

    @Option(names = "--act-within", defaultValue = "30", paramLabel = "DAYS",
            description = "A task done within DAYS days after the trigger acts on it (default: ${DEFAULT-VALUE}).")
    String actWithin;

    @Option(names = "--out", required = true, paramLabel = "effects.json", description = "The report to write (JSON).")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        EffectsSettings settings;
        try {
            int days;
            try {
                days = Integer.parseInt(actWithin.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--act-within: expected a whole number of days, not " + actWithin);
            }
            if (days < 0) {
                throw new IllegalArgumentException("--act-within: expected 0 days or more, not " + actWithin);
            }
            if (cutoffs.from != null && cutoffs.to != null && cutoffs.to.isBefore(cutoffs.from)) {
                throw new IllegalArgumentException("--to " + cutoffs.to + " is before --from " + cutoffs.from);
            }
            settings = new EffectsSettings(new BacktestSettings(cutoffs.from, cutoffs.to, cutoffs.step(),
                    cutoffs.horizonDays(), false, false, 10), days);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Workspace workspace = database.openExisting();
        HealthModel healthModel = model == null ? workspace.activeModel() : HealthModel.read(model);
        EffectsReport report;
        try {
            report = workspace.effects(healthModel, settings, (step, fraction) -> { }, () -> false);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        report.write(out);
        PrintWriter writer = spec.commandLine().getOut();
        writer.printf(Locale.ROOT, "Effects of %s's rules over %d cut-offs from %s to %s, horizon %d days, acted on"
                        + " within %d days (%,d tasks done):%n", report.model(), report.cutoffs(), report.from(),
                report.to(), report.horizonDays(), report.actWithinDays(), report.tasksDone());
        for (EffectsReport.RuleEffect rule : report.rules()) {
            EffectEstimate churn = rule.churn();
            writer.printf(Locale.ROOT, "  %-8s %-24s triggered %,6d, acted on %,5d, churn %s acted vs %s not: %s%n",
                    rule.kind(), rule.ruleId(), rule.triggered(), rule.actedOn(), percent(churn.actedRate()),
                    percent(churn.notActedRate()), churn.tooFew() ? "too few to tell"
                            : String.format(Locale.ROOT, "%+.1f points (95%% interval %+.1f to %+.1f)",
                            100 * churn.difference(), 100 * churn.low(), 100 * churn.high()));
        }
        writer.println(EffectsReport.CAUTION);
        writer.println("Wrote " + out);
        return 0;
    }

    private static String percent(double rate) {
        return Double.isNaN(rate) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * rate);
    }
}
