package com.bellwether.store;

import java.time.OffsetDateTime;
import java.util.List;

/** A successful import: when, from where, with which mapping, and what each file gave. */
public record ImportRun(
        long runId,
        OffsetDateTime startedAt,
        OffsetDateTime finishedAt,
        String source,
        String mappingName,
        String mappingJson,
        List<FileCount> files) {

    /** What one file (or JSON array) gave: rows read and records written for one entity. */
    public record FileCount(String fileName, String entity, long rowsRead, long rowsWritten) {
    }
}
