package com.bellwether.ui;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Whether this machine can open the workbench's window, and if not, one line saying what to install or set. The
 * window needs a display and, on Linux, GTK 3; without either JavaFX fails with a stack trace that names neither in
 * words a user could act on. No JavaFX class is touched here, so the check runs before the toolkit loads.
 */
public final class DisplayToolkit {

    /** Exit code of a workbench that cannot open its window. */
    public static final int EXIT_NO_DISPLAY = 1;

    static final String GTK_MISSING = "Bellwether needs GTK 3 to open its window: install it"
            + " (Debian, Ubuntu: apt-get install libgtk-3-0; Fedora: dnf install gtk3) and start it again";

    /** Held, as java.util.logging keeps loggers weakly and a new one would come without the filter. */
    private static final java.util.logging.Logger JAVAFX_LOG = java.util.logging.Logger.getLogger("javafx");

    private DisplayToolkit() {
    }

    /**
     * Keeps JavaFX's warning that it runs from the class path off the console: started from the jar it always
     * does, and supported so; the installed program has JavaFX in its runtime and never says it.
     */
    public static void quietClassPathWarning() {
        JAVAFX_LOG.setFilter(record -> record.getMessage() == null
                || !record.getMessage().startsWith("Unsupported JavaFX configuration"));
    }

    /** What this process lacks to open a window, before trying; empty when nothing is seen missing. */
    public static Optional<String> missingBeforeStart() {
        return missingBeforeStart(System.getProperty("os.name", ""), System.getenv(),
                System.getProperty("glass.platform"));
    }

    /**
     * The same from what it depends on: the operating system's name, the environment, and the {@code glass.platform}
     * property (Monocle draws without a display, as the tests do). Only Linux is checked: Windows and macOS always
     * have a display for a program a user starts.
     */
    static Optional<String> missingBeforeStart(String osName, Map<String, String> environment, String glassPlatform) {
        if (!osName.toLowerCase(Locale.ROOT).startsWith("linux")) {
            return Optional.empty();
        }
        if (glassPlatform != null && glassPlatform.equalsIgnoreCase("monocle")) {
            return Optional.empty();
        }
        String display = environment.get("DISPLAY");
        if (display != null && !display.isBlank()) {
            return Optional.empty();
        }
        String wayland = environment.get("WAYLAND_DISPLAY");
        if (wayland != null && !wayland.isBlank()) {
            return Optional.of("Bellwether cannot open its window: no X display (DISPLAY is not set, and the window"
                    + " needs X11 or XWayland beside Wayland); set DISPLAY, e.g. DISPLAY=:0");
        }
        return Optional.of("Bellwether cannot open its window: no display (DISPLAY is not set); start it from a"
                + " desktop session, set DISPLAY, or run it under xvfb-run; commands need none (bellwether --help)");
    }

    /**
     * One line for a failure to start the window: what to install when GTK 3 could not be loaded, which display
     * could not be opened, or else the failure's own message and where the details are.
     */
    public static String explain(Throwable failure, Map<String, String> environment, String logFile) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage() == null ? "" : cause.getMessage();
            if (message.contains("Unable to load glass GTK library")
                    || cause instanceof UnsatisfiedLinkError && message.toLowerCase(Locale.ROOT).contains("gtk")) {
                return GTK_MISSING;
            }
            if (message.contains("Unable to open DISPLAY")) {
                String display = environment.getOrDefault("DISPLAY", "");
                return "Bellwether cannot open its window: the display " + (display.isBlank() ? "" : display + " ")
                        + "cannot be opened; check that it is running and that this user may use it (DISPLAY, XAUTHORITY)";
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null || root.getMessage().isBlank()
                ? root.getClass().getSimpleName() : root.getMessage();
        return "Bellwether could not open its window: " + message
                + (logFile == null ? "" : "; the details are in " + logFile);
    }
}
