package com.bellwether.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExplainerNumberTest {

    @Test
    void hugeValuesKeepTheirDigits() {
        assertThat(Explainer.number(1.7e19)).isEqualTo("17000000000000000000");
        assertThat(Explainer.number(-2e20)).isEqualTo("-200000000000000000000");
        assertThat(Explainer.number(1_234_567.4)).isEqualTo("1234567");
    }

    @Test
    void smallValuesKeepTwoSignificantDecimals() {
        assertThat(Explainer.number(0.1234)).isEqualTo("0.12");
        assertThat(Explainer.number(3.25)).isEqualTo("3.3");
        assertThat(Explainer.number(Double.NaN)).isEqualTo("n/a");
    }
}
