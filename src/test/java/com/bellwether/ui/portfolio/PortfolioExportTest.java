package com.bellwether.ui.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PortfolioExportTest {

    @Test
    void textThatASpreadsheetWouldRunIsNeutralised() {
        assertThat(PortfolioViewModel.text("=HYPERLINK(\"x\")")).isEqualTo("'=HYPERLINK(\"x\")");
        assertThat(PortfolioViewModel.text("+1")).isEqualTo("'+1");
        assertThat(PortfolioViewModel.text("-2")).isEqualTo("'-2");
        assertThat(PortfolioViewModel.text("@sum")).isEqualTo("'@sum");
        assertThat(PortfolioViewModel.text("Acme")).isEqualTo("Acme");
        assertThat(PortfolioViewModel.text(null)).isEmpty();
    }
}
