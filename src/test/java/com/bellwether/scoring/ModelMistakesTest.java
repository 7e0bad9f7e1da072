package com.bellwether.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A model file with a mistake is refused with its file name, the line and column and the field, in plain words:
 * never a Java or Jackson type name.
 */
class ModelMistakesTest {

    private static String shipped() throws IOException {
        try (InputStream in = HealthModel.class.getResourceAsStream("/sample-data/models/default.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            "weight": 40                            | "weight": "heavy"                 | m.json line 5, column 56: categories[0].weight: "heavy" is not valid; expected a number
            "direction": "higher_better"            | "direction": "up"                 | m.json line 26, column 20: measures[0].direction: expected higher_better or lower_better
            "scale": [[0.15, 0], [0.4, 50], [0.75, 100]] | "scale": 5                   | m.json line 26, column 46: measures[0].scale: expected a list [...]
            "derive": { "type": "ratio"             | "derive": { "type": "magic"       | m.json line 25, column 27: measures[0].derive.type: expected one of csat, days_since
            "categories": [                         | "categories": [}                  | m.json line 4, column 18: expected valid JSON (Unexpected close marker '}'
            "missing": { "policy": "skip" }         | "missing": { "policy": "guess" }  | m.json line 27, column 30: measures[0].missing.policy: expected skip or fixed
            "version": 1                            | "version": 1e999                  | m.json line 3, column 19: version: expected a number within range
            "adjustmentBound": 15                   | "adjustmentBound": true           | m.json line 11, column 22: adjustmentBound: expected a number
            "weight": 40                            | "wieght": 40                      | m.json line 5, column 60: unknown field "wieght" at categories[0]; expected one of
            "name": "Default health model"          | "name": ["Default"]               | m.json line 2, column 11: name: expected text
            "baseline": "year_before"               | "baseline": "last_year"           | m.json line 30, column 102: measures[1].derive.baseline: expected previous or year_before, on a usage_change only
            """)
    void aMistakeIsPlacedAndSaidInPlainWords(String from, String to, String said) throws Exception {
        String text = shipped();
        assertThat(text).contains(from);
        String broken = text.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to));

        assertThatThrownBy(() -> HealthModel.parse(broken, "m.json"))
                .isInstanceOf(HealthModel.InvalidModelException.class)
                .satisfies(e -> {
                    assertThat(e.getMessage()).startsWith(said);
                    assertThat(e.getMessage()).doesNotContain("java.", "com.", "fasterxml", "Cannot deserialize", "`",
                            "[Source", "Exception");
                });
    }
}
