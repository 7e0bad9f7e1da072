package com.bellwether.backtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The report as report.json, one format for the command line and the workbench: snake_case names, dates as ISO
 * text, NaN (a figure without data) as null, numbers to nine decimals.
 */
public final class ReportJson {

    private static final double FACTOR = 1e9;

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
        SimpleModule nan = new SimpleModule();
        JsonSerializer<Double> nullForNaN = new JsonSerializer<>() {
            @Override
            public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                if (value == null || value.isNaN() || value.isInfinite()) {
                    gen.writeNull();
                } else {
                    gen.writeNumber(Math.round(value * FACTOR) / FACTOR);
                }
            }
        };
        nan.addSerializer(Double.class, nullForNaN);
        nan.addSerializer(double.class, nullForNaN);
        return new ObjectMapper().registerModule(new JavaTimeModule()).registerModule(nan)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT)
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    }
}
