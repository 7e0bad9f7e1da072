package com.bellwether.scoring;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * A health model: measures derived from the data as of a date and scored 0–100, grouped in weighted categories,
 * with lifecycle stages that may override category weights and band cut-offs, playbook rules that map
 * conditions to actions, and the bound on CSM adjustments. Read from and written to JSON (docs/model.md).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(value = {"$comment"})
public record HealthModel(
        String name,
        Integer version,
        List<Category> categories,
        List<Measure> measures,
        Bands bands,
        StageRule stageRule,
        List<Stage> stages,
        List<PlaybookRule> playbook,
        Double adjustmentBound,
        List<AlertRule> alerts) {

    public static final List<String> STAGE_IDS = List.of("onboarding", "adoption", "growth", "renewal");

    public HealthModel {
        categories = categories == null ? List.of() : List.copyOf(categories);
        measures = measures == null ? List.of() : List.copyOf(measures);
        stages = stages == null ? List.of() : List.copyOf(stages);
        playbook = playbook == null ? List.of() : List.copyOf(playbook);
        bands = bands == null ? new Bands(40.0, 70.0) : bands;
        stageRule = stageRule == null ? new StageRule(90, 120, 365, 12) : stageRule;
        adjustmentBound = adjustmentBound == null ? 15.0 : adjustmentBound;
        alerts = alerts == null ? AlertRule.DEFAULTS : List.copyOf(alerts);
    }

    /** A category of measures and its weight in the total (weights are relative: 40/30/20/10 or 4/3/2/1 alike). */
    public record Category(String id, String label, Double weight) {
    }

    /** Red below {@code red}, yellow below {@code yellow}, green from {@code yellow} up. */
    public record Bands(Double red, Double yellow) {
    }

    /**
     * How the stage of an account without an explicit one follows from its contract dates: onboarding in the
     * first {@code onboardingDays}; renewal within {@code renewalWindowDays} of the next renewal (every
     * {@code renewalCycleMonths} from the contract start, or the account's renewal date); adoption until
     * {@code adoptionUntilDays}; growth after.
     */
    public record StageRule(Integer onboardingDays, Integer renewalWindowDays, Integer adoptionUntilDays,
                            Integer renewalCycleMonths) {
    }

    /** A lifecycle stage's label and what it overrides; what it leaves out it inherits from the model. */
    public record Stage(String id, String label, Map<String, Double> weights, Bands bands) {
    }

    /**
     * One measure. {@code derive} says how its raw value comes from the data; {@code scale} maps the raw value
     * to 0–100 through piecewise-linear points; {@code weight} is relative within the category.
     */
    public record Measure(String id, String label, String category, Derivation derive, String direction,
                          List<double[]> scale, Double weight, Missing missing, String explain) {

        public boolean higherIsBetter() {
            return !"lower_better".equals(direction);
        }

        public double weightOrOne() {
            return weight == null ? 1.0 : weight;
        }

        /** Equal measures are equal field by field, their scale's points by value (a model read twice is one model). */
        @Override
        public boolean equals(Object other) {
            return other instanceof Measure m && java.util.Objects.equals(id, m.id) && java.util.Objects.equals(label, m.label)
                    && java.util.Objects.equals(category, m.category) && java.util.Objects.equals(derive, m.derive)
                    && java.util.Objects.equals(direction, m.direction) && sameScale(scale, m.scale)
                    && java.util.Objects.equals(weight, m.weight) && java.util.Objects.equals(missing, m.missing)
                    && java.util.Objects.equals(explain, m.explain);
        }

        @Override
        public int hashCode() {
            int scaleHash = 0;
            if (scale != null) {
                for (double[] point : scale) {
                    scaleHash = 31 * scaleHash + java.util.Arrays.hashCode(point);
                }
            }
            return java.util.Objects.hash(id, label, category, derive, direction, weight, missing, explain) * 31 + scaleHash;
        }

        private static boolean sameScale(List<double[]> a, List<double[]> b) {
            if (a == null || b == null) {
                return a == b;
            }
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!java.util.Arrays.equals(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * How a raw value is derived over the {@code window} days ending at the as-of date. See docs/model.md for
     * each {@code type} and the fields it reads. A {@code usage_change} compares the window with its
     * {@code baseline}: {@code previous} (default), the {@code baselineDays} just before the window (as many days as
     * the window unless given); or {@code year_before}, the same window 52 weeks earlier, which seasons leave alone
     * (no value for an account without data then).
     */
    public record Derivation(String type, String metric, String aggregate, Integer window, Boolean perSeat,
                             String denominator, String role, String kind, List<String> priorities,
                             Boolean escalated, Boolean open, String baseline, Integer baselineDays,
                             @JsonInclude(JsonInclude.Include.NON_NULL) List<String> sources) {

        /** The baselines of a usage_change. */
        public static final List<String> BASELINES = List.of("previous", "year_before");
        /** How far back the year_before baseline lies: 52 weeks, so it holds the same weekdays as the window. */
        public static final int YEAR_DAYS = 364;

        public int windowDays() {
            return window == null ? 30 : window;
        }

        public boolean yearBefore() {
            return "year_before".equals(baseline);
        }

        /** The days a previous-period baseline spans: baselineDays, else the window's length. */
        public int baselineDaysOrWindow() {
            return baselineDays == null ? windowDays() : baselineDays;
        }
    }

    /** skip: leave the measure out and re-weight the others; fixed: score it {@code score}. */
    public record Missing(String policy, Double score) {

        public boolean skips() {
            return policy == null || policy.equals("skip");
        }
    }

    /**
     * When {@code when} holds, recommend {@code action}. A rule marked {@code expansion} recommends an expansion
     * conversation: where one holds, the account is an expansion candidate (the portfolio's candidates, the flag of
     * an expansion backtest).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PlaybookRule(String id, Condition when, Action action, Boolean expansion) {

        public boolean isExpansion() {
            return Boolean.TRUE.equals(expansion);
        }
    }

    /**
     * A condition: exactly one of band, measure (with score or raw bounds), category (with score bounds), or
     * all (every listed condition).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Condition(String band, String measure, String category, Bounds score, Bounds raw,
                            List<Condition> all) {
    }

    /** below: strictly less; atLeast: greater or equal. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Bounds(Double below, Double atLeast) {

        boolean holds(double value) {
            return !Double.isNaN(value) && (below == null || value < below) && (atLeast == null || value >= atLeast);
        }
    }

    /**
     * A recommended action. {@code why} may name measures in braces, {@code {id}} for the raw value and
     * {@code {id.score}} for the score.
     */
    public record Action(String title, String why, String priority, String owner) {
    }

    /**
     * When to raise an alert on an account, comparing it as of the evaluation date with {@code days} before:
     * {@code band_worsened} (optionally only {@code into} a band or worse), {@code score_drop} (at least
     * {@code points}), {@code playbook_matched} (a playbook rule that did not hold before now holds, optionally only
     * {@code playbookRules} or actions of {@code priorities}) or {@code adjustment_expired} (a CSM adjustment of at
     * least {@code points} expired within the days). Another firing within {@code cooldownDays} of the alert being
     * raised updates that alert instead of raising a second one. A movement of the whole portfolio (a holiday dip)
     * is not one account's news: with {@code relativeToPortfolio} a drop counts beyond the portfolio's median drop,
     * and a playbook rule newly matched for more than {@code maxShare} of the live accounts raises nothing.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AlertRule(String id, String kind, String severity, Integer days, Double points,
                            Boolean relativeToPortfolio, String into, List<String> playbookRules, List<String> priorities,
                            Double maxShare, Integer cooldownDays) {

        public static final List<String> KINDS = List.of("band_worsened", "score_drop", "playbook_matched",
                "adjustment_expired");
        public static final List<String> SEVERITIES = List.of("critical", "high", "medium", "low");

        /** The rules of a model that names none: a worsening into red, a steep drop, new urgent or high actions. */
        public static final List<AlertRule> DEFAULTS = List.of(
                new AlertRule("band-to-red", "band_worsened", "critical", 7, null, null, "red", null, null, null, 30),
                new AlertRule("score-drop", "score_drop", "high", 30, 15.0, true, null, null, null, null, 30),
                new AlertRule("new-urgent-action", "playbook_matched", "high", 7, null, null, null, null,
                        List.of("urgent", "high"), 0.1, 30),
                new AlertRule("adjustment-expired", "adjustment_expired", "low", 7, 5.0, null, null, null, null, null, 30));

        public int daysOrDefault() {
            return days == null ? ("score_drop".equals(kind) ? 30 : 7) : days;
        }

        public int cooldownOrDefault() {
            return cooldownDays == null ? 30 : cooldownDays;
        }
    }

    // Reading and writing

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    /** The model shipped as sample-data/models/default.json (also carried by the jar). */
    public static HealthModel defaultModel() {
        try (InputStream in = HealthModel.class.getResourceAsStream("/sample-data/models/default.json")) {
            if (in == null) {
                throw new IllegalStateException("The default model is missing from the application");
            }
            return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), "default.json");
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the default model: " + e.getMessage(), e);
        }
    }

    public static HealthModel read(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException(file + " is a folder; expected a model (a .json file)");
        }
        String name = file.getFileName().toString();
        return parse(com.bellwether.ingest.JsonMistakes.utf8(Files.readAllBytes(file), name, InvalidModelException::new), name);
    }

    /** Parses and checks a model; a mistake is an {@link InvalidModelException} naming the source and field. */
    public static HealthModel parse(String json, String source) {
        HealthModel model;
        try {
            model = JSON.readValue(json, HealthModel.class);
        } catch (JsonMappingException e) {
            throw new InvalidModelException(com.bellwether.ingest.JsonMistakes.mapping(source, e));
        } catch (JsonProcessingException e) {
            throw new InvalidModelException(com.bellwether.ingest.JsonMistakes.syntax(source, e));
        }
        if (model == null) {
            throw new InvalidModelException(source + ": expected a JSON object {...} describing a model");
        }
        try {
            model.check(source);
        } catch (InvalidModelException e) {
            throw new InvalidModelException(com.bellwether.ingest.JsonMistakes.locate(e.getMessage(), source, json));
        }
        return model;
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Action priorities, most urgent first. */
    public static final List<String> PRIORITIES = List.of("urgent", "high", "medium", "low");

    private static final Set<String> TYPES = Set.of("usage", "usage_change", "usage_slope", "ratio", "days_since",
            "tickets", "csat", "nps", "stakeholders", "sentiment");

    /** The entities whose texts a sentiment measure reads. */
    public static final List<String> TEXT_SOURCES = List.of("tickets", "surveys", "interactions");

    private void check(String source) {
        if (categories.isEmpty()) {
            fail(source, "categories", "at least one category");
        }
        Set<String> categoryIds = new HashSet<>();
        for (int i = 0; i < categories.size(); i++) {
            Category c = categories.get(i);
            if (c.id() == null || c.id().isBlank() || !categoryIds.add(c.id())) {
                fail(source, "categories[" + i + "].id", "a unique, non-empty id");
            }
            if (c.weight() == null || !(c.weight() >= 0)) {
                fail(source, "categories[" + i + "].weight", "a weight of 0 or more");
            }
        }
        if (categories.stream().mapToDouble(Category::weight).sum() <= 0) {
            fail(source, "categories", "the category weights must not all be 0");
        }
        if (measures.isEmpty()) {
            fail(source, "measures", "at least one measure");
        }
        Set<String> measureIds = new HashSet<>();
        for (int i = 0; i < measures.size(); i++) {
            checkMeasure(source, "measures[" + i + "]", measures.get(i), categoryIds, measureIds);
        }
        checkBands(source, "bands", bands);
        if (bands.red() == null || bands.yellow() == null) {
            fail(source, "bands", "both red and yellow cut-offs");
        }
        if (stageRule.onboardingDays() == null || stageRule.renewalWindowDays() == null
                || stageRule.adoptionUntilDays() == null || stageRule.renewalCycleMonths() == null
                || stageRule.onboardingDays() < 0 || stageRule.renewalWindowDays() < 0 || stageRule.adoptionUntilDays() < 0
                || stageRule.renewalCycleMonths() < 1) {
            fail(source, "stageRule", "onboardingDays, renewalWindowDays, adoptionUntilDays (0 or more) and"
                    + " renewalCycleMonths (1 or more) are required");
        }
        Set<String> stageIds = new HashSet<>();
        for (int i = 0; i < stages.size(); i++) {
            Stage stage = stages.get(i);
            String at = "stages[" + i + "]";
            if (stage.id() == null || !STAGE_IDS.contains(stage.id()) || !stageIds.add(stage.id())) {
                fail(source, at + ".id", "one of " + String.join(", ", STAGE_IDS) + ", each at most once");
            }
            if (stage.weights() != null) {
                stage.weights().forEach((category, weight) -> {
                    if (!categoryIds.contains(category)) {
                        fail(source, at + ".weights." + category, "a category id of this model");
                    }
                    if (weight == null || weight < 0) {
                        fail(source, at + ".weights." + category, "a weight of 0 or more");
                    }
                });
            }
            if (stage.bands() != null) {
                checkBands(source, at + ".bands", stage.bands());
                Bands effective = new Bands(stage.bands().red() == null ? bands.red() : stage.bands().red(),
                        stage.bands().yellow() == null ? bands.yellow() : stage.bands().yellow());
                checkBands(source, at + ".bands (with what it inherits)", effective);
            }
            if (stage.weights() != null) {
                boolean allZero = categories.stream().allMatch(c -> {
                    Double w = stage.weights().getOrDefault(c.id(), c.weight());
                    return w == null || w == 0;
                });
                if (allZero) {
                    fail(source, at + ".weights", "weights that are not all 0 (with what the stage inherits)");
                }
            }
        }
        for (int i = 0; i < playbook.size(); i++) {
            PlaybookRule rule = playbook.get(i);
            String at = "playbook[" + i + "]";
            if (rule.when() == null) {
                fail(source, at + ".when", "a condition");
            }
            checkCondition(source, at + ".when", rule.when(), categoryIds, measureIds);
            if (rule.action() == null || rule.action().title() == null || rule.action().title().isBlank()) {
                fail(source, at + ".action.title", "an action with a title");
            }
            if (rule.action().priority() != null && !PRIORITIES.contains(rule.action().priority())) {
                fail(source, at + ".action.priority", String.join(", ", PRIORITIES));
            }
            if (rule.isExpansion() && namesBand(rule.when(), "red")) {
                fail(source, at + ".when", "a condition that can hold outside the red band on an expansion rule"
                        + " (an account in the red is no expansion candidate)");
            }
        }
        if (adjustmentBound < 0 || adjustmentBound > 100) {
            fail(source, "adjustmentBound", "a number from 0 to 100");
        }
        Set<String> alertIds = new HashSet<>();
        Set<String> playbookIds = new HashSet<>();
        playbook.forEach(rule -> playbookIds.add(rule.id()));
        for (int i = 0; i < alerts.size(); i++) {
            checkAlert(source, "alerts[" + i + "]", alerts.get(i), alertIds, playbookIds);
        }
    }

    private static void checkAlert(String source, String at, AlertRule rule, Set<String> ids, Set<String> playbookIds) {
        if (rule == null) {
            fail(source, at, "an alert rule");
        }
        if (rule.id() == null || rule.id().isBlank() || !ids.add(rule.id())) {
            fail(source, at + ".id", "a unique, non-empty id");
        }
        if (rule.kind() == null || !AlertRule.KINDS.contains(rule.kind())) {
            fail(source, at + ".kind", String.join(", ", AlertRule.KINDS));
        }
        if (rule.severity() == null || !AlertRule.SEVERITIES.contains(rule.severity())) {
            fail(source, at + ".severity", String.join(", ", AlertRule.SEVERITIES));
        }
        if (rule.days() != null && (rule.days() < 1 || rule.days() > 366)) {
            fail(source, at + ".days", "a number of days from 1 to 366");
        }
        if (rule.cooldownDays() != null && (rule.cooldownDays() < 1 || rule.cooldownDays() > 366)) {
            fail(source, at + ".cooldownDays", "a number of days from 1 to 366");
        }
        switch (rule.kind()) {
            case "score_drop" -> {
                if (rule.points() == null || !(rule.points() > 0) || rule.points() > 100) {
                    fail(source, at + ".points", "the drop in points that raises the alert, above 0 and at most 100");
                }
            }
            case "adjustment_expired" -> {
                if (rule.points() != null && !(rule.points() >= 0)) {
                    fail(source, at + ".points", "the smallest adjustment (in points, either sign) worth an alert, 0 or more");
                }
            }
            default -> {
                if (rule.points() != null) {
                    fail(source, at + ".points", "no points: only score_drop and adjustment_expired read them");
                }
            }
        }
        if (rule.relativeToPortfolio() != null && !rule.kind().equals("score_drop")) {
            fail(source, at + ".relativeToPortfolio", "relativeToPortfolio on a score_drop rule only");
        }
        if (rule.maxShare() != null && (!rule.kind().equals("playbook_matched") || !(rule.maxShare() > 0)
                || rule.maxShare() > 1)) {
            fail(source, at + ".maxShare", "a share above 0 and at most 1, on a playbook_matched rule only");
        }
        if (rule.into() != null && (!rule.kind().equals("band_worsened") || !List.of("red", "yellow").contains(rule.into()))) {
            fail(source, at + ".into", "red or yellow, on a band_worsened rule only");
        }
        if ((rule.playbookRules() != null || rule.priorities() != null) && !rule.kind().equals("playbook_matched")) {
            fail(source, at + (rule.playbookRules() != null ? ".playbookRules" : ".priorities"),
                    "playbook filters on a playbook_matched rule only");
        }
        if (rule.playbookRules() != null) {
            for (int i = 0; i < rule.playbookRules().size(); i++) {
                if (!playbookIds.contains(rule.playbookRules().get(i))) {
                    fail(source, at + ".playbookRules[" + i + "]", "the id of one of the model's playbook rules");
                }
            }
        }
        if (rule.priorities() != null) {
            for (int i = 0; i < rule.priorities().size(); i++) {
                if (!PRIORITIES.contains(rule.priorities().get(i))) {
                    fail(source, at + ".priorities[" + i + "]", String.join(", ", PRIORITIES));
                }
            }
        }
    }

    private static void checkMeasure(String source, String at, Measure m, Set<String> categories, Set<String> ids) {
        if (m.id() == null || m.id().isBlank() || !ids.add(m.id())) {
            fail(source, at + ".id", "a unique, non-empty id");
        }
        if (m.category() == null || !categories.contains(m.category())) {
            fail(source, at + ".category", "the id of one of the model's categories");
        }
        if (m.direction() != null && !m.direction().equals("higher_better") && !m.direction().equals("lower_better")) {
            fail(source, at + ".direction", "higher_better or lower_better");
        }
        if (m.weight() != null && !(m.weight() >= 0)) {
            fail(source, at + ".weight", "a weight of 0 or more");
        }
        Derivation d = m.derive();
        if (d == null || d.type() == null || !TYPES.contains(d.type())) {
            fail(source, at + ".derive.type", "one of " + String.join(", ", new java.util.TreeSet<>(TYPES)));
        }
        if (d.window() != null && d.window() < 1) {
            fail(source, at + ".derive.window", "a number of days of 1 or more");
        }
        if (d.baseline() != null && (!d.type().equals("usage_change") || !Derivation.BASELINES.contains(d.baseline()))) {
            fail(source, at + ".derive.baseline", "previous or year_before, on a usage_change only");
        }
        if (d.baselineDays() != null && (!d.type().equals("usage_change") || d.yearBefore() || d.baselineDays() < 1
                || d.baselineDays() > 3 * Derivation.YEAR_DAYS)) {
            fail(source, at + ".derive.baselineDays", "a number of days from 1 to " + 3 * Derivation.YEAR_DAYS
                    + ", on a usage_change whose baseline is previous");
        }
        switch (d.type()) {
            case "usage", "usage_change", "usage_slope" -> requireMetric(source, at, d);
            case "ratio" -> {
                requireMetric(source, at, d);
                if (d.denominator() == null || d.denominator().isBlank()) {
                    fail(source, at + ".derive.denominator", "a usage metric or licensed_seats");
                }
            }
            case "days_since" -> {
                if (d.metric() == null && d.role() == null && d.kind() == null) {
                    fail(source, at + ".derive", "days_since needs a usage metric, or an interaction role and/or kind");
                }
            }
            case "stakeholders" -> {
                if (d.role() == null) {
                    fail(source, at + ".derive.role", "the stakeholder role to count");
                }
            }
            case "sentiment" -> {
                if (d.sources() != null && (d.sources().isEmpty() || !TEXT_SOURCES.containsAll(d.sources()))) {
                    fail(source, at + ".derive.sources", "a list of one or more of " + String.join(", ", TEXT_SOURCES));
                }
            }
            default -> {
            }
        }
        if (d.sources() != null && !"sentiment".equals(d.type())) {
            fail(source, at + ".derive.sources", "no sources: only a sentiment measure reads them");
        }
        if (d.aggregate() != null && !List.of("sum", "mean", "last", "max").contains(d.aggregate())) {
            fail(source, at + ".derive.aggregate", "sum, mean, last or max");
        }
        if (d.role() != null && !List.of("executive", "champion", "admin", "user", "other").contains(d.role())) {
            fail(source, at + ".derive.role", "executive, champion, admin, user or other");
        }
        if (d.kind() != null && !List.of("meeting", "call", "email", "qbr", "login", "event").contains(d.kind())) {
            fail(source, at + ".derive.kind", "meeting, call, email, qbr, login or event");
        }
        if (d.priorities() != null) {
            for (String p : d.priorities()) {
                if (!List.of("low", "normal", "high", "urgent").contains(p)) {
                    fail(source, at + ".derive.priorities", "low, normal, high or urgent");
                }
            }
        }
        List<double[]> scale = m.scale();
        if (scale == null || scale.size() < 2) {
            fail(source, at + ".scale", "at least two [raw, score] points");
        }
        for (int i = 0; i < scale.size(); i++) {
            double[] point = scale.get(i);
            if (point == null || point.length != 2 || point[1] < 0 || point[1] > 100) {
                fail(source, at + ".scale[" + i + "]", "a [raw, score] pair with a score from 0 to 100");
            }
            if (i > 0 && !(point[0] > scale.get(i - 1)[0])) {
                fail(source, at + ".scale[" + i + "]", "raw values in increasing order");
            }
            // The scale must agree with the direction, so a better raw value never lowers the score.
            if (i > 0 && (m.higherIsBetter() ? point[1] < scale.get(i - 1)[1] : point[1] > scale.get(i - 1)[1])) {
                fail(source, at + ".scale[" + i + "]", "scores that " + (m.higherIsBetter() ? "rise" : "fall")
                        + " with the raw value, as the direction " + (m.higherIsBetter() ? "higher_better" : "lower_better")
                        + " says");
            }
        }
        Missing missing = m.missing();
        if (missing != null && !missing.skips()) {
            if (!"fixed".equals(missing.policy())) {
                fail(source, at + ".missing.policy", "skip or fixed");
            }
            if (missing.score() == null || missing.score() < 0 || missing.score() > 100) {
                fail(source, at + ".missing.score", "a score from 0 to 100 for the fixed policy");
            }
        }
    }

    private static void requireMetric(String source, String at, Derivation d) {
        if (d.metric() == null || d.metric().isBlank()) {
            fail(source, at + ".derive.metric", "the usage metric to read, such as active_users");
        }
    }

    private static void checkBands(String source, String at, Bands bands) {
        if (bands.red() != null && (bands.red() < 0 || bands.red() > 100)) {
            fail(source, at + ".red", "a cut-off from 0 to 100");
        }
        if (bands.yellow() != null && (bands.yellow() < 0 || bands.yellow() > 100)) {
            fail(source, at + ".yellow", "a cut-off from 0 to 100");
        }
        if (bands.red() != null && bands.yellow() != null && bands.red() > bands.yellow()) {
            fail(source, at, "red at or below yellow");
        }
    }

    /** Whether the condition requires the band (alone or within an all). */
    private static boolean namesBand(Condition c, String band) {
        if (c == null) {
            return false;
        }
        if (band.equals(c.band())) {
            return true;
        }
        return c.all() != null && c.all().stream().anyMatch(inner -> namesBand(inner, band));
    }

    private static void checkCondition(String source, String at, Condition c, Set<String> categories, Set<String> measures) {
        if (c == null) {
            fail(source, at, "a condition");
        }
        int kinds = (c.band() != null ? 1 : 0) + (c.measure() != null ? 1 : 0) + (c.category() != null ? 1 : 0)
                + (c.all() != null ? 1 : 0);
        if (kinds != 1) {
            fail(source, at, "exactly one of band, measure, category or all");
        }
        if (c.band() != null && !List.of("red", "yellow", "green").contains(c.band())) {
            fail(source, at + ".band", "red, yellow or green");
        }
        if (c.measure() != null) {
            if (!measures.contains(c.measure())) {
                fail(source, at + ".measure", "the id of one of the model's measures");
            }
            if ((c.score() == null) == (c.raw() == null)) {
                fail(source, at, "a measure condition needs score or raw bounds (one of them)");
            }
        }
        if (c.category() != null) {
            if (!categories.contains(c.category())) {
                fail(source, at + ".category", "the id of one of the model's categories");
            }
            if (c.score() == null) {
                fail(source, at + ".score", "score bounds for a category condition");
            }
        }
        if (c.all() != null) {
            if (c.all().isEmpty()) {
                fail(source, at + ".all", "at least one condition");
            }
            for (int i = 0; i < c.all().size(); i++) {
                checkCondition(source, at + ".all[" + i + "]", c.all().get(i), categories, measures);
            }
        }
    }

    private static void fail(String source, String field, String expected) {
        throw new InvalidModelException(source + ": " + field + ": expected " + expected);
    }

    // Look-ups used by the engine

    /** The playbook rules marked as expansion rules, in order. */
    public List<PlaybookRule> expansionRules() {
        return playbook.stream().filter(PlaybookRule::isExpansion).toList();
    }

    public int measureIndex(String id) {
        for (int i = 0; i < measures.size(); i++) {
            if (measures.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    /** The category's label, or its id when it has none. */
    public String categoryLabel(String id) {
        for (Category c : categories) {
            if (c.id().equals(id)) {
                return c.label() == null ? id : c.label();
            }
        }
        return id;
    }

    public int categoryIndex(String id) {
        for (int i = 0; i < categories.size(); i++) {
            if (categories.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    /** Category weights of a stage: its overrides where it has them, the model's elsewhere. */
    public double[] categoryWeights(String stageId) {
        Stage stage = stage(stageId);
        double[] weights = new double[categories.size()];
        for (int i = 0; i < weights.length; i++) {
            Category category = categories.get(i);
            Double override = stage == null || stage.weights() == null ? null : stage.weights().get(category.id());
            weights[i] = override == null ? category.weight() : override;
        }
        return weights;
    }

    /** Band cut-offs of a stage, each inherited from the model unless the stage sets it. */
    public Bands bands(String stageId) {
        Stage stage = stage(stageId);
        if (stage == null || stage.bands() == null) {
            return bands;
        }
        return new Bands(stage.bands().red() == null ? bands.red() : stage.bands().red(),
                stage.bands().yellow() == null ? bands.yellow() : stage.bands().yellow());
    }

    public Stage stage(String stageId) {
        for (Stage stage : stages) {
            if (stage.id().equals(stageId)) {
                return stage;
            }
        }
        return null;
    }

    public String stageLabel(String stageId) {
        Stage stage = stage(stageId);
        return stage == null || stage.label() == null ? stageId : stage.label();
    }

    /** The stage id an explicit lifecycle stage names (by id or label), or null when it names none. */
    public String stageNamed(String name) {
        if (name == null) {
            return null;
        }
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (String id : STAGE_IDS) {
            if (id.equals(wanted) || stageLabel(id).toLowerCase(Locale.ROOT).equals(wanted)) {
                return id;
            }
        }
        return null;
    }

    /** A copy with other category weights (by id); the rest unchanged. */
    public HealthModel withCategoryWeights(Map<String, Double> weights) {
        List<Category> changed = new ArrayList<>();
        for (Category c : categories) {
            changed.add(new Category(c.id(), c.label(), weights.getOrDefault(c.id(), c.weight())));
        }
        return new HealthModel(name, version, changed, measures, bands, stageRule, stages, playbook, adjustmentBound, alerts);
    }

    /** The same model under another name and version number. */
    public HealthModel withIdentity(String newName, Integer newVersion) {
        return new HealthModel(newName, newVersion, categories, measures, bands, stageRule, stages, playbook, adjustmentBound, alerts);
    }

    /** A copy with the stage replaced (by id), or added when the model has no entry for it. */
    public HealthModel withStage(Stage changed) {
        List<Stage> next = new ArrayList<>(stages);
        int at = -1;
        for (int i = 0; i < next.size(); i++) {
            if (next.get(i).id().equals(changed.id())) {
                at = i;
            }
        }
        if (at < 0) {
            next.add(changed);
        } else {
            next.set(at, changed);
        }
        return new HealthModel(name, version, categories, measures, bands, stageRule, next, playbook, adjustmentBound, alerts);
    }

    public HealthModel withBands(Bands newBands) {
        return new HealthModel(name, version, categories, measures, newBands, stageRule, stages, playbook, adjustmentBound, alerts);
    }

    public HealthModel withMeasure(Measure measure) {
        List<Measure> changed = new ArrayList<>(measures);
        changed.set(measureIndex(measure.id()), measure);
        return new HealthModel(name, version, categories, changed, bands, stageRule, stages, playbook, adjustmentBound, alerts);
    }

    public Map<String, Double> weightsById() {
        Map<String, Double> weights = new LinkedHashMap<>();
        categories.forEach(c -> weights.put(c.id(), c.weight()));
        return weights;
    }

    /** A model file that cannot be used; the message names the source and the field. */
    public static final class InvalidModelException extends RuntimeException {
        public InvalidModelException(String message) {
            super(message);
        }
    }
}
