package com.bellwether.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The tone of a short text from -1 (negative) to 1 (positive), by the rules of VADER (Hutto and Gilbert, 2014): each
 * word of its lexicon carries a valence; a booster ("very", "extremely") or dampener ("slightly", "somewhat") in the
 * three words before strengthens or weakens it; a negation ("not", "never", "isn't") in those three words flips and
 * softens it; words before a "but" count half and those after it one and a half; a sentiment word in capitals amid
 * lower-case text and exclamation marks add emphasis. The sum is normalised into the compound score. The rules can
 * also say which phrases carried the tone, which is what an explanation shows.
 *
 * <p>The lexicon is VADER's (MIT licence, see NOTICE), shipped as {@code vader_lexicon.txt} with each word's mean
 * valence; the few words of {@link #NEUTRAL_HERE} count as neutral.
 */
public final class TextTone {

    /** A word and the modifiers before it, with the valence it added to the text (after every rule). */
    public record Phrase(String text, double valence) {
    }

    private static final double BOOST = 0.293;
    private static final double DAMPEN = -0.293;
    private static final double CAPS = 0.733;
    private static final double NEGATION = -0.74;
    private static final double ALPHA = 15;

    private static final Map<String, Double> BOOSTERS = new HashMap<>();
    private static final Set<String> NEGATIONS = Set.of("aint", "arent", "cannot", "cant", "couldnt", "darent",
            "didnt", "doesnt", "ain't", "aren't", "can't", "couldn't", "daren't", "didn't", "doesn't", "dont", "hadnt",
            "hasnt", "havent", "isnt", "mightnt", "mustnt", "neither", "don't", "hadn't", "hasn't", "haven't", "isn't",
            "mightn't", "mustn't", "neednt", "needn't", "never", "none", "nope", "nor", "not", "nothing", "nowhere",
            "oughtnt", "shant", "shouldnt", "uhuh", "wasnt", "werent", "oughtn't", "shan't", "shouldn't", "uh-uh",
            "wasn't", "weren't", "without", "wont", "wouldnt", "won't", "wouldn't", "rarely", "seldom", "despite");

    static {
        for (String word : List.of("absolutely", "amazingly", "awfully", "completely", "considerable", "considerably",
                "decidedly", "deeply", "enormous", "enormously", "entirely", "especially", "exceptional",
                "exceptionally", "extreme", "extremely", "fabulously", "fully", "greatly", "highly", "hugely",
                "incredible", "incredibly", "intensely", "major", "majorly", "more", "most", "particularly", "purely",
                "quite", "really", "remarkably", "so", "substantially", "thoroughly", "total", "totally", "tremendous",
                "tremendously", "uber", "unbelievably", "unusually", "utter", "utterly", "very")) {
            BOOSTERS.put(word, BOOST);
        }
        for (String word : List.of("almost", "barely", "hardly", "kinda", "kindof", "kind-of", "less", "little",
                "marginal", "marginally", "occasional", "occasionally", "partly", "scarce", "scarcely", "slight",
                "slightly", "somewhat", "sorta", "sortof", "sort-of")) {
            BOOSTERS.put(word, DAMPEN);
        }
    }

    /**
     * Words VADER's lexicon rates as feelings that in customer-success text name work or a role ("a support ticket",
     * "the champion", "urgent priority", "please advise"): taken as neutral.
     */
    public static final Set<String> NEUTRAL_HERE = Set.of("support", "supports", "supported", "supporting", "champion",
            "champions", "please", "urgent", "recommend", "recommended", "honestly", "help", "helps", "helped",
            "helping", "value", "values");

    /** Words too plain to give a phrase its context ("is good" reads as "good"; "still broken" keeps "still"). */
    private static final Set<String> FUNCTION_WORDS = Set.of("a", "an", "the", "is", "are", "was", "were", "be", "been",
            "am", "and", "or", "to", "of", "in", "on", "for", "with", "it", "this", "that", "i", "we", "our", "you",
            "they", "he", "she", "my", "your", "their", "at", "as", "by", "so");

    private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    private static volatile TextTone vader;

    private final Map<String, Double> lexicon;

    TextTone(Map<String, Double> lexicon) {
        this.lexicon = lexicon;
    }

    /** The analyser with VADER's lexicon, read once. */
    public static TextTone vader() {
        TextTone loaded = vader;
        if (loaded == null) {
            synchronized (TextTone.class) {
                if (vader == null) {
                    vader = new TextTone(readLexicon());
                }
                loaded = vader;
            }
        }
        return loaded;
    }

    private static Map<String, Double> readLexicon() {
        Map<String, Double> words = new HashMap<>(16_384);
        try (InputStream in = TextTone.class.getResourceAsStream("vader_lexicon.txt");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                int tab = line.indexOf('\t');
                if (tab > 0) {
                    String word = line.substring(0, tab);
                    if (!NEUTRAL_HERE.contains(word)) {
                        words.put(word, Double.parseDouble(line.substring(tab + 1).trim()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the sentiment lexicon", e);
        }
        return words;
    }

    /**
     * The tone of one record's texts read together (a ticket's subject and description), from -1 to 1; null when
     * none of them holds any text, 0 for text without a sentiment word.
     */
    public Double tone(String... texts) {
        StringBuilder joined = new StringBuilder();
        for (String text : texts) {
            if (text != null && !text.isBlank()) {
                joined.append(joined.length() == 0 ? "" : ". ").append(text.strip());
            }
        }
        return joined.length() == 0 ? null : compound(joined.toString());
    }

    /** VADER's compound score of the text: 0 for text without a sentiment word. */
    public double compound(String text) {
        Analysis analysis = analyse(text);
        double sum = 0;
        for (double v : analysis.valences) {
            sum += v;
        }
        if (sum == 0) {
            return 0;
        }
        double emphasis = emphasis(text);
        sum += sum > 0 ? emphasis : -emphasis;
        double score = sum / Math.sqrt(sum * sum + ALPHA);
        return Math.max(-1, Math.min(1, score));
    }

    /** The phrases that carried the text's tone, in the order they appear: each sentiment word with its modifiers. */
    public List<Phrase> phrases(String text) {
        Analysis analysis = analyse(text);
        List<Phrase> phrases = new ArrayList<>();
        for (int i = 0; i < analysis.words.size(); i++) {
            double v = analysis.valences[i];
            if (v == 0) {
                continue;
            }
            int start = i;
            for (int back = 1; back <= 3 && i - back >= 0; back++) {
                String before = analysis.lower.get(i - back);
                if (analysis.endsClause[i - back]) {
                    break;
                }
                if (BOOSTERS.containsKey(before) || negated(before)) {
                    start = i - back;
                }
            }
            if (start == i && i > 0 && !analysis.endsClause[i - 1] && !lexicon.containsKey(analysis.lower.get(i - 1))
                    && !FUNCTION_WORDS.contains(analysis.lower.get(i - 1))) {
                start = i - 1;
            }
            phrases.add(new Phrase(String.join(" ", analysis.words.subList(start, i + 1)), v));
        }
        return phrases;
    }

    /** The words of a text and the valence each one adds, every rule applied. */
    private record Analysis(List<String> words, List<String> lower, boolean[] endsClause, double[] valences) {
    }

    private Analysis analyse(String text) {
        List<String> words = new ArrayList<>();
        List<Boolean> ends = new ArrayList<>();
        for (String token : text.strip().split("\\s+")) {
            if (token.isEmpty()) {
                continue;
            }
            String stripped = strip(token);
            String word = stripped.length() <= 2 ? token : stripped;
            words.add(word);
            char last = token.charAt(token.length() - 1);
            ends.add(last == '.' || last == ',' || last == ';' || last == '!' || last == '?' || last == ':');
        }
        List<String> lower = words.stream().map(w -> w.toLowerCase(Locale.ROOT)).toList();
        boolean[] endsClause = new boolean[words.size()];
        for (int i = 0; i < endsClause.length; i++) {
            endsClause[i] = ends.get(i);
        }
        boolean capsDiffer = capsDiffer(words);
        double[] valences = new double[words.size()];
        for (int i = 0; i < words.size(); i++) {
            String item = lower.get(i);
            if (BOOSTERS.containsKey(item)) {
                continue;
            }
            if (item.equals("kind") && i + 1 < words.size() && lower.get(i + 1).equals("of")) {
                continue;
            }
            valences[i] = valence(words, lower, i, capsDiffer);
        }
        int but = lower.indexOf("but");
        if (but >= 0) {
            for (int i = 0; i < valences.length; i++) {
                if (i < but) {
                    valences[i] *= 0.5;
                } else if (i > but) {
                    valences[i] *= 1.5;
                }
            }
        }
        return new Analysis(words, lower, endsClause, valences);
    }

    private double valence(List<String> words, List<String> lower, int i, boolean capsDiffer) {
        String item = lower.get(i);
        Double base = lexicon.get(item);
        if (base == null) {
            return 0;
        }
        double valence = base;
        // "no" before another sentiment word negates it rather than counting on its own.
        if (item.equals("no") && i + 1 < words.size() && lexicon.containsKey(lower.get(i + 1))) {
            valence = 0;
        }
        if ((i > 0 && lower.get(i - 1).equals("no")) || (i > 1 && lower.get(i - 2).equals("no"))
                || (i > 2 && lower.get(i - 3).equals("no") && List.of("or", "nor").contains(lower.get(i - 1)))) {
            valence = base * NEGATION;
        }
        if (capsDiffer && isUpper(words.get(i))) {
            valence += valence > 0 ? CAPS : -CAPS;
        }
        for (int start = 0; start < 3; start++) {
            if (i > start && !lexicon.containsKey(lower.get(i - (start + 1)))) {
                double s = scalar(words.get(i - (start + 1)), valence, capsDiffer);
                if (start == 1) {
                    s *= 0.95;
                } else if (start == 2) {
                    s *= 0.9;
                }
                valence += s;
                valence = negationCheck(valence, lower, start, i);
            }
        }
        return leastCheck(valence, lower, i);
    }

    private static double scalar(String word, double valence, boolean capsDiffer) {
        Double scalar = BOOSTERS.get(word.toLowerCase(Locale.ROOT));
        if (scalar == null) {
            return 0;
        }
        double s = valence < 0 ? -scalar : scalar;
        if (capsDiffer && isUpper(word)) {
            s += valence > 0 ? CAPS : -CAPS;
        }
        return s;
    }

    private static double negationCheck(double valence, List<String> lower, int start, int i) {
        if (start == 0) {
            return negated(lower.get(i - 1)) ? valence * NEGATION : valence;
        }
        if (start == 1) {
            if (lower.get(i - 2).equals("never") && (lower.get(i - 1).equals("so") || lower.get(i - 1).equals("this"))) {
                return valence * 1.25;
            }
            if (lower.get(i - 2).equals("without") && lower.get(i - 1).equals("doubt")) {
                return valence;
            }
            return negated(lower.get(i - 2)) ? valence * NEGATION : valence;
        }
        if (lower.get(i - 3).equals("never") && (List.of("so", "this").contains(lower.get(i - 2))
                || List.of("so", "this").contains(lower.get(i - 1)))) {
            return valence * 1.25;
        }
        if (lower.get(i - 3).equals("without") && (lower.get(i - 2).equals("doubt") || lower.get(i - 1).equals("doubt"))) {
            return valence;
        }
        return negated(lower.get(i - 3)) ? valence * NEGATION : valence;
    }

    private double leastCheck(double valence, List<String> lower, int i) {
        if (i > 1 && !lexicon.containsKey(lower.get(i - 1)) && lower.get(i - 1).equals("least")) {
            return lower.get(i - 2).equals("at") || lower.get(i - 2).equals("very") ? valence : valence * NEGATION;
        }
        if (i > 0 && !lexicon.containsKey(lower.get(i - 1)) && lower.get(i - 1).equals("least")) {
            return valence * NEGATION;
        }
        return valence;
    }

    private static boolean negated(String lowerWord) {
        return NEGATIONS.contains(lowerWord) || lowerWord.contains("n't");
    }

    /** Exclamation marks (up to four) and question marks (more than one) add emphasis to the sum's sign. */
    private static double emphasis(String text) {
        long exclamations = Math.min(4, text.chars().filter(c -> c == '!').count());
        long questions = text.chars().filter(c -> c == '?').count();
        double amplifier = exclamations * 0.292;
        if (questions > 1) {
            amplifier += questions <= 3 ? questions * 0.18 : 0.96;
        }
        return amplifier;
    }

    /** Whether some words are in capitals and others are not (then capitals are emphasis, not the writer's habit). */
    private static boolean capsDiffer(List<String> words) {
        int upper = 0;
        for (String word : words) {
            if (isUpper(word)) {
                upper++;
            }
        }
        return upper > 0 && upper < words.size();
    }

    /** Python's str.isupper: at least one cased letter, and no lower-case one. */
    private static boolean isUpper(String word) {
        boolean cased = false;
        for (int k = 0; k < word.length(); k++) {
            char c = word.charAt(k);
            if (Character.isLowerCase(c)) {
                return false;
            }
            cased |= Character.isUpperCase(c);
        }
        return cased;
    }

    private static String strip(String token) {
        int from = 0;
        int to = token.length();
        while (from < to && PUNCTUATION.indexOf(token.charAt(from)) >= 0) {
            from++;
        }
        while (to > from && PUNCTUATION.indexOf(token.charAt(to - 1)) >= 0) {
            to--;
        }
        return token.substring(from, to);
    }
}
