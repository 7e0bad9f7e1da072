package com.bellwether.sample;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link SampleGenerator#writeTo} wrote.
 *
 * @param rowsPerFile data rows (header not counted) per file name, in the order the bundle lists the files
 */
public record GenerationSummary(Map<String, Long> rowsPerFile) {

    public GenerationSummary {
        Objects.requireNonNull(rowsPerFile, "rowsPerFile");
        rowsPerFile = Collections.unmodifiableMap(new LinkedHashMap<>(rowsPerFile));
    }

    /** Data rows written to one file, 0 if the file is unknown. */
    public long rows(String fileName) {
        return rowsPerFile.getOrDefault(fileName, 0L);
    }

    /** Data rows over all files. */
    public long totalRows() {
        long total = 0;
        for (long n : rowsPerFile.values()) {
            total += n;
        }
        return total;
    }
}
