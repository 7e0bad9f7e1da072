package com.bellwether.cli;

import java.io.PrintWriter;
import java.util.Locale;

import com.bellwether.ingest.ImportProgress;

/**
 * A long command's progress on standard error when it runs in a terminal (output read by a program stays as it
 * was), one line at a time: a line when the step changes, and at most one every few seconds while it lasts.
 * Interrupting the command (Ctrl-C) is how to stop it; the import undoes what it wrote.
 */
final class ConsoleProgress implements ImportProgress {

    private static final long QUIET_NANOS = 5_000_000_000L;

    private final PrintWriter err;
    private final boolean shown = System.console() != null;
    private String lastKind = "";
    private long lastLine;

    ConsoleProgress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void update(String step, double fraction) {
        if (!shown) {
            return;
        }
        String kind = step.split(" ", 2)[0];
        long now = System.nanoTime();
        if (kind.equals(lastKind) && now - lastLine < QUIET_NANOS) {
            return;
        }
        lastKind = kind;
        lastLine = now;
        err.println(fraction < 0 ? step : String.format(Locale.ROOT, "%3.0f%%  %s", 100 * fraction, step));
        err.flush();
    }

    @Override
    public boolean isCancelled() {
        return false;
    }
}
