package com.bellwether.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import com.bellwether.store.SourceStore.SeenFile;
import com.fasterxml.jackson.databind.JsonNode;

import de.siegmar.fastcsv.writer.CsvWriter;

/**
 * What is new at a source, made ready to import: a folder source's files whose content the source has not imported
 * (by SHA-256), or a query source's rows past its cursor, spooled to a CSV file so the import can read them twice.
 * Nothing is written to the database here.
 */
public final class SourcePull {

    /** Rows fetched between checks for a cancel. */
    private static final int CANCEL_EVERY = 10_000;

    /**
     * What a pull found: the import to run (null when nothing is new), the files to remember once it commits, the
     * query source's cursor after it, how many files or rows it brought, and a folder of its own to delete after.
     */
    public record Pulled(BundleImporter.Request request, List<SeenFile> files, int fileCount, long rowsFetched,
                         String cursorValue, String cursorType, Path spool) {

        public boolean nothingNew() {
            return request == null;
        }

        /** Deletes the spool folder, if any. */
        public void clean() {
            if (spool != null) {
                try (Stream<Path> files = Files.walk(spool)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException e) {
                    // left for the system's temporary folder cleanup
                }
            }
        }
    }

    private SourcePull() {
    }

    // Folder sources

    /**
     * The folder's files that are new or changed since the source last imported them ({@code seen}: file name →
     * content hash). With a mapping profile, every file the profile names is read when any of them is new or changed
     * (a profile joins its files). Files whose names begin with '.' or end in .tmp or .part are being written by
     * another program and are left for the next sync.
     */
    public static Pulled folder(String sourceName, SourceDefinition definition, Map<String, String> seen)
            throws IOException {
        Path folder = Path.of(definition.folder());
        if (!Files.isDirectory(folder)) {
            throw new IOException("The source " + sourceName + " reads the folder " + folder + ", which does not exist");
        }
        MappingProfile profile = definition.mappingProfile(sourceName);
        if (profile != null) {
            return mappedFolder(sourceName, definition, folder, profile, seen);
        }
        PathMatcher matcher = folder.getFileSystem().getPathMatcher("glob:" + definition.patternOrDefault());
        List<Path> candidates;
        try (Stream<Path> listing = Files.list(folder)) {
            candidates = listing.filter(Files::isRegularFile)
                    .filter(p -> matcher.matches(p.getFileName()) && !beingWritten(p.getFileName().toString()))
                    .sorted().toList();
        }
        List<Path> fresh = new ArrayList<>();
        List<SeenFile> files = new ArrayList<>();
        Map<Path, BundleEntity> entities = new LinkedHashMap<>();
        for (Path file : candidates) {
            String name = file.getFileName().toString();
            SeenFile content = content(file);
            if (content.contentHash().equals(seen.get(name))) {
                continue;
            }
            BundleEntity entity = definition.entityOrNull() != null ? definition.entityOrNull() : entityByName(name);
            if (entity == null && !name.toLowerCase(Locale.ROOT).endsWith(".json")) {
                throw new IOException(folder.resolve(name) + ": cannot tell which entity the file holds; name it after one"
                        + " (usage-2026-12-01.csv, tickets_week48.csv) or give the source an entity. Entities: "
                        + BundleEntity.allKeys());
            }
            fresh.add(file);
            files.add(content);
            if (entity != null) {
                entities.put(file, entity);
            }
        }
        if (fresh.isEmpty()) {
            return new Pulled(null, List.of(), 0, 0, null, null, null);
        }
        BundleImporter.Request request = new BundleImporter.Request(fresh, null, null, "source " + sourceName)
                .readingAs(entities);
        return new Pulled(request, files, fresh.size(), 0, null, null, null);
    }

    private static Pulled mappedFolder(String sourceName, SourceDefinition definition, Path folder,
                                       MappingProfile profile, Map<String, String> seen) throws IOException {
        TreeSet<String> named = new TreeSet<>();
        collectFiles(definition.mapping(), named);
        List<SeenFile> files = new ArrayList<>();
        boolean changed = false;
        for (String name : named) {
            Path file = folder.resolve(name).normalize();
            if (!file.startsWith(folder.normalize())) {
                throw new IOException("The mapping of the source " + sourceName + " names " + name
                        + ", which is outside its folder " + folder);
            }
            if (!Files.isRegularFile(file)) {
                throw new IOException("The mapping of the source " + sourceName + " reads " + name + ", but " + folder
                        + " has no such file");
            }
            SeenFile content = content(file);
            files.add(new SeenFile(name, content.contentHash(), content.sizeBytes()));
            changed |= !content.contentHash().equals(seen.get(name));
        }
        if (!changed) {
            return new Pulled(null, List.of(), 0, 0, null, null, null);
        }
        BundleImporter.Request request = new BundleImporter.Request(List.of(folder), profile,
                definition.mapping().toString(), "source " + sourceName);
        return new Pulled(request, files, files.size(), 0, null, null, null);
    }

    /** Every "file" a profile names (entities and lookups alike). */
    private static void collectFiles(JsonNode node, TreeSet<String> into) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (field.getKey().equals("file") && field.getValue().isTextual()) {
                    into.add(field.getValue().asText());
                } else {
                    collectFiles(field.getValue(), into);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectFiles(child, into));
        }
    }

    private static boolean beingWritten(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.startsWith(".") || lower.endsWith(".tmp") || lower.endsWith(".part");
    }

    /**
     * The entity a file's name begins with: {@code usage-2026-12-01.csv} holds usage, {@code account_history_2.csv}
     * account history; null when none.
     */
    static BundleEntity entityByName(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (!lower.endsWith(".csv")) {
            return null;
        }
        BundleEntity found = null;
        for (BundleEntity entity : BundleEntity.values()) {
            String key = entity.key();
            if (lower.startsWith(key) && (lower.length() == key.length() + 4 || !Character.isLetter(lower.charAt(key.length())))
                    && (found == null || key.length() > found.key().length())) {
                found = entity;
            }
        }
        return found;
    }

    /** A file's SHA-256 and size. */
    static SeenFile content(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long size = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
                size += n;
            }
        }
        return new SeenFile(file.getFileName().toString(), HexFormat.of().formatHex(digest.digest()), size);
    }

    // Query sources

    /**
     * Runs a query source's query for the rows past its cursor (all of them the first time), in cursor order, and
     * spools them to a CSV file named after the source's entity.
     *
     * @param environment where the user and password variables are read (the process's environment)
     */
    public static Pulled query(String sourceName, SourceDefinition definition, String cursorValue, String cursorType,
                               Map<String, String> environment, BooleanSupplier cancelled) throws IOException {
        BundleEntity entity = definition.entityOrNull();
        String cursor = definition.cursor().trim();
        String sql = pastCursor(definition, cursorValue != null);
        Path spool = Files.createTempDirectory("bellwether-sync-");
        // Problems name this file and its line: row N of the query is line N + 1.
        Path file = spool.resolve(sourceName + "-query.csv");
        long rows = 0;
        String newCursor = cursorValue;
        String newType = cursorType;
        try (Connection connection = connect(sourceName, definition, environment)) {
            connection.setReadOnly(true);
            connection.setAutoCommit(false); // lets the PostgreSQL driver stream with a fetch size
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setFetchSize(5_000);
                if (cursorValue != null) {
                    bindCursor(statement, cursorValue, cursorType);
                }
                try (ResultSet rs = statement.executeQuery();
                     Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                     CsvWriter csv = CsvWriter.builder().build(out)) {
                    ResultSetMetaData meta = rs.getMetaData();
                    int columns = meta.getColumnCount();
                    int cursorColumn = -1;
                    String[] header = new String[columns];
                    for (int c = 1; c <= columns; c++) {
                        header[c - 1] = meta.getColumnLabel(c).toLowerCase(Locale.ROOT);
                        if (header[c - 1].equals(cursor.toLowerCase(Locale.ROOT))) {
                            cursorColumn = c;
                        }
                    }
                    if (cursorColumn < 0) {
                        throw new IOException("The query of the source " + sourceName + " has no column " + cursor
                                + " (its cursor); it has " + String.join(", ", header));
                    }
                    newType = cursorTypeOf(meta.getColumnType(cursorColumn));
                    // The cursor is the source's own bookkeeping, not data, unless it is one of the entity's columns
                    // (in wide usage every other column would read as a metric).
                    boolean keepCursor = entity.requiredColumns().contains(header[cursorColumn - 1])
                            || entity.optionalColumns().contains(header[cursorColumn - 1]);
                    int skip = keepCursor ? -1 : cursorColumn - 1;
                    csv.writeRecord(without(header, skip));
                    String[] record = new String[columns];
                    while (rs.next()) {
                        for (int c = 1; c <= columns; c++) {
                            record[c - 1] = text(rs, c, meta.getColumnType(c));
                        }
                        csv.writeRecord(without(record, skip));
                        String value = record[cursorColumn - 1];
                        if (value != null && !value.isEmpty()) {
                            newCursor = value;
                        }
                        if (++rows % CANCEL_EVERY == 0 && cancelled.getAsBoolean()) {
                            throw new ImportCancelledException();
                        }
                    }
                }
            }
            connection.rollback();
        } catch (SQLException e) {
            deleteQuietly(spool);
            throw new IOException("The source " + sourceName + " could not be read from " + redact(definition.url()) + ": "
                    + firstLine(e.getMessage(), definition.url()));
        } catch (IOException | RuntimeException e) {
            deleteQuietly(spool);
            throw e;
        }
        if (rows == 0) {
            deleteQuietly(spool);
            return new Pulled(null, List.of(), 0, 0, null, null, null);
        }
        BundleImporter.Request request = new BundleImporter.Request(List.of(file), null, null, "source " + sourceName)
                .readingAs(Map.of(file, entity));
        return new Pulled(request, List.of(), 0, rows, newCursor, newType, spool);
    }

    /** Connects as the source says; a failure names the server, never a password. */
    public static Connection connect(String sourceName, SourceDefinition definition, Map<String, String> environment)
            throws SQLException, IOException {
        Properties properties = new Properties();
        String user = definition.user();
        if (definition.userVariable() != null) {
            user = environment.get(definition.userVariable());
            if (user == null || user.isBlank()) {
                throw new IOException("The source " + sourceName + " takes its user from $" + definition.userVariable()
                        + ", which is not set");
            }
        }
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (definition.passwordVariable() != null) {
            String password = environment.get(definition.passwordVariable());
            if (password == null) {
                throw new IOException("The source " + sourceName + " takes its password from $"
                        + definition.passwordVariable() + ", which is not set");
            }
            properties.setProperty("password", password);
        } else if (definition.passwordFile() != null) {
            String password = PasswordFile.find(Path.of(definition.passwordFile()), definition.url(),
                    user == null ? System.getProperty("user.name") : user);
            if (password == null) {
                throw new IOException("The source " + sourceName + "'s password file " + definition.passwordFile()
                        + " has no line for " + redact(definition.url()) + " and user "
                        + (user == null ? System.getProperty("user.name") : user));
            }
            properties.setProperty("password", password);
        }
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("loginTimeout", "10");
        DriverManager.setLoginTimeout(10);
        return DriverManager.getConnection(definition.url(), properties);
    }

    /** Runs the query for its first rows, for a preview: the column names, then up to {@code limit} rows as text. */
    public static List<List<String>> preview(String sourceName, SourceDefinition definition, Map<String, String> environment,
                                             int limit) throws IOException {
        String sql = pastCursor(definition, false);
        try (Connection connection = connect(sourceName, definition, environment)) {
            connection.setReadOnly(true);
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setMaxRows(limit);
                try (ResultSet rs = statement.executeQuery()) {
                    ResultSetMetaData meta = rs.getMetaData();
                    List<List<String>> table = new ArrayList<>();
                    List<String> header = new ArrayList<>();
                    for (int c = 1; c <= meta.getColumnCount(); c++) {
                        header.add(meta.getColumnLabel(c).toLowerCase(Locale.ROOT));
                    }
                    table.add(header);
                    while (rs.next()) {
                        List<String> row = new ArrayList<>();
                        for (int c = 1; c <= meta.getColumnCount(); c++) {
                            row.add(text(rs, c, meta.getColumnType(c)));
                        }
                        table.add(row);
                    }
                    return table;
                }
            }
        } catch (SQLException e) {
            throw new IOException("The source " + sourceName + " could not be read from " + redact(definition.url()) + ": "
                    + firstLine(e.getMessage(), definition.url()));
        }
    }

    private static String[] without(String[] values, int skip) {
        if (skip < 0) {
            return values;
        }
        String[] kept = new String[values.length - 1];
        System.arraycopy(values, 0, kept, 0, skip);
        System.arraycopy(values, skip + 1, kept, skip, values.length - skip - 1);
        return kept;
    }

    /** The source's query in cursor order, with only the rows past a cursor given as its parameter when asked. */
    private static String pastCursor(SourceDefinition definition, boolean afterCursor) {
        String cursor = definition.cursor().trim();
        return "SELECT * FROM (" + stripSemicolon(definition.query()) + ") bellwether_source"
                + (afterCursor ? " WHERE " + cursor + " > ?" : "") + " ORDER BY " + cursor;
    }

    private static String stripSemicolon(String query) {
        String trimmed = query.trim();
        while (trimmed.endsWith(";")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1).trim();
        }
        return trimmed;
    }

    private static String cursorTypeOf(int sqlType) {
        return switch (sqlType) {
            case Types.TIMESTAMP -> "timestamp";
            case Types.TIMESTAMP_WITH_TIMEZONE -> "timestamptz";
            case Types.DATE -> "date";
            case Types.INTEGER, Types.BIGINT, Types.SMALLINT, Types.TINYINT, Types.NUMERIC, Types.DECIMAL,
                 Types.DOUBLE, Types.FLOAT, Types.REAL -> "number";
            default -> "text";
        };
    }

    private static void bindCursor(PreparedStatement statement, String value, String type) throws SQLException {
        switch (type == null ? "text" : type) {
            case "timestamp" -> statement.setTimestamp(1, Timestamp.valueOf(LocalDateTime.parse(value)));
            case "timestamptz" -> statement.setObject(1, LocalDateTime.parse(value).atOffset(java.time.ZoneOffset.UTC));
            case "date" -> statement.setObject(1, LocalDate.parse(value));
            case "number" -> statement.setBigDecimal(1, new BigDecimal(value));
            default -> statement.setString(1, value);
        }
    }

    /** A value as the canonical CSV has it: dates and times in ISO form, numbers plain. */
    private static String text(ResultSet rs, int column, int sqlType) throws SQLException {
        switch (sqlType) {
            case Types.TIMESTAMP -> {
                Timestamp value = rs.getTimestamp(column);
                return value == null ? null : value.toLocalDateTime().toString();
            }
            case Types.TIMESTAMP_WITH_TIMEZONE -> {
                OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
                return value == null ? null : value.withOffsetSameInstant(java.time.ZoneOffset.UTC).toLocalDateTime().toString();
            }
            case Types.DATE -> {
                java.sql.Date value = rs.getDate(column);
                return value == null ? null : value.toLocalDate().toString();
            }
            case Types.NUMERIC, Types.DECIMAL -> {
                BigDecimal value = rs.getBigDecimal(column);
                return value == null ? null : value.stripTrailingZeros().toPlainString();
            }
            default -> {
                return rs.getString(column);
            }
        }
    }

    /** A JDBC URL without its settings (which may carry credentials). */
    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        int settings = url.indexOf('?');
        String bare = settings < 0 ? url : url.substring(0, settings);
        return bare.replaceAll("//[^/@]*@", "//");
    }

    /** The first line of a driver's message, without the URL it may repeat (with its settings). */
    private static String firstLine(String message, String url) {
        if (message == null) {
            return "no reason given";
        }
        String line = message.split("\n")[0];
        return url == null ? line : line.replace(url, redact(url));
    }

    private static void deleteQuietly(Path folder) {
        new Pulled(null, List.of(), 0, 0, null, null, folder).clean();
    }
}
