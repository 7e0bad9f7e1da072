package com.bellwether.sample;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.bellwether.ingest.TextTone;

/** Every text of the sample reads with the tone it is drawn for, so the sample's tone follows its accounts' health. */
class SampleTextsTest {

    @Test
    void everyTextHasTheToneOfItsBank() {
        for (String[][] bank : new String[][][] {SampleTexts.SUBJECTS, SampleTexts.DESCRIPTIONS, SampleTexts.COMMENTS,
                SampleTexts.SUMMARIES}) {
            for (String text : bank[SampleTexts.NEGATIVE]) {
                assertThat(TextTone.vader().compound(text)).as(text).isLessThanOrEqualTo(-0.05);
            }
            for (String text : bank[SampleTexts.NEUTRAL]) {
                assertThat(TextTone.vader().compound(text)).as(text).isBetween(-0.05, 0.05);
            }
            for (String text : bank[SampleTexts.POSITIVE]) {
                assertThat(TextTone.vader().compound(text)).as(text).isGreaterThanOrEqualTo(0.05);
            }
        }
    }

    @Test
    void troubleMakesNegativeTextLikelierAndHealthPositive() {
        Rng calm = Rng.of(1, 1, 99);
        Rng troubled = Rng.of(1, 1, 99);
        int[] calmTones = new int[3];
        int[] troubledTones = new int[3];
        for (int i = 0; i < 2000; i++) {
            calmTones[SampleTexts.tone(calm, 0, 0.5)]++;
            troubledTones[SampleTexts.tone(troubled, 0.9, 0.5)]++;
        }
        // 6 % negative when healthy against 82 % in trouble; 47 % positive against 5 %
        assertThat(calmTones[SampleTexts.NEGATIVE]).isBetween(80, 170);
        assertThat(troubledTones[SampleTexts.NEGATIVE]).isBetween(1560, 1720);
        assertThat(calmTones[SampleTexts.POSITIVE]).isBetween(850, 1030);
        assertThat(troubledTones[SampleTexts.POSITIVE]).isBetween(50, 160);
    }
}
