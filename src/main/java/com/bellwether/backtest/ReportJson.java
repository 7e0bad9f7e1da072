package com.bellwether.backtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.bellwether.store.JsonOutput;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

/**
 * The report as report.json, one format for the command line and the workbench: snake_case names, dates as ISO
 * text, NaN (a figure without data) as null, numbers to nine decimals. An expansion report names its figures
 * for expansion (expanders, expansion_rate, confusion_at_cutoff, ...; docs/backtest.md).
 */
public final class ReportJson {

    private ReportJson() {
    }

    public static void write(BacktestReport report, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        ObjectMapper mapper = mapper();
        if (report.parameters().target() == Target.EXPANSION) {
            mapper.writeValue(file.toFile(), renamed(mapper.valueToTree(report), EXPANSION_NAMES));
        } else {
            mapper.writeValue(file.toFile(), report);
        }
    }

    /** The churn report's names and what an expansion report calls them. */
    static final Map<String, String> EXPANSION_NAMES = Map.ofEntries(
            Map.entry("churners", "expanders"),
            Map.entry("churn_rate", "expansion_rate"),
            Map.entry("churn_rate_by_band", "expansion_rate_by_band"),
            Map.entry("churn_rate_falls_by_band", "expansion_rate_rises_by_band"),
            Map.entry("confusion_red", "confusion_at_cutoff"),
            Map.entry("confusion_red_or_yellow", "confusion_green"),
            Map.entry("churn_events", "expansion_events"),
            Map.entry("churned_arr", "expanded_arr"),
            Map.entry("red_arr", "flagged_arr"),
            Map.entry("precision_red", "precision_at_cutoff"),
            Map.entry("recall_red", "recall_at_cutoff"),
            Map.entry("precision_red_diff", "precision_at_cutoff_diff"),
            Map.entry("recall_red_diff", "recall_at_cutoff_diff"));

    /** The tree with its field names replaced where the map names them, at every depth, in the same order. */
    static JsonNode renamed(JsonNode node, Map<String, String> names) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            List<String> fields = new ArrayList<>();
            object.fieldNames().forEachRemaining(fields::add);
            ObjectNode copy = object.objectNode();
            for (String field : fields) {
                copy.set(names.getOrDefault(field, field), renamed(object.get(field), names));
            }
            return copy;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                ((com.fasterxml.jackson.databind.node.ArrayNode) node).set(i, renamed(node.get(i), names));
            }
        }
        return node;
    }

    static ObjectMapper mapper() {
        return JsonOutput.mapper(9).setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    }
}
