package com.bellwether.scoring;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.CRC32;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.bellwether.scoring.HealthModel.Derivation;

/**
 * Raw measure values kept in files beside the database (…/NAME.cache/), one file per measure column: the
 * expensive part of scoring a large portfolio at many dates is computed once, and a later command or start of the
 * workbench on the same data reads it back. A file is named by a digest of everything its values depend on (the
 * data's version, the measure's derivation, the portfolio's metrics, the accounts and the dates), so data or a
 * definition that changed never meets a stale file; a file whose length or checksum is wrong is recomputed and
 * written again, never trusted. After an import, a small file ({@code changes-DIGEST.txt}) names the version before
 * it and the accounts it changed: a column of that earlier version is then taken for the accounts that did not
 * change, and only the others are computed.
 */
final class MeasureCache {

    private static final Logger LOG = LoggerFactory.getLogger(MeasureCache.class);
    private static final long MAGIC = 0x42574D4541535231L; // "BWMEASR1"
    private static final int HEADER = 8 + 4 + 8;
    /** Grids smaller than this are cheaper to compute than to read. */
    static final int MIN_POINTS = 100_000;
    /** Files kept per folder: the newest, so a few models tried side by side stay cached. */
    private static final int KEEP = 128;

    private final Path folder;
    private final String dataVersion;
    private final int minPoints;
    /** The data's version before the last import, and the accounts that import changed; null when unknown. */
    private final String previousVersion;
    private final Set<String> changed;

    MeasureCache(Path folder, String dataVersion, int minPoints) {
        this(folder, dataVersion, minPoints, null, Set.of());
    }

    private MeasureCache(Path folder, String dataVersion, int minPoints, String previousVersion, Set<String> changed) {
        this.folder = folder;
        this.dataVersion = dataVersion;
        this.minPoints = minPoints;
        this.previousVersion = previousVersion;
        this.changed = changed;
    }

    /** The cache of this data, knowing what the last import changed when a changes file says so. */
    static MeasureCache of(Path folder, String dataVersion, int minPoints) {
        Path file = changesFile(folder, dataVersion);
        if (Files.isRegularFile(file)) {
            try {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                if (!lines.isEmpty()) {
                    return new MeasureCache(folder, dataVersion, minPoints, lines.get(0),
                            Set.copyOf(lines.subList(1, lines.size())));
                }
            } catch (IOException e) {
                LOG.warn("Cannot read {}; every account's measures are computed", file, e);
            }
        }
        return new MeasureCache(folder, dataVersion, minPoints);
    }

    /**
     * Records that this data is {@code previousVersion}'s with the given accounts changed (by an import), and
     * returns the cache that knows it.
     */
    MeasureCache changedSince(String previousVersion, Set<String> accounts) {
        try {
            Files.createDirectories(folder);
            try (Stream<Path> files = Files.list(folder)) {
                for (Path other : files.toList()) {
                    if (other.getFileName().toString().startsWith("changes-")) {
                        Files.deleteIfExists(other);
                    }
                }
            }
            List<String> lines = new java.util.ArrayList<>(accounts.size() + 1);
            lines.add(previousVersion);
            lines.addAll(accounts);
            Files.write(changesFile(folder, dataVersion), lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.warn("Cannot record the accounts an import changed in {}: {}", folder, e.getMessage());
        }
        return new MeasureCache(folder, dataVersion, minPoints, previousVersion, Set.copyOf(accounts));
    }

    private static Path changesFile(Path folder, String dataVersion) {
        return folder.resolve("changes-" + digest(dataVersion) + ".txt");
    }

    /** Whether the account changed since the previous version's columns were computed. */
    boolean changed(String accountId) {
        return changed.contains(accountId);
    }

    /** The folder beside a file database's …/NAME.mv.db where its columns are kept: …/NAME.cache. */
    static Path folderBeside(Path databaseFile) {
        String name = databaseFile.getFileName().toString();
        String base = name.endsWith(".mv.db") ? name.substring(0, name.length() - ".mv.db".length()) : name;
        return databaseFile.resolveSibling(base + ".cache");
    }

    static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean covers(int points) {
        return points >= minPoints;
    }

    /** The file's name for a column: a digest of what its values depend on. */
    String key(Derivation derivation, List<String> metrics, String[] accountIds, int[] days) {
        return key(dataVersion, derivation, metrics, accountIds, days);
    }

    /**
     * The same column under the data's version before the last import, when it was kept: right for every account
     * but those {@link #changed}.
     */
    Optional<double[]> readPrevious(Derivation derivation, List<String> metrics, String[] accountIds, int[] days,
                                    int points) {
        if (previousVersion == null) {
            return Optional.empty();
        }
        return read(key(previousVersion, derivation, metrics, accountIds, days), points);
    }

    /**
     * A column of the data's version before the last import over other accounts (the import added some, or some
     * came alive or ended): each account's values taken from it where it had them; {@code missing[k]} marks the
     * accounts it did not have, whose values are to be computed. Empty when no such column was kept.
     */
    Optional<double[]> readPreviousOfOtherAccounts(Derivation derivation, List<String> metrics, String[] accountIds,
                                                   int[] days, boolean[] missing) {
        if (previousVersion == null) {
            return Optional.empty();
        }
        Path shape = folder.resolve(shapeFile(previousVersion, derivation, metrics, days));
        if (!Files.isRegularFile(shape)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(shape, StandardCharsets.UTF_8);
            if (lines.isEmpty()) {
                return Optional.empty();
            }
            List<String> before = lines.subList(1, lines.size());
            Optional<double[]> column = read(lines.get(0), before.size() * days.length);
            if (column.isEmpty()) {
                return Optional.empty();
            }
            java.util.Map<String, Integer> at = new java.util.HashMap<>(before.size() * 2);
            for (int k = 0; k < before.size(); k++) {
                at.put(before.get(k), k);
            }
            double[] mapped = new double[accountIds.length * days.length];
            for (int k = 0; k < accountIds.length; k++) {
                Integer was = at.get(accountIds[k]);
                if (was == null) {
                    missing[k] = true;
                } else {
                    System.arraycopy(column.get(), was * days.length, mapped, k * days.length, days.length);
                }
            }
            return Optional.of(mapped);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot read {}; those measures are computed again", shape, e);
            return Optional.empty();
        }
    }

    /**
     * Stores a column, and beside it which accounts its rows are, under a name that leaves the accounts out: a later
     * version of the data with other accounts (an import that added one) takes the values of those it shares.
     */
    void write(String key, double[] column, Derivation derivation, List<String> metrics, String[] accountIds, int[] days) {
        write(key, column);
        try {
            List<String> lines = new java.util.ArrayList<>(accountIds.length + 1);
            lines.add(key);
            lines.addAll(java.util.Arrays.asList(accountIds));
            Path temporary = Files.createTempFile(folder, "shape", ".tmp");
            Files.write(temporary, lines, StandardCharsets.UTF_8);
            Files.move(temporary, folder.resolve(shapeFile(dataVersion, derivation, metrics, days)),
                    StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot record the accounts of a measure column in {}: {}", folder, e.getMessage());
        }
    }

    /** "shape-DIGEST.txt": the version, the derivation, the metrics and the days, not the accounts. */
    private static String shapeFile(String dataVersion, Derivation derivation, List<String> metrics, int[] days) {
        return key(dataVersion, derivation, metrics, new String[0], days).replace("measure-", "shape-")
                .replace(".bin", ".txt");
    }

    private static String key(String dataVersion, Derivation derivation, List<String> metrics, String[] accountIds,
                              int[] days) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(dataVersion.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(String.valueOf(derivation).getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(String.join("\u0001", metrics).getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            for (String id : accountIds) {
                digest.update(id.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 1);
            }
            ByteBuffer dayBytes = ByteBuffer.allocate(4 * days.length);
            dayBytes.asIntBuffer().put(days);
            digest.update(dayBytes);
            return "measure-" + HexFormat.of().formatHex(digest.digest()) + ".bin";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The column, or empty when there is none, or when the file is damaged (then it is removed). */
    Optional<double[]> read(String key, int points) {
        Path file = folder.resolve(key);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long expected = HEADER + 8L * points;
            if (channel.size() != expected) {
                throw new IOException("length " + channel.size() + " instead of " + expected);
            }
            ByteBuffer header = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, header);
            header.flip();
            long magic = header.getLong();
            int count = header.getInt();
            long checksum = header.getLong();
            if (magic != MAGIC || count != points) {
                throw new IOException("not a column of " + points + " values");
            }
            ByteBuffer body = ByteBuffer.allocateDirect(8 * points).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, body);
            body.flip();
            CRC32 crc = new CRC32();
            crc.update(body.duplicate());
            if (crc.getValue() != checksum) {
                throw new IOException("checksum does not match");
            }
            double[] column = new double[points];
            body.asDoubleBuffer().get(column);
            return Optional.of(column);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Measure cache file {} is damaged ({}); computing its values again", file, e.getMessage());
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                LOG.warn("Cannot remove the damaged measure cache file {}", file, ignored);
            }
            return Optional.empty();
        }
    }

    /** Stores a column; a failure to write only costs the next run its computation. */
    void write(String key, double[] column) {
        try {
            Files.createDirectories(folder);
            Path temporary = Files.createTempFile(folder, "column", ".tmp");
            ByteBuffer body = ByteBuffer.allocateDirect(8 * column.length).order(ByteOrder.LITTLE_ENDIAN);
            body.asDoubleBuffer().put(column);
            CRC32 crc = new CRC32();
            crc.update(body.duplicate());
            ByteBuffer header = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
            header.putLong(MAGIC).putInt(column.length).putLong(crc.getValue()).flip();
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                while (header.hasRemaining()) {
                    channel.write(header);
                }
                while (body.hasRemaining()) {
                    channel.write(body);
                }
            }
            Files.move(temporary, folder.resolve(key), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            prune();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot store measure values in {}: {}", folder, e.getMessage());
        }
    }

    private void prune() throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            Path[] all = files.filter(f -> f.getFileName().toString().startsWith("measure-")
                    && f.getFileName().toString().endsWith(".bin")
                    || f.getFileName().toString().startsWith("shape-")).toArray(Path[]::new);
            if (all.length <= KEEP) {
                return;
            }
            Arrays.sort(all, Comparator.comparingLong(MeasureCache::modified).reversed());
            for (int i = KEEP; i < all.length; i++) {
                Files.deleteIfExists(all[i]);
            }
        }
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new IOException("ends early");
            }
        }
    }
}
