package com.bellwether.backtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.bellwether.store.JsonOutput;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

/**
 * The report as report.json, one format for the command line and the workbench: snake_case names, dates as ISO
 * text, NaN (a figure without data) as null, numbers to nine decimals.
 */
public final class ReportJson {

    private ReportJson() {
    }

    public static void write(BacktestReport report, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        mapper().writeValue(file.toFile(), report);
    }

    static ObjectMapper mapper() {
        return JsonOutput.mapper(9).setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    }
}
