package com.bellwether.backtest;

import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Two outputs compared figure by figure: JSON documents field by field and CSV files cell by cell, numbers equal to
 * a relative tolerance of 1e-9 (absolute below 1), everything else exactly. A failure lists the first differences.
 */
public final class SameFigures {

    public static final double TOLERANCE = 1e-9;

    private SameFigures() {
    }

    public static void assertSameJson(String name, JsonNode expected, JsonNode actual) {
        List<String> differences = new ArrayList<>();
        compare(name, expected, actual, differences);
        failOn(name, differences);
    }

    /** CSV text without quoted commas, as the commands write scores and points. */
    public static void assertSameCsv(String name, List<String> expected, List<String> actual) {
        List<String> differences = new ArrayList<>();
        if (expected.size() != actual.size()) {
            differences.add(name + ": " + expected.size() + " rows became " + actual.size());
        }
        for (int row = 0; row < Math.min(expected.size(), actual.size()); row++) {
            String[] e = expected.get(row).split(",", -1);
            String[] a = actual.get(row).split(",", -1);
            if (e.length != a.length) {
                differences.add(name + " line " + (row + 1) + ": " + expected.get(row) + " became " + actual.get(row));
                continue;
            }
            for (int c = 0; c < e.length; c++) {
                if (!e[c].equals(a[c]) && !numericallyEqual(e[c], a[c])) {
                    differences.add(name + " line " + (row + 1) + " column " + (c + 1) + ": " + e[c] + " became " + a[c]);
                }
            }
        }
        failOn(name, differences);
    }

    public static boolean close(double expected, double actual) {
        return Double.compare(expected, actual) == 0
                || Math.abs(expected - actual) <= TOLERANCE * Math.max(1, Math.abs(expected));
    }

    private static void failOn(String name, List<String> differences) {
        if (!differences.isEmpty()) {
            fail(differences.size() + " differences in " + name + ", the first:\n"
                    + String.join("\n", differences.subList(0, Math.min(20, differences.size()))));
        }
    }

    private static void compare(String path, JsonNode expected, JsonNode actual, List<String> differences) {
        if (expected.isNumber() && actual.isNumber()) {
            if (!close(expected.asDouble(), actual.asDouble())) {
                differences.add(path + ": expected " + expected.asDouble() + ", got " + actual.asDouble());
            }
        } else if (expected.isObject() && actual.isObject()) {
            List<String> names = new ArrayList<>();
            expected.fieldNames().forEachRemaining(names::add);
            List<String> actualNames = new ArrayList<>();
            actual.fieldNames().forEachRemaining(actualNames::add);
            // The order of fields is Jackson's to choose (it varies for computed properties); the set is not.
            if (!new TreeSet<>(names).equals(new TreeSet<>(actualNames))) {
                differences.add(path + ": fields " + names + " became " + actualNames);
                return;
            }
            for (String field : names) {
                compare(path + "." + field, expected.get(field), actual.get(field), differences);
            }
        } else if (expected.isArray() && actual.isArray()) {
            if (expected.size() != actual.size()) {
                differences.add(path + ": " + expected.size() + " elements became " + actual.size());
                return;
            }
            Iterator<JsonNode> a = actual.elements();
            int i = 0;
            for (JsonNode e : expected) {
                compare(path + "[" + i++ + "]", e, a.next(), differences);
            }
        } else if (!expected.equals(actual)) {
            differences.add(path + ": expected " + expected + ", got " + actual);
        }
    }

    private static boolean numericallyEqual(String expected, String actual) {
        try {
            return close(Double.parseDouble(expected), Double.parseDouble(actual));
        } catch (NumberFormatException notANumber) {
            return false;
        }
    }
}
