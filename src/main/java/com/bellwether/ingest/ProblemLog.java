package com.bellwether.ingest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the problems of an import, every file's, keeping the first {@value #KEPT_PER_FILE} of each file
 * and counting the rest, so a file with a million bad rows still gives a readable report.
 */
public final class ProblemLog {

    static final int KEPT_PER_FILE = 100;

    private final Map<String, List<ImportProblem>> kept = new LinkedHashMap<>();
    private final Map<String, Long> counts = new LinkedHashMap<>();

    public void add(ImportProblem problem) {
        long count = counts.merge(problem.file(), 1L, Long::sum);
        if (count <= KEPT_PER_FILE) {
            kept.computeIfAbsent(problem.file(), f -> new ArrayList<>()).add(problem);
        }
    }

    public boolean isEmpty() {
        return counts.isEmpty();
    }

    public long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    public long count(String file) {
        return counts.getOrDefault(file, 0L);
    }

    /** The problems kept, file by file in the order the files were read. */
    public List<ImportProblem> problems() {
        List<ImportProblem> all = new ArrayList<>();
        kept.values().forEach(all::addAll);
        return Collections.unmodifiableList(all);
    }

    /** Per file, how many problems were found beyond those kept. */
    public Map<String, Long> omitted() {
        Map<String, Long> omitted = new LinkedHashMap<>();
        counts.forEach((file, count) -> {
            if (count > KEPT_PER_FILE) {
                omitted.put(file, count - KEPT_PER_FILE);
            }
        });
        return omitted;
    }
}
