package com.bellwether.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;

/** The log goes to the file in the Bellwether home, appending, with a failure's stack trace. */
class LogFileTest {

    @TempDir
    Path home;

    @Test
    void theLogIsAppendedToTheFileInTheHome() throws Exception {
        Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        List<Appender<ILoggingEvent>> before = new ArrayList<>();
        root.iteratorForAppenders().forEachRemaining(before::add);
        Level level = root.getLevel();
        String was = System.getProperty("bellwether.home");
        System.setProperty("bellwether.home", home.toString());
        try {
            Files.writeString(home.resolve(LogFile.NAME), "an earlier run\n");

            Path file = LogFile.start();
            LoggerFactory.getLogger(LogFileTest.class).warn("Something failed", new IllegalStateException("the cause"));
            root.detachAndStopAllAppenders();

            assertThat(file).isEqualTo(home.resolve(LogFile.NAME));
            assertThat(Files.readString(file)).startsWith("an earlier run\n").contains("WARN", "Something failed",
                    "java.lang.IllegalStateException: the cause", "at com.bellwether.app.LogFileTest");
        } finally {
            if (was == null) {
                System.clearProperty("bellwether.home");
            } else {
                System.setProperty("bellwether.home", was);
            }
            // Back to the console as logback.xml set it, for the tests that follow.
            root.detachAndStopAllAppenders();
            before.forEach(appender -> {
                appender.start();
                root.addAppender(appender);
            });
            root.setLevel(level);
        }
    }
}
