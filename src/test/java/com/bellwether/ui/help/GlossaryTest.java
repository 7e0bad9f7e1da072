package com.bellwether.ui.help;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * The glossary names every figure the workbench shows, and docs/help.md lists it as the program does. Run with
 * {@code -Dhelp.docs.write=true} to write the generated parts of docs/help.md anew after changing a term.
 */
class GlossaryTest {

    private static final Path DOC = Path.of("docs", "help.md");
    private static final String GLOSSARY_START = "<!-- glossary: generated from Term.java by GlossaryTest -->\n";
    private static final String GLOSSARY_END = "<!-- end of glossary -->\n";
    private static final String SHORTCUTS_START = "<!-- shortcuts: generated from Shortcuts.java by GlossaryTest -->\n";
    private static final String SHORTCUTS_END = "<!-- end of shortcuts -->\n";

    /** Every metric and term a CS user meets on the screens, as the screens name them. */
    private static final List<String> NAMED_ON_SCREEN = List.of("ROC AUC", "Average precision", "Precision", "Recall", "F1",
            "Lift", "Capture", "Lead time", "Churn rate per band", "Band mix", "Score", "Health score", "Band",
            "Band cut-off", "Cut-off date", "Horizon", "CSM adjustment", "Playbook", "Model version", "Active version",
            "Caught (true positive)", "False alarm (false positive)", "Missed churn (false negative)",
            "Rightly calm (true negative)", "Confusion matrix", "ARR-weighted recall", "ARR at risk", "Weight",
            "Category", "Measure", "Lifecycle stage", "Stale", "Severity", "Alert rule", "Next action", "Top reason");

    @Test
    void everyTermNamedOnTheScreensIsExplained() {
        List<String> labels = Arrays.stream(Term.values()).map(Term::label).toList();
        assertThat(labels).containsAll(NAMED_ON_SCREEN);
        assertThat(labels).doesNotHaveDuplicates();
        for (Term term : Term.values()) {
            assertThat(term.definition()).as(term.label()).endsWith(".").hasSizeBetween(30, 400)
                    .doesNotContain("  ");
        }
    }

    @Test
    void theSearchMatchesEveryWordInTheNameOrTheMeaning() {
        assertThat(Arrays.stream(Term.values()).filter(t -> t.matches("ROC")).toList())
                .containsExactlyInAnyOrder(Term.ROC_AUC, Term.ROC_CURVE);
        assertThat(Term.LEAD_TIME.matches("days RED")).isTrue();
        assertThat(Term.LEAD_TIME.matches("days green")).isFalse();
        assertThat(Arrays.stream(Term.values()).filter(t -> t.matches("  ")).count()).isEqualTo(Term.values().length);
    }

    @Test
    void docsHelpListsTheGlossaryAndTheShortcutsAsTheProgramDoes() throws Exception {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        boolean write = Boolean.getBoolean("help.docs.write");
        String written = replaceBetween(replaceBetween(doc, GLOSSARY_START, GLOSSARY_END, Term.markdownGlossary()),
                SHORTCUTS_START, SHORTCUTS_END, Shortcuts.markdownTable());
        if (write && !written.equals(doc)) {
            Files.writeString(DOC, written, StandardCharsets.UTF_8);
            doc = written;
        }
        assertThat(doc).as("docs/help.md is out of date: run GlossaryTest with -Dhelp.docs.write=true").isEqualTo(written);
        String glossary = Term.markdownGlossary();
        for (Term term : Term.values()) {
            assertThat(glossary).contains("- **" + term.label() + "**: " + term.definition());
        }
        assertThat(Arrays.stream(Term.Topic.values()).map(t -> "### " + t.title()).collect(Collectors.toList()))
                .allSatisfy(heading -> assertThat(glossary).contains(heading));
    }

    private static String replaceBetween(String doc, String start, String end, String content) {
        int from = doc.indexOf(start);
        int to = doc.indexOf(end);
        assertThat(from).as("docs/help.md has the marker " + start.trim().toLowerCase(Locale.ROOT)).isNotNegative();
        assertThat(to).as("docs/help.md has the marker " + end.trim()).isGreaterThan(from);
        return doc.substring(0, from + start.length()) + "\n" + content + "\n" + doc.substring(to);
    }
}
