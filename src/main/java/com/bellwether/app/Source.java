package com.bellwether.app;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import com.bellwether.ingest.SourceDefinition;
import com.bellwether.store.SourceStore;

/**
 * A saved source as screens and commands see it: its definition and schedule, and how fresh its data is (its latest
 * sync, its last good one, the latest day of data it brought).
 */
public record Source(String name, SourceDefinition definition, Duration every, String changedBy,
                     OffsetDateTime changedAt, SyncLine latest, OffsetDateTime lastGoodSync, LocalDate latestDataDay) {

    /** One line of the sync log. */
    public record SyncLine(long id, String source, OffsetDateTime started, OffsetDateTime finished, String result,
                           int files, long rows, Long runId, LocalDate firstDate, LocalDate lastDate, String error,
                           String by) {

        static SyncLine of(SourceStore.LogLine line) {
            return line == null ? null : new SyncLine(line.id(), line.source(), line.started(), line.finished(),
                    line.result(), line.files(), line.rows(), line.runId(), line.firstDate(), line.lastDate(),
                    line.error(), line.by());
        }

        public boolean failed() {
            return SourceStore.FAILED.equals(result);
        }
    }

    public String kind() {
        return definition.kind();
    }

    /** Where it reads, in a few words: the folder and pattern, or the server (without its settings). */
    public String where() {
        if (SourceDefinition.FOLDER.equals(definition.kind())) {
            return definition.folder() + (definition.mapping() != null ? " (mapped)" : " / " + definition.patternOrDefault());
        }
        return com.bellwether.ingest.SourcePull.redact(definition.url());
    }

    /** The schedule in words: "every 15m", or "on demand". */
    public String schedule() {
        return every == null ? "on demand" : "every " + Durations.format(every);
    }
}
