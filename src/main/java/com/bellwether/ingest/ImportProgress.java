package com.bellwether.ingest;

/** Where a long import reports its progress and asks whether it should stop. */
public interface ImportProgress {

    ImportProgress NONE = new ImportProgress() {
        @Override
        public void update(String step, double fraction) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    };

    /** @param fraction 0 to 1 of the whole import, or negative when unknown */
    void update(String step, double fraction);

    boolean isCancelled();
}
