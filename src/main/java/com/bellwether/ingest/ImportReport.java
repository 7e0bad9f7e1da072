package com.bellwether.ingest;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.bellwether.store.ImportRun;

/**
 * What an import did: on success the files read and records written per entity; on failure every problem
 * (the first ones of each file, with the count of the rest), and nothing written. {@code checking} is the time
 * spent reading and checking, {@code elapsed} the whole import's.
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
        Duration elapsed) {

    public long written(BundleEntity entity) {
        return written.getOrDefault(entity, 0L);
    }
}
