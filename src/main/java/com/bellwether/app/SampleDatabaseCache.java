package com.bellwether.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Ready sample databases kept between builds, each named by a digest of everything that made it: the program's
 * classes and resources (the sample's files, the migrations, the importer, the scorer), and the libraries' names
 * and sizes. A build whose inputs are unchanged copies the file instead of making it again; a change to any of them
 * gives another name. Each file is checked against the SHA-256 written beside it before it is used, so a file cut
 * short or altered is made again rather than shipped.
 */
public final class SampleDatabaseCache {

    /** Raised whenever what a sample database holds changes in a way the inputs below cannot show. */
    private static final String FORMAT = "sample-db-1";

    /** Entries kept: a few builds back, e.g. for switching branches. */
    private static final int KEPT = 4;

    /** The screens and the command line play no part in making the sample. */
    private static final List<String> NOT_INPUTS = List.of("sample-db/", "com/bellwether/ui/", "com/bellwether/cli/");

    private final Path folder;

    public SampleDatabaseCache(Path folder) {
        this.folder = folder;
    }

    /**
     * The folder from a setting: blank for the user's cache ({@code $XDG_CACHE_HOME/bellwether/sample-db}, else
     * {@code ~/.cache/bellwether/sample-db}), {@code none} for no cache (empty), else the folder named.
     */
    public static Optional<SampleDatabaseCache> fromSetting(String setting) {
        if (setting != null && setting.trim().equalsIgnoreCase("none")) {
            return Optional.empty();
        }
        if (setting != null && !setting.isBlank()) {
            return Optional.of(new SampleDatabaseCache(Path.of(setting.trim())));
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return Optional.of(new SampleDatabaseCache(base.resolve("bellwether").resolve("sample-db")));
    }

    public Path folder() {
        return folder;
    }

    /** The digest of the inputs on a class path (entries separated as the platform separates them). */
    public static String key(String classPath) throws IOException {
        MessageDigest digest = sha256();
        update(digest, FORMAT);
        List<Path> entries = new ArrayList<>();
        for (String entry : classPath.split(java.io.File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(Path.of(entry).toAbsolutePath().normalize());
            }
        }
        for (Path entry : entries) {
            if (Files.isDirectory(entry)) {
                List<Path> files;
                try (Stream<Path> walk = Files.walk(entry)) {
                    files = walk.filter(Files::isRegularFile)
                            .sorted(Comparator.comparing(file -> relative(entry, file)))
                            .toList();
                }
                for (Path file : files) {
                    String name = relative(entry, file);
                    if (NOT_INPUTS.stream().noneMatch(name::startsWith)) {
                        update(digest, name);
                        digest.update(Files.readAllBytes(file));
                    }
                }
            } else if (Files.isRegularFile(entry)) {
                // A library's release never changes under its name; its size guards against a partial download.
                update(digest, entry.getFileName() + ":" + Files.size(entry));
            }
        }
        return HexFormat.of().formatHex(digest.digest()).substring(0, 32);
    }

    /** Copies the database kept under this key to {@code target}, if there is one and it is whole; false if not. */
    public boolean restore(String key, Path target) throws IOException {
        Path file = database(key);
        Path sum = checksum(key);
        if (!Files.isRegularFile(file) || !Files.isRegularFile(sum)) {
            return false;
        }
        String expected = Files.readString(sum, StandardCharsets.US_ASCII).trim();
        if (!expected.equals(sha256(file))) {
            Files.deleteIfExists(sum);
            Files.deleteIfExists(file);
            return false;
        }
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path partial = Files.createTempFile(target.toAbsolutePath().getParent(), "sample", ".part");
        try {
            Files.copy(file, partial, StandardCopyOption.REPLACE_EXISTING);
            // Checked again as copied: what the jar carries is the file that was checked.
            if (!expected.equals(sha256(partial))) {
                return false;
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
        return true;
    }

    /** Keeps a copy of a database just made under this key, and lets the oldest entries go. */
    public void store(String key, Path made) throws IOException {
        Files.createDirectories(folder);
        Path partial = Files.createTempFile(folder, key, ".part");
        try {
            Files.copy(made, partial, StandardCopyOption.REPLACE_EXISTING);
            String sum = sha256(partial);
            Files.move(partial, database(key), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Path sumPartial = Files.createTempFile(folder, key, ".part");
            Files.writeString(sumPartial, sum + "\n", StandardCharsets.US_ASCII);
            Files.move(sumPartial, checksum(key), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
        prune();
    }

    private void prune() throws IOException {
        List<Path> kept;
        try (Stream<Path> list = Files.list(folder)) {
            kept = list.filter(file -> file.getFileName().toString().endsWith(".mv.db"))
                    .sorted(Comparator.comparing(SampleDatabaseCache::modified).reversed())
                    .toList();
        }
        for (Path old : kept.subList(Math.min(KEPT, kept.size()), kept.size())) {
            String name = old.getFileName().toString();
            Files.deleteIfExists(old);
            Files.deleteIfExists(folder.resolve(name.substring(0, name.length() - ".mv.db".length()) + ".sha256"));
        }
    }

    Path database(String key) {
        return folder.resolve(key + ".mv.db");
    }

    Path checksum(String key) {
        return folder.resolve(key + ".sha256");
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
