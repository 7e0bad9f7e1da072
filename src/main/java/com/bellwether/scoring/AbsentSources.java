package com.bellwether.scoring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.bellwether.domain.InteractionKind;
import com.bellwether.domain.Plurals;
import com.bellwether.domain.StakeholderRole;
import com.bellwether.scoring.HealthModel.Derivation;
import com.bellwether.scoring.HealthModel.Measure;

/**
 * The measures of a model whose source is absent from a portfolio's whole data: a usage metric no row has a value
 * for, no interactions at all or none of the role or kind the measure reads, no tickets, no rated tickets, no surveys,
 * no licensed seats. Such a measure is left out of scoring as if switched off (its category re-weighted over the
 * others, its missing-data policy not applied, no playbook condition on it holding): the data cannot tell anything
 * about it, so it must not score as the worst. Absence is decided over the whole portfolio, never per account or
 * date, so an account without logins in a portfolio that has them still loses the points.
 */
public final class AbsentSources {

    /** One absent source and the switched-on measures it leaves out, in the model's order. */
    public record Absence(String source, List<String> measureIds) {

        /** "no logins in the data: 2 measures left out". */
        public String text() {
            return "no " + source + " in the data: " + Plurals.count(measureIds.size(), "measure") + " left out";
        }
    }

    private final boolean[] leftOut;
    private final List<Absence> absences;
    private final List<String> emptyCategories;

    private AbsentSources(boolean[] leftOut, List<Absence> absences, List<String> emptyCategories) {
        this.leftOut = leftOut;
        this.absences = absences;
        this.emptyCategories = emptyCategories;
    }

    /** The model's measures against the portfolio's data (cheap: the portfolio keeps what it holds). */
    public static AbsentSources of(HealthModel model, Portfolio portfolio) {
        DataSources sources = portfolio.sources();
        List<Measure> measures = model.measures();
        boolean[] leftOut = new boolean[measures.size()];
        Map<String, List<String>> bySource = new LinkedHashMap<>();
        for (int m = 0; m < leftOut.length; m++) {
            Measure measure = measures.get(m);
            String source = absentSource(measure.derive(), sources, portfolio);
            leftOut[m] = source != null;
            if (source != null && measure.weightOrOne() > 0) {
                bySource.computeIfAbsent(source, s -> new ArrayList<>()).add(measure.id());
            }
        }
        List<Absence> absences = new ArrayList<>();
        bySource.forEach((source, ids) -> absences.add(new Absence(source, List.copyOf(ids))));
        List<String> empty = new ArrayList<>();
        if (!absences.isEmpty()) {
            for (HealthModel.Category category : model.categories()) {
                boolean any = false;
                boolean all = true;
                for (int m = 0; m < leftOut.length; m++) {
                    Measure measure = measures.get(m);
                    if (measure.category().equals(category.id()) && measure.weightOrOne() > 0) {
                        any = true;
                        all &= leftOut[m];
                    }
                }
                if (any && all) {
                    empty.add(model.categoryLabel(category.id()));
                }
            }
        }
        return new AbsentSources(leftOut, List.copyOf(absences), List.copyOf(empty));
    }

    /**
     * What a measure's derivation reads that the data has none of ("logins", "interactions", "executive
     * interactions", "tickets", "CSAT ratings", "surveys", "licensed seats"), or null when the data has it.
     */
    static String absentSource(Derivation d, DataSources sources, Portfolio portfolio) {
        boolean perSeat = Boolean.TRUE.equals(d.perSeat());
        return switch (d.type()) {
            case "usage", "usage_change", "usage_slope" -> firstOf(metric(d.metric(), sources, portfolio),
                    perSeat && !sources.hasSeats() ? "licensed seats" : null);
            case "ratio" -> firstOf(metric(d.metric(), sources, portfolio), "licensed_seats".equals(d.denominator())
                    ? (sources.hasSeats() ? null : "licensed seats") : metric(d.denominator(), sources, portfolio));
            case "days_since" -> d.role() != null || d.kind() != null ? interactions(d, sources)
                    : metric(d.metric(), sources, portfolio);
            case "tickets" -> firstOf(sources.hasTickets() ? null : "tickets",
                    perSeat && !sources.hasSeats() ? "licensed seats" : null);
            case "csat" -> !sources.hasTickets() ? "tickets" : sources.hasRatedTickets() ? null : "CSAT ratings";
            case "nps" -> sources.hasSurveys() ? null : "surveys";
            case "stakeholders" -> interactions(d, sources);
            default -> null;
        };
    }

    private static String firstOf(String a, String b) {
        return a != null ? a : b;
    }

    private static String metric(String metric, DataSources sources, Portfolio portfolio) {
        return metric == null || sources.hasMetric(portfolio, metric) ? null : metric;
    }

    private static String interactions(Derivation d, DataSources sources) {
        if (!sources.hasInteractions()) {
            return "interactions";
        }
        int role = d.role() == null ? -1 : StakeholderRole.valueOf(d.role().toUpperCase(Locale.ROOT)).ordinal();
        int kind = d.kind() == null ? -1 : InteractionKind.valueOf(d.kind().toUpperCase(Locale.ROOT)).ordinal();
        if (sources.hasInteraction(role, kind)) {
            return null;
        }
        return (d.role() == null ? "" : d.role() + " ") + (d.kind() == null ? "" : d.kind() + " ") + "interactions";
    }

    /** Whether the model's m-th measure is left out. */
    public boolean leftOut(int measure) {
        return leftOut[measure];
    }

    boolean[] leftOut() {
        return leftOut;
    }

    /** Whether anything is left out. */
    public boolean any() {
        return !absences.isEmpty();
    }

    public List<Absence> absences() {
        return absences;
    }

    /** The labels of the categories none of whose switched-on measures has a source in the data. */
    public List<String> emptyCategories() {
        return emptyCategories;
    }

    /**
     * One line per absent source, naming the measures, then one per category left with none:
     * "no logins in the data: 2 measures left out (logins_trend, days_since_login)",
     * "Relationship: no measure has data in this database".
     */
    public List<String> warnings() {
        List<String> lines = new ArrayList<>();
        for (Absence absence : absences) {
            lines.add(absence.text() + " (" + String.join(", ", absence.measureIds()) + ")");
        }
        for (String category : emptyCategories) {
            lines.add(category + ": no measure has data in this database");
        }
        return lines;
    }

    /** The same in one short line for a status bar, without the measures' ids; empty when nothing is left out. */
    public String summary() {
        List<String> parts = new ArrayList<>();
        absences.forEach(a -> parts.add(a.text()));
        emptyCategories.forEach(c -> parts.add(c + ": no measure has data in this database"));
        return String.join("; ", parts);
    }
}
