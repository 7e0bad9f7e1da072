package com.bellwether.store;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * H2's lock file next to an embedded database ({@code name.lock.db}): who holds the file, and whether the lock a
 * program left when it stopped without closing is stale. In AUTO_SERVER mode the holder serves the database to
 * others on the port the lock file names, so a lock file naming a port nobody listens on belongs to a program that
 * is gone. H2 itself only learns that by waiting for the file to age (about 4 s); this class lets the next start
 * remove it at once.
 */
final class DatabaseLock {

    private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** H2's "database may be already in use" (the file is locked, or its lock file was just written). */
    private static final int ALREADY_OPEN = 90020;
    /** H2's "database is in exclusive mode" (another program is compacting or migrating it). */
    private static final int EXCLUSIVE = 90135;

    /** H2's "connection broken" (the serving program went away during the handshake). */
    private static final int CONNECTION_BROKEN = 90067;

    private final Path lockFile;

    private DatabaseLock(Path lockFile) {
        this.lockFile = lockFile;
    }

    /** The lock of the database whose file is {@code name.mv.db}. */
    static DatabaseLock of(Path databaseFile) {
        String name = databaseFile.getFileName().toString();
        String base = name.endsWith(".mv.db") ? name.substring(0, name.length() - ".mv.db".length()) : name;
        return new DatabaseLock(databaseFile.resolveSibling(base + ".lock.db"));
    }

    /** H2's words for a file another program holds or is opening. */
    private static boolean heldMessage(String message) {
        return message != null && (message.contains("Lock file recently modified")
                || message.contains("Locked by another process") || message.contains("Another process was faster")
                || message.contains("Connection refused")
                || message.contains("Error opening database") && message.contains("Concurrent update"));
    }

    /** Whether opening failed because another program holds or is opening the database. */
    static boolean isHeldElsewhere(SQLException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && (sql.getErrorCode() == ALREADY_OPEN || sql.getErrorCode() == EXCLUSIVE)) {
                return true;
            }
            // The server named in the lock file stopped as its program closed the database: open it anew. Only the
            // connection to that server counts; a file that cannot be read (not a database) is no one else's.
            if (cause instanceof java.net.SocketException || cause instanceof SQLException sql && sql.getErrorCode() == CONNECTION_BROKEN) {
                return true;
            }
            if (heldMessage(cause.getMessage())) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /**
     * Removes the lock file when it names a server nobody answers on: its program stopped without closing the
     * database. Returns whether it was removed. A lock file without a server (its holder is still starting) is left.
     */
    boolean clearIfStale() {
        Optional<Properties> held = read();
        if (held.isEmpty()) {
            return false;
        }
        Optional<InetSocketAddress> server = server(held.get());
        if (server.isEmpty() || answers(server.get())) {
            return false;
        }
        try {
            return Files.deleteIfExists(lockFile);
        } catch (IOException e) {
            return false;
        }
    }

    /** Who holds the database, for a message: "the program serving it on 127.0.0.1:9092 since 2026-12-03 08:20:11 UTC". */
    String holder() {
        Optional<Properties> held = read();
        if (held.isEmpty()) {
            return "another program";
        }
        String since;
        try {
            since = SINCE.format(Files.getLastModifiedTime(lockFile).toInstant());
        } catch (IOException e) {
            since = SINCE.format(Instant.now());
        }
        return server(held.get()).map(a -> "the program serving it on " + a.getHostString() + ":" + a.getPort())
                .orElse("another program") + " (lock file " + lockFile + ", since " + since + ")";
    }

    private Optional<Properties> read() {
        if (!Files.isRegularFile(lockFile)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(lockFile)) {
            properties.load(in);
            return Optional.of(properties);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<InetSocketAddress> server(Properties lock) {
        String server = lock.getProperty("server");
        int colon = server == null ? -1 : server.lastIndexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new InetSocketAddress(server.substring(0, colon), Integer.parseInt(server.substring(colon + 1))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean answers(InetSocketAddress address) {
        if (address.isUnresolved()) {
            return true;
        }
        try (Socket socket = new Socket()) {
            socket.connect(address, 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
