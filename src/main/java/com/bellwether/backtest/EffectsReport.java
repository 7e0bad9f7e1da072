package com.bellwether.backtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * Did the action help: per playbook rule and per alert rule, the triggers over history, how many were acted on (a
 * task done within the days allowed), and churn and expansion within the horizon for acted versus comparable
 * not-acted-on points. Associations, not proof. See docs/backtest.md, "Did the action help".
 */
public record EffectsReport(String model, LocalDate from, LocalDate to, String step, int horizonDays, int actWithinDays,
                            int cutoffs, long tasksDone, List<RuleEffect> rules, String caution) {

    public static final String CAUTION = "These are associations, not proof: accounts a CSM chose to act on may differ"
            + " from the others in ways the band, segment and stage do not capture.";

    /**
     * One rule's figures.
     *
     * @param kind      "playbook" or "alert"
     * @param triggered points where the rule newly held (it did not at the cut-off before)
     * @param actedOn   of which acted on
     */
    public record RuleEffect(String ruleId, String kind, String title, long triggered, long actedOn,
                             EffectEstimate churn, EffectEstimate expansion, String churnFinding,
                             String expansionFinding) {
    }

    public RuleEffect rule(String ruleId) {
        return rules.stream().filter(r -> r.ruleId().equals(ruleId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No rule " + ruleId + " in the report"));
    }

    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        ReportJson.mapper().writeValue(file.toFile(), this);
    }
}
