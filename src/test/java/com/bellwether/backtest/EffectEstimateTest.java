package com.bellwether.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The stratified difference and its interval, worked out by hand on small tables. */
class EffectEstimateTest {

    private static final double Z = 1.959963984540054;

    private final List<String> strata = new ArrayList<>();
    private final List<Boolean> acted = new ArrayList<>();
    private final List<Boolean> events = new ArrayList<>();

    /** {@code n} points of a stratum, acted on or not, {@code withEvent} of them with the outcome. */
    private void add(String stratum, boolean wasActed, int n, int withEvent) {
        for (int i = 0; i < n; i++) {
            strata.add(stratum);
            acted.add(wasActed);
            events.add(i < withEvent);
        }
    }

    @Test
    void strataWithoutBothGroupsAreLeftOutAndTheRestWeightedByTheirActedOnCount() {
        add("red / SMB / onboarding", true, 4, 1);       // p1 = 1/4
        add("red / SMB / onboarding", false, 6, 3);      // p0 = 1/2
        add("yellow / SMB / adoption", true, 2, 0);      // p1 = 0
        add("yellow / SMB / adoption", false, 2, 1);     // p0 = 1/2
        add("green / Enterprise / adoption", true, 3, 1);   // no comparison: left out
        add("green / Mid-Market / renewal", false, 5, 2);   // no one acted on: left out

        EffectEstimate estimate = EffectEstimate.of(strata, acted, events);

        // Weights 4/6 and 2/6; differences -1/4 and -1/2.
        double difference = 4.0 / 6 * (0.25 - 0.5) + 2.0 / 6 * (0 - 0.5);
        // Agresti-Caffo: q = (e + 1) / (n + 2), each group's variance q(1 - q) / (n + 2).
        double variance = (4.0 / 6) * (4.0 / 6) * ((2.0 / 6) * (4.0 / 6) / 6 + (4.0 / 8) * (4.0 / 8) / 8)
                + (2.0 / 6) * (2.0 / 6) * ((1.0 / 4) * (3.0 / 4) / 4 + (2.0 / 4) * (2.0 / 4) / 4);
        assertThat(difference).isCloseTo(-1.0 / 3, within(1e-12));
        assertThat(estimate.difference()).isCloseTo(difference, within(1e-12));
        assertThat(estimate.low()).isCloseTo(difference - Z * Math.sqrt(variance), within(1e-12));
        assertThat(estimate.high()).isCloseTo(difference + Z * Math.sqrt(variance), within(1e-12));
        assertThat(estimate.low()).isCloseTo(-0.737402, within(1e-6));
        assertThat(estimate.high()).isCloseTo(0.070736, within(1e-6));
        assertThat(estimate.strata()).isEqualTo(2);
        assertThat(estimate.leftOut()).isEqualTo(8);
        assertThat(estimate.acted()).isEqualTo(9);
        assertThat(estimate.actedEvents()).isEqualTo(2);
        assertThat(estimate.notActed()).isEqualTo(13);
        assertThat(estimate.notActedEvents()).isEqualTo(6);
        assertThat(estimate.actedRate()).isCloseTo(2.0 / 9, within(1e-12));
        assertThat(estimate.comparedActed()).isEqualTo(6);
        assertThat(estimate.comparedNotActed()).isEqualTo(8);
        assertThat(estimate.comparedEvents()).isEqualTo(5);
        // 6 acted on in the strata compared: fewer than 10.
        assertThat(estimate.tooFew()).isTrue();
        assertThat(estimate.sentence("churned")).isEqualTo("Too few to tell: 6 acted on and 8 comparable not acted on,"
                + " with 5 churns among them (at least 10 in each group and 5 events are needed).");
    }

    @Test
    void enoughPointsGiveTheDifferenceInWordsAsAnAssociation() {
        add("red / SMB / adoption", true, 10, 2);     // p1 = 0.2
        add("red / SMB / adoption", false, 20, 8);    // p0 = 0.4

        EffectEstimate estimate = EffectEstimate.of(strata, acted, events);

        double half = Z * Math.sqrt((3.0 / 12) * (9.0 / 12) / 12 + (9.0 / 22) * (13.0 / 22) / 22);
        assertThat(estimate.difference()).isCloseTo(-0.2, within(1e-12));
        assertThat(estimate.low()).isCloseTo(-0.2 - half, within(1e-12));
        assertThat(estimate.high()).isCloseTo(-0.2 + half, within(1e-12));
        assertThat(estimate.tooFew()).isFalse();
        assertThat(estimate.clear()).isFalse();
        assertThat(estimate.sentence("churned")).isEqualTo("Acted-on accounts churned 20.0 points less often than"
                + " comparable ones not acted on (95% interval -52.0 to +12.0 points); this is an association, not"
                + " proof that the action caused it.");
    }

    @Test
    void fewerThanFiveEventsIsTooFewWhateverTheGroups() {
        add("red / SMB / adoption", true, 20, 1);
        add("red / SMB / adoption", false, 20, 3);

        assertThat(EffectEstimate.of(strata, acted, events).tooFew()).isTrue();
    }

    @Test
    void noStratumWithBothGroupsGivesNoDifference() {
        add("red / SMB / adoption", true, 12, 3);
        add("green / SMB / adoption", false, 12, 3);

        EffectEstimate estimate = EffectEstimate.of(strata, acted, events);

        assertThat(estimate.difference()).isNaN();
        assertThat(estimate.leftOut()).isEqualTo(24);
        assertThat(estimate.tooFew()).isTrue();
    }
}
