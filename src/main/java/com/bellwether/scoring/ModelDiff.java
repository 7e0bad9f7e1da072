package com.bellwether.scoring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.bellwether.scoring.HealthModel.Action;
import com.bellwether.scoring.HealthModel.Bands;
import com.bellwether.scoring.HealthModel.Bounds;
import com.bellwether.scoring.HealthModel.Category;
import com.bellwether.scoring.HealthModel.Condition;
import com.bellwether.scoring.HealthModel.Measure;
import com.bellwether.scoring.HealthModel.Missing;
import com.bellwether.scoring.HealthModel.PlaybookRule;
import com.bellwether.scoring.HealthModel.StageRule;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What changed from one health model to another, in the terms a CS leader reads: category weights and band
 * cut-offs as each lifecycle stage sees them (overrides and inheritance resolved), measures added, removed or
 * changed, playbook rules, the stage rule and the adjustment bound. A model compared with itself has no changes.
 */
public record ModelDiff(List<Change> changes) {

    /**
     * One change: where it is in the model ({@code stages.renewal.weights.relationship}, {@code measures.csat.scale},
     * {@code playbook.usage-drop.when}), the value before and after (null for what was added or removed) and a
     * sentence saying it.
     */
    public record Change(String path, String before, String after, String text) {
    }

    public ModelDiff {
        changes = List.copyOf(changes);
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    public List<String> paths() {
        return changes.stream().map(Change::path).toList();
    }

    /** The changes from {@code before} to {@code after}, in the order of the model's document. */
    public static ModelDiff between(HealthModel before, HealthModel after) {
        List<Change> changes = new ArrayList<>();
        categories(before, after, changes);
        weights(before, after, changes);
        bands(before, after, changes);
        stageLabels(before, after, changes);
        stageRule(before.stageRule(), after.stageRule(), changes);
        if (!Objects.equals(before.adjustmentBound(), after.adjustmentBound())) {
            changes.add(new Change("adjustmentBound", number(before.adjustmentBound()), number(after.adjustmentBound()),
                    "CSM adjustments bounded to ±" + number(before.adjustmentBound()) + " → ±"
                            + number(after.adjustmentBound()) + " points."));
        }
        measures(before, after, changes);
        playbook(before, after, changes);
        alerts(before, after, changes);
        return new ModelDiff(changes);
    }

    // Categories and their weights

    private static void categories(HealthModel before, HealthModel after, List<Change> changes) {
        Map<String, Category> old = byId(before.categories(), Category::id);
        Map<String, Category> now = byId(after.categories(), Category::id);
        for (Category c : after.categories()) {
            Category was = old.get(c.id());
            if (was == null) {
                changes.add(new Change("categories." + c.id(), null, number(c.weight()),
                        "Category " + c.label() + " added with weight " + number(c.weight()) + "."));
            } else if (!Objects.equals(was.label(), c.label())) {
                changes.add(new Change("categories." + c.id() + ".label", was.label(), c.label(),
                        "Category " + was.label() + " renamed " + c.label() + "."));
            }
        }
        for (Category c : before.categories()) {
            if (!now.containsKey(c.id())) {
                changes.add(new Change("categories." + c.id(), number(c.weight()), null,
                        "Category " + c.label() + " removed (weight " + number(c.weight()) + ")."));
            }
        }
    }

    /**
     * Category weights compared stage by stage, each with what it inherits: a change every stage sees alike is
     * one change; otherwise one per stage that sees it.
     */
    private static void weights(HealthModel before, HealthModel after, List<Change> changes) {
        for (Category c : after.categories()) {
            int b = before.categoryIndex(c.id());
            if (b < 0) {
                continue;
            }
            int a = after.categoryIndex(c.id());
            List<String[]> perStage = new ArrayList<>();
            for (String stage : HealthModel.STAGE_IDS) {
                double was = before.categoryWeights(stage)[b];
                double is = after.categoryWeights(stage)[a];
                if (was != is) {
                    perStage.add(new String[] {stage, number(was), number(is)});
                }
            }
            addPerStage(perStage, "weights." + c.id(), c.label() + " weight", after, changes);
        }
    }

    private static void bands(HealthModel before, HealthModel after, List<Change> changes) {
        for (String band : List.of("red", "yellow")) {
            Function<Bands, Double> cut = band.equals("red") ? Bands::red : Bands::yellow;
            List<String[]> perStage = new ArrayList<>();
            for (String stage : HealthModel.STAGE_IDS) {
                double was = cut.apply(before.bands(stage));
                double is = cut.apply(after.bands(stage));
                if (was != is) {
                    perStage.add(new String[] {stage, number(was), number(is)});
                }
            }
            addPerStage(perStage, "bands." + band, band.substring(0, 1).toUpperCase(Locale.ROOT) + band.substring(1)
                    + " cut-off", after, changes);
        }
    }

    private static void addPerStage(List<String[]> perStage, String path, String what, HealthModel after,
                                    List<Change> changes) {
        boolean everyStageAlike = perStage.size() == HealthModel.STAGE_IDS.size()
                && perStage.stream().allMatch(s -> s[1].equals(perStage.get(0)[1]) && s[2].equals(perStage.get(0)[2]));
        if (everyStageAlike) {
            String[] s = perStage.get(0);
            changes.add(new Change(path, s[1], s[2], "Every stage: " + what + " " + s[1] + " → " + s[2] + "."));
            return;
        }
        for (String[] s : perStage) {
            changes.add(new Change("stages." + s[0] + "." + path, s[1], s[2],
                    after.stageLabel(s[0]) + " stage: " + what + " " + s[1] + " → " + s[2] + "."));
        }
    }

    private static void stageLabels(HealthModel before, HealthModel after, List<Change> changes) {
        for (String stage : HealthModel.STAGE_IDS) {
            String was = before.stageLabel(stage);
            String is = after.stageLabel(stage);
            if (!was.equals(is)) {
                changes.add(new Change("stages." + stage + ".label", was, is, "Stage " + was + " renamed " + is + "."));
            }
        }
    }

    private static void stageRule(StageRule before, StageRule after, List<Change> changes) {
        compare(changes, "stageRule.onboardingDays", before.onboardingDays(), after.onboardingDays(),
                "Onboarding lasts %s → %s days from the contract start.");
        compare(changes, "stageRule.renewalWindowDays", before.renewalWindowDays(), after.renewalWindowDays(),
                "The renewal stage begins %s → %s days before a renewal.");
        compare(changes, "stageRule.adoptionUntilDays", before.adoptionUntilDays(), after.adoptionUntilDays(),
                "The adoption stage lasts until day %s → %s of the contract.");
        compare(changes, "stageRule.renewalCycleMonths", before.renewalCycleMonths(), after.renewalCycleMonths(),
                "Contracts renew every %s → %s months.");
    }

    private static void compare(List<Change> changes, String path, Integer before, Integer after, String sentence) {
        if (!Objects.equals(before, after)) {
            changes.add(new Change(path, String.valueOf(before), String.valueOf(after), String.format(sentence, before, after)));
        }
    }

    // Measures

    private static void measures(HealthModel before, HealthModel after, List<Change> changes) {
        Map<String, Measure> old = byId(before.measures(), Measure::id);
        Map<String, Measure> now = byId(after.measures(), Measure::id);
        for (Measure m : after.measures()) {
            Measure was = old.get(m.id());
            if (was == null) {
                changes.add(new Change("measures." + m.id(), null, describe(m), "Measure " + m.label() + " added to "
                        + after.categoryLabel(m.category()) + " with weight " + number(m.weightOrOne()) + "."));
            } else {
                measure(before, after, was, m, changes);
            }
        }
        for (Measure m : before.measures()) {
            if (!now.containsKey(m.id())) {
                changes.add(new Change("measures." + m.id(), describe(m), null,
                        "Measure " + m.label() + " removed from " + before.categoryLabel(m.category()) + "."));
            }
        }
    }

    private static void measure(HealthModel before, HealthModel after, Measure was, Measure is, List<Change> changes) {
        String at = "measures." + is.id();
        String name = is.label();
        if (!Objects.equals(was.label(), is.label())) {
            changes.add(new Change(at + ".label", was.label(), is.label(), "Measure " + was.label() + " renamed " + is.label() + "."));
        }
        if (!Objects.equals(was.category(), is.category())) {
            changes.add(new Change(at + ".category", was.category(), is.category(), name + " moved from "
                    + before.categoryLabel(was.category()) + " to " + after.categoryLabel(is.category()) + "."));
        }
        double w0 = was.weightOrOne();
        double w1 = is.weightOrOne();
        if (w0 != w1) {
            if (w0 == 0 || w1 == 0) {
                // A weight of 0 is how a measure is switched off while keeping its definition.
                changes.add(new Change(at + ".enabled", Boolean.toString(w0 != 0), Boolean.toString(w1 != 0),
                        name + " switched " + (w1 == 0 ? "off" : "on") + " (weight " + number(w0) + " → " + number(w1) + ")."));
            } else {
                changes.add(new Change(at + ".weight", number(w0), number(w1),
                        name + ": weight " + number(w0) + " → " + number(w1) + "."));
            }
        }
        if (!Objects.equals(direction(was), direction(is))) {
            changes.add(new Change(at + ".direction", direction(was), direction(is),
                    name + ": direction " + direction(was) + " → " + direction(is) + "."));
        }
        if (!scale(was).equals(scale(is))) {
            changes.add(new Change(at + ".scale", scale(was), scale(is),
                    name + ": scale " + scale(was) + " → " + scale(is) + "."));
        }
        if (!missing(was.missing()).equals(missing(is.missing()))) {
            changes.add(new Change(at + ".missing", missing(was.missing()), missing(is.missing()),
                    name + ": without data " + missing(was.missing()) + " → " + missing(is.missing()) + "."));
        }
        if (!Objects.equals(was.derive(), is.derive())) {
            changes.add(new Change(at + ".derive", json(was.derive()), json(is.derive()),
                    name + ": derived as " + json(was.derive()) + " → " + json(is.derive()) + "."));
        }
        if (!Objects.equals(was.explain(), is.explain())) {
            changes.add(new Change(at + ".explain", was.explain(), is.explain(), name + ": explanation text changed."));
        }
    }

    private static String direction(Measure m) {
        return m.higherIsBetter() ? "higher_better" : "lower_better";
    }

    /** "(0.15, 0) (0.4, 50) (0.75, 100)": raw value and score at each point. */
    private static String scale(Measure m) {
        return m.scale().stream().map(p -> "(" + number(p[0]) + ", " + number(p[1]) + ")").collect(Collectors.joining(" "));
    }

    private static String missing(Missing missing) {
        return missing == null || missing.skips() ? "skipped" : "scored " + number(missing.score());
    }

    private static String describe(Measure m) {
        return m.category() + ", weight " + number(m.weightOrOne()) + ", " + direction(m) + ", scale " + scale(m)
                + ", derived as " + json(m.derive());
    }

    // Alert rules

    private static void alerts(HealthModel before, HealthModel after, List<Change> changes) {
        Map<String, HealthModel.AlertRule> old = new LinkedHashMap<>();
        before.alerts().forEach(r -> old.put(r.id(), r));
        Map<String, HealthModel.AlertRule> now = new LinkedHashMap<>();
        after.alerts().forEach(r -> now.put(r.id(), r));
        Set<String> keys = new LinkedHashSet<>(now.keySet());
        keys.addAll(old.keySet());
        for (String key : keys) {
            HealthModel.AlertRule was = old.get(key);
            HealthModel.AlertRule is = now.get(key);
            String at = "alerts." + key;
            if (was == null) {
                changes.add(new Change(at, null, json(is), "Alert rule " + key + " added: " + json(is) + "."));
            } else if (is == null) {
                changes.add(new Change(at, json(was), null, "Alert rule " + key + " removed."));
            } else if (!was.equals(is)) {
                changes.add(new Change(at, json(was), json(is), "Alert rule " + key + ": " + json(was) + " → " + json(is) + "."));
            }
        }
    }

    // Playbook

    private static void playbook(HealthModel before, HealthModel after, List<Change> changes) {
        Map<String, PlaybookRule> old = rulesByKey(before.playbook());
        Map<String, PlaybookRule> now = rulesByKey(after.playbook());
        Set<String> keys = new LinkedHashSet<>(now.keySet());
        keys.addAll(old.keySet());
        for (String key : keys) {
            PlaybookRule was = old.get(key);
            PlaybookRule is = now.get(key);
            String at = "playbook." + key;
            if (was == null) {
                changes.add(new Change(at, null, rule(is), "Playbook rule " + key + " added: " + rule(is) + "."));
            } else if (is == null) {
                changes.add(new Change(at, rule(was), null, "Playbook rule " + key + " removed: " + rule(was) + "."));
            } else {
                if (!Objects.equals(was.when(), is.when())) {
                    changes.add(new Change(at + ".when", condition(was.when()), condition(is.when()), "Playbook rule " + key
                            + ": when " + condition(was.when()) + " → when " + condition(is.when()) + "."));
                }
                if (was.isExpansion() != is.isExpansion()) {
                    changes.add(new Change(at + ".expansion", Boolean.toString(was.isExpansion()),
                            Boolean.toString(is.isExpansion()), "Playbook rule " + key
                            + (is.isExpansion() ? " is now an expansion rule." : " is no longer an expansion rule.")));
                }
                Action a0 = was.action();
                Action a1 = is.action();
                action(changes, at, key, "title", a0.title(), a1.title());
                action(changes, at, key, "why", a0.why(), a1.why());
                action(changes, at, key, "priority", a0.priority(), a1.priority());
                action(changes, at, key, "owner", a0.owner(), a1.owner());
            }
        }
    }

    private static void action(List<Change> changes, String at, String key, String field, String before, String after) {
        if (!Objects.equals(before, after)) {
            changes.add(new Change(at + ".action." + field, before, after,
                    "Playbook rule " + key + ": action " + field + " " + quoted(before) + " → " + quoted(after) + "."));
        }
    }

    /** Rules by id; a rule without one by its place in the playbook. */
    private static Map<String, PlaybookRule> rulesByKey(List<PlaybookRule> rules) {
        Map<String, PlaybookRule> byKey = new LinkedHashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            PlaybookRule rule = rules.get(i);
            byKey.put(rule.id() == null ? "#" + (i + 1) : rule.id(), rule);
        }
        return byKey;
    }

    private static String rule(PlaybookRule rule) {
        return "when " + condition(rule.when()) + ", " + quoted(rule.action().title())
                + (rule.action().priority() == null ? "" : " (" + rule.action().priority() + ")");
    }

    /** "band is red", "core_events_trend below -25", "engagement score below 50 and support score below 50". */
    static String condition(Condition c) {
        if (c.all() != null) {
            return c.all().stream().map(ModelDiff::condition).collect(Collectors.joining(" and "));
        }
        if (c.band() != null) {
            return "band is " + c.band();
        }
        if (c.measure() != null) {
            return c.score() != null ? c.measure() + " score " + bounds(c.score()) : c.measure() + " " + bounds(c.raw());
        }
        return c.category() + " score " + bounds(c.score());
    }

    private static String bounds(Bounds b) {
        if (b == null) {
            return "any";
        }
        List<String> parts = new ArrayList<>();
        if (b.atLeast() != null) {
            parts.add("at least " + number(b.atLeast()));
        }
        if (b.below() != null) {
            parts.add("below " + number(b.below()));
        }
        return parts.isEmpty() ? "any" : String.join(" and ", parts);
    }

    // Helpers

    private static <T> Map<String, T> byId(List<T> items, Function<T, String> id) {
        Map<String, T> map = new LinkedHashMap<>();
        items.forEach(item -> map.put(id.apply(item), item));
        return map;
    }

    private static String quoted(String text) {
        return text == null ? "none" : "\"" + text + "\"";
    }

    /** Exact, unlike the rounded numbers of explanations: a weight of 45.5 must not read as 46. */
    private static String number(Double value) {
        if (value == null) {
            return "none";
        }
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString(value.longValue())
                : java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static final ObjectMapper COMPACT = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private static String json(Object value) {
        try {
            return COMPACT.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
