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
        Set<String> accounts) {

    public long written(BundleEntity entity) {
        return written.getOrDefault(entity, 0L);
    }
}
