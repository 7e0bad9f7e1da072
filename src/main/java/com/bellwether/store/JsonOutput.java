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
                    gen.writeNumber(Math.round(value * factor) / factor);
                }
            }
        };
        nan.addSerializer(Double.class, nullForNaN);
        nan.addSerializer(double.class, nullForNaN);
        return new ObjectMapper().registerModule(new JavaTimeModule()).registerModule(nan)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);
    }
}
