package com.bellwether.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.bellwether.domain.Bundle;
import com.bellwether.store.BundleWriter;
import com.bellwether.store.Database;
import com.bellwether.store.ImportRun;
import com.bellwether.store.ImportRunStore;
import com.bellwether.store.StoreException;

/**
 * Imports a bundle (a folder or files of CSV, or a JSON document), optionally through a mapping profile.
 * Everything is read and checked first; only when no file has a problem is anything written, in one
 * transaction, so a failed or cancelled import leaves the database exactly as it was.
 */
public final class BundleImporter {

    /**
     * From this many records on, the file is compacted after the import: one transaction writes its pages several
     * times over before it commits, and the copies left behind then outweigh the data (measured in
     * docs/performance.md).
     */
    static final long COMPACT_AFTER_ROWS = 100_000;

    private final Database database;

    public BundleImporter(Database database) {
        this.database = database;
    }

    /**
     * What to import: folders or files, and the mapping (null for the canonical shape). The import log names the
     * source by {@code label}, or by the paths when it is null.
     */
    public record Request(List<Path> inputs, MappingProfile mapping, String mappingJson, String label) {

        public static Request canonical(Path... inputs) {
            return new Request(List.of(inputs), null, null, null);
        }

        public static Request mapped(Path folder, Path mappingFile) throws IOException {
            return new Request(List.of(folder), MappingProfile.read(mappingFile), MappingProfile.text(mappingFile), null);
        }

        public Request labelled(String label) {
            return new Request(inputs, mapping, mappingJson, label);
        }
    }

    private record Input(BundleEntity entity, SourceTable table, Map<String, String> datePatterns) {
    }

    /**
     * Runs the import.
     *
     * @throws IOException              a file cannot be read at all (missing, unreadable)
     * @throws ImportCancelledException the progress asked to stop; nothing was written
     */
    public ImportReport run(Request request, ImportProgress progress) throws IOException {
        return run(request, progress, true);
    }

    /**
     * Reads and checks like {@link #run} but never writes: the report lists the problems, or, when there are
     * none, what an import would write (with run id 0).
     */
    public ImportReport check(Request request, ImportProgress progress) throws IOException {
        return run(request, progress, false);
    }

    private ImportReport run(Request request, ImportProgress progress, boolean write) throws IOException {
        long started = System.nanoTime();
        OffsetDateTime startedAt = OffsetDateTime.now();
        ProblemLog problems = new ProblemLog();
        progress.update("Reading files", 0);
        List<Input> inputs = request.mapping() == null ? canonicalInputs(request.inputs(), problems)
                : mappedInputs(request, problems);

        BundleValidator validator = new BundleValidator(problems, existingAccountIds(), progress::isCancelled);
        List<ImportRun.FileCount> files = new ArrayList<>();
        int done = 0;
        for (Input input : inputs) {
            progress.update("Checking " + input.table().file() + " (" + input.entity().key() + ")",
                    0.6 * done++ / Math.max(1, inputs.size()));
            long before = entityRows(validator.bundle(), input.entity());
            validator.read(input.entity(), input.table(), input.datePatterns());
            files.add(new ImportRun.FileCount(input.table().file(), input.entity().key(),
                    validator.rowsRead(input.table()), entityRows(validator.bundle(), input.entity()) - before));
        }
        Duration checking = Duration.ofNanos(System.nanoTime() - started);
        if (!problems.isEmpty()) {
            return new ImportReport(false, 0, files, Map.of(), problems.problems(), problems.total(),
                    problems.omitted(), checking, checking);
        }
        if (progress.isCancelled()) {
            throw new ImportCancelledException();
        }
        Bundle bundle = validator.bundle();
        if (!write) {
            progress.update("Checked", 1);
            return new ImportReport(true, 0, files, written(bundle), List.of(), 0, Map.of(), checking, checking);
        }
        long runId = write(bundle, new ImportRun(0, startedAt, OffsetDateTime.now(),
                request.label() == null ? describe(request.inputs()) : request.label(),
                request.mapping() == null ? null : request.mapping().name(), request.mappingJson(), files), progress);
        if (bundle.size() >= COMPACT_AFTER_ROWS) {
            progress.update("Compacting the database", 0.99);
            database.compact();
        }
        progress.update("Done", 1);
        return new ImportReport(true, runId, files, written(bundle), List.of(), 0, Map.of(), checking,
                Duration.ofNanos(System.nanoTime() - started));
    }

    private static Map<BundleEntity, Long> written(Bundle bundle) {
        Map<BundleEntity, Long> written = new EnumMap<>(BundleEntity.class);
        for (BundleEntity entity : BundleEntity.values()) {
            written.put(entity, entityRows(bundle, entity));
        }
        return written;
    }

    private long write(Bundle bundle, ImportRun run, ImportProgress progress) {
        long total = Math.max(1, bundle.size());
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            try {
                new BundleWriter(connection, progress::isCancelled,
                        written -> progress.update("Writing " + written + " of " + total + " records",
                                0.6 + 0.4 * written / total))
                        .write(bundle);
                long runId = ImportRunStore.record(connection, new ImportRun(0, run.startedAt(), OffsetDateTime.now(),
                        run.source(), run.mappingName(), run.mappingJson(), run.files()));
                connection.commit();
                return runId;
            } catch (BundleWriter.CancellationException e) {
                connection.rollback();
                throw new ImportCancelledException();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("The import could not be written, nothing was changed: " + e.getMessage(), e);
        }
    }

    private Set<String> existingAccountIds() {
        Set<String> ids = new HashSet<>();
        try (Connection connection = database.connect();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT account_id FROM account")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read the accounts: " + e.getMessage(), e);
        }
        return ids;
    }

    /** Canonical files by name; accounts first, since the other files refer to them. */
    private static List<Input> canonicalInputs(List<Path> paths, ProblemLog problems) throws IOException {
        List<Input> inputs = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                List<Path> found;
                try (Stream<Path> listing = Files.list(path)) {
                    found = listing.filter(p -> isBundleFile(p.getFileName().toString())).sorted().toList();
                }
                if (found.isEmpty()) {
                    throw new IOException(path + " holds no bundle file; expected some of accounts.csv, usage.csv,"
                            + " tickets.csv, interactions.csv, surveys.csv, outcomes.csv, notes.csv, or a .json bundle");
                }
                for (Path file : found) {
                    addFile(file, inputs, problems);
                }
            } else if (Files.isRegularFile(path)) {
                addFile(path, inputs, problems);
            } else {
                throw new IOException(path + " does not exist");
            }
        }
        inputs.sort(Comparator.comparing(Input::entity));
        return inputs;
    }

    private static boolean isBundleFile(String name) {
        return BundleEntity.forFileName(name).isPresent() || name.toLowerCase(Locale.ROOT).endsWith(".json");
    }

    private static void addFile(Path file, List<Input> inputs, ProblemLog problems) throws IOException {
        String name = file.getFileName().toString();
        if (name.toLowerCase(Locale.ROOT).endsWith(".json")) {
            JsonBundleSource.read(file, problems).forEach((entity, table) -> inputs.add(new Input(entity, table, Map.of())));
            return;
        }
        var entity = BundleEntity.forFileName(name);
        if (entity.isEmpty()) {
            problems.add(ImportProblem.ofFile(name, "a file named after what it holds: "
                    + Stream.of(BundleEntity.values()).map(BundleEntity::fileName).collect(Collectors.joining(", "))
                    + ", or a .json bundle (or use a mapping profile)"));
            return;
        }
        inputs.add(new Input(entity.get(), CsvSourceTable.open(file), Map.of()));
    }

    private static List<Input> mappedInputs(Request request, ProblemLog problems) throws IOException {
        if (request.inputs().size() != 1 || !Files.isDirectory(request.inputs().get(0))) {
            throw new IOException("With a mapping profile, give the one folder that holds the files it names");
        }
        Path folder = request.inputs().get(0);
        List<Input> inputs = new ArrayList<>();
        for (var entry : request.mapping().entities().entrySet()) {
            BundleEntity entity = BundleEntity.forKey(entry.getKey()).orElseThrow();
            MappingProfile.EntityMapping mapping = entry.getValue();
            Path file = folder.resolve(mapping.file());
            if (!Files.isRegularFile(file)) {
                throw new IOException("The mapping " + request.mapping().name() + " reads " + entity.key() + " from "
                        + mapping.file() + ", but " + folder + " has no such file");
            }
            MappedTable table = new MappedTable(entity, CsvSourceTable.open(file), mapping, folder, problems);
            inputs.add(new Input(entity, table, table.datePatterns()));
        }
        inputs.sort(Comparator.comparing(Input::entity));
        return inputs;
    }

    private static String describe(List<Path> inputs) {
        return inputs.stream().map(p -> p.toAbsolutePath().normalize().toString()).collect(Collectors.joining(", "));
    }

    private static long entityRows(Bundle bundle, BundleEntity entity) {
        return switch (entity) {
            case ACCOUNTS -> bundle.accounts().size();
            case USAGE -> bundle.usage().size();
            case TICKETS -> bundle.tickets().size();
            case INTERACTIONS -> bundle.interactions().size();
            case SURVEYS -> bundle.surveys().size();
            case OUTCOMES -> bundle.outcomes().size();
            case NOTES -> bundle.notes().size();
        };
    }
}
