package com.bellwether.ingest;

/** The user cancelled an import; nothing was written. */
public class ImportCancelledException extends RuntimeException {

    public ImportCancelledException() {
        super("The import was cancelled; nothing was written.");
    }
}
