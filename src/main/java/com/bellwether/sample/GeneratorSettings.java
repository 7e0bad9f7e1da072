package com.bellwether.sample;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What {@link SampleGenerator} should produce.
 *
 * @param accounts how many accounts to create (1 to 999,999)
 * @param months   length of the history window in months; the window ends on {@code end} and starts
 *                 {@code months} months earlier, see {@link #start()}
 * @param seed     seed of every random choice; same settings give byte-identical files
 * @param end      last day of the history (inclusive)
 * @param cadence  whether usage is written per week or per day
 */
public record GeneratorSettings(int accounts, int months, long seed, LocalDate end, UsageCadence cadence) {

    public static final int DEFAULT_ACCOUNTS = 600;
    public static final int DEFAULT_MONTHS = 30;
    public static final long DEFAULT_SEED = 42L;
    public static final LocalDate DEFAULT_END = LocalDate.of(2026, 9, 30);
    public static final UsageCadence DEFAULT_CADENCE = UsageCadence.WEEKLY;

    public GeneratorSettings {
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(cadence, "cadence");
        if (accounts < 1 || accounts > 999_999) {
            throw new IllegalArgumentException("--accounts must be between 1 and 999999, not " + accounts);
        }
        if (months < 1 || months > 240) {
            throw new IllegalArgumentException("--months must be between 1 and 240, not " + months);
        }
    }

    /** 600 accounts, 30 months ending 2026-09-30, seed 42, weekly usage. */
    public static GeneratorSettings defaults() {
        return new GeneratorSettings(DEFAULT_ACCOUNTS, DEFAULT_MONTHS, DEFAULT_SEED, DEFAULT_END, DEFAULT_CADENCE);
    }

    /** First day of the history window: {@code end + 1 day - months}, e.g. 2024-04-01 for the defaults. */
    public LocalDate start() {
        return end.plusDays(1).minusMonths(months);
    }

    public GeneratorSettings withAccounts(int value) {
        return new GeneratorSettings(value, months, seed, end, cadence);
    }

    public GeneratorSettings withMonths(int value) {
        return new GeneratorSettings(accounts, value, seed, end, cadence);
    }

    public GeneratorSettings withSeed(long value) {
        return new GeneratorSettings(accounts, months, value, end, cadence);
    }

    public GeneratorSettings withEnd(LocalDate value) {
        return new GeneratorSettings(accounts, months, seed, value, cadence);
    }

    public GeneratorSettings withCadence(UsageCadence value) {
        return new GeneratorSettings(accounts, months, seed, end, value);
    }
}
