package com.bellwether.ingest;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.bellwether.store.ImportRun;

/**
 * What an import did: on success the files read and records written per entity; on failure every problem
 * (the first ones of each file, with the count of the rest), and nothing written. {@code checking} is the time
 * spent reading and checking, {@code elapsed} the whole import's. {@code accounts} holds the id of every account
 * the import gave a record of (its own row or another entity's), what has to be scored again after it.
 * {@code rowsLeftOut} gives, per file of {@code files} whose mapping filters rows, the rows its filters left out.
 */
public record ImportReport(
        boolean succeeded,
        long runId,
        List<ImportRun.FileCount> files,
        Map<BundleEntity, Long> written,
        List<ImportProblem> problems,
        long problemCount,
        Map<String, Long> omittedPerFile,
        Duration checking,
        Duration elapsed,
        Set<String> accounts,
        Map<String, Long> rowsLeftOut) {

    public ImportReport {
        rowsLeftOut = rowsLeftOut == null ? Map.of() : Map.copyOf(rowsLeftOut);
    }

    public long written(BundleEntity entity) {
        return written.getOrDefault(entity, 0L);
    }
}
