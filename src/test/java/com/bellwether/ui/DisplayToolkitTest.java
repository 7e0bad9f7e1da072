package com.bellwether.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** A machine without a display or without GTK 3 is told so in one line, never with a stack trace. */
class DisplayToolkitTest {

    @TempDir
    Path home;

    @Test
    void noDisplayOnLinuxIsSeenBeforeTheToolkitStarts() {
        assertThat(DisplayToolkit.missingBeforeStart("Linux", Map.of(), null)).hasValueSatisfying(line -> {
            assertThat(line).contains("no display").contains("DISPLAY").contains("xvfb-run");
            assertThat(line).doesNotContain("\n");
        });
        assertThat(DisplayToolkit.missingBeforeStart("Linux", Map.of("DISPLAY", " "), null)).isPresent();
        assertThat(DisplayToolkit.missingBeforeStart("Linux", Map.of("WAYLAND_DISPLAY", "wayland-0"), null))
                .hasValueSatisfying(line -> assertThat(line).contains("XWayland").contains("DISPLAY=:0"));
    }

    @Test
    void aDisplayMonocleOrAnotherSystemNeedsNoCheck() {
        assertThat(DisplayToolkit.missingBeforeStart("Linux", Map.of("DISPLAY", ":0"), null)).isEmpty();
        assertThat(DisplayToolkit.missingBeforeStart("Linux", Map.of(), "Monocle")).isEmpty();
        assertThat(DisplayToolkit.missingBeforeStart("Windows 11", Map.of(), null)).isEmpty();
        assertThat(DisplayToolkit.missingBeforeStart("Mac OS X", Map.of(), null)).isEmpty();
    }

    @Test
    void aGtkThatCannotBeLoadedNamesWhatToInstall() {
        // As JavaFX 21 throws it when libgtk-3.so.0 is missing, and as a launch wraps it.
        RuntimeException launch = new RuntimeException("Application launch failed",
                new UnsupportedOperationException("Unable to load glass GTK library."));
        String line = DisplayToolkit.explain(launch, Map.of("DISPLAY", ":0"), "/home/u/.bellwether/bellwether.log");
        assertThat(line).isEqualTo(DisplayToolkit.GTK_MISSING).contains("apt-get install libgtk-3-0");
        assertThat(DisplayToolkit.explain(new UnsatisfiedLinkError("libgtk-3.so.0: cannot open shared object file"),
                Map.of(), null)).isEqualTo(DisplayToolkit.GTK_MISSING);
    }

    @Test
    void aDisplayThatCannotBeOpenedIsNamed() {
        String line = DisplayToolkit.explain(new UnsupportedOperationException("Unable to open DISPLAY"),
                Map.of("DISPLAY", ":77"), null);
        assertThat(line).contains("the display :77 cannot be opened").contains("XAUTHORITY");
    }

    @Test
    void anyOtherFailureGivesItsOwnMessageAndTheLog() {
        String line = DisplayToolkit.explain(new RuntimeException("Exception in Application start method",
                new IllegalStateException("the settings file is unreadable")), Map.of(), "/tmp/b/bellwether.log");
        assertThat(line).isEqualTo("Bellwether could not open its window: the settings file is unreadable;"
                + " the details are in /tmp/b/bellwether.log");
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void theProgramWithoutADisplaySaysSoInOneLine() throws Exception {
        Run run = workbench(null);
        assertThat(run.exit).isEqualTo(DisplayToolkit.EXIT_NO_DISPLAY);
        assertThat(run.errorLines).hasSize(1);
        assertThat(run.errorLines.get(0)).startsWith("Bellwether cannot open its window: no display");
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void theProgramOnADisplayThatIsNotThereSaysWhichAndKeepsTheTraceInTheLog() throws Exception {
        // JavaFX itself tries the display and fails: the path a real failure of the toolkit takes.
        Run run = workbench(":97");
        assertThat(run.exit).isEqualTo(DisplayToolkit.EXIT_NO_DISPLAY);
        assertThat(run.errorLines).containsExactly("Bellwether cannot open its window: the display :97 cannot be"
                + " opened; check that it is running and that this user may use it (DISPLAY, XAUTHORITY)");
        assertThat(Files.readString(home.resolve("bellwether.log"))).contains("Unable to open DISPLAY")
                .contains("at com.sun.glass.ui.gtk.GtkApplication");
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void theScreenshotsWithoutADisplaySaySoToo() throws Exception {
        Run run = workbench(null, "screenshots", "--out", home.resolve("shots").toString());
        assertThat(run.exit).isEqualTo(DisplayToolkit.EXIT_NO_DISPLAY);
        assertThat(run.errorLines).hasSize(1);
        assertThat(run.errorLines.get(0)).contains("no display").contains("xvfb-run");
        assertThat(home.resolve("shots")).doesNotExist();
    }

    private record Run(int exit, List<String> errorLines) {
    }

    /** The program itself, as a user starts it, in a process of its own with this display (null: none). */
    private Run workbench(String display, String... arguments) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), "com.bellwether.Main"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("DISPLAY");
        builder.environment().remove("WAYLAND_DISPLAY");
        if (display != null) {
            builder.environment().put("DISPLAY", display);
        }
        builder.environment().put("BELLWETHER_HOME", home.toString());
        builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Path errors = home.resolve("stderr.txt");
        builder.redirectError(errors.toFile());
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the workbench neither opened nor stopped in 60 s");
        }
        List<String> lines = new ArrayList<>(Files.readAllLines(errors, StandardCharsets.UTF_8));
        lines.removeIf(String::isBlank);
        return new Run(process.exitValue(), lines);
    }
}
