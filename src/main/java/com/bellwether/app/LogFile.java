package com.bellwether.app;

import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;

import com.bellwether.store.DatabaseLocation;

/**
 * The log in the Bellwether home ({@code bellwether.log} beside the default database), where what went wrong is
 * written with its stack trace while screens and commands show one clear line. The workbench and the command line
 * send the log there when they start; tests never do, so they never write into a real home (their log goes to the
 * console, warnings only, as {@code logback.xml} says).
 */
public final class LogFile {

    public static final String NAME = "bellwether.log";

    private LogFile() {
    }

    /**
     * Sends every logger to the file, appending, and to nothing else, so a command's own output stays as it was.
     * Returns the file, or null when the home cannot be written (the log then stays where it was).
     */
    public static Path start() {
        Path file = DatabaseLocation.home().resolve(NAME);
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return null;
        }
        try {
            Files.createDirectories(file.getParent());
        } catch (java.io.IOException | SecurityException e) {
            LoggerFactory.getLogger(LogFile.class).warn("Cannot write the log file {}", file, e);
            return null;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n");
        encoder.start();
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(context);
        appender.setName("file");
        appender.setFile(file.toString());
        appender.setAppend(true);
        // The workbench and a scheduled command may write at once.
        appender.setPrudent(true);
        appender.setEncoder(encoder);
        appender.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        root.addAppender(appender);
        root.setLevel(Level.INFO);
        return file;
    }
}
