package com.bellwether.store;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The JSON every export writes: dates as ISO text, NaN (no data) as null, numbers rounded, indented. */
public final class JsonOutput {

    private JsonOutput() {
    }

    /** A mapper rounding numbers to {@code decimals} places. */
    public static ObjectMapper mapper(int decimals) {
        double factor = Math.pow(10, decimals);
        SimpleModule nan = new SimpleModule();
        JsonSerializer<Double> nullForNaN = new JsonSerializer<>() {
            @Override
            public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                if (value == null || value.isNaN() || value.isInfinite()) {
                    gen.writeNull();
                } else {
                    gen.writeNumber(rounded(value, factor));
                }
            }
        };
        nan.addSerializer(Double.class, nullForNaN);
        nan.addSerializer(double.class, nullForNaN);
        return new ObjectMapper().registerModule(new JavaTimeModule()).registerModule(nan)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);
    }

    /**
     * The value rounded to the places {@code factor} stands for (1e9: nine). Scaled past 2^53 a double has no
     * digit left at those places, and {@link Math#round} would overflow at 2^63 (an ARR of 1.7e308 came out as
     * 9.223372036854776E9): such a value is already as rounded as it can be and is kept exactly.
     */
    public static double rounded(double value, double factor) {
        double scaled = value * factor;
        if (Double.isNaN(value) || Double.isInfinite(value) || Math.abs(scaled) >= EXACT_LIMIT) {
            return value;
        }
        return Math.round(scaled) / factor;
    }

    /** 2^53: below it every whole number is a double, so rounding the scaled value loses nothing. */
    private static final double EXACT_LIMIT = 0x1p53;
}
