package com.bellwether.scoring;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.bellwether.ingest.TextTone;
import com.bellwether.scoring.AccountScore.MeasureResult;
import com.bellwether.scoring.AccountScore.Reason;
import com.bellwether.scoring.HealthModel.Measure;
import com.bellwether.store.AccountTexts;
import com.bellwether.store.AccountTexts.DatedText;
import com.bellwether.store.Database;

/**
 * Names the phrases behind a sentiment measure in one account's explanation: {@code Support tone negative (-0.42)
 * over the last 90 days: "still broken", "very frustrated".} The portfolio holds only each text's tone, so the words
 * are read from the database here, for the one account asked about.
 */
public final class ToneExplanation {

    /** How many phrases an explanation names. */
    static final int PHRASES = 3;

    private ToneExplanation() {
    }

    /** The score with each sentiment measure's text (and the reasons and explanation quoting it) naming its phrases. */
    public static AccountScore withPhrases(AccountScore score, HealthModel model, Database database) {
        List<MeasureResult> measures = new ArrayList<>(score.measures());
        List<Reason> reasons = new ArrayList<>(score.reasons());
        String explanation = score.explanation();
        boolean changed = false;
        for (int i = 0; i < measures.size(); i++) {
            MeasureResult result = measures.get(i);
            int m = model.measureIndex(result.id());
            if (m < 0 || !"sentiment".equals(model.measures().get(m).derive().type()) || Double.isNaN(result.raw())) {
                continue;
            }
            Measure measure = model.measures().get(m);
            LocalDate to = score.asOf();
            LocalDate from = to.minusDays(measure.derive().windowDays() - 1L);
            List<String> sources = measure.derive().sources() == null ? HealthModel.TEXT_SOURCES : measure.derive().sources();
            String text = text(measure, result.raw(), result.score(),
                    AccountTexts.read(database, score.accountId(), from, to, sources));
            if (text.equals(result.text())) {
                continue;
            }
            changed = true;
            measures.set(i, new MeasureResult(result.id(), result.label(), result.category(), result.raw(),
                    result.score(), result.weight(), result.pointsLost(), text));
            for (int r = 0; r < reasons.size(); r++) {
                Reason reason = reasons.get(r);
                if (reason.measureId().equals(result.id())) {
                    reasons.set(r, new Reason(reason.measureId(), reason.label(), reason.pointsLost(), text));
                }
            }
            explanation = explanation.replace(result.text(), text);
        }
        if (!changed) {
            return score;
        }
        return new AccountScore(score.accountId(), score.name(), score.asOf(), score.stage(), score.stageLabel(),
                score.live(), List.copyOf(measures), score.categories(), score.baseScore(), score.adjustment(),
                score.adjustmentNotes(), score.score(), score.band(), score.change7d(), score.change30d(),
                score.change90d(), List.copyOf(reasons), score.actions(), explanation, score.staleSince());
    }

    /**
     * The measure's sentence with the phrases that moved its mean tone: those pulling the same way as the mean (both
     * ways when it is neutral), strongest first, each once.
     */
    static String text(Measure measure, double raw, double score, List<DatedText> texts) {
        String sentence = Explainer.measureText(measure, raw, score);
        List<String> phrases = phrases(raw, texts);
        if (phrases.isEmpty()) {
            return sentence;
        }
        String stem = sentence.endsWith(".") ? sentence.substring(0, sentence.length() - 1) : sentence;
        return stem + ": " + String.join(", ", phrases.stream().map(p -> "\"" + p + "\"").toList()) + ".";
    }

    static List<String> phrases(double mean, List<DatedText> texts) {
        String way = Explainer.toneWord(mean);
        List<TextTone.Phrase> found = new ArrayList<>();
        for (DatedText text : texts) {
            for (TextTone.Phrase phrase : TextTone.vader().phrases(text.text())) {
                boolean sameWay = switch (way) {
                    case "negative" -> phrase.valence() < 0;
                    case "positive" -> phrase.valence() > 0;
                    default -> true;
                };
                if (sameWay) {
                    found.add(phrase);
                }
            }
        }
        found.sort(Comparator.comparingDouble((TextTone.Phrase p) -> -Math.abs(p.valence())));
        Set<String> seen = new LinkedHashSet<>();
        List<String> kept = new ArrayList<>();
        for (TextTone.Phrase phrase : found) {
            if (seen.add(phrase.text().toLowerCase(Locale.ROOT)) && kept.size() < PHRASES) {
                kept.add(phrase.text());
            }
        }
        return kept;
    }
}
