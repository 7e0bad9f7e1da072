package com.bellwether.ui;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The milestones of the workbench's start, each with the time since the process started, written to standard error
 * when the system property {@code bellwether.timings} is true. Where the first screen's time goes.
 */
public final class StartupTrace {

    /** Linux's USER_HZ, which the kernel's interface to user space keeps at 100 on every architecture in use. */
    private static final int CLOCK_TICKS_PER_SECOND = 100;

    private static final boolean ON = Boolean.getBoolean("bellwether.timings");
    /** Worked out when first asked for, so a start without timings pays nothing for it. */
    private static final class Start {
        static final Instant PROCESS = processStart();
    }

    private StartupTrace() {
    }

    /**
     * When the process started. On Linux, from the process's start and the system's uptime, both in clock ticks
     * (ProcessHandle's start instant counts from a boot time rounded to the whole second, so it can be early by up
     * to a second); elsewhere, when the JVM started.
     */
    private static Instant processStart() {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"));
            // The fields after the command name, which is in parentheses and may hold spaces; starttime is field 22.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long startTicks = Long.parseLong(fields[19]);
            double uptime = Double.parseDouble(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/uptime")).split(" ")[0]);
            Instant now = Instant.now();
            return now.minusMillis(Math.round((uptime - startTicks / (double) CLOCK_TICKS_PER_SECOND) * 1000));
        } catch (java.io.IOException | RuntimeException e) {
            return Instant.ofEpochMilli(java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime());
        }
    }

    /** Seconds from the start of the process to now. */
    public static double secondsSinceProcessStart() {
        return Duration.between(Start.PROCESS, Instant.now()).toMillis() / 1000.0;
    }

    /** Logs a milestone with the thread it was reached on. */
    public static void mark(String milestone) {
        if (ON) {
            System.err.printf(Locale.ROOT, "[start] %6.3f s  %-28s %s%n", secondsSinceProcessStart(),
                    Thread.currentThread().getName(), milestone);
        }
    }

    /** Runs an action at the end of the next layout pulse of a scene (the pulse that shows what just changed). */
    public static void afterNextLayout(javafx.scene.Scene scene, Runnable action) {
        scene.addPostLayoutPulseListener(new Runnable() {
            @Override
            public void run() {
                scene.removePostLayoutPulseListener(this);
                action.run();
            }
        });
        javafx.application.Platform.requestNextPulse();
    }

    /** Whether milestones are logged. */
    public static boolean isOn() {
        return ON;
    }
}
