package com.bellwether.app;

import com.bellwether.ingest.ImportProgress;

/**
 * Syncs every source of a database (a file's path or a server's jdbc: URL), telling each step on standard output, so
 * a test can kill the process while it writes: {@code KilledSync DATABASE}.
 */
public final class KilledSync {

    private KilledSync() {
    }

    public static void main(String[] args) {
        Workspace workspace = Workspace.open(args[0]);
        SyncReport report = workspace.sync(null, new ImportProgress() {
            @Override
            public void update(String step, double fraction) {
                System.out.println(step);
                System.out.flush();
            }

            @Override
            public boolean isCancelled() {
                return false;
            }
        });
        report.sources().forEach(result -> System.out.println(result.line()));
        System.out.println("Synced");
    }
}
