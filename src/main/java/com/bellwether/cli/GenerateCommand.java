package com.bellwether.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;

import com.bellwether.sample.GenerationSummary;
import com.bellwether.sample.GeneratorSettings;
import com.bellwether.sample.SampleGenerator;
import com.bellwether.sample.UsageCadence;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bellwether generate}: writes a synthetic portfolio as a canonical bundle. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Writes a realistic synthetic B2B SaaS portfolio as a canonical CSV bundle.",
                "The same settings always give the same files; churners show leading signals at varied lead times."})
public final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--accounts", defaultValue = "600", description = "Number of accounts (default: ${DEFAULT-VALUE}).")
    int accounts;

    @Option(names = "--months", defaultValue = "30", description = "Months of history (default: ${DEFAULT-VALUE}).")
    int months;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--end", defaultValue = "2026-09-30", description = "Last day of the history (default: ${DEFAULT-VALUE}).")
    LocalDate end;

    @Option(names = "--usage", defaultValue = "weekly",
            description = "Usage rows per account: weekly or daily (default: ${DEFAULT-VALUE}).")
    String usage;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The folder to write the CSV files to.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter writer = spec.commandLine().getOut();
        UsageCadence cadence = switch (usage.toLowerCase(java.util.Locale.ROOT)) {
            case "weekly" -> UsageCadence.WEEKLY;
            case "daily" -> UsageCadence.DAILY;
            default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--usage: expected weekly or daily, not " + usage);
        };
        GeneratorSettings settings;
        try {
            settings = new GeneratorSettings(accounts, months, seed, end, cadence);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        GenerationSummary summary = new SampleGenerator(settings).writeTo(out);
        writer.println("Wrote " + out.toAbsolutePath().normalize() + ":");
        summary.rowsPerFile().forEach((file, rows) -> writer.printf("  %-17s %,d rows%n", file, rows));
        return 0;
    }
}
