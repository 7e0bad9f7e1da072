package com.bellwether.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class JsonOutputTest {

    private static JsonNode written(double value) throws Exception {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("v", value);
        String json = JsonOutput.mapper(9).writeValueAsString(row);
        return new ObjectMapper().readTree(json).get("v");
    }

    @Test
    void largeNumbersStayExact() throws Exception {
        assertThat(written(1.7e308).doubleValue()).isEqualTo(1.7e308);
        assertThat(written(Double.MAX_VALUE).doubleValue()).isEqualTo(Double.MAX_VALUE);
        assertThat(written(-4.2e12).doubleValue()).isEqualTo(-4.2e12);
        assertThat(written(9.3e9).doubleValue()).isEqualTo(9.3e9);
        assertThat(written(12_345_678_901.5).doubleValue()).isEqualTo(12_345_678_901.5);
    }

    @Test
    void smallNumbersAreRoundedToTheirPlaces() throws Exception {
        assertThat(written(0.1234567891234).doubleValue()).isEqualTo(0.123456789);
        assertThat(written(2.0 / 3).doubleValue()).isEqualTo(0.666666667);
        assertThat(JsonOutput.rounded(1234.56789, 10)).isEqualTo(1234.6);
        assertThat(JsonOutput.rounded(1.7e308, 10)).isEqualTo(1.7e308);
    }

    @Test
    void nanAndInfinityAreNull() throws Exception {
        assertThat(written(Double.NaN).isNull()).isTrue();
        assertThat(written(Double.POSITIVE_INFINITY).isNull()).isTrue();
    }
}
