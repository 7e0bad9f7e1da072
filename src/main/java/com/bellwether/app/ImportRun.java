package com.bellwether.app;

import java.time.OffsetDateTime;
import java.util.List;

/** A successful import as screens and commands see it: when, from where, with which mapping, and what each file gave. */
public record ImportRun(long runId, OffsetDateTime startedAt, OffsetDateTime finishedAt, String source, String mappingName,
                        String mappingJson, List<FileCount> files) {

    /** What one file (or JSON array) gave: rows read and records written for one entity. */
    public record FileCount(String fileName, String entity, long rowsRead, long rowsWritten) {
    }

    /** What each file of an import gave, as its report tells it. */
    public static List<FileCount> filesOf(com.bellwether.ingest.ImportReport report) {
        return report.files().stream().map(f -> new FileCount(f.fileName(), f.entity(), f.rowsRead(), f.rowsWritten())).toList();
    }

    static ImportRun of(com.bellwether.store.ImportRun stored) {
        return new ImportRun(stored.runId(), stored.startedAt(), stored.finishedAt(), stored.source(), stored.mappingName(),
                stored.mappingJson(), stored.files().stream()
                        .map(f -> new FileCount(f.fileName(), f.entity(), f.rowsRead(), f.rowsWritten())).toList());
    }
}
