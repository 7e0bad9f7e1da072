package com.bellwether.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * VADER's rules on hand-labelled sentences. The exact figures are worked out by hand from the lexicon's valences:
 * compound = s / sqrt(s² + 15) for the sum s of the words' valences after the rules.
 */
class TextToneTest {

    private static final TextTone TONE = TextTone.vader();

    private static double compound(double sum) {
        return sum / Math.sqrt(sum * sum + 15);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            The new dashboards are great.                          | positive
            Thanks, the team loves the new reports.                | positive
            Very helpful onboarding and easy to use.               | positive
            We are happy with the rollout.                         | positive
            Sync still broken after the update.                    | negative
            We are very frustrated with the outages.               | negative
            Export failing again, users are angry.                 | negative
            Really disappointed with the response time.            | negative
            Question about SSO setup                               | neutral
            Please change the billing contact.                     | neutral
            Steps to reproduce are attached.                       | neutral
            Renaming a project in the admin console                | neutral
            The product is not good.                               | negative
            I am never happy with the exports.                     | negative
            The latest release isn't bad.                          | positive
            Not bad at all, the fix works.                         | positive
            The import is not broken anymore.                      | positive
            """)
    void labelledSentencesGetTheirTone(String sentence, String label) {
        double tone = TONE.compound(sentence);
        switch (label) {
            case "positive" -> assertThat(tone).isGreaterThanOrEqualTo(0.05);
            case "negative" -> assertThat(tone).isLessThanOrEqualTo(-0.05);
            default -> assertThat(tone).isBetween(-0.05, 0.05);
        }
    }

    @Test
    void aSentimentWordAloneIsNormalisedIntoTheCompoundScore() {
        // good: 1.9
        assertThat(TONE.compound("The product is good.")).isCloseTo(compound(1.9), within(1e-9));
        assertThat(compound(1.9)).isCloseTo(0.4404, within(1e-4));
        // no sentiment word at all
        assertThat(TONE.compound("The export runs at noon.")).isZero();
    }

    @Test
    void negationsWithinThreeWordsFlipAndSoftenTheWord() {
        // not good: 1.9 × -0.74
        assertThat(TONE.compound("The product is not good.")).isCloseTo(compound(1.9 * -0.74), within(1e-9));
        // never happy: happy 2.7 × -0.74
        assertThat(TONE.compound("never happy")).isCloseTo(compound(2.7 * -0.74), within(1e-9));
        // isn't bad: bad -2.5 × -0.74 = +1.85
        assertThat(TONE.compound("It isn't bad")).isCloseTo(compound(1.85), within(1e-9));
        // three words before still negate, four do not
        assertThat(TONE.compound("not at all the good")).isCloseTo(compound(1.9), within(1e-9));
        assertThat(TONE.compound("not really very good")).isNegative();
    }

    @Test
    void boostersAndDampenersStrengthenOrWeaken() {
        // very good: 1.9 + 0.293
        assertThat(TONE.compound("very good")).isCloseTo(compound(1.9 + 0.293), within(1e-9));
        // slightly good: 1.9 - 0.293
        assertThat(TONE.compound("slightly good")).isCloseTo(compound(1.9 - 0.293), within(1e-9));
        // very frustrated: -2.4 - 0.293 (a booster pushes away from zero whatever the sign)
        assertThat(TONE.compound("very frustrated")).isCloseTo(compound(-2.4 - 0.293), within(1e-9));
        // a booster two words back counts 0.95 of itself: "very much good" is not a phrase VADER knows, so it is
        // 1.9 + 0.293 × 0.95
        assertThat(TONE.compound("very much good")).isCloseTo(compound(1.9 + 0.293 * 0.95), within(1e-9));
        // not very good: the booster, then the negation two words back
        assertThat(TONE.compound("not very good")).isCloseTo(compound((1.9 + 0.293) * -0.74), within(1e-9));
    }

    @Test
    void butShiftsTheWeightToWhatFollows() {
        // good 1.9 × 0.5 before "but", bad -2.5 × 1.5 after
        assertThat(TONE.compound("good idea but bad result")).isCloseTo(compound(1.9 * 0.5 - 2.5 * 1.5), within(1e-9));
    }

    @Test
    void capitalsAndExclamationMarksAddEmphasis() {
        // GOOD in capitals amid lower case: 1.9 + 0.733
        assertThat(TONE.compound("this is GOOD")).isCloseTo(compound(1.9 + 0.733), within(1e-9));
        // two exclamation marks: 2 × 0.292 added to the sum
        assertThat(TONE.compound("this is good!!")).isCloseTo(compound(1.9 + 2 * 0.292), within(1e-9));
        // capitals everywhere are the writer's habit, not emphasis
        assertThat(TONE.compound("THIS IS GOOD")).isCloseTo(compound(1.9), within(1e-9));
    }

    @Test
    void wordsThatNameCustomerSuccessWorkAreNeutral() {
        assertThat(TONE.compound("Support ticket for the champion, urgent, please help")).isZero();
    }

    @Test
    void aRecordsTextsAreReadTogetherAndNoTextHasNoTone() {
        assertThat(TONE.tone(null, "  ")).isNull();
        assertThat(TONE.tone("Export failing", null)).isEqualTo(TONE.compound("Export failing"));
        assertThat(TONE.tone("Export failing", "Very frustrated")).isEqualTo(TONE.compound("Export failing. Very frustrated"));
    }

    @Test
    void phrasesAreTheSentimentWordsWithTheirModifiers() {
        assertThat(TONE.phrases("Sync still broken after the update")).extracting(TextTone.Phrase::text)
                .containsExactly("still broken");
        assertThat(TONE.phrases("We are very frustrated: this is not good.")).extracting(TextTone.Phrase::text)
                .containsExactly("very frustrated", "not good");
        List<TextTone.Phrase> phrases = TONE.phrases("The product is good.");
        assertThat(phrases).extracting(TextTone.Phrase::text).containsExactly("good");
        assertThat(phrases.get(0).valence()).isEqualTo(1.9);
        assertThat(TONE.phrases("Question about SSO setup")).isEmpty();
    }
}
