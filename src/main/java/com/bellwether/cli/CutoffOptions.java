package com.bellwether.cli;

import java.time.LocalDate;
import java.time.Period;

import com.bellwether.backtest.BacktestSettings;

import picocli.CommandLine.Option;

/** The cut-offs of a replay of history and the horizon after each, as `backtest` and `effects` take them. */
final class CutoffOptions {

    @Option(names = "--from", paramLabel = "DATE", description = "First cut-off (default: three months after the first data).")
    LocalDate from;

    @Option(names = "--to", paramLabel = "DATE", description = "Last cut-off (default: the last one whose horizon the data covers).")
    LocalDate to;

    @Option(names = "--step", defaultValue = "1m", description = "Between cut-offs: 1m, 2w, 30d... (default: ${DEFAULT-VALUE}).")
    String step;

    @Option(names = "--horizon", defaultValue = "90d",
            description = "Outcomes (churn, expansion) looked for in (T, T + horizon] (default: ${DEFAULT-VALUE}).")
    String horizon;

    /** The step between cut-offs; an IllegalArgumentException names the option and the expected form. */
    Period step() {
        return BacktestSettings.parseStep(step);
    }

    /** The horizon in days; an IllegalArgumentException names the option and the expected form. */
    int horizonDays() {
        return BacktestSettings.parseHorizon(horizon);
    }
}
