package com.bellwether.ingest;

import java.io.IOException;
import java.util.List;

/** The rows of one input file (or one array of a JSON bundle), readable more than once. */
public interface SourceTable {

    /** The file name shown in problems. */
    String file();

    /** The column names, as found in the header. */
    List<String> columns();

    /**
     * What makes the header itself unusable (bytes that are not UTF-8, a header that is not CSV), found when the
     * table was opened; when there is any, no row is read.
     */
    default List<ImportProblem> headerProblems() {
        return List.of();
    }

    /** Streams every record to the consumer; a record that cannot even be split into fields becomes a problem. */
    void forEachRow(RowConsumer consumer, ProblemLog problems) throws IOException;

    /** Receives rows; may stop the reading by throwing {@link ImportCancelledException}. */
    @FunctionalInterface
    interface RowConsumer {
        void accept(SourceRow row);
    }
}
